-- Every file an account sends, a photo or a dossier file, kept or refused: the allowances count
-- these, since a refused file cost the server its decode and a replaced one its bytes, and
-- neither leaves a row elsewhere. The hourly housekeeping forgets photos' rows after a day; a
-- dossier file's row stays with its registration, whose allowance is for its whole life.
CREATE TABLE upload_attempts (
    id              INTEGER PRIMARY KEY,
    user_id         INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('photo', 'document')),
    registration_id INTEGER REFERENCES registrations (id) ON DELETE CASCADE,
    bytes           INTEGER NOT NULL CHECK (bytes >= 0),
    at              TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK ((kind = 'document') = (registration_id IS NOT NULL))
);
CREATE INDEX upload_attempts_user ON upload_attempts (user_id, kind, at);
CREATE INDEX upload_attempts_registration ON upload_attempts (registration_id) WHERE registration_id IS NOT NULL;
