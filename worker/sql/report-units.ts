import { countedRows } from "./counted-rows.ts";
import { registrationsAt } from "./history.ts";
import { subtreeRange } from "./org-units.ts";
import type { PlanDeadline } from "../../shared/plans.ts";

// The statements of the units table (Biểu 1): the counts now, from the stored rows and
// their indexes; as of a half-year end the daily run has written down, the same
// statement over the snapshot's rows; as of any other past moment, from the rows
// rebuilt out of the audit log (history.ts). Pivoting the counts into the table is
// worker/reports/units.ts.

export interface UnitsQuery {
  sql: string;
  binds: (string | number)[];
}

/** A past moment to count at: the registrations and review states rebuilt from the log, and the plans that stood then. */
export interface UnitsAsOf {
  at: string;
  plans: readonly PlanDeadline[];
}

/** A half-year snapshot to count from (report-snapshots.ts), and the plans that stood at its moment. */
export interface UnitsSnapshot {
  id: number;
  plans: readonly PlanDeadline[];
}

/** The plans of a moment, bound as a JSON array of [orgUnitId, deadline], as a table like campaign_plans. */
const plansAt = (json: string) =>
  `plans_at AS MATERIALIZED (SELECT ?1 AS campaign_id, value ->> 0 AS org_unit_id, value ->> 1 AS deadline FROM json_each(${json}))`;
const plansJson = (plans: readonly PlanDeadline[]) => JSON.stringify(plans.map((p) => [p.orgUnitId, p.deadline]));

/**
 * One line per group and combination of kind, field, level, state and timeliness, or a
 * `shift`: registrations of the group that implementing plans move from late to on time
 * (negative: from on time to late).
 */
export interface Combination {
  groupId: number;
  groupName: string;
  groupCode: string;
  direct: number;
  kind: string | null;
  field: string | null;
  level: string | null;
  state: string | null;
  onTime: number | null;
  n: number;
  benefit: number;
  shift: number;
}

/** The ids of a path as a JSON array, in SQL: '/1/7/42/' → '[1,7,42]' (index = depth). */
const pathIds = (path: string) => `'[' || rtrim(replace(substr(${path}, 2), '/', ','), ',') || ']'`;

/** In SQL, the id of the group (the unit at depth ?5) on the path: the path's own ids hold it. */
const groupOf = (path: string) => `json_extract(${pathIds(path)}, '$[' || CAST(?5 AS INTEGER) || ']')`;

/**
 * In SQL, the deadline of the nearest plan of `plans` (campaign_plans, or plans_at as of a
 * moment) at or above the unit at `path`, among the ids `above` keeps, else `otherwise`
 * (the campaign's, ?4): the path's few ids drive (CROSS JOIN), each a primary-key seek in
 * campaign_plans, never a scan of the plans. `path` must be qualified: json_each has a
 * column of that name.
 */
const nearestDeadline = (plans: string) => (path: string, above = "1", otherwise = "?4") => `coalesce((
      SELECT cp.deadline FROM json_each(${pathIds(path)}) a
      CROSS JOIN ${plans} cp ON cp.campaign_id = ?1 AND cp.org_unit_id = a.value
      WHERE ${above} ORDER BY a.key DESC LIMIT 1), ${otherwise})`;

/**
 * The groups (units at depth ?5 in the scope's range ?2..?3) and the units above them
 * (the few that drive their own registrations' lookups: INDEXED BY the depth index, which
 * the planner would not pick without statistics), each with its deadline.
 */
const groupsAndAbove = (nearest: ReturnType<typeof nearestDeadline>) => `
    grp AS MATERIALIZED (
      SELECT g.id, g.name, g.code, g.path, ${nearest("g.path")} AS deadline FROM org_units g
      WHERE g.depth = ?5 AND g.path >= ?2 AND g.path < ?3),
    above AS MATERIALIZED (
      SELECT u.id, u.name, u.code, ${nearest("u.path")} AS deadline FROM org_units u INDEXED BY org_units_depth_path
      WHERE u.depth < ?5 AND u.path >= ?2 AND u.path < ?3)`;

/**
 * The statement behind the units table, exported so the benchmark runs the very same
 * SQL on raw SQLite. Each group's subtree is a range on the materialised path and its
 * registrations come from the covering index; SQLite only counts combinations (a few
 * hundred per group at most) and the worker pivots them, which is far cheaper than
 * twenty conditional sums per registration.
 *
 * On time (PRODUCT.md "Implementing plans") is handed in on or before the deadline of the
 * nearest plan at or above the registration's unit, else the campaign's. Nothing is
 * looked up per registration. Each group (and each unit above the grouping level, for
 * its own registrations) first takes the deadline of the nearest plan at or above it,
 * found through the ids in its path, each a primary-key seek in campaign_plans. Only
 * plans below the grouping level are left: each adds, over its own subtree's range, the
 * difference between its deadline and the one it overrides (the nearest plan above
 * it); along any unit's chain these differences telescope to the nearest plan's
 * deadline. Such a plan costs one more range scan of its own subtree; none, no extra work.
 *
 * With a `snapshot`, the rows are the snapshot's and the plans those of its moment
 * (bound as ?7, a small table in place of campaign_plans); nothing else differs.
 */
export function unitsQuery(campaignId: number, scopePath: string, targetDepth: number, deadline: string, snapshot?: UnitsSnapshot): UnitsQuery {
  const [from, to] = subtreeRange(scopePath);
  const rows = (unit: string) => {
    const r = countedRows(snapshot ? "snapshot" : "stored", snapshot ? "?6" : "?1", unit);
    return `${r.table} ON ${r.on}`;
  };
  const planTable = snapshot ? "plans_at" : "campaign_plans";
  const nearest = nearestDeadline(planTable);
  // The groups, the units above them and the plans below the groups, each with its deadline.
  const units = `
    WITH ${snapshot ? `${plansAt("?7")},` : ""}
    ${groupsAndAbove(nearest)},
    plan AS MATERIALIZED (
      SELECT pu.path AS lo, substr(pu.path, 1, length(pu.path) - 1) || '0' AS hi,
        ${groupOf("pu.path")} AS groupId,
        cp.deadline AS deadline, ${nearest("pu.path", "a.key < pu.depth")} AS overridden
      FROM ${planTable} cp JOIN org_units pu ON pu.id = cp.org_unit_id
      WHERE cp.campaign_id = ?1 AND pu.depth > ?5 AND pu.path > ?2 AND pu.path < ?3)`;
  // Every column read here is in the key (registrations_report, the snapshot's), so the lookups never touch the table.
  const combination = (deadline: string) => `r.kind AS kind, r.field AS field, r.level AS level, r.review_state AS state,
      r.submitted_at <= ${deadline} AS onTime, count(r.org_unit_id) AS n, coalesce(sum(r.expected_benefit), 0) AS benefit, 0 AS shift`;
  const grouped = `
    SELECT g.id AS groupId, g.name AS groupName, g.code AS groupCode, 0 AS direct, ${combination("g.deadline")}
    FROM grp g
    LEFT JOIN org_units u ON u.path >= g.path AND u.path < substr(g.path, 1, length(g.path) - 1) || '0'
    LEFT JOIN ${rows("u.id")}
    GROUP BY g.id, r.kind, r.field, r.level, r.review_state, onTime`;
  // CROSS JOIN fixes the loop order: the units drive, never a scan of the campaign's registrations.
  const direct = `
    SELECT u.id AS groupId, u.name AS groupName, u.code AS groupCode, 1 AS direct, ${combination("u.deadline")}
    FROM above u
    CROSS JOIN ${rows("u.id")}
    GROUP BY u.id, r.kind, r.field, r.level, r.review_state, onTime`;
  // The corrections of the plans below the groups, plans driving; withdrawn registrations are never on time or late.
  const corrections = `
    SELECT g.id AS groupId, g.name AS groupName, g.code AS groupCode, 0 AS direct,
      NULL AS kind, NULL AS field, NULL AS level, NULL AS state, NULL AS onTime, 0 AS n, 0 AS benefit,
      sum((r.submitted_at <= p.deadline) - (r.submitted_at <= p.overridden)) AS shift
    FROM plan p
    CROSS JOIN org_units g ON g.id = p.groupId
    CROSS JOIN org_units u ON u.path >= p.lo AND u.path < p.hi
    CROSS JOIN ${rows("u.id")} AND r.review_state <> 'withdrawn'
    WHERE p.deadline <> p.overridden
    GROUP BY g.id`;
  return {
    sql: `${units} ${grouped} UNION ALL ${direct} UNION ALL ${corrections}`,
    binds: [campaignId, from, to, deadline, targetDepth, ...(snapshot ? [snapshot.id, plansJson(snapshot.plans)] : [])],
  };
}

/**
 * The same counts as of a past moment (worker/sql/history.ts): the registrations and
 * review states as they stood then (\`reg\`, live ones of the scope), the plans then (a
 * JSON array bound as ?7). The rebuilt rows have no index, so they drive: each looks up
 * its group (or, filed above the grouping level, its own unit) among the few materialised
 * ones. A group with a plan below it has its registrations take the nearest of those
 * plans' deadlines through their path's ids, the rest the group's deadline.
 */
export function unitsAsOfQuery(campaignId: number, scopePath: string, targetDepth: number, deadline: string, asOf: UnitsAsOf): UnitsQuery {
  const [from, to] = subtreeRange(scopePath);
  const nearest = nearestDeadline("plans_at");
  const sql = `
    WITH ${registrationsAt({ campaign: "?1", from: "?2", to: "?3", at: "?6" }, ["kind", "field", "level", "submitted_at", "expected_benefit"])},
    ${plansAt("?7")},
    ${groupsAndAbove(nearest)},
    split AS MATERIALIZED (
      SELECT DISTINCT ${groupOf("pu.path")} AS id FROM plans_at cp JOIN org_units pu ON pu.id = cp.org_unit_id
      WHERE pu.depth > ?5 AND pu.path > ?2 AND pu.path < ?3),
    placed AS MATERIALIZED (
      SELECT r.kind, r.field, r.level, r.review_state, r.submitted_at, r.expected_benefit, r.unit_path,
        r.unit_depth < ?5 AS direct, CASE WHEN r.unit_depth < ?5 THEN r.org_unit_id ELSE ${groupOf("r.unit_path")} END AS holder
      FROM reg r)
    SELECT g.id AS groupId, g.name AS groupName, g.code AS groupCode, 0 AS direct,
      r.kind AS kind, r.field AS field, r.level AS level, r.review_state AS state,
      r.submitted_at <= CASE WHEN g.id IN (SELECT id FROM split) THEN ${nearest("r.unit_path", "a.key > ?5", "g.deadline")} ELSE g.deadline END AS onTime,
      count(*) AS n, coalesce(sum(r.expected_benefit), 0) AS benefit, 0 AS shift
    FROM placed r CROSS JOIN grp g ON g.id = r.holder
    WHERE NOT r.direct
    GROUP BY g.id, r.kind, r.field, r.level, r.review_state, onTime
    UNION ALL
    SELECT u.id, u.name, u.code, 1, r.kind, r.field, r.level, r.review_state, r.submitted_at <= u.deadline AS onTime,
      count(*), coalesce(sum(r.expected_benefit), 0), 0
    FROM placed r CROSS JOIN above u ON u.id = r.holder
    WHERE r.direct
    GROUP BY u.id, r.kind, r.field, r.level, r.review_state, onTime
    UNION ALL
    SELECT g.id, g.name, g.code, 0, NULL, NULL, NULL, NULL, NULL, 0, 0, 0 FROM grp g`;
  return {
    sql,
    binds: [campaignId, from, to, deadline, targetDepth, asOf.at, plansJson(asOf.plans)],
  };
}

