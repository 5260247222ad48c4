import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { fieldLevelCounts } from "../sql/report-rows.ts";
import { asOfNotes, countedMoment, reportHeading, type Report, type ReportInput } from "./types.ts";
import { FIELD_LABELS, FIELDS } from "../../shared/vocabulary.ts";

/** Table 2, by field and level ("Tổng hợp theo lĩnh vực và cấp"): how many live registrations of each field at each level, in the scope. */
export async function matrixReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { levels } = input.campaign;
  const [from, to] = subtreeRange(input.scope.path);
  // Now: the stored rows; as of a moment: the rows as they stood then (its snapshot, or rebuilt: worker/sql/history.ts).
  const { results } = await fieldLevelCounts(db, input.campaign.id, from, to, countedMoment(input)).all<{ field: string; level: string; n: number }>();
  const count = (field: string, level: string) => results.find((r) => r.field === field && r.level === level)?.n ?? 0;
  const rows = FIELDS.map((field) => {
    const row: Record<string, string | number> = { field, fieldLabel: FIELD_LABELS[field] };
    for (const l of levels) row[l.code] = count(field, l.code);
    row.total = levels.reduce((s, l) => s + Number(row[l.code]), 0);
    return row;
  });
  const totals: Record<string, string | number | null> = { field: null, fieldLabel: "Tổng cộng" };
  for (const key of [...levels.map((l) => l.code), "total"]) totals[key] = rows.reduce((s, r) => s + Number(r[key]), 0);
  return {
    ...reportHeading(input, `Tổng hợp đăng ký mô hình theo lĩnh vực và cấp – ${input.campaign.title}`),
    columns: [
      { key: "fieldLabel", label: "Lĩnh vực" },
      ...levels.map((l) => ({ key: l.code, label: l.label, type: "integer" as const, group: "Cấp" })),
      { key: "total", label: "Cộng", type: "integer" },
    ],
    rows,
    totals,
    notes: ["Không tính đăng ký đã xóa hoặc đã rút.", ...asOfNotes(input)],
  };
}
