-- A number that changes whenever anything the public pages show changes, by any writer
-- (the server, the command line, another process). The page cache compares it to know when
-- its copies are stale.

CREATE TABLE content_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO content_version (id, version) VALUES (1, 0);

CREATE TRIGGER admin_units_insert_changes_content AFTER INSERT ON admin_units BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER admin_units_update_changes_content AFTER UPDATE ON admin_units BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER admin_units_delete_changes_content AFTER DELETE ON admin_units BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER producers_insert_changes_content AFTER INSERT ON producers BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER producers_update_changes_content AFTER UPDATE ON producers BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER producers_delete_changes_content AFTER DELETE ON producers BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_insert_changes_content AFTER INSERT ON products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_update_changes_content AFTER UPDATE ON products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER products_delete_changes_content AFTER DELETE ON products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_insert_changes_content AFTER INSERT ON product_images BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_update_changes_content AFTER UPDATE ON product_images BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER product_images_delete_changes_content AFTER DELETE ON product_images BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER media_insert_changes_content AFTER INSERT ON media BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER media_update_changes_content AFTER UPDATE ON media BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER media_delete_changes_content AFTER DELETE ON media BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER certificates_insert_changes_content AFTER INSERT ON certificates BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER certificates_update_changes_content AFTER UPDATE ON certificates BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER certificates_delete_changes_content AFTER DELETE ON certificates BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER evaluations_insert_changes_content AFTER INSERT ON evaluations BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER evaluations_update_changes_content AFTER UPDATE ON evaluations BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER evaluations_delete_changes_content AFTER DELETE ON evaluations BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_insert_changes_content AFTER INSERT ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_update_changes_content AFTER UPDATE ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_delete_changes_content AFTER DELETE ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_insert_changes_content AFTER INSERT ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_update_changes_content AFTER UPDATE ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_delete_changes_content AFTER DELETE ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_insert_changes_content AFTER INSERT ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_update_changes_content AFTER UPDATE ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_delete_changes_content AFTER DELETE ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER application_products_insert_changes_content AFTER INSERT ON application_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER application_products_update_changes_content AFTER UPDATE ON application_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER application_products_delete_changes_content AFTER DELETE ON application_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_posts_insert_changes_content AFTER INSERT ON news_posts BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_posts_update_changes_content AFTER UPDATE ON news_posts BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER news_posts_delete_changes_content AFTER DELETE ON news_posts BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER slug_redirects_insert_changes_content AFTER INSERT ON slug_redirects BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER slug_redirects_update_changes_content AFTER UPDATE ON slug_redirects BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER slug_redirects_delete_changes_content AFTER DELETE ON slug_redirects BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
