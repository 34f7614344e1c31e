-- OCOP Market: the whole data model.
-- Rules that decrees change (groups, sets, star bands, score sheets) are rows, not code.
-- Money is integer VND; dates are ISO 'YYYY-MM-DD'; times are UTC 'YYYY-MM-DD HH:MM:SS'.
-- Scores are integer hundredths of a point (92.33 -> 9233) so totals add up exactly.

-- Administrative units form a tree with a validity period: the 2025 reform merged provinces
-- and communes, and reports for earlier years must still add up over the units of their time.
CREATE TABLE admin_units (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    slug         TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    level        TEXT NOT NULL CHECK (level IN ('province', 'district', 'commune')),
    kind         TEXT NOT NULL CHECK (kind IN ('province', 'city', 'town', 'district', 'ward', 'commune', 'township')),
    parent_id    INTEGER REFERENCES admin_units (id),
    valid_from   TEXT NOT NULL CHECK (date(valid_from) = valid_from),
    valid_to     TEXT CHECK (valid_to IS NULL OR (date(valid_to) = valid_to AND valid_to > valid_from)),
    successor_id INTEGER REFERENCES admin_units (id),
    CHECK ((level = 'province') = (parent_id IS NULL))
);
CREATE INDEX admin_units_parent ON admin_units (parent_id, name);

-- OCOP rules as data.
CREATE TABLE evaluation_schemes (
    id              INTEGER PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,          -- the decision, e.g. '148/QĐ-TTg'
    name            TEXT NOT NULL,
    max_a           INTEGER NOT NULL CHECK (max_a > 0),   -- hundredths
    max_b           INTEGER NOT NULL CHECK (max_b > 0),
    max_c           INTEGER NOT NULL CHECK (max_c > 0),
    validity_months INTEGER NOT NULL CHECK (validity_months > 0),
    valid_from      TEXT NOT NULL CHECK (date(valid_from) = valid_from),
    valid_to        TEXT CHECK (valid_to IS NULL OR date(valid_to) = valid_to),
    CHECK (max_a + max_b + max_c = 10000)
);

CREATE TABLE star_bands (
    stars      INTEGER PRIMARY KEY CHECK (stars BETWEEN 1 AND 5),
    min_score  INTEGER NOT NULL CHECK (min_score BETWEEN 0 AND 10000),  -- hundredths, inclusive
    max_score  INTEGER NOT NULL CHECK (max_score BETWEEN 0 AND 10000),  -- hundredths, inclusive
    certified  INTEGER NOT NULL CHECK (certified IN (0, 1)),
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    CHECK (min_score <= max_score)
);

CREATE TABLE product_groups (
    id       INTEGER PRIMARY KEY,
    code     TEXT NOT NULL UNIQUE,
    slug     TEXT NOT NULL UNIQUE,
    name_vi  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
);

CREATE TABLE product_sets (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES product_groups (id),
    code     TEXT NOT NULL UNIQUE,
    slug     TEXT NOT NULL UNIQUE,
    name_vi  TEXT NOT NULL,
    name_en  TEXT NOT NULL,
    position INTEGER NOT NULL
);
CREATE INDEX product_sets_group ON product_sets (group_id, position);

-- Uploaded files, content-addressed: the hash names the file under the data directory.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp')),
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    uploaded_by INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);

-- Economic entities ("chủ thể"). Entity type and legal facts are staff-only.
CREATE TABLE producers (
    id               INTEGER PRIMARY KEY,
    slug             TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    name             TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    entity_type      TEXT NOT NULL CHECK (entity_type IN ('enterprise', 'cooperative', 'cooperative_group', 'household')),
    description      TEXT NOT NULL DEFAULT '',
    representative   TEXT NOT NULL DEFAULT '',
    tax_code         TEXT,
    registration_no  TEXT,
    phone            TEXT,
    zalo             TEXT,
    email            TEXT,
    website          TEXT,
    address          TEXT NOT NULL DEFAULT '',
    admin_unit_id    INTEGER NOT NULL REFERENCES admin_units (id),
    latitude         REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude        REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    logo_media_id    INTEGER REFERENCES media (id),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at       TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX producers_unit ON producers (admin_unit_id);
CREATE INDEX producers_type ON producers (entity_type, name);

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (email LIKE '%_@_%'),
    display_name  TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'producer')),
    producer_id   INTEGER REFERENCES producers (id),
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL DEFAULT (datetime('now')),
    last_login_at TEXT,
    -- a producer account is bound to exactly one producer; staff accounts to none
    CHECK ((role = 'producer') = (producer_id IS NOT NULL))
);
CREATE INDEX users_producer ON users (producer_id);

-- One-time set-password links: only the hash of the token is stored.
CREATE TABLE password_tokens (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_by  INTEGER REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);
CREATE INDEX password_tokens_user ON password_tokens (user_id);

-- Products hold the approved, public version; proposed changes wait in product_revisions.
CREATE TABLE products (
    id              INTEGER PRIMARY KEY,
    slug            TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    producer_id     INTEGER NOT NULL REFERENCES producers (id),
    set_id          INTEGER NOT NULL REFERENCES product_sets (id),
    name            TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    description     TEXT NOT NULL DEFAULT '',
    ingredients     TEXT NOT NULL DEFAULT '',
    specifications  TEXT NOT NULL DEFAULT '',
    packaging       TEXT NOT NULL DEFAULT '',
    shelf_life      TEXT NOT NULL DEFAULT '',
    price_min       INTEGER CHECK (price_min IS NULL OR price_min >= 0),
    price_max       INTEGER CHECK (price_max IS NULL OR price_max >= 0),
    price_unit      TEXT NOT NULL DEFAULT '',
    where_to_buy    TEXT NOT NULL DEFAULT '',
    -- draft: not public yet; published: public; hidden: withdrawn by its producer or staff
    status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'hidden')),
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now')),
    published_at    TEXT,
    CHECK (price_min IS NULL OR price_max IS NULL OR price_min <= price_max)
);
CREATE INDEX products_producer ON products (producer_id, status);
CREATE INDEX products_set ON products (set_id, status);
CREATE INDEX products_status_published ON products (status, published_at DESC);

CREATE TABLE product_images (
    id         INTEGER PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    media_id   INTEGER NOT NULL REFERENCES media (id),
    alt_text   TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX product_images_product ON product_images (product_id, position);

-- A producer's proposed new listing or change, shown to the public only once approved.
CREATE TABLE product_revisions (
    id           INTEGER PRIMARY KEY,
    product_id   INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    proposed     TEXT NOT NULL CHECK (json_valid(proposed)),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'superseded')),
    reason       TEXT,
    submitted_by INTEGER NOT NULL REFERENCES users (id),
    submitted_at TEXT NOT NULL DEFAULT (datetime('now')),
    reviewed_by  INTEGER REFERENCES users (id),
    reviewed_at  TEXT,
    CHECK (status <> 'rejected' OR length(trim(coalesce(reason, ''))) > 0)
);
CREATE INDEX product_revisions_queue ON product_revisions (status, submitted_at);
CREATE INDEX product_revisions_product ON product_revisions (product_id, submitted_at DESC);

-- Old slugs keep working after a rename: they redirect to the current one.
CREATE TABLE slug_redirects (
    entity    TEXT NOT NULL CHECK (entity IN ('product', 'producer', 'event', 'news')),
    old_slug  TEXT NOT NULL,
    target_id INTEGER NOT NULL,
    PRIMARY KEY (entity, old_slug)
) WITHOUT ROWID;

-- The yearly OCOP cycle and its stages.
CREATE TABLE ocop_cycles (
    id        INTEGER PRIMARY KEY,
    year      INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2018 AND 2100),
    name      TEXT NOT NULL,
    scheme_id INTEGER NOT NULL REFERENCES evaluation_schemes (id),
    stage     TEXT NOT NULL CHECK (stage IN ('publicity', 'registration', 'business_plan', 'appraisal', 'evaluation', 'recognition', 'promotion', 'closed')),
    opens_on  TEXT NOT NULL CHECK (date(opens_on) = opens_on),
    closes_on TEXT CHECK (closes_on IS NULL OR (date(closes_on) = closes_on AND closes_on >= opens_on))
);

-- A product idea registered for a cycle: a new product (form 01) or an existing one (form 02).
CREATE TABLE registrations (
    id                  INTEGER PRIMARY KEY,
    cycle_id            INTEGER NOT NULL REFERENCES ocop_cycles (id),
    product_id          INTEGER NOT NULL REFERENCES products (id),
    kind                TEXT NOT NULL CHECK (kind IN ('new', 'existing')),
    registered_on       TEXT NOT NULL CHECK (date(registered_on) = registered_on),
    business_plan_on    TEXT CHECK (business_plan_on IS NULL OR date(business_plan_on) = business_plan_on),
    status              TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'plan_submitted', 'appraised', 'evaluated', 'withdrawn')),
    created_at          TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (cycle_id, product_id)
);
CREATE INDEX registrations_product ON registrations (product_id);

-- The locality's appraisal: is the product eligible to go on to evaluation?
CREATE TABLE appraisals (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL UNIQUE REFERENCES registrations (id) ON DELETE CASCADE,
    admin_unit_id   INTEGER NOT NULL REFERENCES admin_units (id),
    appraised_on    TEXT NOT NULL CHECK (date(appraised_on) = appraised_on),
    eligible        INTEGER NOT NULL CHECK (eligible IN (0, 1)),
    notes           TEXT NOT NULL DEFAULT ''
);

-- A council's evaluation: the averaged score sheet, its star, and the recognition decision.
-- The council level is data on each evaluation: who recognises what changed in 2025.
CREATE TABLE evaluations (
    id              INTEGER PRIMARY KEY,
    product_id      INTEGER NOT NULL REFERENCES products (id),
    registration_id INTEGER REFERENCES registrations (id),
    cycle_id        INTEGER NOT NULL REFERENCES ocop_cycles (id),
    scheme_id       INTEGER NOT NULL REFERENCES evaluation_schemes (id),
    council_level   TEXT NOT NULL CHECK (council_level IN ('district', 'province', 'central')),
    score_a         INTEGER NOT NULL CHECK (score_a >= 0),
    score_b         INTEGER NOT NULL CHECK (score_b >= 0),
    score_c         INTEGER NOT NULL CHECK (score_c >= 0),
    total           INTEGER NOT NULL CHECK (total BETWEEN 0 AND 10000),
    stars           INTEGER NOT NULL REFERENCES star_bands (stars),
    evaluated_on    TEXT NOT NULL CHECK (date(evaluated_on) = evaluated_on),
    decision_no     TEXT,
    decision_date   TEXT CHECK (decision_date IS NULL OR date(decision_date) = decision_date),
    CHECK (total = score_a + score_b + score_c),
    CHECK ((decision_no IS NULL) = (decision_date IS NULL))
);
CREATE INDEX evaluations_product ON evaluations (product_id, evaluated_on DESC);
CREATE INDEX evaluations_cycle ON evaluations (cycle_id, stars);

-- The score sheet's part maxima and the star bands are rules held as data: enforce them here.
CREATE TRIGGER evaluations_follow_rules BEFORE INSERT ON evaluations
BEGIN
    SELECT RAISE(ABORT, 'score part above the scheme maximum')
    WHERE EXISTS (SELECT 1 FROM evaluation_schemes s WHERE s.id = NEW.scheme_id
                  AND (NEW.score_a > s.max_a OR NEW.score_b > s.max_b OR NEW.score_c > s.max_c));
    SELECT RAISE(ABORT, 'stars do not match the star band of the total')
    WHERE NOT EXISTS (SELECT 1 FROM star_bands b WHERE b.stars = NEW.stars
                      AND NEW.total BETWEEN b.min_score AND b.max_score);
END;
CREATE TRIGGER evaluations_follow_rules_on_update BEFORE UPDATE ON evaluations
BEGIN
    SELECT RAISE(ABORT, 'score part above the scheme maximum')
    WHERE EXISTS (SELECT 1 FROM evaluation_schemes s WHERE s.id = NEW.scheme_id
                  AND (NEW.score_a > s.max_a OR NEW.score_b > s.max_b OR NEW.score_c > s.max_c));
    SELECT RAISE(ABORT, 'stars do not match the star band of the total')
    WHERE NOT EXISTS (SELECT 1 FROM star_bands b WHERE b.stars = NEW.stars
                      AND NEW.total BETWEEN b.min_score AND b.max_score);
END;

-- A certificate follows a recognised evaluation of 3 stars or more.
CREATE TABLE certificates (
    id                 INTEGER PRIMARY KEY,
    evaluation_id      INTEGER NOT NULL UNIQUE REFERENCES evaluations (id),
    product_id         INTEGER NOT NULL REFERENCES products (id),
    certificate_no     TEXT NOT NULL UNIQUE,
    stars              INTEGER NOT NULL CHECK (stars BETWEEN 3 AND 5),
    outcome            TEXT NOT NULL CHECK (outcome IN ('new', 'recertified', 'upgraded')),
    issued_on          TEXT NOT NULL CHECK (date(issued_on) = issued_on),
    expires_on         TEXT NOT NULL CHECK (date(expires_on) = expires_on AND expires_on > issued_on),
    revoked_on         TEXT CHECK (revoked_on IS NULL OR date(revoked_on) = revoked_on),
    revoke_reason      TEXT,
    expiry_notified_at TEXT,
    CHECK ((revoked_on IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX certificates_product ON certificates (product_id, issued_on DESC);
CREATE INDEX certificates_expiry ON certificates (expires_on, stars);

-- Trade fairs, exhibitions, festivals, conferences and training events.
CREATE TABLE events (
    id                   INTEGER PRIMARY KEY,
    slug                 TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    kind                 TEXT NOT NULL CHECK (kind IN ('fair', 'exhibition', 'festival', 'conference', 'training')),
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    summary              TEXT NOT NULL DEFAULT '',
    description          TEXT NOT NULL DEFAULT '',
    organiser            TEXT NOT NULL DEFAULT '',
    venue                TEXT NOT NULL DEFAULT '',
    location             TEXT NOT NULL DEFAULT '',
    admin_unit_id        INTEGER REFERENCES admin_units (id),
    starts_on            TEXT NOT NULL CHECK (date(starts_on) = starts_on),
    ends_on              TEXT NOT NULL CHECK (date(ends_on) = ends_on),
    applications_close_on TEXT CHECK (applications_close_on IS NULL OR date(applications_close_on) = applications_close_on),
    planned_booths       INTEGER CHECK (planned_booths IS NULL OR planned_booths >= 0),
    online_booths        INTEGER NOT NULL DEFAULT 0 CHECK (online_booths IN (0, 1)),
    status               TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
    created_at           TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (ends_on >= starts_on)
);
CREATE INDEX events_dates ON events (status, starts_on);

-- Booths on an event's floor plan; x/y/width/height are in grid cells of the plan.
CREATE TABLE booths (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    code        TEXT NOT NULL,
    hall        TEXT NOT NULL DEFAULT '',
    booth_type  TEXT NOT NULL DEFAULT 'standard' CHECK (booth_type IN ('standard', 'corner', 'premium', 'online')),
    price       INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),
    x           INTEGER NOT NULL DEFAULT 0,
    y           INTEGER NOT NULL DEFAULT 0,
    width       INTEGER NOT NULL DEFAULT 1 CHECK (width > 0),
    height      INTEGER NOT NULL DEFAULT 1 CHECK (height > 0),
    status      TEXT NOT NULL DEFAULT 'available' CHECK (status IN ('available', 'reserved', 'assigned', 'blocked')),
    producer_id INTEGER REFERENCES producers (id),
    UNIQUE (event_id, code),
    CHECK ((status IN ('reserved', 'assigned')) = (producer_id IS NOT NULL))
);
CREATE INDEX booths_producer ON booths (producer_id);

CREATE TABLE exhibitor_applications (
    id          INTEGER PRIMARY KEY,
    event_id    INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    producer_id INTEGER NOT NULL REFERENCES producers (id),
    booth_type  TEXT NOT NULL DEFAULT 'standard' CHECK (booth_type IN ('standard', 'corner', 'premium', 'online')),
    message     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'approved', 'rejected', 'withdrawn')),
    booth_id    INTEGER REFERENCES booths (id),
    reason      TEXT,
    decided_by  INTEGER REFERENCES users (id),
    decided_at  TEXT,
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (event_id, producer_id)
);
CREATE INDEX exhibitor_applications_producer ON exhibitor_applications (producer_id);
CREATE INDEX exhibitor_applications_queue ON exhibitor_applications (event_id, status);

-- The products an exhibitor will show at an event.
CREATE TABLE application_products (
    application_id INTEGER NOT NULL REFERENCES exhibitor_applications (id) ON DELETE CASCADE,
    product_id     INTEGER NOT NULL REFERENCES products (id),
    PRIMARY KEY (application_id, product_id)
) WITHOUT ROWID;
CREATE INDEX application_products_product ON application_products (product_id);

-- A consumer's message to a producer, kept even when no email can be sent.
CREATE TABLE inquiries (
    id          INTEGER PRIMARY KEY,
    producer_id INTEGER NOT NULL REFERENCES producers (id),
    product_id  INTEGER REFERENCES products (id),
    name        TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 100),
    phone       TEXT,
    email       TEXT,
    message     TEXT NOT NULL CHECK (length(trim(message)) BETWEEN 1 AND 2000),
    status      TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'read', 'answered', 'closed')),
    client_key  TEXT NOT NULL DEFAULT '',   -- a hash of the sender's address, for rate limiting
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (phone IS NOT NULL OR email IS NOT NULL)
);
CREATE INDEX inquiries_producer ON inquiries (producer_id, status, created_at DESC);
CREATE INDEX inquiries_client ON inquiries (client_key, created_at);

-- Mail waits here and is retried until sent.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL DEFAULT (datetime('now')),
    last_error      TEXT,
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE news_posts (
    id             INTEGER PRIMARY KEY,
    slug           TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9-]*'),
    title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
    summary        TEXT NOT NULL DEFAULT '',
    body_md        TEXT NOT NULL DEFAULT '',
    cover_media_id INTEGER REFERENCES media (id),
    status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published')),
    author_id      INTEGER REFERENCES users (id),
    published_at   TEXT,
    created_at     TEXT NOT NULL DEFAULT (datetime('now')),
    updated_at     TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX news_posts_published ON news_posts (status, published_at DESC);

-- Who changed what, when: every change by anyone.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL DEFAULT (datetime('now')),
    user_id   INTEGER REFERENCES users (id),
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    summary   TEXT NOT NULL DEFAULT '',
    before    TEXT CHECK (before IS NULL OR json_valid(before)),
    after     TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, at DESC);
CREATE INDEX audit_log_at ON audit_log (at DESC);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
