// The official document a report table is printed as (PRODUCT.md "Reports", the layout
// of Vietnamese administrative documents after Nghị định 30/2020/NĐ-CP): issuing body
// and national motto at the top, the title, the table with STT and grouped headers, the
// totals, the notes, the place and date, and the two signature blocks. One description,
// as plain data, that both writers draw: the XLSX download (worker/reports/xlsx.ts) and
// the sheet the add-in writes through Office.js. Pure: no Excel, DOM, D1 or clock.
import {
  HEADING_KEY,
  headingOf,
  type DocumentDetails,
  type Report,
  type ReportColumn,
  type ReportRow,
  type ReportValue,
} from "./schemas/report.ts";
import { formatDay } from "./parse/calendar.ts";
import { vietnamIsoDay } from "./vietnam-time.ts";

export type { DocumentDetails } from "./schemas/report.ts";

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** Font size in points; the document's base size when absent. */
  size?: number;
  /** Horizontal alignment; absent: Excel's (text left, numbers right). */
  align?: "left" | "center" | "right";
  /** Vertical alignment; absent: bottom. */
  valign?: "top" | "middle" | "bottom";
  wrap?: boolean;
  /** A thin line on all four sides. */
  border?: boolean;
  /** An Excel number format code ("#,##0"). */
  numberFormat?: string;
}

/**
 * One cell: its value and style. A string is always text, never a formula, whatever it
 * starts with (=, +, -, @…): a writer must store it as text (a string cell in XLSX, the
 * "@" format or a leading apostrophe through Office.js). null is an empty cell that
 * still carries a style (a border inside the table).
 */
export interface DocumentCell {
  value: string | number | null;
  style: CellStyle;
}

export interface DocumentRow {
  /** One entry per column; null where nothing is written. */
  cells: (DocumentCell | null)[];
  /** Height in points where the default would cut wrapped text; absent: the default. */
  height?: number;
}

/** Zero-based, inclusive. */
export interface CellRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface PageSetup {
  paperSize: "A4";
  /** Tables print landscape; a registration form portrait. */
  orientation: "landscape" | "portrait";
  /**
   * true: scaled to `fitToWidth` pages wide and as many tall as it takes (a table);
   * false: printed at full size with the document's own page breaks (forms, one a
   * page: Excel ignores manual page breaks on a sheet fitted to pages).
   */
  fitToPage: boolean;
  /** One page wide, as many pages tall as it takes (0: no limit). */
  fitToWidth: 1;
  fitToHeight: 0;
  centerHorizontally: boolean;
  /** In inches, as Excel keeps them. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  /** Centre footer in Excel's header/footer codes (&P page, &N pages). */
  footer: string;
}

/** One printed sheet as plain data: what the XLSX writer (and the add-in) draws. */
export interface SheetDocument {
  font: { name: string; size: number };
  /** Column widths in Excel's units (characters of the default font). */
  columnWidths: number[];
  rows: DocumentRow[];
  /** Merged ranges; the top-left cell holds the value, the others only the style. */
  merges: CellRange[];
  printArea: CellRange;
  /** Rows repeated at the top of every printed page (a table's column headers); null: none. */
  printTitleRows: { first: number; last: number } | null;
  /** Zero-based rows that end a printed page (a manual page break below each). */
  rowBreaks: number[];
  /**
   * Rows that must print on one page: the closing block (place and date, signature
   * titles, room to sign, names). No spreadsheet keeps rows together, so a writer that
   * can (the XLSX, with rich text) makes them one row; absent: none.
   */
  keepTogether?: { top: number; bottom: number };
  page: PageSetup;
}

/** The official document of a report table. */
export interface ReportDocument extends SheetDocument {
  /** The column header rows, repeated at the top of every printed page. */
  printTitleRows: { first: number; last: number };
  /** Where the table sits: its header, its data rows (null when empty) and its totals row. */
  table: { header: CellRange; body: CellRange | null; totalsRow: number | null };
}

export const DOCUMENT_FONT = "Times New Roman";
/** Sizes in points: the table, the lines above and below it, the title. */
export const SIZE = { table: 11, text: 12, title: 14 } as const;

export const NUMBER_FORMATS: Record<NonNullable<ReportColumn["type"]>, string | null> = {
  text: null,
  integer: "#,##0",
  money: "#,##0",
  number: "#,##0.00",
  boolean: null,
};

export const NATIONAL_NAME = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
export const NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc";
const PREPARER_TITLE = "NGƯỜI LẬP BIỂU";
const HEAD_TITLE = "THỦ TRƯỞNG ĐƠN VỊ";
const SIGN_HINT = "(Ký, ghi rõ họ tên)";
export const DOTS = "……………………………";

/** A signature block: its title in capitals, the hint below it, and the name written under the room to sign. */
export interface SignatureBlock {
  title: string;
  hint?: string;
  name: string;
}

/** What a document built from a report may say instead of a report's own lines and signatures. */
export interface DocumentOptions {
  /** The lines under the title in place of "Số liệu tính đến ngày …" (a judge's name and the day, say). */
  lines?: string[];
  /** The signature blocks, left and right; absent: NGƯỜI LẬP BIỂU and THỦ TRƯỞNG ĐƠN VỊ. */
  signatures?: { left: SignatureBlock | null; right: SignatureBlock };
}

// ---------------------------------------------------------------------------------
// Document details and their defaults

/** The details every document prints, defaults applied. */
export interface ResolvedDetails {
  bodyAbove: string;
  issuer: string;
  place: string;
  preparer: string;
  head: string;
}

/** Words that name a unit's kind before its proper name ("Xã Hà Giang"), longest first. */
const KIND_WORDS = [
  "Tổ dân phố",
  "Thành phố",
  "Thị trấn",
  "Thị xã",
  "Đặc khu",
  "Khu phố",
  "Phường",
  "Huyện",
  "Quận",
  "Tỉnh",
  "Thôn",
  "Xóm",
  "Bản",
  "Làng",
  "Ấp",
  "Xã",
];

/** The place name of a unit for "Hà Giang, ngày …": its name without the kind word. */
export function placeName(unitName: string): string {
  const name = unitName.trim();
  for (const word of KIND_WORDS) {
    if (name.length > word.length + 1 && name.slice(0, word.length + 1).toLowerCase() === `${word.toLowerCase()} `) {
      return name.slice(word.length + 1).trim();
    }
  }
  return name;
}

/**
 * The officer's choices, or else: the issuer is the scope, the body above is the scope's
 * parent, the place is the scope's name without its kind word, the preparer is the
 * officer making the table, and the head is left to be written in.
 */
export function resolveDocumentDetails(report: Report, details: DocumentDetails = {}, officerName?: string | null): ResolvedDetails {
  const pick = (given: string | null | undefined, fallback: string) => (given && given.trim() !== "" ? given.trim() : fallback);
  return {
    bodyAbove: pick(details.bodyAbove, report.scope.parentName ?? ""),
    issuer: pick(details.issuer, report.scope.name),
    place: pick(details.place, placeName(report.scope.name)),
    preparer: pick(details.preparer, officerName ?? ""),
    head: pick(details.head, ""),
  };
}

// ---------------------------------------------------------------------------------
// Dates, in Vietnam time (UTC+7, no daylight saving)

export interface Day {
  day: number;
  month: number;
  year: number;
}

/** The Vietnam calendar day of an ISO date-time, or the day a `YYYY-MM-DD` names. */
export function vietnamDay(iso: string): Day {
  const [year, month, day] = vietnamIsoDay(iso).split("-").map(Number) as [number, number, number];
  return { year, month, day };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/**
 * "Hà Giang, ngày 05 tháng 02 năm 2026": days below 10 and the months 1 and 2 take a
 * leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I).
 */
export function placeAndDate(place: string, d: Day): string {
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `${place || "…"}, ngày ${pad2(d.day)} tháng ${month} năm ${d.year}`;
}

/** "Thực hiện Kế hoạch số … của …": the scope's implementing plan, else the campaign's. */
function planLine(report: Report): string | null {
  const said = (ref: string) => (/^thực hiện\b/i.test(ref) ? ref : `Thực hiện ${ref}`);
  if (report.plan) return `${said(report.plan.planRef)} của ${report.plan.orgUnitName}`;
  const ref = report.campaign?.planRef?.trim();
  return ref ? said(ref) : null;
}

// ---------------------------------------------------------------------------------
// How wide text runs, so that widths and heights fit without a spreadsheet to measure.
// Generous on purpose: a row a little too tall costs nothing, a cut line costs a reprint.

/** Average width in Excel units (7 px) of one character at `size` points. */
export function charUnits(size: number, bold = false, upper = false): number {
  return (size * (96 / 72) * (upper ? 0.58 : 0.42) * (bold ? 1.08 : 1)) / 7;
}

export function textUnits(text: string, size: number, bold = false, upper = false): number {
  return text.length * charUnits(size, bold, upper);
}

/** Digits are wider than the average letter (half an em); Excel shows ### when a number does not fit. */
function numberUnits(text: string, size: number): number {
  return (text.length * size * (96 / 72) * 0.52) / 7;
}

/** Lines `text` takes, word-wrapped into `width` units. */
export function lineCount(text: string, width: number, size: number, bold = false, upper = false): number {
  const perLine = Math.max(1, Math.floor((width - 0.3) / charUnits(size, bold, upper)));
  let lines = 0;
  for (const paragraph of text.split("\n")) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const need = used === 0 ? word.length : used + 1 + word.length;
      if (need <= perLine) {
        used = need;
      } else if (used === 0) {
        lines += Math.ceil(word.length / perLine) - 1;
        used = word.length % perLine || perLine;
      } else {
        lines += Math.ceil(word.length / perLine);
        used = word.length % perLine || perLine;
      }
    }
  }
  return lines;
}

export function rowHeight(lines: number, size: number): number {
  return Math.ceil(lines * size * 1.3 + 4);
}

// ---------------------------------------------------------------------------------
// The grid

export class Grid {
  rows: DocumentRow[] = [];
  merges: CellRange[] = [];
  constructor(readonly width: number) {}

  row(): number {
    this.rows.push({ cells: Array<DocumentCell | null>(this.width).fill(null) });
    return this.rows.length - 1;
  }

  put(row: number, col: number, value: string | number | null, style: CellStyle): void {
    this.rows[row]!.cells[col] = { value, style };
  }

  /** A value over columns `left`..`right` (and rows to `bottom`), every covered cell styled alike. */
  span(top: number, left: number, right: number, value: string | number | null, style: CellStyle, bottom = top): void {
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.put(r, c, r === top && c === left ? value : null, style);
    if (right > left || bottom > top) this.merges.push({ top, left, bottom, right });
  }

  atLeast(row: number, height: number): void {
    const r = this.rows[row]!;
    if (height > (r.height ?? 0)) r.height = height;
  }
}

/**
 * Columns the document shows: the report's, less a `stt` of its own (the document numbers
 * rows) and those too wide to print (`print: false`).
 */
export function shownColumns(report: Report): ReportColumn[] {
  return report.columns.filter((c) => c.key !== "stt" && c.key !== HEADING_KEY && c.print !== false);
}

/** A report value as the cell shows it. */
export function displayValue(column: ReportColumn, value: ReportValue | undefined): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  if (column.type === "boolean") return value ? "Có" : null;
  if (column.type && column.type !== "text" && typeof value === "number") return value;
  return String(value);
}

function displayText(column: ReportColumn, value: string | number | null): string {
  if (typeof value !== "number") return value ?? "";
  const digits = column.type === "number" ? value.toFixed(2) : String(Math.round(value));
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const NAME_KEY = /name/i;
const FULL_WIDTH = 140;
/** What the national name needs on one line, in 12 point bold capitals. */
const RIGHT_BLOCK_MIN = 50;

/** Widths from the header words and the content, within bounds that keep the table one page wide. */
function columnWidths(columns: readonly ReportColumn[], rows: readonly ReportRow[], totals: ReportRow | undefined): number[] {
  const stt = Math.max(5, textUnits("STT", SIZE.table, true, true) + 1.5);
  const widths = columns.map((column) => {
    const longestWord = Math.max(...column.label.split(/\s+/).map((w) => textUnits(w, SIZE.table, true) + 1.5));
    const units = (r: ReportRow, bold: boolean) => {
      const value = displayValue(column, r[column.key]);
      const text = displayText(column, value);
      return (typeof value === "number" ? numberUnits(text, SIZE.table) : textUnits(text, SIZE.table, bold)) + 1.5;
    };
    const content = Math.max(0, ...rows.filter((r) => headingOf(r) === null).map((r) => units(r, false)), totals ? units(totals, true) : 0);
    const max = column.maxWidth ?? (column.type && column.type !== "text" ? 18 : NAME_KEY.test(column.key) ? 40 : 24);
    if (column.type && column.type !== "text") return Math.min(max, Math.max(7, longestWord, content));
    return Math.min(max, Math.max(Math.min(10, max), longestWord, content));
  });
  // A narrow table spreads over the page's width (A4 landscape holds about 140 units at
  // full size), which leaves room for the blocks above it and keeps it from printing
  // small in a corner.
  const total = stt + widths.reduce((a, b) => a + b, 0);
  if (total < FULL_WIDTH) for (let i = 0; i < widths.length; i++) widths[i]! += (FULL_WIDTH - total) / widths.length;
  return [stt, ...widths].map((w) => Math.round(w * 10) / 10);
}

/**
 * The last column of the left blocks (issuer, preparer): the first columns that make up
 * 35% of the width, fewer if the right blocks (national name, head) would be too narrow.
 */
function leftBlockEnd(widths: readonly number[]): number {
  const total = widths.reduce((a, b) => a + b, 0);
  let end = 0;
  let sum = widths[0]!;
  while (end < widths.length - 2 && sum < total * 0.35) sum += widths[++end]!;
  while (end > 0 && total - sum < RIGHT_BLOCK_MIN) sum -= widths[end--]!;
  return end;
}

function blockWidth(widths: readonly number[], left: number, right: number): number {
  return widths.slice(left, right + 1).reduce((a, b) => a + b, 0);
}

/** Runs of adjacent columns under the same group label (a column without one is a run of its own). */
function headerRuns(columns: readonly ReportColumn[]): { group: string | undefined; from: number; to: number }[] {
  const runs: { group: string | undefined; from: number; to: number }[] = [];
  columns.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && c.group !== undefined && last.group === c.group && last.to === i - 1) last.to = i;
    else runs.push({ group: c.group, from: i, to: i });
  });
  return runs;
}

const border: CellStyle = { border: true };
const headerStyle: CellStyle = { bold: true, align: "center", valign: "middle", wrap: true, border: true };

/**
 * The official document of a report: `details` as the officer chose them (defaults from
 * `resolveDocumentDetails`). Column 0 is STT, then the report's columns in order.
 */
export function reportDocument(report: Report, details: ResolvedDetails, options: DocumentOptions = {}): ReportDocument {
  const columns = shownColumns(report);
  const widths = columnWidths(columns, report.rows, report.totals);
  const n = widths.length;
  const last = n - 1;
  const totalWidth = blockWidth(widths, 0, last);
  const leftEnd = leftBlockEnd(widths);
  const leftWidth = blockWidth(widths, 0, leftEnd);
  const rightWidth = blockWidth(widths, leftEnd + 1, last);
  const g = new Grid(n);

  // Who issues it, and the national name and motto.
  const blockLine = (left: string, leftStyle: CellStyle, right: string, rightStyle: CellStyle) => {
    const r = g.row();
    g.span(r, 0, leftEnd, left || null, { align: "center", valign: "top", wrap: true, size: SIZE.text, ...leftStyle });
    g.span(r, leftEnd + 1, last, right, { align: "center", valign: "top", wrap: true, size: SIZE.text, ...rightStyle });
    const lines = Math.max(
      lineCount(left, leftWidth, SIZE.text, leftStyle.bold, true),
      lineCount(right, rightWidth, SIZE.text, rightStyle.bold, right === right.toUpperCase()),
    );
    if (lines > 1) g.atLeast(r, rowHeight(lines, SIZE.text));
  };
  blockLine(details.bodyAbove.toUpperCase(), {}, NATIONAL_NAME, { bold: true });
  blockLine(details.issuer.toUpperCase(), { bold: true }, NATIONAL_MOTTO, { bold: true, underline: true });
  g.row();

  // The title, the plan it answers to, and the moment the figures stand at.
  const wholeLine = (text: string, style: CellStyle, size: number, upper = false) => {
    const r = g.row();
    g.span(r, 0, last, text, { align: "center", valign: "middle", wrap: true, size, ...style });
    g.atLeast(r, rowHeight(lineCount(text, totalWidth, size, style.bold, upper), size));
  };
  wholeLine(report.title.toUpperCase(), { bold: true }, SIZE.title, true);
  const plan = planLine(report);
  if (plan) wholeLine(plan, { italic: true }, SIZE.text);
  for (const line of options.lines ?? [`Số liệu tính đến ngày ${formatDay(vietnamIsoDay(report.asOf ?? report.generatedAt))}`]) {
    wholeLine(line, { italic: true }, SIZE.text);
  }
  g.row();

  // Column headers: one row, or two where columns group.
  const grouped = columns.some((c) => c.group !== undefined);
  const h0 = g.row();
  const h1 = grouped ? g.row() : h0;
  g.span(h0, 0, 0, "STT", headerStyle, h1);
  const labelLines = (label: string, width: number) => lineCount(label, width, SIZE.table, true);
  let spanned = 1;
  let groupLines = 1;
  let labelRowLines = 1;
  for (const run of headerRuns(columns)) {
    const from = run.from + 1;
    const to = run.to + 1;
    if (run.group === undefined) {
      const column = columns[run.from]!;
      g.span(h0, from, from, column.label, headerStyle, h1);
      spanned = Math.max(spanned, labelLines(column.label, widths[from]!));
      continue;
    }
    g.span(h0, from, to, run.group, headerStyle);
    groupLines = Math.max(groupLines, labelLines(run.group, blockWidth(widths, from, to)));
    for (let c = from; c <= to; c++) {
      const label = columns[c - 1]!.label;
      g.put(h1, c, label, headerStyle);
      labelRowLines = Math.max(labelRowLines, labelLines(label, widths[c]!));
    }
  }
  if (grouped) {
    const top = rowHeight(groupLines, SIZE.table);
    const bottom = Math.max(rowHeight(labelRowLines, SIZE.table), rowHeight(spanned, SIZE.table) - top);
    g.atLeast(h0, top);
    g.atLeast(h1, bottom);
  } else {
    g.atLeast(h0, rowHeight(spanned, SIZE.table));
  }

  // The rows: STT, then each column; sub-heading rows across the table.
  const bodyTop = g.rows.length;
  let stt = 0;
  const dataRow = (row: ReportRow, bold: boolean, numbered: boolean) => {
    const r = g.row();
    let lines = 1;
    const own = row.stt;
    g.put(r, 0, numbered ? (typeof own === "number" ? own : ++stt) : null, { ...border, align: "center", valign: "middle", bold });
    columns.forEach((column, i) => {
      const value = displayValue(column, row[column.key]);
      const format = column.type ? NUMBER_FORMATS[column.type] : null;
      if (typeof value === "number") {
        g.put(r, i + 1, value, { ...border, valign: "middle", bold, ...(format ? { numberFormat: format } : {}) });
      } else {
        g.put(r, i + 1, value, { ...border, valign: "middle", wrap: true, bold, ...(column.type === "boolean" ? { align: "center" } : {}) });
        if (value) lines = Math.max(lines, lineCount(value, widths[i + 1]!, SIZE.table, bold));
      }
    });
    if (lines > 1) g.atLeast(r, rowHeight(lines, SIZE.table));
  };
  for (const row of report.rows) {
    const heading = headingOf(row);
    if (heading === null) {
      dataRow(row, false, true);
      continue;
    }
    const r = g.row();
    g.put(r, 0, null, border);
    g.span(r, 1, last, heading, { ...border, bold: true, valign: "middle", wrap: true });
    const lines = lineCount(heading, totalWidth - widths[0]!, SIZE.table, true);
    if (lines > 1) g.atLeast(r, rowHeight(lines, SIZE.table));
  }
  if (report.rows.length === 0) {
    const r = g.row();
    g.span(r, 0, last, "Không có số liệu", { ...border, italic: true, align: "center" });
  }
  const bodyBottom = g.rows.length - 1;
  let totalsRow: number | null = null;
  if (report.totals) {
    dataRow(report.totals, true, false);
    totalsRow = g.rows.length - 1;
  }

  // Notes.
  if (report.notes.length > 0) {
    g.row();
    const r = g.row();
    g.span(r, 0, last, "Ghi chú:", { bold: true, italic: true, size: SIZE.table });
    for (const note of report.notes) {
      const text = `- ${note}`;
      const nr = g.row();
      g.span(nr, 0, last, text, { wrap: true, valign: "top", size: SIZE.table });
      const lines = lineCount(text, totalWidth, SIZE.table);
      if (lines > 1) g.atLeast(nr, rowHeight(lines, SIZE.table));
    }
  }

  // Place and date, the signature blocks, room to sign, the names.
  g.row();
  const dateRow = g.row();
  g.span(dateRow, leftEnd + 1, last, placeAndDate(details.place, vietnamDay(report.generatedAt)), {
    italic: true,
    align: "center",
    size: SIZE.text,
  });
  const pair = (left: string, right: string, style: CellStyle, height?: number) => {
    const r = g.row();
    g.span(r, 0, leftEnd, left || null, { align: "center", wrap: true, ...style });
    g.span(r, leftEnd + 1, last, right || null, { align: "center", wrap: true, ...style });
    if (height) g.atLeast(r, height);
  };
  const { left, right } = options.signatures ?? {
    left: { title: PREPARER_TITLE, name: details.preparer },
    right: { title: HEAD_TITLE, name: details.head },
  };
  pair(left?.title ?? "", right.title, { bold: true, size: SIZE.text });
  pair(left ? (left.hint ?? SIGN_HINT) : "", right.hint ?? SIGN_HINT, { italic: true, size: SIZE.table });
  pair("", "", {}, 72);
  pair(left ? left.name || DOTS : "", right.name || DOTS, { bold: true, size: SIZE.text });

  return {
    font: { name: DOCUMENT_FONT, size: SIZE.table },
    columnWidths: widths,
    rows: g.rows,
    merges: g.merges,
    printArea: { top: 0, left: 0, bottom: g.rows.length - 1, right: last },
    printTitleRows: { first: h0, last: h1 },
    rowBreaks: [],
    keepTogether: { top: dateRow, bottom: g.rows.length - 1 },
    page: {
      paperSize: "A4",
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      centerHorizontally: true,
      margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      footer: "Trang &P/&N",
    },
    table: {
      header: { top: h0, left: 0, bottom: h1, right: last },
      body: report.rows.length > 0 ? { top: bodyTop, left: 0, bottom: bodyBottom, right: last } : null,
      totalsRow,
    },
  };
}
