-- Reports: grouping units found by depth without scanning the whole subtree, and
-- short-lived download tickets so a browser can fetch a CSV/XLSX without the token.

CREATE INDEX org_units_depth_path ON org_units(depth, path);

-- A ticket is a random secret (only its SHA-256 kept) naming one report download,
-- valid for a few minutes, re-checked against its officer's scope when used.
CREATE TABLE download_tickets (
  ticket_hash  TEXT PRIMARY KEY,
  officer_id   INTEGER NOT NULL REFERENCES officers(id),
  request      TEXT NOT NULL,                 -- JSON {campaignId, table, scope, depth, format}
  expires_at   TEXT NOT NULL
);
