import type { ChartLayout, ColumnLayout, ReportSheet } from "../host/tables.ts";
import type { Report, ReportColumn } from "../../worker/reports/types.ts";
import type { Cell } from "../../shared/parse.ts";
import { REPORT_NAMES, type ReportTable } from "../../shared/reports.ts";
import { FIELD_LABELS, FIELDS, REVIEW_STATE_LABELS, REVIEW_STATES } from "../../shared/vocabulary.ts";

const FORMATS: Record<NonNullable<ReportColumn["type"]>, string | undefined> = {
  text: undefined,
  integer: "#,##0",
  money: "#,##0",
  number: "0.0",
  boolean: undefined,
};

function cell(column: ReportColumn, value: unknown): Cell {
  if (value === null || value === undefined) return "";
  if (column.type === "boolean") return value ? "Có" : "";
  return value as Cell;
}

function when(iso: string): string {
  return new Date(iso).toLocaleString("vi-VN", { timeZone: "Asia/Ho_Chi_Minh" });
}

/** The charts of a table: registrations by field per unit (stacked), and the review-state funnel. */
function charts(table: ReportTable, report: Report): ChartLayout[] {
  if (table !== "units" || report.rows.length === 0) return [];
  return [
    {
      title: "Số mô hình theo lĩnh vực của từng đơn vị",
      type: "ColumnStacked",
      header: ["Đơn vị", ...FIELDS.map((f) => FIELD_LABELS[f])],
      rows: report.rows.map((r) => [String(r.orgUnitName), ...FIELDS.map((f) => Number(r[f] ?? 0))]),
    },
    {
      title: "Phễu xét duyệt: số mô hình ở từng trạng thái",
      type: "BarClustered",
      header: ["Trạng thái", "Số mô hình"],
      rows: REVIEW_STATES.map((s) => [REVIEW_STATE_LABELS[s], Number(report.totals?.[s] ?? 0)]),
    },
  ];
}

/** A report as its own sheet: title, scope and time of extraction, the table, totals, notes, charts. */
export function reportSheet(table: ReportTable, report: Report): ReportSheet {
  const columns: ColumnLayout[] = report.columns.map((c) => ({ key: c.key, header: c.label, format: c.type ? FORMATS[c.type] : "@", width: 90 }));
  return {
    sheet: REPORT_NAMES[table],
    table: `Bieu_${table}`,
    label: `biểu “${REPORT_NAMES[table]}”`,
    repair: "Lấy báo cáo",
    title: [report.title, `Phạm vi: ${report.scope.name} · Trích xuất lúc ${when(report.generatedAt)}`],
    columns,
    rows: report.rows.map((r) => report.columns.map((c) => cell(c, r[c.key]))),
    totals: report.totals ? report.columns.map((c) => cell(c, report.totals![c.key])) : undefined,
    footnotes: report.notes,
    charts: charts(table, report),
    autofit: true,
    style: "TableStyleMedium2",
  };
}
