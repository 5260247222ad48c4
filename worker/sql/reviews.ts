import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import { subtreeRange } from "./org-units.ts";

export interface ReviewTarget {
  id: string;
  review_state: string;
  /** The stored award, JSON as written by `awardText`, or null. */
  award: string | null;
  unit_path: string;
  campaign_id: number;
  deleted: number;
}

export async function readReviewTargets(db: D1Database, ids: readonly string[]): Promise<ReviewTarget[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.review_state, r.award, r.campaign_id, r.deleted, u.path AS unit_path FROM registrations r
       JOIN org_units u ON u.id = r.org_unit_id WHERE r.id IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(ids))
    .all<ReviewTarget>();
  return results;
}

export interface ReviewChange {
  id: string;
  from: string;
  to: string;
  /** The award as stored before the change (JSON or null): the change lands only on it. */
  awardFrom: string | null;
  /** The award the change leaves (JSON or null). */
  awardTo: string | null;
  note: string;
  action: "review" | "undo";
  /** For an undo, the audit entry it takes back. */
  undoes?: number;
}

/**
 * State changes for many registrations in one transaction: each lands only if the state
 * and the award are still the ones it was decided from; it moves the registration
 * forward in the change sequence (clients pull the new state) without touching its
 * version; and it is audited with its note and its award before and after.
 */
export function reviewStatements(db: D1Database, changes: readonly ReviewChange[], officerId: number, now: string): D1PreparedStatement[] {
  const rows = JSON.stringify(
    changes.map((c, i) => [c.id, c.from, c.to, i + 1, c.action, c.note, c.undoes ?? null, c.awardFrom, c.awardTo]),
  );
  const n = changes.length;
  return [
    db.prepare(`UPDATE counters SET value = value + ?1 WHERE name = 'change_seq'`).bind(n),
    db
      .prepare(
        `UPDATE registrations SET review_state = j.value ->> 2, award = j.value ->> 8, updated_at = ?3,
           seq = (SELECT value FROM counters WHERE name = 'change_seq') - ?2 + (j.value ->> 3)
         FROM json_each(?1) j
         WHERE registrations.id = j.value ->> 0 AND registrations.review_state = j.value ->> 1
           AND registrations.award IS j.value ->> 7
         RETURNING registrations.id`,
      )
      .bind(rows, n, now),
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after, note)
         SELECT ?3, ?4, 'review', r.id, j.value ->> 4,
           json_object('reviewState', j.value ->> 1, 'award', json(j.value ->> 7)),
           json_object('reviewState', j.value ->> 2, 'award', json(j.value ->> 8), 'undoes', j.value ->> 6), j.value ->> 5
         FROM json_each(?1) j JOIN registrations r ON r.id = j.value ->> 0
         WHERE r.seq = (SELECT value FROM counters WHERE name = 'change_seq') - ?2 + (j.value ->> 3)`,
      )
      .bind(rows, n, now, officerId),
  ];
}

export interface AuditEntry {
  id: number;
  at: string;
  officer_id: number;
  officer_name: string | null;
  entity: string;
  action: string;
  version: number | null;
  before: string | null;
  after: string | null;
  note: string | null;
}

/** Everything that happened to a registration: its edits, its scores and its review states, in order. */
export async function history(db: D1Database, registrationId: string): Promise<AuditEntry[]> {
  const { results } = await db
    .prepare(
      `SELECT a.id, a.at, a.officer_id, o.name AS officer_name, a.entity, a.action, a.version, a.before, a.after, a.note
       FROM audit_log a LEFT JOIN officers o ON o.id = a.officer_id
       WHERE a.entity_id = ?1 AND a.entity IN ('registration', 'score', 'review') ORDER BY a.id`,
    )
    .bind(registrationId)
    .all<AuditEntry>();
  return results;
}

// ---- An approver's review sheet ----

export interface ReviewSheetRow {
  id: string;
  org_unit_name: string;
  kind: string;
  field: string;
  level: string;
  model_name: string;
  unit_name: string | null;
  person_name: string | null;
  review_state: string;
  award: string | null;
  judges: number | null;
  mean: number | null;
  spread: number | null;
  flagged: number | null;
  rating: string | null;
}

/** Every live registration in the scope with its state and consolidated score: what an approver decides on. */
export async function reviewSheetRows(db: D1Database, campaignId: number, scopePath: string): Promise<ReviewSheetRow[]> {
  const [from, to] = subtreeRange(scopePath);
  const { results } = await db
    .prepare(
      `SELECT r.id, u.name AS org_unit_name, r.kind, r.field, r.level, r.model_name, r.unit_name, r.person_name, r.review_state, r.award,
         sm.judges, sm.mean, sm.spread, sm.flagged, sm.rating
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
       LEFT JOIN score_summaries sm ON sm.registration_id = r.id
       WHERE r.campaign_id = ?1 AND r.deleted = 0 AND u.path >= ?2 AND u.path < ?3
       ORDER BY r.field, coalesce(sm.mean, -1) DESC, r.model_name`,
    )
    .bind(campaignId, from, to)
    .all<ReviewSheetRow>();
  return results;
}
