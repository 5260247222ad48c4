import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import { subtreeRange } from "./org-units.ts";
import type { AttachmentType } from "../../shared/attachments.ts";

/** audit_log.officer_id of what the scheduled clean-up does (no officer has id 0). */
export const SYSTEM_OFFICER_ID = 0;

/** What the audit log keeps of a file (never its bytes). */
const SNAPSHOT = `json_object('registrationId', a.registration_id, 'name', a.name, 'size', a.size,
  'contentType', a.content_type, 'sha256', a.sha256)`;

/** A registration as an upload needs it: where it is, whether it is live and open, and how many files it has. */
export interface UploadTarget {
  id: string;
  deleted: number;
  unit_path: string;
  registration_open: number;
  files: number;
}

export async function readUploadTarget(db: D1Database, registrationId: string): Promise<UploadTarget | null> {
  return db
    .prepare(
      `SELECT r.id, r.deleted, u.path AS unit_path, c.registration_open,
         (SELECT count(*) FROM attachments a WHERE a.registration_id = r.id AND a.removed_at IS NULL) AS files
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id JOIN campaigns c ON c.id = r.campaign_id
       WHERE r.id = ?1`,
    )
    .bind(registrationId)
    .first<UploadTarget>();
}

export interface NewAttachment {
  id: string;
  registrationId: string;
  name: string;
  size: number;
  contentType: AttachmentType;
  sha256: string;
  objectKey: string;
  uploadedAt: string;
  uploadedBy: number;
}

/**
 * The row and its audit entry, in one batch. The row lands only if the registration is
 * still live, below the file limit and open (or the caller an admin) when the batch runs,
 * so two uploads racing for the 20th place cannot both win; RETURNING says whether it did.
 */
export function insertAttachment(db: D1Database, a: NewAttachment, limit: number, admin: boolean): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO attachments (id, registration_id, name, size, content_type, sha256, object_key, uploaded_at, uploaded_by)
         SELECT ?1, r.id, ?3, ?4, ?5, ?6, ?7, ?8, ?9 FROM registrations r JOIN campaigns c ON c.id = r.campaign_id
         WHERE r.id = ?2 AND r.deleted = 0 AND (?11 OR c.registration_open = 1)
           AND (SELECT count(*) FROM attachments x WHERE x.registration_id = ?2 AND x.removed_at IS NULL) < ?10
         RETURNING id`,
      )
      .bind(a.id, a.registrationId, a.name, a.size, a.contentType, a.sha256, a.objectKey, a.uploadedAt, a.uploadedBy, limit, admin ? 1 : 0),
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
         SELECT a.uploaded_at, a.uploaded_by, 'attachment', a.id, 'create', NULL, ${SNAPSHOT}
         FROM attachments a WHERE a.id = ?1`,
      )
      .bind(a.id),
  ];
}

export interface AttachmentRow {
  id: string;
  registration_id: string;
  name: string;
  size: number;
  content_type: AttachmentType;
  sha256: string;
  object_key: string;
  uploaded_at: string;
  uploaded_by: number;
}

/** A live file with what decides who may reach it: its registration's unit, state and campaign. */
export interface AttachmentInReach extends AttachmentRow {
  unit_path: string;
  registration_open: number;
}

const IN_REACH = `SELECT a.id, a.registration_id, a.name, a.size, a.content_type, a.sha256, a.object_key,
    a.uploaded_at, a.uploaded_by, u.path AS unit_path, c.registration_open
  FROM attachments a JOIN registrations r ON r.id = a.registration_id
    JOIN org_units u ON u.id = r.org_unit_id JOIN campaigns c ON c.id = r.campaign_id`;

export async function readAttachment(db: D1Database, id: string): Promise<AttachmentInReach | null> {
  return db.prepare(`${IN_REACH} WHERE a.id = ?1 AND a.removed_at IS NULL`).bind(id).first<AttachmentInReach>();
}

export interface ListedAttachment extends AttachmentRow {
  uploaded_by_name: string | null;
}

/** A registration's unit path (null: no such registration) and its live files, oldest first: one round trip. */
export async function listAttachments(db: D1Database, registrationId: string): Promise<{ unitPath: string | null; files: ListedAttachment[] }> {
  const [registration, files] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT u.path AS unit_path FROM registrations r JOIN org_units u ON u.id = r.org_unit_id WHERE r.id = ?1`)
      .bind(registrationId),
    db
      .prepare(
        `SELECT a.id, a.registration_id, a.name, a.size, a.content_type, a.sha256, a.object_key, a.uploaded_at,
           a.uploaded_by, o.name AS uploaded_by_name
         FROM attachments a LEFT JOIN officers o ON o.id = a.uploaded_by
         WHERE a.registration_id = ?1 AND a.removed_at IS NULL ORDER BY a.uploaded_at, a.id`,
      )
      .bind(registrationId),
  ]);
  const path = (registration!.results[0] as { unit_path: string } | undefined)?.unit_path ?? null;
  return { unitPath: path, files: files!.results as unknown as ListedAttachment[] };
}

/**
 * Starts removing one file: audits it (who, when, what it was) and marks the row, which
 * hides it from every reader. RETURNING gives the object to delete; nothing comes back
 * when another request removed it first.
 */
export function markRemoved(db: D1Database, id: string, officerId: number, at: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
         SELECT ?2, ?3, 'attachment', a.id, 'delete', ${SNAPSHOT}, NULL
         FROM attachments a WHERE a.id = ?1 AND a.removed_at IS NULL`,
      )
      .bind(id, at, officerId),
    db
      .prepare(`UPDATE attachments SET removed_at = ?2, removed_by = ?3 WHERE id = ?1 AND removed_at IS NULL RETURNING object_key`)
      .bind(id, at, officerId),
  ];
}

/** Files of registrations tombstoned before `cutoff`, not yet being removed. */
const EXPIRED = `SELECT a.id FROM registrations r JOIN attachments a ON a.registration_id = r.id
  WHERE r.deleted = 1 AND r.updated_at < ?1 AND a.removed_at IS NULL`;

/**
 * The scheduled clean-up's first step, as the system: audits and marks every file whose
 * registration was deleted before `cutoff` (a restore within the grace period keeps them).
 */
export function markExpired(db: D1Database, cutoff: string, at: string, note: string): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after, note)
         SELECT ?2, ${SYSTEM_OFFICER_ID}, 'attachment', a.id, 'delete', ${SNAPSHOT}, NULL, ?3
         FROM attachments a WHERE a.id IN (${EXPIRED})`,
      )
      .bind(cutoff, at, note),
    db
      .prepare(`UPDATE attachments SET removed_at = ?2, removed_by = ${SYSTEM_OFFICER_ID} WHERE id IN (${EXPIRED})`)
      .bind(cutoff, at),
  ];
}

/** Marked rows whose objects may still exist (a removal that stopped half-way, or the clean-up's). */
export async function readMarked(db: D1Database, limit: number): Promise<{ id: string; object_key: string }[]> {
  const { results } = await db
    .prepare(`SELECT id, object_key FROM attachments WHERE removed_at IS NOT NULL ORDER BY removed_at, id LIMIT ?1`)
    .bind(limit)
    .all<{ id: string; object_key: string }>();
  return results;
}

/** The last step of a removal, once the objects are gone from R2. */
export async function deleteMarked(db: D1Database, ids: readonly string[]): Promise<void> {
  await db
    .prepare(`DELETE FROM attachments WHERE removed_at IS NOT NULL AND id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .run();
}

export interface LinkRequest {
  ticketHash: string;
  officerId: number;
  expiresAt: string;
  scopePath: string;
  ids: readonly string[];
  registrationIds: readonly string[];
}

export interface LinkedAttachment {
  id: string;
  registration_id: string;
  name: string;
  size: number;
  content_type: AttachmentType;
}

/**
 * One ticket for every live file the caller may read among `ids` and the files of
 * `registrationIds`, the files themselves, and which of the registrations are in reach:
 * one batch (one transaction) whatever the number of ids, so the ticket names exactly
 * the files answered.
 */
export async function createAttachmentTicket(
  db: D1Database,
  r: LinkRequest,
): Promise<{ files: LinkedAttachment[]; registrationsInReach: Set<string> }> {
  const [from, to] = subtreeRange(r.scopePath);
  const chosen = `FROM attachments a JOIN registrations r ON r.id = a.registration_id JOIN org_units u ON u.id = r.org_unit_id
    WHERE a.removed_at IS NULL AND u.path >= ?1 AND u.path < ?2
      AND (a.id IN (SELECT value FROM json_each(?3)) OR a.registration_id IN (SELECT value FROM json_each(?4)))`;
  const ids = JSON.stringify(r.ids);
  const registrationIds = JSON.stringify(r.registrationIds);
  const [, files, registrations] = await db.batch<Record<string, unknown>>([
    db
      .prepare(
        `INSERT INTO download_tickets (ticket_hash, officer_id, request, expires_at)
         SELECT ?5, ?6, json_object('attachments', json_group_array(a.id)), ?7 ${chosen} HAVING count(*) > 0`,
      )
      .bind(from, to, ids, registrationIds, r.ticketHash, r.officerId, r.expiresAt),
    db
      .prepare(`SELECT a.id, a.registration_id, a.name, a.size, a.content_type ${chosen} ORDER BY a.registration_id, a.uploaded_at, a.id`)
      .bind(from, to, ids, registrationIds),
    db
      .prepare(
        `SELECT r.id FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
         WHERE r.id IN (SELECT value FROM json_each(?3)) AND u.path >= ?1 AND u.path < ?2`,
      )
      .bind(from, to, registrationIds),
  ]);
  return {
    files: files!.results as unknown as LinkedAttachment[],
    registrationsInReach: new Set((registrations!.results as { id: string }[]).map((x) => x.id)),
  };
}
