-- Fairs, exhibitions and training run by staff: events gain their whole life (draft, published,
-- applications closed, finished, or cancelled with a reason), a cover photo, the size of their
-- floor plan, and for training a capacity and an audience. Booth types become each event's own
-- (name, size, price, what is included) instead of four fixed words; applications may wait on
-- a list; training has registrations; producers get notices in their portal.
--
-- SQLite cannot change a CHECK constraint in place, so the four tables are rebuilt: the new
-- ones are made beside the old (referring to each other by their new names), filled, the old
-- dropped children first (so no cascade reaches a copied row), and the new renamed, which
-- rewrites the references to the final names.

CREATE TABLE events_new (
    id                    INTEGER PRIMARY KEY,
    slug                  TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    kind                  TEXT NOT NULL CHECK (kind IN ('fair', 'exhibition', 'festival', 'conference', 'showroom', 'training')),
    name                  TEXT NOT NULL CHECK (length(trim(name)) > 0),
    summary               TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    organiser             TEXT NOT NULL DEFAULT '',
    venue                 TEXT NOT NULL DEFAULT '',
    -- The street address, as printed on invitations.
    location              TEXT NOT NULL DEFAULT '',
    admin_unit_id         INTEGER REFERENCES admin_units (id),
    starts_on             TEXT NOT NULL CHECK (date(starts_on) = starts_on),
    ends_on               TEXT NOT NULL CHECK (date(ends_on) = ends_on),
    applications_close_on TEXT CHECK (applications_close_on IS NULL OR date(applications_close_on) = applications_close_on),
    planned_booths        INTEGER CHECK (planned_booths IS NULL OR planned_booths >= 0),
    online_booths         INTEGER NOT NULL DEFAULT 0 CHECK (online_booths >= 0),
    status                TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'finished', 'cancelled')),
    cancel_reason         TEXT,
    cover_media_id        INTEGER REFERENCES media (id),
    -- The floor plan's size in grid cells (one cell is a metre).
    plan_width            INTEGER NOT NULL DEFAULT 30 CHECK (plan_width BETWEEN 4 AND 200),
    plan_height           INTEGER NOT NULL DEFAULT 20 CHECK (plan_height BETWEEN 4 AND 200),
    -- Training only: places, and who it is for.
    capacity              INTEGER CHECK (capacity IS NULL OR capacity > 0),
    audience              TEXT CHECK (audience IS NULL OR audience IN ('commune_staff', 'producers', 'both')),
    created_at            TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at            TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (ends_on >= starts_on),
    CHECK (applications_close_on IS NULL OR applications_close_on <= starts_on),
    CHECK ((status = 'cancelled') = (length(trim(coalesce(cancel_reason, ''))) > 0)),
    CHECK ((kind = 'training') OR (capacity IS NULL AND audience IS NULL))
);
INSERT INTO events_new (id, slug, kind, name, summary, description, organiser, venue, location, admin_unit_id,
                        starts_on, ends_on, applications_close_on, planned_booths, online_booths, status,
                        cancel_reason, created_at, updated_at)
SELECT id, slug, kind, name, summary, description, organiser, venue, location, admin_unit_id,
       starts_on, ends_on, applications_close_on, planned_booths, online_booths,
       CASE WHEN status = 'published' AND ends_on < date('now', '+7 hours') THEN 'finished' ELSE status END,
       CASE WHEN status = 'cancelled' THEN 'Đã huỷ' END, created_at, created_at
FROM events;

-- The kinds of booth an event offers.
CREATE TABLE booth_types (
    id       INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events_new (id) ON DELETE CASCADE,
    name     TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    -- Floor area in square metres; 0 for an online booth.
    size_m2  INTEGER NOT NULL DEFAULT 9 CHECK (size_m2 BETWEEN 0 AND 10000),
    price    INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
    included TEXT NOT NULL DEFAULT '',
    online   INTEGER NOT NULL DEFAULT 0 CHECK (online IN (0, 1)),
    UNIQUE (event_id, name)
);
INSERT INTO booth_types (event_id, name, size_m2, price, online)
SELECT event_id,
       CASE booth_type WHEN 'standard' THEN 'Gian tiêu chuẩn' WHEN 'corner' THEN 'Gian góc'
                       WHEN 'premium' THEN 'Gian cao cấp' ELSE 'Gian hàng trực tuyến' END,
       CASE booth_type WHEN 'online' THEN 0 ELSE coalesce(max(area), 9) END,
       coalesce(max(price), 0),
       booth_type = 'online'
FROM (SELECT event_id, booth_type, price, width * height AS area FROM booths
      UNION ALL SELECT event_id, booth_type, NULL, NULL FROM exhibitor_applications)
GROUP BY event_id, booth_type;

CREATE TABLE booths_new (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events_new (id) ON DELETE CASCADE,
    booth_type_id INTEGER NOT NULL REFERENCES booth_types (id),
    code          TEXT NOT NULL CHECK (length(trim(code)) BETWEEN 1 AND 20),
    hall          TEXT NOT NULL DEFAULT '',
    x             INTEGER NOT NULL DEFAULT 0 CHECK (x >= 0),
    y             INTEGER NOT NULL DEFAULT 0 CHECK (y >= 0),
    width         INTEGER NOT NULL DEFAULT 1 CHECK (width > 0),
    height        INTEGER NOT NULL DEFAULT 1 CHECK (height > 0),
    status        TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'assigned', 'blocked')),
    producer_id   INTEGER REFERENCES producers (id),
    UNIQUE (event_id, code),
    CHECK ((status IN ('reserved', 'assigned')) = (producer_id IS NOT NULL))
);
INSERT INTO booths_new (id, event_id, booth_type_id, code, hall, x, y, width, height, status, producer_id)
SELECT b.id, b.event_id,
       (SELECT t.id FROM booth_types t WHERE t.event_id = b.event_id AND t.name =
            CASE b.booth_type WHEN 'standard' THEN 'Gian tiêu chuẩn' WHEN 'corner' THEN 'Gian góc'
                              WHEN 'premium' THEN 'Gian cao cấp' ELSE 'Gian hàng trực tuyến' END),
       b.code, b.hall, b.x, b.y, b.width, b.height, b.status, b.producer_id
FROM booths b;

CREATE TABLE exhibitor_applications_new (
    id            INTEGER PRIMARY KEY,
    event_id      INTEGER NOT NULL REFERENCES events_new (id) ON DELETE CASCADE,
    producer_id   INTEGER NOT NULL REFERENCES producers (id),
    booth_type_id INTEGER NOT NULL REFERENCES booth_types (id),
    message       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'waitlisted', 'rejected', 'withdrawn')),
    booth_id      INTEGER REFERENCES booths_new (id),
    reason        TEXT,
    decided_by    INTEGER REFERENCES users (id),
    decided_at    TEXT,
    created_at    TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at    TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (event_id, producer_id),
    CHECK (booth_id IS NULL OR status = 'approved'),
    CHECK (status <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0)
);
INSERT INTO exhibitor_applications_new (id, event_id, producer_id, booth_type_id, message, status, booth_id, reason,
                                        decided_by, decided_at, created_at, updated_at)
SELECT a.id, a.event_id, a.producer_id,
       (SELECT t.id FROM booth_types t WHERE t.event_id = a.event_id AND t.name =
            CASE a.booth_type WHEN 'standard' THEN 'Gian tiêu chuẩn' WHEN 'corner' THEN 'Gian góc'
                              WHEN 'premium' THEN 'Gian cao cấp' ELSE 'Gian hàng trực tuyến' END),
       a.message, a.status, CASE WHEN a.status = 'approved' THEN a.booth_id END,
       CASE WHEN a.status = 'rejected' THEN coalesce(nullif(trim(a.reason), ''), 'Không đạt') ELSE a.reason END,
       a.decided_by, a.decided_at, a.created_at, coalesce(a.decided_at, a.created_at)
FROM exhibitor_applications a;

CREATE TABLE application_products_new (
    application_id INTEGER NOT NULL REFERENCES exhibitor_applications_new (id) ON DELETE CASCADE,
    product_id     INTEGER NOT NULL REFERENCES products (id),
    PRIMARY KEY (application_id, product_id)
) WITHOUT ROWID;
INSERT INTO application_products_new SELECT application_id, product_id FROM application_products;

DROP TABLE application_products;
DROP TABLE exhibitor_applications;
DROP TABLE booths;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
ALTER TABLE booths_new RENAME TO booths;
ALTER TABLE exhibitor_applications_new RENAME TO exhibitor_applications;
ALTER TABLE application_products_new RENAME TO application_products;

CREATE INDEX events_dates ON events (status, starts_on);
CREATE INDEX events_calendar ON events (starts_on, kind);
CREATE INDEX booth_types_event ON booth_types (event_id);
CREATE INDEX booths_event ON booths (event_id, status);
-- A producer holds at most one booth of an event: two assignments at once, one wins.
CREATE UNIQUE INDEX booths_one_per_producer ON booths (event_id, producer_id) WHERE producer_id IS NOT NULL;
CREATE INDEX exhibitor_applications_producer ON exhibitor_applications (producer_id);
CREATE INDEX exhibitor_applications_queue ON exhibitor_applications (event_id, status, created_at);
-- A booth goes to one application: two staff assigning it at once, one wins.
CREATE UNIQUE INDEX exhibitor_applications_booth ON exhibitor_applications (booth_id) WHERE booth_id IS NOT NULL;
CREATE INDEX application_products_product ON application_products (product_id);

-- Places at a training event: producers register themselves, staff register commune staff.
CREATE TABLE training_registrations (
    id           INTEGER PRIMARY KEY,
    event_id     INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    producer_id  INTEGER REFERENCES producers (id),
    name         TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    organisation TEXT NOT NULL DEFAULT '',
    phone        TEXT,
    email        TEXT,
    status       TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'waiting', 'cancelled')),
    attended     INTEGER CHECK (attended IS NULL OR attended IN (0, 1)),
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at   TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX training_registrations_event ON training_registrations (event_id, status, created_at, id);
CREATE UNIQUE INDEX training_registrations_producer ON training_registrations (event_id, producer_id)
    WHERE producer_id IS NOT NULL AND status <> 'cancelled';

-- What a producer is told in its portal (and by mail when mail is configured).
CREATE TABLE producer_notices (
    id          INTEGER PRIMARY KEY,
    producer_id INTEGER NOT NULL REFERENCES producers (id),
    event_id    INTEGER REFERENCES events (id) ON DELETE CASCADE,
    text_vi     TEXT NOT NULL,
    text_en     TEXT NOT NULL,
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX producer_notices_producer ON producer_notices (producer_id, created_at DESC);

CREATE TRIGGER events_insert_changes_content AFTER INSERT ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_update_changes_content AFTER UPDATE ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER events_delete_changes_content AFTER DELETE ON events BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booth_types_insert_changes_content AFTER INSERT ON booth_types BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booth_types_update_changes_content AFTER UPDATE ON booth_types BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booth_types_delete_changes_content AFTER DELETE ON booth_types BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_insert_changes_content AFTER INSERT ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_update_changes_content AFTER UPDATE ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER booths_delete_changes_content AFTER DELETE ON booths BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_insert_changes_content AFTER INSERT ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_update_changes_content AFTER UPDATE ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER exhibitor_applications_delete_changes_content AFTER DELETE ON exhibitor_applications BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER application_products_insert_changes_content AFTER INSERT ON application_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER application_products_delete_changes_content AFTER DELETE ON application_products BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER training_registrations_insert_changes_content AFTER INSERT ON training_registrations BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER training_registrations_update_changes_content AFTER UPDATE ON training_registrations BEGIN UPDATE content_version SET version = version + 1 WHERE id = 1; END;
