-- The office that runs the site, as its admins set it (/admin/settings): one row, read by
-- every page, feed and print. A new deployment starts with neutral words and no province; the
-- demo data sets Quảng Bình's. A change shows on the public pages, so it bumps their version.

CREATE TABLE office (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    province_vi   TEXT NOT NULL,
    province_en   TEXT NOT NULL,
    name_vi       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    short_name_vi TEXT NOT NULL,
    short_name_en TEXT NOT NULL,
    address       TEXT NOT NULL,
    phone         TEXT NOT NULL,
    email         TEXT NOT NULL,
    hours_vi      TEXT NOT NULL,
    hours_en      TEXT NOT NULL,
    -- Shown in the header in place of the word mark; kept until another replaces it.
    logo_media_id INTEGER REFERENCES media (id)
);
INSERT INTO office VALUES (1, '', '', 'Văn phòng Điều phối Chương trình OCOP',
    'OCOP Coordination Office', 'OCOP', 'OCOP', '', '', '', '', '', NULL);

CREATE TRIGGER office_update_changes_content AFTER UPDATE ON office BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
