-- Implementing plans, and who last changed a campaign after its creation.

-- A unit carrying out a higher campaign under its own plan (the commune's 97-KH/ĐU
-- under the district's 113-KH/ĐU) with its own deadline, which holds for the unit and
-- everything under it unless a nearer plan says otherwise. Few per campaign (at most
-- one per unit); the reports look them up by (campaign, unit) while walking a path.
-- Every change is in audit_log (entity 'campaign', actions plan_create/update/delete).
CREATE TABLE campaign_plans (
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  org_unit_id  INTEGER NOT NULL REFERENCES org_units(id),
  plan_ref     TEXT NOT NULL,
  deadline     TEXT NOT NULL,                 -- ISO date, the last day that counts as on time
  PRIMARY KEY (campaign_id, org_unit_id)
) WITHOUT ROWID;

-- The pane shows who changed what last; the audit log keeps the whole story, this keeps
-- the campaign list one indexed read.
ALTER TABLE campaigns ADD COLUMN changed_at TEXT;
ALTER TABLE campaigns ADD COLUMN changed_by INTEGER REFERENCES officers(id);
ALTER TABLE campaigns ADD COLUMN changed_fields TEXT;  -- JSON ["deadline", ...]

-- Rubric and registration-window changes made before this migration, from the audit log.
UPDATE campaigns SET (changed_at, changed_by, changed_fields) = (
  SELECT a.at, a.officer_id, CASE a.action WHEN 'rubric' THEN '["rubric"]' ELSE '["registrationOpen"]' END
  FROM audit_log a
  WHERE a.entity = 'campaign' AND a.entity_id = CAST(campaigns.id AS TEXT) AND a.action IN ('rubric', 'close', 'reopen')
  ORDER BY a.id DESC LIMIT 1
);
