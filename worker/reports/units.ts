import type { D1Database } from "../cf-types.ts";
import { plansAt } from "../sql/campaigns.ts";
import { plansAround } from "./moment.ts";
import { formatDay } from "../../shared/parse.ts";
import { unitsAsOfQuery, unitsQuery, type Combination } from "../sql/report-units.ts";
import type { CampaignPlan } from "../../shared/schemas/campaign.ts";
import { asOfNotes, reportHeading, type Report, type ReportColumn, type ReportInput } from "./types.ts";
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
    const add = (k: string | null, n: number) => {
      if (k !== null && k in group!.row) group!.row[k] = Number(group!.row[k]) + n;
    };
    if (c.shift) {
      add("onTime", c.shift);
      add("late", -c.shift);
    }
    if (c.n === 0 || c.state === null) continue;
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
  const target = input.scope.depth + input.depth;
  let combinations: Combination[];
  let plans: readonly Pick<CampaignPlan, "orgUnitName" | "planRef" | "deadline">[];
  if (input.asOf && input.plansAt) {
    // A half-year end the daily run has written down reads like today; any other moment is rebuilt.
    const { sql, binds } = input.snapshot
      ? unitsQuery(input.campaign.id, input.scope.path, target, deadline, { id: input.snapshot, plans: input.plansAt })
      : unitsAsOfQuery(input.campaign.id, input.scope.path, target, deadline, { at: input.asOf, plans: input.plansAt });
    combinations = (await db.prepare(sql).bind(...binds).all<Combination>()).results;
    plans = plansAround(input.plansAt, input.scope.path);
  } else {
    const { sql, binds } = unitsQuery(input.campaign.id, input.scope.path, target, deadline);
    const [counts, current] = await db.batch<unknown>([db.prepare(sql).bind(...binds), plansAt(db, input.campaign.id, input.scope.path)]);
    combinations = counts!.results as Combination[];
    plans = current!.results as CampaignPlan[];
  }
  const rows = pivot(combinations, levels);
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
      `${onTimeNote(deadline, plans)} Đơn vị không bị xóa khỏi cây; đơn vị chuyển đi mang theo đăng ký của mình.`,
      ...asOfNotes(input),
    ],
  };
}

const PLANS_NAMED = 10;

/** What "on time" meant for this table: the campaign's deadline, and the implementing plans that override it here. */
export function onTimeNote(deadline: string, plans: readonly Pick<CampaignPlan, "orgUnitName" | "planRef" | "deadline">[]): string {
  if (plans.length === 0) return `Đúng hạn: ngày nộp không muộn hơn hạn ${formatDay(deadline)}.`;
  const named = plans.slice(0, PLANS_NAMED).map((p) => `${p.orgUnitName} (${p.planRef}) hạn ${formatDay(p.deadline)}`);
  if (plans.length > PLANS_NAMED) named.push(`và ${plans.length - PLANS_NAMED} kế hoạch thực hiện khác`);
  return (
    `Đúng hạn: ngày nộp không muộn hơn hạn của kế hoạch thực hiện gần nhất ở chính đơn vị hoặc đơn vị cấp trên – ${named.join("; ")}; ` +
    `đơn vị không thuộc kế hoạch thực hiện nào theo hạn chung ${formatDay(deadline)}.`
  );
}
