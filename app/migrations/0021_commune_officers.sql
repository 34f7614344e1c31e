-- Commune officers under Decision 1489/QĐ-TTg (2025): since the district level went, the
-- commune People's Committee reviews a product's dossier (local origin, local labour, the
-- origin of the idea) and proposes it to the province, or sends it back with a reason.

-- A commune officer is a staff account of its own role, scoped to the communes an admin set.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (role IN (''admin'', ''staff'', ''producer''))',
    'CHECK (role IN (''admin'', ''staff'', ''commune'', ''producer''))')
WHERE type = 'table' AND name = 'users';
-- The commune's proposal: a registration with a complete dossier waits for it before the
-- province appraises it, under the rules that ask for it.
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status IN (''registered'', ''dossier_complete'', ''eligible'', ''not_eligible'', ''evaluated'', ''recognised'', ''not_recognised'', ''withdrawn''))',
    'CHECK (status IN (''registered'', ''dossier_complete'', ''proposed'', ''eligible'', ''not_eligible'', ''evaluated'', ''recognised'', ''not_recognised'', ''withdrawn''))')
WHERE type = 'table' AND name = 'registrations';
PRAGMA writable_schema = RESET;

INSERT INTO registration_moves (from_status, to_status) VALUES
 ('dossier_complete', 'proposed'),
 ('proposed', 'eligible'), ('proposed', 'not_eligible'), ('proposed', 'withdrawn');

-- Whether a scheme's cycles go through the commune's proposal (1489 does; 148 had district councils).
ALTER TABLE evaluation_schemes ADD COLUMN commune_proposes INTEGER NOT NULL DEFAULT 0 CHECK (commune_proposes IN (0, 1));
UPDATE evaluation_schemes SET commune_proposes = 1 WHERE code = '1489/QĐ-TTg';

-- The communes of today an officer works for.
CREATE TABLE officer_communes (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES admin_units (id),
    PRIMARY KEY (user_id, unit_id)
) WITHOUT ROWID;

-- Every unit an officer's scope covers: its communes, and the former units they were made from
-- (a producer may still be filed under its commune before the merge). The store's scope reads
-- `pr.admin_unit_id IN (SELECT unit_id FROM officer_units WHERE user_id = ?)`.
CREATE VIEW officer_units (user_id, unit_id) AS
    SELECT user_id, unit_id FROM officer_communes
    UNION ALL
    SELECT oc.user_id, f.id FROM officer_communes oc
    JOIN admin_units f ON f.successor_id = oc.unit_id AND f.valid_to IS NOT NULL;

-- A commune's review of a dossier: what it found and what it decided.
CREATE TABLE commune_reviews (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id) ON DELETE CASCADE,
    user_id         INTEGER NOT NULL REFERENCES users (id),
    unit_id         INTEGER NOT NULL REFERENCES admin_units (id),
    reviewed_on     TEXT NOT NULL CHECK (date(reviewed_on) = reviewed_on),
    local_origin    INTEGER NOT NULL CHECK (local_origin IN (0, 1)),
    local_labour    INTEGER NOT NULL CHECK (local_labour IN (0, 1)),
    idea_origin     TEXT NOT NULL CHECK (idea_origin IN ('local', 'adapted', 'outside')),
    outcome         TEXT NOT NULL CHECK (outcome IN ('proposed', 'returned')),
    note            TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL DEFAULT (datetime('now')),
    CHECK (outcome = 'proposed' OR length(trim(note)) > 0)
);
CREATE INDEX commune_reviews_registration ON commune_reviews (registration_id, id);
