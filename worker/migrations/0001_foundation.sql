-- The area's tree, its campaigns and the officers who act in it.

-- Any depth (province → commune → village, or with districts as in 2023 plans).
-- `path` is the chain of ids from the root, '/1/7/42/', so a subtree is one range scan
-- on an index: path >= '/1/7/' AND path < '/1/70' (the next string after the prefix).
CREATE TABLE org_units (
  id          INTEGER PRIMARY KEY,
  parent_id   INTEGER REFERENCES org_units(id),
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  path        TEXT NOT NULL,
  depth       INTEGER NOT NULL,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX org_units_path ON org_units(path);
CREATE INDEX org_units_parent ON org_units(parent_id);

CREATE TABLE campaigns (
  id                 INTEGER PRIMARY KEY,
  org_unit_id        INTEGER NOT NULL REFERENCES org_units(id),
  year               INTEGER NOT NULL,
  title              TEXT NOT NULL,
  plan_ref           TEXT,
  deadline           TEXT NOT NULL,           -- ISO date, inclusive
  levels             TEXT NOT NULL,           -- JSON [{code,label}]
  expected_kinds     TEXT NOT NULL,           -- JSON [kind]: who is expected to register
  rubric             TEXT NOT NULL,           -- JSON, shared/schemas/rubric.ts
  registration_open  INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (org_unit_id, year, title)
);

-- Tokens are never stored, only their SHA-256 (hex).
CREATE TABLE officers (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  roles       TEXT NOT NULL,                  -- JSON ["clerk", ...]
  scope_id    INTEGER NOT NULL REFERENCES org_units(id),
  unit_id     INTEGER NOT NULL REFERENCES org_units(id),
  token_hash  TEXT NOT NULL UNIQUE,
  expires_at  TEXT,
  revoked_at  TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  created_by  INTEGER REFERENCES officers(id)
);
CREATE INDEX officers_scope ON officers(scope_id);
