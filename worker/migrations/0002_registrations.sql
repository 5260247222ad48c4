-- Registrations of both official forms, the change sequence that sync cursors follow,
-- and the append-only audit log.

-- One global, monotonic change sequence: every accepted change takes the next numbers,
-- and a sync cursor is simply the last number a client has seen.
CREATE TABLE counters (
  name   TEXT PRIMARY KEY,
  value  INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('change_seq', 0);

CREATE TABLE registrations (
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
  start_date        TEXT NOT NULL,              -- 4. Thời gian thực hiện ...
  end_date          TEXT NOT NULL,              --    ... và hoàn thành (inclusive)
  level             TEXT NOT NULL,              -- 5. Đăng ký mô hình cấp
  representative    TEXT,                       -- who signs
  submitted_at      TEXT NOT NULL,              -- day the form was handed in
  review_state      TEXT NOT NULL DEFAULT 'registered',
  version           INTEGER NOT NULL,
  seq               INTEGER NOT NULL,           -- change_seq of the latest change
  deleted           INTEGER NOT NULL DEFAULT 0, -- tombstone: kept so every client hears of it
  created_at        TEXT NOT NULL,
  created_by        INTEGER NOT NULL REFERENCES officers(id),
  updated_at        TEXT NOT NULL,
  updated_by        INTEGER NOT NULL REFERENCES officers(id)
);
CREATE INDEX registrations_campaign_seq ON registrations(campaign_id, seq);
CREATE INDEX registrations_unit ON registrations(org_unit_id);
-- Covers the per-unit report: one indexed pass, no table lookups.
CREATE INDEX registrations_report ON registrations(
  campaign_id, org_unit_id, deleted, kind, field, level, review_state, submitted_at, expected_benefit
);

-- Who changed what, when, from what to what. Never updated, never deleted.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  officer_id  INTEGER NOT NULL,
  entity      TEXT NOT NULL,                    -- registration | score | review | org_unit | campaign | officer
  entity_id   TEXT NOT NULL,
  action      TEXT NOT NULL,                    -- create | update | delete | restore | ...
  version     INTEGER,
  before      TEXT,                             -- JSON, null on create
  after       TEXT,                             -- JSON
  note        TEXT
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id, id);

-- Every change to a registration's content is audited by the database itself, so no
-- code path can forget it and only changes that actually landed are recorded.
-- (json_object stays within D1's 32 arguments per function: 15 pairs.)
CREATE TRIGGER registrations_audit_insert AFTER INSERT ON registrations
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.updated_by, 'registration', NEW.id, 'create', NEW.version, NULL,
    json_object('orgUnitId', NEW.org_unit_id, 'kind', NEW.kind, 'unitName', NEW.unit_name,
      'address', NEW.address, 'personName', NEW.person_name, 'position', NEW.position,
      'modelName', NEW.model_name, 'field', NEW.field, 'expectedBenefit', NEW.expected_benefit,
      'startDate', NEW.start_date, 'endDate', NEW.end_date, 'level', NEW.level,
      'representative', NEW.representative, 'submittedAt', NEW.submitted_at,
      'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)));
END;

-- Content changes bump the version; review-state changes do not (they are audited,
-- with their note, by the review endpoint).
CREATE TRIGGER registrations_audit_update AFTER UPDATE ON registrations
WHEN NEW.version <> OLD.version
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.updated_by, 'registration', NEW.id,
    CASE WHEN NEW.deleted > OLD.deleted THEN 'delete' WHEN NEW.deleted < OLD.deleted THEN 'restore' ELSE 'update' END,
    NEW.version,
    json_object('orgUnitId', OLD.org_unit_id, 'kind', OLD.kind, 'unitName', OLD.unit_name,
      'address', OLD.address, 'personName', OLD.person_name, 'position', OLD.position,
      'modelName', OLD.model_name, 'field', OLD.field, 'expectedBenefit', OLD.expected_benefit,
      'startDate', OLD.start_date, 'endDate', OLD.end_date, 'level', OLD.level,
      'representative', OLD.representative, 'submittedAt', OLD.submitted_at,
      'deleted', json(CASE OLD.deleted WHEN 1 THEN 'true' ELSE 'false' END)),
    json_object('orgUnitId', NEW.org_unit_id, 'kind', NEW.kind, 'unitName', NEW.unit_name,
      'address', NEW.address, 'personName', NEW.person_name, 'position', NEW.position,
      'modelName', NEW.model_name, 'field', NEW.field, 'expectedBenefit', NEW.expected_benefit,
      'startDate', NEW.start_date, 'endDate', NEW.end_date, 'level', NEW.level,
      'representative', NEW.representative, 'submittedAt', NEW.submitted_at,
      'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)));
END;

CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
