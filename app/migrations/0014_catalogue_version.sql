-- A number that changes with every change to the catalogue's rows, by any writer. The
-- server keeps the rows' facets and orders in memory to rank and count search matches
-- (store::catalogue::Memory) and reads them again when this number has moved.

CREATE TABLE catalogue_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL
);
INSERT INTO catalogue_version (id, version) VALUES (1, 0);

CREATE TRIGGER catalogue_insert_changes_version AFTER INSERT ON catalogue BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalogue_update_changes_version AFTER UPDATE ON catalogue BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
CREATE TRIGGER catalogue_delete_changes_version AFTER DELETE ON catalogue BEGIN UPDATE catalogue_version SET version = version + 1 WHERE id = 1; END;
