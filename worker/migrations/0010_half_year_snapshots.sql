-- The 6-monthly and yearly reports (as of 30/6 and 31/12) are pulled again and again, by
-- every level up to the whole country, long after the day. Rebuilt from the audit log
-- they cost seconds nationally (bench: 2 s), because by then nearly every registration
-- of the year has changed and must be looked up. So once such a day has passed, the
-- daily run (worker/maintenance.ts) writes down, per registration, what the counting
-- tables read (units, matrix, missing) as it stood at the end of that day, and those
-- tables read it the way they read today's rows. Other days, and the tables that list
-- registrations one by one, still rebuild. Each snapshot is written by the rebuild's
-- own statement, so the two cannot disagree; nothing changes a snapshot once written.

CREATE TABLE report_snapshots (
  id             INTEGER PRIMARY KEY,
  campaign_id    INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  at             TEXT NOT NULL,                 -- the moment: end of the day in Vietnam, ISO instant
  taken_at       TEXT NOT NULL,
  UNIQUE (campaign_id, at)
);

-- Live registrations only (a deleted one is simply absent), keyed like
-- registrations_report so a scope's units reach their rows by seeks and the key covers
-- every column read.
CREATE TABLE snapshot_registrations (
  snapshot_id       INTEGER NOT NULL REFERENCES report_snapshots(id) ON DELETE CASCADE,
  org_unit_id       INTEGER NOT NULL,
  registration_id   TEXT NOT NULL,
  kind              TEXT NOT NULL,
  field             TEXT NOT NULL,
  level             TEXT NOT NULL,
  review_state      TEXT NOT NULL,
  submitted_at      TEXT NOT NULL,
  expected_benefit  INTEGER,
  PRIMARY KEY (snapshot_id, org_unit_id, registration_id)
) WITHOUT ROWID;
