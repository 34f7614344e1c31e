-- The yearly OCOP cycle worked in the product: registrations with a dossier checklist and a
-- life enforced here, councils whose members fill score sheets, the rules of each decree on
-- which council level recognises which stars, certificates that may be downgraded.
--
-- Two CHECK constraints change (the statuses of a registration, the outcomes of a
-- certificate). SQLite's usual way, rebuilding the table, cannot be taken here: products refer
-- to certificates, certificates to evaluations, evaluations to registrations, and sqlx runs a
-- migration inside a transaction, where foreign keys cannot be switched off, so dropping any
-- of them would fail (or cascade). SQLite documents the other way for constraints that
-- existing rows satisfy: edit the table's text in sqlite_schema with writable_schema on, then
-- reset the schema (https://sqlite.org/lang_altertable.html, "otheralter"). It is used below
-- only so: first widening a CHECK, then, once the rows are rewritten, narrowing it to the new
-- values, which every row then satisfies. A replace that did not match would leave the old
-- CHECK, and the UPDATE after it would fail: the migration cannot half-apply.

-- Decision 1489/QĐ-TTg (6 July 2025), after the district level was abolished: the same score
-- sheet as 148, without district councils.
UPDATE evaluation_schemes SET valid_to = '2025-07-05' WHERE code = '148/QĐ-TTg';
INSERT INTO evaluation_schemes (id, code, name, max_a, max_b, max_c, validity_months, valid_from, valid_to) VALUES
 (3, '1489/QĐ-TTg', 'Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP (Quyết định 1489/QĐ-TTg)', 4000, 2500, 3500, 36, '2025-07-06', NULL);

-- What each part of a score sheet covers, shown to council members beside the part's maximum.
CREATE TABLE scheme_parts (
    scheme_id INTEGER NOT NULL REFERENCES evaluation_schemes (id),
    part      TEXT NOT NULL CHECK (part IN ('A', 'B', 'C')),
    covers_vi TEXT NOT NULL,
    covers_en TEXT NOT NULL,
    PRIMARY KEY (scheme_id, part)
) WITHOUT ROWID;
INSERT INTO scheme_parts (scheme_id, part, covers_vi, covers_en) VALUES
 (1, 'A', 'Sản phẩm và sức mạnh cộng đồng: tổ chức sản xuất, phát triển sản phẩm, sức mạnh cộng đồng', 'Product and community: production organisation, product development, community'),
 (1, 'B', 'Khả năng tiếp thị: tiếp thị, câu chuyện sản phẩm', 'Marketing: marketing, the product''s story'),
 (1, 'C', 'Chất lượng sản phẩm: cảm quan, dinh dưỡng, tính độc đáo, tiêu chuẩn, khả năng xuất khẩu', 'Quality: sensory, nutrition, uniqueness, standards, export capability'),
 (2, 'A', 'Sản phẩm và sức mạnh cộng đồng: tổ chức sản xuất, phát triển sản phẩm, sức mạnh cộng đồng (cộng điểm cho phụ nữ, đồng bào dân tộc thiểu số, nguyên liệu và lao động địa phương)', 'Product and community: production organisation, product development, community (extra points for women, ethnic minorities, local materials and labour)'),
 (2, 'B', 'Khả năng tiếp thị: tiếp thị, câu chuyện sản phẩm', 'Marketing: marketing, the product''s story'),
 (2, 'C', 'Chất lượng sản phẩm: cảm quan, dinh dưỡng, tính độc đáo, tiêu chuẩn, khả năng xuất khẩu', 'Quality: sensory, nutrition, uniqueness, standards, export capability'),
 (3, 'A', 'Sản phẩm và sức mạnh cộng đồng: tổ chức sản xuất, phát triển sản phẩm, sức mạnh cộng đồng (cộng điểm cho phụ nữ, đồng bào dân tộc thiểu số, nguyên liệu và lao động địa phương)', 'Product and community: production organisation, product development, community (extra points for women, ethnic minorities, local materials and labour)'),
 (3, 'B', 'Khả năng tiếp thị: tiếp thị, câu chuyện sản phẩm', 'Marketing: marketing, the product''s story'),
 (3, 'C', 'Chất lượng sản phẩm: cảm quan, dinh dưỡng, tính độc đáo, tiêu chuẩn, khả năng xuất khẩu', 'Quality: sensory, nutrition, uniqueness, standards, export capability');

-- Which council level acts under which rules, and up to which star it recognises; a product
-- scoring above that goes to the next level that has a row. NULL: the level scores and
-- forwards without recognising (1048's district councils). No row: the level cannot act.
CREATE TABLE council_powers (
    scheme_id        INTEGER NOT NULL REFERENCES evaluation_schemes (id),
    level            TEXT NOT NULL CHECK (level IN ('district', 'province', 'central')),
    recognises_up_to INTEGER CHECK (recognises_up_to BETWEEN 3 AND 5),
    PRIMARY KEY (scheme_id, level)
) WITHOUT ROWID;
INSERT INTO council_powers (scheme_id, level, recognises_up_to) VALUES
 (1, 'district', NULL), (1, 'province', 4), (1, 'central', 5),
 (2, 'district', 3), (2, 'province', 4), (2, 'central', 5),
 (3, 'province', 4), (3, 'central', 5);

-- A cycle's stages and their deadlines.
ALTER TABLE ocop_cycles ADD COLUMN registration_until TEXT CHECK (registration_until IS NULL OR date(registration_until) = registration_until);
ALTER TABLE ocop_cycles ADD COLUMN plans_until TEXT CHECK (plans_until IS NULL OR date(plans_until) = plans_until);
ALTER TABLE ocop_cycles ADD COLUMN appraisal_until TEXT CHECK (appraisal_until IS NULL OR date(appraisal_until) = appraisal_until);
ALTER TABLE ocop_cycles ADD COLUMN evaluation_until TEXT CHECK (evaluation_until IS NULL OR date(evaluation_until) = evaluation_until);

-- A registration's life: registered → dossier complete → appraised eligible (or not, with a
-- reason) → evaluated → recognised (or not); withdrawn from any open state. The council level
-- an eligible registration waits for, and the reason of a refusal or a withdrawal.
ALTER TABLE registrations ADD COLUMN level TEXT CHECK (level IS NULL OR level IN ('district', 'province', 'central'));
ALTER TABLE registrations ADD COLUMN reason TEXT;
ALTER TABLE registrations ADD COLUMN updated_at TEXT;

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status IN (''registered'', ''plan_submitted'', ''appraised'', ''evaluated'', ''withdrawn''))',
    'CHECK (status IN (''registered'', ''plan_submitted'', ''appraised'', ''evaluated'', ''withdrawn'', ''dossier_complete'', ''eligible'', ''not_eligible'', ''recognised'', ''not_recognised''))')
WHERE type = 'table' AND name = 'registrations';
PRAGMA writable_schema = RESET;

UPDATE registrations SET
    updated_at = created_at,
    status = CASE
        WHEN status = 'plan_submitted' THEN 'dossier_complete'
        WHEN status = 'appraised' THEN
            CASE WHEN (SELECT eligible FROM appraisals a WHERE a.registration_id = registrations.id) = 1
                 THEN 'eligible' ELSE 'not_eligible' END
        WHEN status = 'evaluated' THEN
            CASE WHEN EXISTS (SELECT 1 FROM evaluations e JOIN certificates c ON c.evaluation_id = e.id
                              WHERE e.registration_id = registrations.id) THEN 'recognised'
                 WHEN (SELECT e.stars FROM evaluations e WHERE e.registration_id = registrations.id
                       ORDER BY e.evaluated_on DESC, e.id DESC LIMIT 1) < 3 THEN 'not_recognised'
                 ELSE 'evaluated' END
        ELSE status END;
UPDATE registrations SET reason = (SELECT nullif(notes, '') FROM appraisals a WHERE a.registration_id = registrations.id)
WHERE status = 'not_eligible';
-- An eligible registration waits for the first level that acts under its cycle's rules.
UPDATE registrations SET level = (
    SELECT p.level FROM ocop_cycles c JOIN council_powers p ON p.scheme_id = c.scheme_id
    WHERE c.id = registrations.cycle_id
    ORDER BY CASE p.level WHEN 'district' THEN 1 WHEN 'province' THEN 2 ELSE 3 END LIMIT 1)
WHERE status = 'eligible';

PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (status IN (''registered'', ''plan_submitted'', ''appraised'', ''evaluated'', ''withdrawn'', ''dossier_complete'', ''eligible'', ''not_eligible'', ''recognised'', ''not_recognised''))',
    'CHECK (status IN (''registered'', ''dossier_complete'', ''eligible'', ''not_eligible'', ''evaluated'', ''recognised'', ''not_recognised'', ''withdrawn''))')
WHERE type = 'table' AND name = 'registrations';
PRAGMA writable_schema = RESET;

-- The moves of a registration's life, as data: the trigger refuses any other.
CREATE TABLE registration_moves (
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    PRIMARY KEY (from_status, to_status)
) WITHOUT ROWID;
INSERT INTO registration_moves (from_status, to_status) VALUES
 ('registered', 'dossier_complete'), ('registered', 'withdrawn'),
 ('dossier_complete', 'registered'), ('dossier_complete', 'eligible'), ('dossier_complete', 'not_eligible'), ('dossier_complete', 'withdrawn'),
 ('eligible', 'evaluated'), ('eligible', 'not_recognised'), ('eligible', 'withdrawn'),
 ('evaluated', 'recognised'), ('evaluated', 'withdrawn');
CREATE TRIGGER registrations_follow_their_life BEFORE UPDATE OF status ON registrations
WHEN OLD.status <> NEW.status
BEGIN
    SELECT RAISE(ABORT, 'registration cannot make this move')
    WHERE NOT EXISTS (SELECT 1 FROM registration_moves WHERE from_status = OLD.status AND to_status = NEW.status);
END;
CREATE INDEX registrations_cycle ON registrations (cycle_id, status);

-- The dossier: what the rules ask for (form 01 for a new product, 02 for an existing one, the
-- business plan, the organisation, the business registration, samples brought in person, and
-- the supporting documents), and for each registration what came and what staff made of it.
CREATE TABLE dossier_requirements (
    code       TEXT PRIMARY KEY,
    position   INTEGER NOT NULL,
    name_vi    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    applies_to TEXT NOT NULL CHECK (applies_to IN ('new', 'existing', 'both')),
    required   INTEGER NOT NULL CHECK (required IN (0, 1)),
    -- Samples are brought, not uploaded.
    upload     INTEGER NOT NULL CHECK (upload IN (0, 1))
) WITHOUT ROWID;
INSERT INTO dossier_requirements (code, position, name_vi, name_en, applies_to, required, upload) VALUES
 ('form_01', 1, 'Phiếu đăng ký sản phẩm mới (mẫu 01)', 'Registration of a new product (form 01)', 'new', 1, 1),
 ('form_02', 2, 'Phiếu đăng ký sản phẩm đã có (mẫu 02)', 'Registration of an existing product (form 02)', 'existing', 1, 1),
 ('form_03', 3, 'Phương án, dự án sản xuất kinh doanh (mẫu 03)', 'Business plan (form 03)', 'both', 1, 1),
 ('form_04', 4, 'Bản mô tả tổ chức kinh tế (mẫu 04)', 'Description of the organisation (form 04)', 'both', 1, 1),
 ('business_registration', 5, 'Bản sao giấy đăng ký kinh doanh', 'Copy of the business registration', 'both', 1, 1),
 ('self_report', 6, 'Báo cáo tự đánh giá ba năm (khi đánh giá lại)', 'Self-report on the three years (re-evaluation)', 'existing', 1, 1),
 ('samples', 7, 'Mẫu sản phẩm (5 mẫu, nộp trực tiếp)', 'Product samples (5, brought in person)', 'both', 1, 0),
 ('production_licence', 8, 'Giấy phép sản xuất, giấy chứng nhận cơ sở đủ điều kiện', 'Production licence', 'both', 0, 1),
 ('quality_declaration', 9, 'Bản tự công bố chất lượng sản phẩm', 'Quality declaration', 'both', 0, 1),
 ('food_safety_tests', 10, 'Phiếu kiểm nghiệm an toàn thực phẩm', 'Food-safety test results', 'both', 0, 1),
 ('barcode', 11, 'Mã số mã vạch', 'Barcode', 'both', 0, 1),
 ('traceability', 12, 'Tem truy xuất nguồn gốc', 'Traceability stamp', 'both', 0, 1),
 ('trademark', 13, 'Nhãn hiệu, chỉ dẫn địa lý', 'Trademark or geographical indication', 'both', 0, 1),
 ('raw_materials', 14, 'Hợp đồng liên kết vùng nguyên liệu', 'Raw-material links', 'both', 0, 1),
 ('story', 15, 'Câu chuyện sản phẩm', 'The product''s story', 'both', 0, 1),
 ('awards', 16, 'Giấy khen, giải thưởng', 'Awards', 'both', 0, 1);

-- Files of dossiers: stored by content hash beside the photos but never served to the public.
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    mime        TEXT NOT NULL CHECK (mime IN ('application/pdf', 'image/jpeg', 'image/png')),
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    file_name   TEXT NOT NULL,
    uploaded_by INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX documents_sha256 ON documents (sha256);

-- One row per requirement something happened to; a requirement without a row is missing.
CREATE TABLE dossier_items (
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    requirement     TEXT NOT NULL REFERENCES dossier_requirements (code),
    status          TEXT NOT NULL CHECK (status IN ('submitted', 'received', 'correction')),
    document_id     INTEGER REFERENCES documents (id),
    note            TEXT NOT NULL DEFAULT '',
    updated_by      INTEGER REFERENCES users (id),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now')),
    PRIMARY KEY (registration_id, requirement),
    CHECK (status <> 'correction' OR length(trim(note)) > 0)
) WITHOUT ROWID;
CREATE INDEX dossier_items_document ON dossier_items (document_id);
-- Registrations past the dossier stage before dossiers were kept here had theirs on paper.
INSERT INTO dossier_items (registration_id, requirement, status, note, updated_at)
SELECT r.id, q.code, 'received', 'Hồ sơ giấy', r.created_at
FROM registrations r JOIN dossier_requirements q
  ON q.required = 1 AND q.applies_to IN ('both', r.kind)
WHERE r.status NOT IN ('registered', 'withdrawn');

-- Councils of a cycle and their members; each member's score sheet for each product.
CREATE TABLE councils (
    id            INTEGER PRIMARY KEY,
    cycle_id      INTEGER NOT NULL REFERENCES ocop_cycles (id),
    level         TEXT NOT NULL CHECK (level IN ('district', 'province', 'central')),
    name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
    admin_unit_id INTEGER REFERENCES admin_units (id),
    formed_on     TEXT NOT NULL CHECK (date(formed_on) = formed_on),
    created_at    TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE INDEX councils_cycle ON councils (cycle_id, level);
CREATE TABLE council_members (
    id         INTEGER PRIMARY KEY,
    council_id INTEGER NOT NULL REFERENCES councils (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role       TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL
);
CREATE INDEX council_members_council ON council_members (council_id, position);
CREATE TABLE score_sheets (
    id              INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registrations (id),
    council_id      INTEGER NOT NULL REFERENCES councils (id),
    member_id       INTEGER NOT NULL REFERENCES council_members (id),
    score_a         INTEGER NOT NULL CHECK (score_a >= 0),
    score_b         INTEGER NOT NULL CHECK (score_b >= 0),
    score_c         INTEGER NOT NULL CHECK (score_c >= 0),
    entered_by      INTEGER NOT NULL REFERENCES users (id),
    updated_at      TEXT NOT NULL DEFAULT (datetime('now')),
    UNIQUE (registration_id, council_id, member_id)
);
CREATE INDEX score_sheets_council ON score_sheets (council_id, registration_id);
CREATE TRIGGER score_sheets_follow_rules BEFORE INSERT ON score_sheets
BEGIN
    SELECT RAISE(ABORT, 'score part above the scheme maximum')
    WHERE EXISTS (SELECT 1 FROM councils k JOIN ocop_cycles c ON c.id = k.cycle_id
                  JOIN evaluation_schemes s ON s.id = c.scheme_id
                  WHERE k.id = NEW.council_id
                    AND (NEW.score_a > s.max_a OR NEW.score_b > s.max_b OR NEW.score_c > s.max_c));
END;
CREATE TRIGGER score_sheets_follow_rules_on_update BEFORE UPDATE ON score_sheets
BEGIN
    SELECT RAISE(ABORT, 'score part above the scheme maximum')
    WHERE EXISTS (SELECT 1 FROM councils k JOIN ocop_cycles c ON c.id = k.cycle_id
                  JOIN evaluation_schemes s ON s.id = c.scheme_id
                  WHERE k.id = NEW.council_id
                    AND (NEW.score_a > s.max_a OR NEW.score_b > s.max_b OR NEW.score_c > s.max_c));
END;
ALTER TABLE evaluations ADD COLUMN council_id INTEGER REFERENCES councils (id);
CREATE INDEX evaluations_registration ON evaluations (registration_id);

-- A certificate may also record a lower star than the one before.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql,
    'CHECK (outcome IN (''new'', ''recertified'', ''upgraded''))',
    'CHECK (outcome IN (''new'', ''recertified'', ''upgraded'', ''downgraded''))')
WHERE type = 'table' AND name = 'certificates';
PRAGMA writable_schema = RESET;
