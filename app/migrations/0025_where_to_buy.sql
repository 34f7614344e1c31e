-- Where a product is sold, the approved version the public reads (a producer's proposal waits
-- in product_revisions like every listing change): its sales points, each in a commune of
-- today, and its online listings, whose addresses are http(s) only.
CREATE TABLE sales_points (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('shop', 'market', 'roadside', 'supermarket', 'showroom')),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    unit_id INTEGER NOT NULL REFERENCES admin_units (id),
    directions TEXT CHECK (directions LIKE 'https://%' OR directions LIKE 'http://%')
);
CREATE INDEX sales_points_product ON sales_points (product_id, position);
-- The catalogue's "sold near me": the products sold in one commune.
CREATE INDEX sales_points_unit ON sales_points (unit_id, product_id);

CREATE TABLE online_listings (
    id INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('marketplace', 'own_shop', 'social')),
    label TEXT NOT NULL,
    url TEXT NOT NULL CHECK (url LIKE 'https://%' OR url LIKE 'http://%')
);
CREATE INDEX online_listings_product ON online_listings (product_id, position);

-- What the public reads changes the content: the page cache drops its entries (migration 0005).
CREATE TRIGGER sales_points_insert_changes_content AFTER INSERT ON sales_points BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sales_points_update_changes_content AFTER UPDATE ON sales_points BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER sales_points_delete_changes_content AFTER DELETE ON sales_points BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER online_listings_insert_changes_content AFTER INSERT ON online_listings BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER online_listings_update_changes_content AFTER UPDATE ON online_listings BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER online_listings_delete_changes_content AFTER DELETE ON online_listings BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
