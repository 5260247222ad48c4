import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { reportHeading, type Report, type ReportColumn, type ReportInput } from "./types.ts";
import { FIELD_LABELS, FIELDS, KIND_LABELS, REVIEW_STATE_LABELS, REVIEW_STATES, type Level } from "../../shared/vocabulary.ts";

type Row = Record<string, string | number | boolean | null>;

export function unitsColumns(levels: readonly Level[]): ReportColumn[] {
  return [
    { key: "orgUnitName", label: "Đơn vị" },
    { key: "total", label: "Tổng số mô hình", type: "integer" },
    { key: "collective", label: KIND_LABELS.collective, type: "integer", group: "Loại" },
    { key: "individual", label: KIND_LABELS.individual, type: "integer", group: "Loại" },
    ...FIELDS.map((f) => ({ key: f, label: FIELD_LABELS[f], type: "integer" as const, group: "Lĩnh vực" })),
    ...levels.map((l) => ({ key: l.code, label: l.label, type: "integer" as const, group: "Cấp" })),
    { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
    { key: "onTime", label: "Nộp đúng hạn", type: "integer", group: "Thời hạn nộp" },
    { key: "late", label: "Nộp sau hạn", type: "integer", group: "Thời hạn nộp" },
    ...REVIEW_STATES.map((s) => ({ key: s, label: REVIEW_STATE_LABELS[s], type: "integer" as const, group: "Kết quả xét duyệt" })),
  ];
}

export interface UnitsQuery {
  sql: string;
  binds: (string | number)[];
}

/** One line per group and combination of kind, field, level, state and timeliness. */
interface Combination {
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
}

/**
 * The statement behind the units table, exported so the benchmark runs the very same
 * SQL on raw SQLite. Each group's subtree is a range on the materialised path and its
 * registrations come from the covering index; SQLite only counts combinations (a few
 * hundred per group at most) and the worker pivots them, which is far cheaper than
 * twenty conditional sums per registration.
 */
export function unitsQuery(campaignId: number, scopePath: string, targetDepth: number, deadline: string): UnitsQuery {
  const [from, to] = subtreeRange(scopePath);
  // Every column read here is in registrations_report, so the lookups never touch the table.
  const combination = `r.kind AS kind, r.field AS field, r.level AS level, r.review_state AS state,
      r.submitted_at <= ?4 AS onTime, count(r.org_unit_id) AS n, coalesce(sum(r.expected_benefit), 0) AS benefit`;
  const grouped = `
    SELECT g.id AS groupId, g.name AS groupName, g.code AS groupCode, 0 AS direct, ${combination}
    FROM org_units g
    LEFT JOIN org_units u ON u.path >= g.path AND u.path < substr(g.path, 1, length(g.path) - 1) || '0'
    LEFT JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
    WHERE g.depth = ?5 AND g.path >= ?2 AND g.path < ?3
    GROUP BY g.id, r.kind, r.field, r.level, r.review_state, onTime`;
  // The few units above the grouping level drive the lookups (CROSS JOIN fixes the loop
  // order, INDEXED BY the depth index), instead of a scan of every registration of the
  // campaign or of every unit, which the planner picks without statistics.
  const direct = `
    SELECT u.id AS groupId, u.name AS groupName, u.code AS groupCode, 1 AS direct, ${combination}
    FROM org_units u INDEXED BY org_units_depth_path
    CROSS JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
    WHERE u.depth < ?5 AND u.path >= ?2 AND u.path < ?3
    GROUP BY u.id, r.kind, r.field, r.level, r.review_state, onTime`;
  return { sql: `${grouped} UNION ALL ${direct}`, binds: [campaignId, from, to, deadline, targetDepth] };
}

/** Pivots the combinations into one row per group; withdrawn ones count only in their own column. */
function pivot(combinations: readonly Combination[], levels: readonly Level[]): Row[] {
  const columns = unitsColumns(levels).filter((c) => c.type);
  const groups = new Map<string, { row: Row; code: string; direct: number }>();
  for (const c of combinations) {
    const key = `${c.direct}:${c.groupId}`;
    let group = groups.get(key);
    if (!group) {
      const row: Row = { orgUnitId: c.groupId, orgUnitName: c.direct ? `${c.groupName} (đăng ký trực tiếp)` : c.groupName };
      for (const col of columns) row[col.key] = 0;
      group = { row, code: c.groupCode, direct: c.direct };
      groups.set(key, group);
    }
    if (c.n === 0 || c.state === null) continue;
    const add = (k: string | null, n: number) => {
      if (k !== null && k in group!.row) group!.row[k] = Number(group!.row[k]) + n;
    };
    add(c.state, c.n);
    if (c.state === "withdrawn") continue;
    for (const k of ["total", c.kind, c.field, c.level, c.onTime ? "onTime" : "late"]) add(k, c.n);
    add("expectedBenefit", c.benefit);
  }
  // Rows in the order of the official codes (numbers compared as numbers); a unit's own
  // "direct" row comes before the groups.
  return [...groups.values()]
    .sort((a, b) => b.direct - a.direct || a.code.localeCompare(b.code, "vi", { numeric: true }))
    .map((g) => g.row);
}

/**
 * Table 1, registrations per unit: grouped by the scope's units `depth` levels down, in
 * one statement; registrations filed directly on the scope (or on a unit above the
 * grouping level) form rows of their own; a totals row adds them all up.
 */
export async function unitsReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { levels, deadline } = input.campaign;
  const { sql, binds } = unitsQuery(input.campaign.id, input.scope.path, input.scope.depth + input.depth, deadline);
  const { results } = await db.prepare(sql).bind(...binds).all<Combination>();
  const rows = pivot(results, levels);
  const totals: Row = { orgUnitId: null, orgUnitName: "Tổng cộng" };
  for (const c of unitsColumns(levels)) if (c.type) totals[c.key] = rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0);

  return {
    ...reportHeading(input, `Tổng hợp đăng ký mô hình “Dân vận khéo” theo đơn vị – ${input.campaign.title}`),
    columns: unitsColumns(levels),
    rows,
    totals,
    notes: [
      `Gộp theo đơn vị cấp dưới ${input.depth} bậc của ${input.scope.name}; đăng ký gắn trực tiếp với đơn vị ở bậc trên được tính thành dòng riêng “(đăng ký trực tiếp)”.`,
      "Không tính đăng ký đã xóa. Đăng ký đã rút chỉ đếm ở cột “Rút đăng ký”, không tính vào tổng, loại, lĩnh vực, cấp, giá trị làm lợi và hạn nộp.",
      `Đúng hạn: ngày nộp không muộn hơn hạn ${deadline.split("-").reverse().join("/")}. Đơn vị không bị xóa khỏi cây; đơn vị chuyển đi mang theo đăng ký của mình.`,
    ],
  };
}
