import { stringify } from "csv-stringify/sync";
import writeXlsxFile, { type Row } from "write-excel-file/universal";
import type { Report, ReportColumn } from "./types.ts";

/**
 * Text Excel would read as a formula (=, +, -, @, tab or CR first) gets an apostrophe,
 * so opening a download never runs what someone typed into a name.
 */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

type CellValue = string | number | null;

function display(column: ReportColumn, value: unknown): CellValue {
  if (value === null || value === undefined || value === "") return null;
  if (column.type === "boolean") return value ? "Có" : "";
  if (column.type && column.type !== "text" && typeof value === "number") return value;
  return String(value);
}

/** Header, rows and totals as display values, in the report's column order. */
function table(report: Report): { header: string[]; rows: CellValue[][] } {
  const rows = report.rows.map((r) => report.columns.map((c) => display(c, r[c.key])));
  if (report.totals) rows.push(report.columns.map((c) => display(c, report.totals![c.key])));
  return { header: report.columns.map((c) => c.label), rows };
}

/** CSV for everyone else: UTF-8 with a BOM (Excel then reads Vietnamese right), RFC 4180 quoting, CRLF. */
export function renderCsv(report: Report): string {
  const { header, rows } = table(report);
  return stringify([header, ...rows.map((row) => row.map((v) => (typeof v === "string" ? inertText(v) : v)))], {
    bom: true,
    record_delimiter: "windows",
  });
}

const FORMATS: Partial<Record<NonNullable<ReportColumn["type"]>, string>> = { money: "#,##0", integer: "#,##0", number: "0.0" };

/**
 * A real workbook: title rows, bold headers, widths, the VND format, a frozen header,
 * a bold totals row and the notes under the table. Every text cell is a string cell,
 * which Excel never evaluates.
 */
export async function renderXlsx(report: Report, scopeLine: string): Promise<ArrayBuffer> {
  const { header, rows } = table(report);
  const width = report.columns.length;
  const pad = (cells: Row) => [...cells, ...Array<null>(Math.max(0, width - cells.length)).fill(null)];
  const data: Row[] = [
    pad([{ value: report.title, fontWeight: "bold", fontSize: 14 }]),
    pad([{ value: scopeLine, fontStyle: "italic" }]),
    pad([]),
    header.map((h) => ({ value: h, fontWeight: "bold", backgroundColor: "#E2EFDA", wrap: true, alignVertical: "center" })),
    ...rows.map((row, i) =>
      row.map((v, j) => {
        const column = report.columns[j]!;
        const bold = report.totals !== undefined && i === rows.length - 1 ? ({ fontWeight: "bold" } as const) : {};
        if (typeof v === "number") return { value: v, type: Number, format: FORMATS[column.type ?? "text"], ...bold };
        return v === null ? null : { value: v, type: String, ...bold };
      }),
    ),
    pad([]),
    ...report.notes.map((n) => pad([{ value: n, type: String, fontStyle: "italic" }])),
  ];
  const blob = await writeXlsxFile(data, {
    columns: report.columns.map((c) => ({ width: c.type ? 14 : c.key.toLowerCase().includes("name") ? 40 : 22 })),
    stickyRowsCount: 4,
    sheet: "Biểu",
  }).toBlob();
  return blob.arrayBuffer();
}
