import { stringify } from "csv-stringify/sync";
import { displayValue } from "../../shared/report-document.ts";
import { headingOf, type Report } from "../../shared/schemas/report.ts";
import { inertText } from "../../shared/inert.ts";


/**
 * CSV for programs other than Excel: the plain table (header, rows, totals) without the
 * official layout, comma-separated, UTF-8 with a BOM (Excel then reads Vietnamese
 * right), RFC 4180 quoting, CRLF. A sub-heading row is its heading in the first column.
 * Excel set to Vietnamese splits on ";" and shows this as one column: officers take the
 * XLSX.
 */
export function renderCsv(report: Report): string {
  const { columns } = report;
  const line = (row: Report["rows"][number]) => {
    const heading = headingOf(row);
    if (heading !== null) return columns.map((_, i) => (i === 0 ? inertText(heading) : null));
    return columns.map((c) => {
      const v = displayValue(c, row[c.key]);
      return typeof v === "string" ? inertText(v) : v;
    });
  };
  const rows = [...report.rows, ...(report.totals ? [report.totals] : [])].map(line);
  return stringify([columns.map((c) => inertText(c.label)), ...rows], { bom: true, record_delimiter: "windows" });
}
