-- A spreadsheet an admin brought in, kept between its dry run and its import: the dry run is
-- a page of its own (`/admin/units/imports/{id}`, `/admin/import/{id}`), read again from these
-- bytes, and the import takes exactly the file that was checked. `imported_at` says it was taken in; a file not taken
-- is removed with the other leftovers after a week (`maintenance`).
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('units', 'products')),
    file_name   TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    user_id     INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now')),
    imported_at TEXT,
    -- For each of the import's columns, the index of the file's column that holds it, as an
    -- admin matched them (JSON); NULL: by the headers' names.
    columns     TEXT
);
CREATE INDEX imports_created ON imports (created_at);

-- The former units each of today's was made from (the units page, the import's checks).
CREATE INDEX admin_units_successor ON admin_units (successor_id);
