-- The registration as units really fill it in: open periods (start_date and end_date
-- may be null: "từ tháng 3/2023" has no end, "thường xuyên" neither), the period cell as
-- written, the model's account (thuyết minh) and how many take part; and the award a
-- review move to "proposed" or "commended" carries.
--
-- SQLite cannot drop NOT NULL, so the table is rebuilt: create, copy, drop, rename,
-- then its indexes and audit triggers again (dropping a table drops both).
--
-- D1 enforces foreign keys, and scores and score_summaries reference registrations:
-- dropping the old table counts their rows as violations even though the renamed copy
-- satisfies them again. D1 runs a migration in one transaction and lets it defer the
-- checks (developers.cloudflare.com/d1/sql-api/foreign-keys); switching the deferral
-- off at the end clears that count, so the references are checked by hand before it.
PRAGMA defer_foreign_keys = on;

CREATE TABLE registrations_rebuilt (
  id                TEXT PRIMARY KEY,           -- UUID made by the client
  campaign_id       INTEGER NOT NULL REFERENCES campaigns(id),
  org_unit_id       INTEGER NOT NULL REFERENCES org_units(id),
  kind              TEXT NOT NULL,              -- collective | individual
  unit_name         TEXT,                       -- Đơn vị (collective form)
  address           TEXT,                       -- Địa chỉ
  person_name       TEXT,                       -- Họ và tên (individual form)
  position          TEXT,                       -- Chức vụ, nhiệm vụ được giao
  model_name        TEXT NOT NULL,              -- 1. Tên mô hình
  field             TEXT NOT NULL,              -- 2. Lĩnh vực
  expected_benefit  INTEGER,                    -- 3. Giá trị dự kiến làm lợi, VND
  start_date        TEXT,                       -- 4. Thời gian thực hiện (null: not said) ...
  end_date          TEXT,                       --    ... và hoàn thành (inclusive; null: ongoing)
  period_text       TEXT,                       --    the period cell as the unit wrote it
  level             TEXT NOT NULL,              -- 5. Đăng ký mô hình cấp
  representative    TEXT,                       -- who signs
  submitted_at      TEXT NOT NULL,              -- day the form was handed in
  description       TEXT,                       -- thuyết minh: aim, how, results so far
  participants      INTEGER,                    -- people taking part
  review_state      TEXT NOT NULL DEFAULT 'registered',
  award             TEXT,                       -- JSON {form, issuer, decisionNo, decisionDate}
  version           INTEGER NOT NULL,
  seq               INTEGER NOT NULL,           -- change_seq of the latest change
  deleted           INTEGER NOT NULL DEFAULT 0, -- tombstone: kept so every client hears of it
  created_at        TEXT NOT NULL,
  created_by        INTEGER NOT NULL REFERENCES officers(id),
  updated_at        TEXT NOT NULL,
  updated_by        INTEGER NOT NULL REFERENCES officers(id)
);

INSERT INTO registrations_rebuilt (id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position,
  model_name, field, expected_benefit, start_date, end_date, level, representative, submitted_at, review_state,
  version, seq, deleted, created_at, created_by, updated_at, updated_by)
SELECT id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position,
  model_name, field, expected_benefit, start_date, end_date, level, representative, submitted_at, review_state,
  version, seq, deleted, created_at, created_by, updated_at, updated_by
FROM registrations;

DROP TABLE registrations;
ALTER TABLE registrations_rebuilt RENAME TO registrations;

CREATE INDEX registrations_campaign_seq ON registrations(campaign_id, seq);
-- Covers the per-unit report: one indexed pass, no table lookups.
CREATE INDEX registrations_report ON registrations(
  campaign_id, org_unit_id, deleted, kind, field, level, review_state, submitted_at, expected_benefit
);

-- Every change to a registration's content is audited by the database itself, so no
-- code path can forget it and only changes that actually landed are recorded. `after`
-- (and `before`) is one flat object with every item, so history and "as of a date"
-- reports replay it alone. D1 allows 32 arguments per SQL function: json_object holds
-- 15 pairs and json_set adds the rest (json_set, unlike json_patch, keeps a null item
-- as null instead of dropping its key).
CREATE TRIGGER registrations_audit_insert AFTER INSERT ON registrations
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.updated_by, 'registration', NEW.id, 'create', NEW.version, NULL,
    json_set(json_object('orgUnitId', NEW.org_unit_id, 'kind', NEW.kind, 'unitName', NEW.unit_name,
      'address', NEW.address, 'personName', NEW.person_name, 'position', NEW.position,
      'modelName', NEW.model_name, 'field', NEW.field, 'expectedBenefit', NEW.expected_benefit,
      'startDate', NEW.start_date, 'endDate', NEW.end_date, 'level', NEW.level,
      'representative', NEW.representative, 'submittedAt', NEW.submitted_at,
      'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)),
      '$.periodText', NEW.period_text, '$.description', NEW.description, '$.participants', NEW.participants));
END;

-- Content changes bump the version; review-state changes do not (they are audited,
-- with their note and award, by the review endpoint).
CREATE TRIGGER registrations_audit_update AFTER UPDATE ON registrations
WHEN NEW.version <> OLD.version
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.updated_by, 'registration', NEW.id,
    CASE WHEN NEW.deleted > OLD.deleted THEN 'delete' WHEN NEW.deleted < OLD.deleted THEN 'restore' ELSE 'update' END,
    NEW.version,
    json_set(json_object('orgUnitId', OLD.org_unit_id, 'kind', OLD.kind, 'unitName', OLD.unit_name,
      'address', OLD.address, 'personName', OLD.person_name, 'position', OLD.position,
      'modelName', OLD.model_name, 'field', OLD.field, 'expectedBenefit', OLD.expected_benefit,
      'startDate', OLD.start_date, 'endDate', OLD.end_date, 'level', OLD.level,
      'representative', OLD.representative, 'submittedAt', OLD.submitted_at,
      'deleted', json(CASE OLD.deleted WHEN 1 THEN 'true' ELSE 'false' END)),
      '$.periodText', OLD.period_text, '$.description', OLD.description, '$.participants', OLD.participants),
    json_set(json_object('orgUnitId', NEW.org_unit_id, 'kind', NEW.kind, 'unitName', NEW.unit_name,
      'address', NEW.address, 'personName', NEW.person_name, 'position', NEW.position,
      'modelName', NEW.model_name, 'field', NEW.field, 'expectedBenefit', NEW.expected_benefit,
      'startDate', NEW.start_date, 'endDate', NEW.end_date, 'level', NEW.level,
      'representative', NEW.representative, 'submittedAt', NEW.submitted_at,
      'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)),
      '$.periodText', NEW.period_text, '$.description', NEW.description, '$.participants', NEW.participants));
END;

-- The deferral is about to forget what it counted: prove first that every score and
-- consolidated score still finds its registration, or abort the whole migration.
CREATE TABLE migration_0007_check (orphans INTEGER NOT NULL);
CREATE TRIGGER migration_0007_check_orphans BEFORE INSERT ON migration_0007_check
WHEN NEW.orphans > 0
BEGIN
  SELECT RAISE(ABORT, 'registrations rebuild: a score or score summary lost its registration');
END;
INSERT INTO migration_0007_check (orphans)
SELECT (SELECT count(*) FROM scores s WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = s.registration_id))
     + (SELECT count(*) FROM score_summaries m WHERE NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = m.registration_id));
DROP TABLE migration_0007_check;

PRAGMA defer_foreign_keys = off;
