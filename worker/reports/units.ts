import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import type { Report, ReportColumn, ReportInput } from "./types.ts";
import { FIELD_LABELS, FIELDS, KIND_LABELS, REVIEW_STATE_LABELS, REVIEW_STATES, type Level } from "../../shared/vocabulary.ts";

type Row = Record<string, string | number | boolean | null>;

const LIVE = `r.review_state <> 'withdrawn'`;

/** The aggregates of one group, as SQL over registrations `r` (a NULL r counts nothing). */
function aggregates(levels: readonly Level[]): { sql: string; keys: string[] } {
  const parts: [string, string][] = [
    ["total", `${LIVE}`],
    ["collective", `${LIVE} AND r.kind = 'collective'`],
    ["individual", `${LIVE} AND r.kind = 'individual'`],
    ...FIELDS.map((f) => [f, `${LIVE} AND r.field = '${f}'`] as [string, string]),
    ...levels.map((l, i) => [`level_${i}`, `${LIVE} AND r.level = ?${6 + i}`] as [string, string]),
    ["onTime", `${LIVE} AND r.submitted_at <= ?4`],
    ["late", `${LIVE} AND r.submitted_at > ?4`],
    ...REVIEW_STATES.map((s) => [s, `r.review_state = '${s}'`] as [string, string]),
  ];
  const sql = [
    ...parts.map(([key, cond]) => `coalesce(sum(CASE WHEN ${cond} THEN 1 ELSE 0 END), 0) AS "${key}"`),
    `coalesce(sum(CASE WHEN ${LIVE} THEN r.expected_benefit ELSE 0 END), 0) AS "expectedBenefit"`,
  ].join(",\n      ");
  return { sql, keys: [...parts.map(([k]) => k), "expectedBenefit"] };
}

export function unitsColumns(levels: readonly Level[]): ReportColumn[] {
  return [
    { key: "orgUnitName", label: "Đơn vị" },
    { key: "total", label: "Tổng số mô hình", type: "integer" },
    { key: "collective", label: KIND_LABELS.collective, type: "integer" },
    { key: "individual", label: KIND_LABELS.individual, type: "integer" },
    ...FIELDS.map((f) => ({ key: f, label: FIELD_LABELS[f], type: "integer" as const })),
    ...levels.map((l) => ({ key: l.code, label: l.label, type: "integer" as const })),
    { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
    { key: "onTime", label: "Nộp đúng hạn", type: "integer" },
    { key: "late", label: "Nộp sau hạn", type: "integer" },
    ...REVIEW_STATES.map((s) => ({ key: s, label: REVIEW_STATE_LABELS[s], type: "integer" as const })),
  ];
}

/**
 * Table 1, registrations per unit: grouped by the scope's units `depth` levels down,
 * each group's subtree found by a range on the materialised path and its registrations
 * read from the covering index, in one statement. Registrations filed directly on the
 * scope (or on a unit above the grouping level) form rows of their own.
 */
export async function unitsReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { levels, deadline } = input.campaign;
  const [from, to] = subtreeRange(input.scope.path);
  const target = input.scope.depth + input.depth;
  const { sql, keys } = aggregates(levels);
  const levelBinds = levels.map((l) => l.code);
  const grouped = `
    SELECT g.id AS orgUnitId, g.name AS orgUnitName, 0 AS direct, g.path AS sortPath,
      ${sql}
    FROM org_units g
    LEFT JOIN org_units u ON u.path >= g.path AND u.path < substr(g.path, 1, length(g.path) - 1) || '0'
    LEFT JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
    WHERE g.depth = ?5 AND g.path >= ?2 AND g.path < ?3
    GROUP BY g.id`;
  const direct = `
    SELECT u.id AS orgUnitId, u.name AS orgUnitName, 1 AS direct, u.path AS sortPath,
      ${sql}
    FROM org_units u
    JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
    WHERE u.depth < ?5 AND u.path >= ?2 AND u.path < ?3
    GROUP BY u.id`;
  const { results } = await db
    .prepare(`${grouped} UNION ALL ${direct} ORDER BY sortPath`)
    .bind(input.campaign.id, from, to, deadline, target, ...levelBinds)
    .all<Row>();

  const rows = results.map((r) => {
    const row: Row = { orgUnitId: r.orgUnitId!, orgUnitName: r.direct ? `${r.orgUnitName} (đăng ký trực tiếp)` : r.orgUnitName! };
    for (const key of keys) row[key] = Number(r[key]);
    levels.forEach((l, i) => {
      row[l.code] = row[`level_${i}`]!;
      delete row[`level_${i}`];
    });
    return row;
  });
  const totals: Row = { orgUnitId: null, orgUnitName: "Tổng cộng" };
  for (const c of unitsColumns(levels)) if (c.type) totals[c.key] = rows.reduce((s, r) => s + Number(r[c.key] ?? 0), 0);

  return {
    title: `Tổng hợp đăng ký mô hình “Dân vận khéo” theo đơn vị – ${input.campaign.title}`,
    scope: { id: input.scope.id, name: input.scope.name, kind: input.scope.kind },
    generatedAt: new Date().toISOString(),
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
