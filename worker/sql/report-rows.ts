import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import { countedRows } from "./counted-rows.ts";
import { registrationsAt, scoreSheetsAt, type SnapshotColumn } from "./history.ts";

// The statements of the report tables that read registrations row by row or count them
// by field and level: now, from the stored rows; as of a past moment (`asOf`, an ISO
// instant), from the rows rebuilt out of the audit log (history.ts), or, for the
// counting tables at a half-year end already written down, from its snapshot
// (report-snapshots.ts). `from`/`to` is the scope's path range (org-units.ts subtreeRange).

/** When a counting table counts: now (null), or at a past moment, from its snapshot when there is one. */
export type CountedMoment = { at: string; snapshot: number | null } | null;

/** Live, not withdrawn registrations of the scope, counted by field and level (Biểu 2). */
export function fieldLevelCounts(db: D1Database, campaignId: number, from: string, to: string, moment: CountedMoment): D1PreparedStatement {
  if (moment && moment.snapshot === null) {
    return db
      .prepare(
        `WITH ${registrationsAt({ campaign: "?1", from: "?2", to: "?3", at: "?4" }, ["field", "level"])}
         SELECT field, level, count(*) AS n FROM reg WHERE review_state <> 'withdrawn' GROUP BY field, level`,
      )
      .bind(campaignId, from, to, moment.at);
  }
  const r = countedRows(moment ? "snapshot" : "stored", "?1", "u.id");
  return db
    .prepare(
      `SELECT r.field, r.level, count(*) AS n
       FROM org_units u JOIN ${r.table} ON ${r.on}
       WHERE u.path >= ?2 AND u.path < ?3 AND r.review_state <> 'withdrawn'
       GROUP BY r.field, r.level`,
    )
    .bind(moment?.snapshot ?? campaignId, from, to);
}

/** Units of the scope of the expected kinds with no live registration of their own (Biểu 4), in tree order. */
export function unitsWithoutRegistration(
  db: D1Database,
  campaignId: number,
  from: string,
  to: string,
  expectedKinds: readonly string[],
  moment: CountedMoment,
): D1PreparedStatement {
  // A unit has registered when one of its own registrations is live (as of the moment, as it stood then).
  const rebuilt = moment !== null && moment.snapshot === null;
  const r = countedRows(moment ? "snapshot" : "stored", "?1", "u.id");
  const registered = rebuilt
    ? `u.id IN (SELECT r.org_unit_id FROM reg r WHERE r.review_state <> 'withdrawn')`
    : `EXISTS (SELECT 1 FROM ${r.table} WHERE ${r.on} AND r.review_state <> 'withdrawn')`;
  return db
    .prepare(
      `${rebuilt ? `WITH ${registrationsAt({ campaign: "?1", from: "?2", to: "?3", at: "?5" }, [])}` : ""}
       SELECT u.id AS orgUnitId, u.name AS orgUnitName, u.kind, u.code, p.name AS parentName
       FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
       WHERE u.path >= ?2 AND u.path < ?3 AND u.kind IN (SELECT value FROM json_each(?4)) AND NOT ${registered}
       ORDER BY u.path`,
    )
    .bind(moment?.snapshot ?? campaignId, from, to, JSON.stringify(expectedKinds), ...(rebuilt ? [moment.at] : []));
}

/**
 * The live registrations of the scope now, with `items`, state, award, unit and the
 * consolidated score kept at every score change; `states` a JSON array or 'null' (all);
 * `scored` keeps only those with a score sheet.
 */
export function linesNow(
  db: D1Database,
  campaignId: number,
  from: string,
  to: string,
  states: string,
  scored: boolean,
  items: readonly SnapshotColumn[],
): D1PreparedStatement {
  return db
    .prepare(
      `SELECT r.id, r.org_unit_id, ${items.map((c) => `r.${c}`).join(", ")}, r.review_state, r.award,
         u.path AS unit_path, u.depth AS unit_depth, u.name AS org_unit_name, u.code AS org_unit_code,
         coalesce(s.judges, 0) AS judges, s.mean, s.median, s.spread, coalesce(s.flagged, 0) AS flagged, s.rating
       FROM org_units u
       CROSS JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
       LEFT JOIN score_summaries s ON s.registration_id = r.id
       WHERE u.path >= ?2 AND u.path < ?3
         AND (?4 = 'null' OR r.review_state IN (SELECT value FROM json_each(?4)))
         AND (?5 = 0 OR s.judges > 0)`,
    )
    .bind(campaignId, from, to, states, scored ? 1 : 0);
}

/** The same as of a past moment, each with its score sheets then (`sheets`: a JSON array of [judgeId, total, criteria], or null). */
export function linesAt(
  db: D1Database,
  campaignId: number,
  from: string,
  to: string,
  states: string,
  scored: boolean,
  asOf: string,
  items: readonly SnapshotColumn[],
): D1PreparedStatement {
  return db
    .prepare(
      `WITH ${registrationsAt({ campaign: "?1", from: "?2", to: "?3", at: "?6" }, items, true)},
       kept AS MATERIALIZED (SELECT * FROM reg WHERE ?4 = 'null' OR review_state IN (SELECT value FROM json_each(?4))),
       ${scoreSheetsAt({ at: "?6" }, "kept")}
       SELECT r.*, sh.sheets FROM kept r LEFT JOIN reg_sheets sh ON sh.registration_id = r.id
       WHERE ?5 = 0 OR sh.sheets IS NOT NULL`,
    )
    .bind(campaignId, from, to, states, scored ? 1 : 0, asOf);
}
