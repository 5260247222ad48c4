import type { DocumentChart } from "../host/report-sheet.ts";
import { reportDocument, type ReportDocument, type ResolvedDetails } from "../../shared/report-document.ts";
import { REPORT_NAMES, type ReportTable } from "../../shared/reports.ts";
import { headingOf, type Report } from "../../shared/schemas/report.ts";
import { FIELD_LABELS, FIELDS, REVIEW_STATE_LABELS, REVIEW_STATES } from "../../shared/vocabulary.ts";

/** A report as the add-in writes it: its sheet, the official document, the charts beside it. */
export interface ReportSheetLayout {
  sheet: string;
  doc: ReportDocument;
  charts: DocumentChart[];
}

/** The charts of the units table: each unit's models by field (stacked), and how many stand at each review state. */
function charts(table: ReportTable, report: Report): DocumentChart[] {
  const rows = report.rows.filter((r) => headingOf(r) === null);
  if (table !== "units" || rows.length === 0) return [];
  return [
    {
      title: "Số mô hình theo lĩnh vực của từng đơn vị",
      type: "ColumnStacked",
      header: ["Đơn vị", ...FIELDS.map((f) => FIELD_LABELS[f])],
      rows: rows.map((r) => [String(r.orgUnitName ?? ""), ...FIELDS.map((f) => Number(r[f] ?? 0))]),
    },
    {
      title: "Kết quả xét duyệt: số mô hình ở từng trạng thái",
      type: "BarClustered",
      header: ["Trạng thái", "Số mô hình"],
      rows: REVIEW_STATES.map((s) => [REVIEW_STATE_LABELS[s], Number(report.totals?.[s] ?? 0)]),
    },
  ];
}

/** A report as its own sheet, named in Vietnamese: the document with the details chosen, and its charts. */
export function reportSheet(table: ReportTable, report: Report, details: ResolvedDetails): ReportSheetLayout {
  return { sheet: REPORT_NAMES[table], doc: reportDocument(report, details), charts: charts(table, report) };
}
