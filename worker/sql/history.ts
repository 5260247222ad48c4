import type { D1Database } from "../cf-types.ts";

// Registrations, review states and score sheets as they stood at a past moment, rebuilt
// from the audit log (PRODUCT.md "Reports", asOf). Every content change of a
// registration is audited by a trigger with the whole form in `after`; every review
// move by the review endpoint with `{ reviewState, award }`; every score sheet by a
// trigger with `{ judgeId, criteria, total, comment, deleted }`. So the state at T is
// the latest entry at or before T of each (as `audit_log.at` orders them; ties and
// clock skew by the entry's id).
//
// The work is bounded by the campaign's registrations, never by the history after T
// (a 2023 report rebuilt in 2026 must not read three years of the whole country's
// log): each registration is read as it is now, and only one whose row changed after T
// (`updated_at`, which every content write and every review move sets to its audit
// entry's time) is looked up in the log, one seek per kind of entry on the
// `audit_log_entity` index. A registration never edited (version 1) keeps its content;
// only its review state is looked up.

/** A registration column the snapshot can carry, and the key its audited form uses. */
export const SNAPSHOT_ITEMS = {
  org_unit_id: "orgUnitId",
  kind: "kind",
  unit_name: "unitName",
  address: "address",
  person_name: "personName",
  position: "position",
  model_name: "modelName",
  field: "field",
  expected_benefit: "expectedBenefit",
  start_date: "startDate",
  end_date: "endDate",
  period_text: "periodText",
  level: "level",
  representative: "representative",
  submitted_at: "submittedAt",
  description: "description",
  participants: "participants",
} as const;
export type SnapshotColumn = keyof typeof SNAPSHOT_ITEMS;

/** SQL parameters (as `?N`) the snapshot reads: the campaign, the scope's path range, the moment. */
export interface SnapshotParams {
  campaign: string;
  from: string;
  to: string;
  at: string;
}

/** The latest audit entry of `entity` for the registration `id` at or before the moment. */
const latestEntry = (entity: string, id: string, at: string) =>
  `(SELECT a.id FROM audit_log a WHERE a.entity = '${entity}' AND a.entity_id = ${id} AND a.at <= ${at} ORDER BY a.at DESC, a.id DESC LIMIT 1)`;

/**
 * Common table expressions (without `WITH`) ending in `reg`: the registrations of the
 * campaign that existed at the moment, were not deleted then and were filed then on a
 * unit of the scope (today's tree), each with `id`, the `columns` asked for, `review_state`,
 * `award` (JSON or null), and its unit's `unit_path` and `unit_depth` (with `unitNames`,
 * its `org_unit_name` and `org_unit_code` too).
 */
export function registrationsAt(p: SnapshotParams, columns: readonly SnapshotColumn[], unitNames = false): string {
  const wanted = [...new Set<SnapshotColumn>(["org_unit_id", ...columns])];
  const cols = wanted.join(", ");
  const then = wanted.map((c) => `CASE WHEN e.id IS NULL THEN k.${c} ELSE e.after ->> '${SNAPSHOT_ITEMS[c]}' END`).join(", ");
  // Each stage is materialised in the order the next reads best: the stored rows by
  // rowid (table order), the changed ones by id (the audit index's order).
  return `
    reg_candidates AS MATERIALIZED (
      SELECT rid FROM (
        SELECT r.rowid AS rid FROM org_units u
        CROSS JOIN registrations r ON r.campaign_id = ${p.campaign} AND r.org_unit_id = u.id
        WHERE u.path >= ${p.from} AND u.path < ${p.to}
        UNION ALL
        -- Filed outside the scope now, but edited since: it may have been filed inside then.
        SELECT r.rowid FROM registrations r CROSS JOIN org_units u ON u.id = r.org_unit_id
        WHERE r.campaign_id = ${p.campaign} AND r.version > 1 AND r.updated_at > ${p.at} AND r.created_at <= ${p.at}
          AND (u.path < ${p.from} OR u.path >= ${p.to}))
      ORDER BY rid),
    reg_now AS MATERIALIZED (
      SELECT r.id AS id, ${wanted.map((c) => `r.${c} AS ${c}`).join(", ")}, r.review_state AS review_state, r.award AS award,
        r.deleted AS deleted, r.version AS version, r.updated_at > ${p.at} AS changed
      FROM reg_candidates c CROSS JOIN registrations r ON r.rowid = c.rid
      WHERE r.created_at <= ${p.at}),
    reg_changed AS MATERIALIZED (
      SELECT id, ${cols}, deleted, version,
        CASE WHEN version > 1 THEN ${latestEntry("registration", "k.id", p.at)} END AS content,
        ${latestEntry("review", "k.id", p.at)} AS review
      FROM (SELECT * FROM reg_now WHERE changed ORDER BY id) k),
    reg_then AS MATERIALIZED (
      SELECT id, ${cols}, review_state, award, deleted FROM reg_now WHERE NOT changed
      UNION ALL
      SELECT k.id, ${then}, coalesce(v.after ->> 'reviewState', 'registered'), json_extract(v.after, '$.award'),
        CASE WHEN e.id IS NULL THEN k.deleted ELSE e.after ->> 'deleted' END
      FROM reg_changed k LEFT JOIN audit_log e ON e.id = k.content LEFT JOIN audit_log v ON v.id = k.review),
    reg AS MATERIALIZED (
      SELECT s.*, u.path AS unit_path, u.depth AS unit_depth${unitNames ? ", u.name AS org_unit_name, u.code AS org_unit_code" : ""}
      FROM reg_then s CROSS JOIN org_units u ON u.id = s.org_unit_id
      WHERE s.deleted = 0 AND u.path >= ${p.from} AND u.path < ${p.to})`;
}

/**
 * Common table expressions (without `WITH`, after `registrationsAt`'s) ending in
 * `reg_sheets`: per registration of `source` (\`reg\` or a CTE of some of its rows), the
 * judges' score sheets that stood at the moment (not deleted then), as a JSON array of
 * `[judgeId, total, criteria]`. A sheet unchanged since is read as stored; one changed
 * since is looked up among its registration's score entries for its judge.
 */
export function scoreSheetsAt(p: Pick<SnapshotParams, "at">, source = "reg"): string {
  return `
    sheet_at AS MATERIALIZED (
      SELECT s.registration_id AS registration_id, s.judge_id AS judge_id, s.total AS total, s.criteria AS criteria
      FROM ${source} r CROSS JOIN scores s ON s.registration_id = r.id
      WHERE s.updated_at <= ${p.at} AND s.deleted = 0
      UNION ALL
      SELECT s.registration_id, s.judge_id, e.after ->> 'total', json_extract(e.after, '$.criteria')
      FROM ${source} r CROSS JOIN scores s ON s.registration_id = r.id
      CROSS JOIN audit_log e ON e.id = (
        SELECT a.id FROM audit_log a WHERE a.entity = 'score' AND a.entity_id = s.registration_id AND a.at <= ${p.at}
          AND (a.after ->> 'judgeId') = s.judge_id ORDER BY a.at DESC, a.id DESC LIMIT 1)
      WHERE s.updated_at > ${p.at} AND s.created_at <= ${p.at} AND (e.after ->> 'deleted') = 0),
    reg_sheets AS MATERIALIZED (
      SELECT registration_id, json_group_array(json_array(judge_id, total, json(criteria))) AS sheets
      FROM sheet_at GROUP BY registration_id)`;
}

/** What changed a campaign (its keys, its rubric, its implementing plans) after the moment, newest first. */
export interface CampaignEntry {
  action: string;
  before: string | null;
  after: string | null;
}

export function campaignChangesAfter(db: D1Database, campaignId: number, at: string) {
  return db
    .prepare(
      `SELECT action, before, after FROM audit_log WHERE entity = 'campaign' AND entity_id = ?1 AND at > ?2 ORDER BY id DESC`,
    )
    .bind(String(campaignId), at);
}

/** Every implementing plan of a campaign now, with its unit's place in the tree. */
export function campaignPlans(db: D1Database, campaignId: number) {
  return db
    .prepare(
      `SELECT p.org_unit_id AS orgUnitId, u.name AS orgUnitName, u.path, u.depth, u.code, p.plan_ref AS planRef, p.deadline
       FROM campaign_plans p JOIN org_units u ON u.id = p.org_unit_id WHERE p.campaign_id = ?1`,
    )
    .bind(campaignId);
}

/** Units by id with their place in the tree (units of plans that exist no more). */
export function unitsById(db: D1Database, ids: readonly number[]) {
  return db
    .prepare(`SELECT id, name, path, depth, code FROM org_units WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids));
}
