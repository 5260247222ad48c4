-- Judges' score sheets (one per judge per registration) and each registration's
-- consolidated score, kept exact in the same transaction as every score change.

CREATE TABLE scores (
  registration_id  TEXT NOT NULL REFERENCES registrations(id),
  judge_id         INTEGER NOT NULL REFERENCES officers(id),
  campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
  criteria         TEXT NOT NULL,               -- JSON {criterionKey: points}
  total            REAL NOT NULL,               -- sum of the points
  any_zero         INTEGER NOT NULL,            -- 1 when some criterion got 0
  comment          TEXT,
  version          INTEGER NOT NULL,
  seq              INTEGER NOT NULL,            -- change_seq of the latest change
  deleted          INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (registration_id, judge_id)
);
CREATE INDEX scores_campaign_seq ON scores(campaign_id, seq);

-- Mean and median of the judges' totals, their spread, the flag and the rating, per
-- registration; rewritten from `scores` whenever one of its scores changes.
CREATE TABLE score_summaries (
  registration_id  TEXT PRIMARY KEY REFERENCES registrations(id),
  campaign_id      INTEGER NOT NULL REFERENCES campaigns(id),
  judges           INTEGER NOT NULL,
  mean             REAL NOT NULL,
  median           REAL NOT NULL,
  min_total        REAL NOT NULL,
  max_total        REAL NOT NULL,
  spread           REAL NOT NULL,
  flagged          INTEGER NOT NULL,
  zero_majority    INTEGER NOT NULL,
  rating           TEXT NOT NULL
);
CREATE INDEX score_summaries_campaign ON score_summaries(campaign_id, mean);

CREATE TRIGGER scores_audit_insert AFTER INSERT ON scores
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.judge_id, 'score', NEW.registration_id, 'create', NEW.version, NULL,
    json_object('judgeId', NEW.judge_id, 'criteria', json(NEW.criteria), 'total', NEW.total,
      'comment', NEW.comment, 'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)));
END;

CREATE TRIGGER scores_audit_update AFTER UPDATE ON scores
WHEN NEW.version <> OLD.version
BEGIN
  INSERT INTO audit_log (at, officer_id, entity, entity_id, action, version, before, after)
  VALUES (NEW.updated_at, NEW.judge_id, 'score', NEW.registration_id,
    CASE WHEN NEW.deleted > OLD.deleted THEN 'delete' WHEN NEW.deleted < OLD.deleted THEN 'restore' ELSE 'update' END,
    NEW.version,
    json_object('judgeId', OLD.judge_id, 'criteria', json(OLD.criteria), 'total', OLD.total,
      'comment', OLD.comment, 'deleted', json(CASE OLD.deleted WHEN 1 THEN 'true' ELSE 'false' END)),
    json_object('judgeId', NEW.judge_id, 'criteria', json(NEW.criteria), 'total', NEW.total,
      'comment', NEW.comment, 'deleted', json(CASE NEW.deleted WHEN 1 THEN 'true' ELSE 'false' END)));
END;
