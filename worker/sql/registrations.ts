import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import type { RegistrationContent, RegistrationRecord } from "../../shared/schemas/registration.ts";
import { subtreeRange } from "./org-units.ts";

export interface RegistrationRow {
  id: string;
  campaign_id: number;
  org_unit_id: number;
  kind: "collective" | "individual";
  unit_name: string | null;
  address: string | null;
  person_name: string | null;
  position: string | null;
  model_name: string;
  field: RegistrationContent["field"];
  expected_benefit: number | null;
  start_date: string | null;
  end_date: string | null;
  period_text: string | null;
  level: string;
  representative: string | null;
  submitted_at: string;
  description: string | null;
  participants: number | null;
  review_state: string;
  version: number;
  seq: number;
  deleted: number;
  updated_at: string;
}

/** What the audit log keeps of a registration: the form's items and the tombstone mark. */
export type RegistrationSnapshot = RegistrationContent & { deleted: boolean };

export function toSnapshot(r: RegistrationRow): RegistrationSnapshot {
  return {
    orgUnitId: r.org_unit_id,
    kind: r.kind,
    unitName: r.unit_name,
    address: r.address,
    personName: r.person_name,
    position: r.position,
    modelName: r.model_name,
    field: r.field,
    level: r.level,
    expectedBenefit: r.expected_benefit,
    startDate: r.start_date,
    endDate: r.end_date,
    periodText: r.period_text,
    representative: r.representative,
    submittedAt: r.submitted_at,
    description: r.description,
    participants: r.participants,
    deleted: r.deleted === 1,
  };
}

export function toRecord(r: RegistrationRow): RegistrationRecord {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    ...toSnapshot(r),
    version: r.version,
    reviewState: r.review_state,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = `r.id, r.campaign_id, r.org_unit_id, r.kind, r.unit_name, r.address, r.person_name, r.position,
  r.model_name, r.field, r.expected_benefit, r.start_date, r.end_date, r.period_text, r.level, r.representative,
  r.submitted_at, r.description, r.participants, r.review_state, r.version, r.seq, r.deleted, r.updated_at`;

export interface RowWithPath extends RegistrationRow {
  unit_path: string;
}

/** The stored registrations among `ids` (any campaign), with their unit's path for scope checks. */
export function selectByIds(db: D1Database, ids: readonly string[]): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${COLUMNS}, u.path AS unit_path FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
       WHERE r.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids));
}

export async function readByIds(db: D1Database, ids: readonly string[]): Promise<RowWithPath[]> {
  if (ids.length === 0) return [];
  return (await selectByIds(db, ids).all<RowWithPath>()).results;
}

/** One planned write: the full new state of a registration and its place in the sequence. */
export interface RegistrationWrite {
  id: string;
  snapshot: RegistrationSnapshot;
  version: number;
  /** 1-based position among this request's writes; seq = first reserved number - 1 + seqOffset. */
  seqOffset: number;
}

/** The snapshot's items in the INSERT's column order. */
const WRITE_ITEMS = [
  "orgUnitId", "kind", "unitName", "address", "personName", "position", "modelName", "field",
  "expectedBenefit", "startDate", "endDate", "periodText", "level", "representative", "submittedAt",
  "description", "participants",
] as const;

/**
 * A write as one JSON array, [id, version, seqOffset, deleted, ...items]: SQLite reads
 * array positions faster than object keys, and a push is a thousand of these.
 */
export function encodeWrite(w: RegistrationWrite): string {
  return JSON.stringify([w.id, w.version, w.seqOffset, w.snapshot.deleted ? 1 : 0, ...WRITE_ITEMS.map((k) => w.snapshot[k])]);
}

const ITEM_COLUMNS = WRITE_ITEMS.map((_, i) => `j.value ->> ${i + 4}`).join(", ");

const SEQ_BASE = `((SELECT value FROM counters WHERE name = 'change_seq') - ?2)`;

/** Reserves `count` numbers of the change sequence; must run first in the write batch. */
export function reserveSeq(db: D1Database, count: number): D1PreparedStatement {
  return db.prepare(`UPDATE counters SET value = value + ?1 WHERE name = 'change_seq'`).bind(count);
}

/**
 * Writes a chunk of registrations with one set-based statement. Each row lands only if
 * the stored version is still the one the plan was made from (optimistic concurrency
 * inside the batch's transaction); RETURNING says which did. The audit log is written
 * by the table's triggers, for exactly the rows that land.
 */
export function upsertChunk(
  db: D1Database,
  chunk: string,
  reserved: number,
  campaignId: number,
  officerId: number,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position,
         model_name, field, expected_benefit, start_date, end_date, period_text, level, representative, submitted_at,
         description, participants, version, seq, deleted, created_at, created_by, updated_at, updated_by)
       SELECT j.value ->> 0, ?3, ${ITEM_COLUMNS},
         j.value ->> 1, ${SEQ_BASE} + (j.value ->> 2), j.value ->> 3,
         ?5, ?4, ?5, ?4
       FROM json_each(?1) j
       WHERE true
       ON CONFLICT (id) DO UPDATE SET
         org_unit_id = excluded.org_unit_id, kind = excluded.kind, unit_name = excluded.unit_name,
         address = excluded.address, person_name = excluded.person_name, position = excluded.position,
         model_name = excluded.model_name, field = excluded.field, expected_benefit = excluded.expected_benefit,
         start_date = excluded.start_date, end_date = excluded.end_date, period_text = excluded.period_text,
         level = excluded.level, representative = excluded.representative, submitted_at = excluded.submitted_at,
         description = excluded.description, participants = excluded.participants,
         version = excluded.version, seq = excluded.seq, deleted = excluded.deleted,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by
       WHERE registrations.version = excluded.version - 1 AND registrations.campaign_id = excluded.campaign_id
       RETURNING id, version`,
    )
    .bind(chunk, reserved, campaignId, officerId, now);
}

export interface PullPage {
  rows: RegistrationRow[];
  more: boolean;
  cursor: number;
}

export const PULL_PAGE_SIZE = 1000;

/** Changes in a campaign, in a scope, after `cursor`, except the ids a request just sent. */
export function pullStatement(
  db: D1Database,
  campaignId: number,
  scopePath: string,
  cursor: number,
  exceptIds: readonly string[],
): D1PreparedStatement {
  const [from, to] = subtreeRange(scopePath);
  return db
    .prepare(
      `SELECT ${COLUMNS} FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
       WHERE r.campaign_id = ?1 AND r.seq > ?2 AND u.path >= ?3 AND u.path < ?4
         AND r.id NOT IN (SELECT value FROM json_each(?5))
       ORDER BY r.seq LIMIT ?6`,
    )
    .bind(campaignId, cursor, from, to, JSON.stringify(exceptIds), PULL_PAGE_SIZE + 1);
}

export function currentSeqStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT value FROM counters WHERE name = 'change_seq'`);
}

/** Turns the pull query's rows into a page: `more` when the extra row came back. */
export function toPullPage(rows: RegistrationRow[], currentSeq: number): PullPage {
  const more = rows.length > PULL_PAGE_SIZE;
  const page = more ? rows.slice(0, PULL_PAGE_SIZE) : rows;
  // With nothing left to send, the cursor jumps to now, past the request's own changes.
  return { rows: page, more, cursor: more ? page[page.length - 1]!.seq : currentSeq };
}

/** Where a registration is filed (its unit and the unit's place in the tree), and whether it is deleted. */
export interface FiledAt {
  campaign_id: number;
  org_unit_id: number;
  path: string;
  name: string;
  kind: string;
  depth: number;
  deleted: number;
}

export function filedAt(db: D1Database, id: string): Promise<FiledAt | null> {
  return db
    .prepare(
      `SELECT r.campaign_id, r.org_unit_id, u.path, u.name, u.kind, u.depth, r.deleted FROM registrations r
       JOIN org_units u ON u.id = r.org_unit_id WHERE r.id = ?1`,
    )
    .bind(id)
    .first<FiledAt>();
}

/** A form the demo files as typed (no account, no headcount, no representative), under a fixed id. */
export interface SeededForm {
  id: string;
  orgUnitId: number;
  kind: string;
  unitName: string | null;
  address: string | null;
  personName: string | null;
  position: string | null;
  modelName: string;
  field: string;
  expectedBenefit: number | null;
  startDate: string | null;
  endDate: string | null;
  periodText: string | null;
  level: string;
  submittedAt: string | null;
}

/**
 * Files forms once (fixed ids, a second run changes nothing) through the audited table,
 * in one transaction with their sequence numbers reserved first (a re-run leaves a
 * harmless gap).
 */
export async function insertSeededRegistrations(db: D1Database, campaignId: number, clerkId: number, forms: readonly SeededForm[], now: string): Promise<void> {
  const statements = forms.map((c, i) =>
    db
      .prepare(
        `INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position, model_name,
           field, expected_benefit, start_date, end_date, period_text, level, representative, submitted_at, version, seq, deleted,
           created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, NULL, ?16, 1,
           (SELECT value FROM counters WHERE name = 'change_seq') - ?20 + ?17, 0, ?18, ?19, ?18, ?19)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(c.id, campaignId, c.orgUnitId, c.kind, c.unitName, c.address, c.personName, c.position, c.modelName,
        c.field, c.expectedBenefit, c.startDate, c.endDate, c.periodText, c.level, c.submittedAt, i + 1, now, clerkId, forms.length),
  );
  await db.batch([db.prepare(`UPDATE counters SET value = value + ?1 WHERE name = 'change_seq'`).bind(forms.length), ...statements]);
}

/** Kind, review state and tombstone of registrations, by id. */
export async function registrationStates(db: D1Database, ids: readonly string[]): Promise<Map<string, { kind: string; review_state: string; deleted: number }>> {
  const { results } = await db
    .prepare(`SELECT id, kind, review_state, deleted FROM registrations WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<{ id: string; kind: string; review_state: string; deleted: number }>();
  return new Map(results.map((r) => [r.id, r]));
}
