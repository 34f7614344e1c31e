-- Signed-in sessions. The cookie holds a random token and only its hash is stored here, so a
-- copy of the database signs no one in. A session ends when idle too long (last_seen_at) or
-- at its absolute end (expires_at), whichever comes first; deleting the rows of a user signs
-- them out everywhere.
CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL DEFAULT (datetime('now')),
    last_seen_at TEXT NOT NULL DEFAULT (datetime('now')),
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins, counted per account (the email as typed, whether it exists or not, so the
-- lock reveals nothing) and per client address, to slow down and then stop guessing.
CREATE TABLE sign_in_failures (
    key TEXT NOT NULL,
    at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX sign_in_failures_key ON sign_in_failures (key, at);

-- Each photo is stored in two sizes: media_id is the large one for the product page,
-- card_media_id the small one for lists.
ALTER TABLE product_images ADD COLUMN card_media_id INTEGER REFERENCES media (id);

CREATE INDEX users_role ON users (role, display_name);
CREATE INDEX product_revisions_status_product ON product_revisions (product_id, status);
