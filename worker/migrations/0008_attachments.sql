-- Evidence files (minh chứng) of registrations: the bytes live in R2 (binding FILES),
-- this table is the list, and every change is in audit_log (entity 'attachment').

-- A row exists only while its R2 object does: an upload writes R2 first and this row
-- second (the object is deleted again if the row cannot be written); a removal marks
-- the row (removed_at), deletes the object, then the row. A marked row is invisible
-- to every reader, and the daily clean-up finishes any removal that stopped half-way.
CREATE TABLE attachments (
  id               TEXT PRIMARY KEY,              -- UUID made by the server
  registration_id  TEXT NOT NULL REFERENCES registrations(id),
  name             TEXT NOT NULL,                 -- as the officer named it, NFC
  size             INTEGER NOT NULL,              -- bytes
  content_type     TEXT NOT NULL,                 -- from the bytes' signature, not the request's header
  sha256           TEXT NOT NULL,                 -- hex; R2 verified it on upload
  object_key       TEXT NOT NULL UNIQUE,          -- R2 key
  uploaded_at      TEXT NOT NULL,
  uploaded_by      INTEGER NOT NULL REFERENCES officers(id),
  removed_at       TEXT,                          -- set when a removal starts
  removed_by       INTEGER                        -- officer, or 0 for the scheduled clean-up
);
CREATE INDEX attachments_registration ON attachments(registration_id, uploaded_at);
CREATE INDEX attachments_removed ON attachments(removed_at) WHERE removed_at IS NOT NULL;

-- The clean-up looks for registrations deleted (tombstoned) long ago; only tombstones
-- are in this index, so the writes of live registrations do not pay for it.
CREATE INDEX registrations_tombstones ON registrations(updated_at) WHERE deleted = 1;

-- Tickets are purged by expiry every day.
CREATE INDEX download_tickets_expiry ON download_tickets(expires_at);
