-- Staff write the news: each post may carry tags and name the products and events it is
-- about. A post is public when it is published and its publication time has come; a later
-- time is a scheduled post, which the public queries leave out until then.

CREATE TABLE news_tags (
    post_id INTEGER NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL CHECK (tag IN ('publicity', 'training', 'trade_promotion', 'cycle')),
    PRIMARY KEY (post_id, tag)
) WITHOUT ROWID;
CREATE INDEX news_tags_by_tag ON news_tags (tag, post_id);

CREATE TABLE news_products (
    post_id    INTEGER NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    position   INTEGER NOT NULL,
    PRIMARY KEY (post_id, product_id)
) WITHOUT ROWID;
CREATE INDEX news_products_by_product ON news_products (product_id, post_id);

CREATE TABLE news_events (
    post_id  INTEGER NOT NULL REFERENCES news_posts (id) ON DELETE CASCADE,
    event_id INTEGER NOT NULL REFERENCES events (id),
    position INTEGER NOT NULL,
    PRIMARY KEY (post_id, event_id)
) WITHOUT ROWID;
CREATE INDEX news_events_by_event ON news_events (event_id, post_id);

-- Staff find their drafts and scheduled posts by when they were last touched.
CREATE INDEX news_posts_updated ON news_posts (updated_at DESC);

CREATE TRIGGER news_tags_insert_changes_content AFTER INSERT ON news_tags BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_tags_delete_changes_content AFTER DELETE ON news_tags BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_products_insert_changes_content AFTER INSERT ON news_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_products_delete_changes_content AFTER DELETE ON news_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_events_insert_changes_content AFTER INSERT ON news_events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_events_delete_changes_content AFTER DELETE ON news_events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
