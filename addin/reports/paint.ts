import type { CellRange, DocumentCell, ReportDocument } from "../../shared/report-document.ts";

// The official document (shared/report-document.ts) as the few rectangles Excel needs to
// draw it: one write per rectangle of cells that share a format, never one per cell, so
// a sheet of 2,000 rows takes about as many operations as one of 10 (the table body is
// uniform down each column). Pure: no Office.js here; addin/host/report-sheet.ts draws it.

/** A rectangle of cells that take one value of a format. */
export interface Run<V> {
  range: CellRange;
  value: V;
}

export type Horizontal = "Left" | "Center" | "Right";
export type Vertical = "Top" | "Center";

export interface DocumentPaint {
  /** The whole sheet's font (Times New Roman, the table's size). */
  font: { name: string; size: number };
  rowCount: number;
  columnCount: number;
  /** Every cell, row by row: "" where the document writes nothing. */
  values: (string | number)[][];
  /** "@" over every text cell (so "=…" stays text), the document's format over figures; General left alone. */
  numberFormats: Run<string>[];
  bold: CellRange[];
  italic: CellRange[];
  underline: CellRange[];
  /** Font sizes other than the document's own. */
  sizes: Run<number>[];
  horizontal: Run<Horizontal>[];
  vertical: Run<Vertical>[];
  wrap: CellRange[];
  /** Thin lines around and inside each rectangle. */
  borders: CellRange[];
  merges: CellRange[];
  /** Points, column by column. */
  columnWidths: number[];
  /** Points, for runs of adjacent rows of one height (rows not listed keep Excel's). */
  rowHeights: { first: number; last: number; height: number }[];
}

/**
 * Excel's column width in points for a width in characters of the default font (7 pixels
 * a digit at 96 dpi, plus 5 pixels of padding; 0.75 point a pixel): 8.43 → 48.
 */
export function widthInPoints(characters: number): number {
  return Math.round(characters * 7 + 5) * 0.75;
}

/** What a cell asks of one format: a value, or nothing when it does not matter (an empty cell). */
type Pick<V> = (cell: DocumentCell | null) => V | undefined;

const empty = (cell: DocumentCell | null) => !cell || cell.value === null;

/**
 * Rectangles of cells sharing a value of one format: runs down each column (a cell that
 * does not care joins the run it falls in), then runs of equal extent and value side by
 * side joined across columns. Runs of the default value are dropped: the sheet is blank.
 */
export function rectangles<V extends string | number | boolean>(doc: ReportDocument, pick: Pick<V>, isDefault: (v: V) => boolean): Run<V>[] {
  const columns = doc.columnWidths.length;
  const rows = doc.rows;
  const byExtent = new Map<string, { top: number; bottom: number; value: V; columns: number[] }>();
  const close = (c: number, top: number, bottom: number, value: V | undefined) => {
    if (value === undefined || isDefault(value)) return;
    const key = `${top}:${bottom}:${typeof value}:${String(value)}`;
    const group = byExtent.get(key);
    if (group) group.columns.push(c);
    else byExtent.set(key, { top, bottom, value, columns: [c] });
  };
  for (let c = 0; c < columns; c++) {
    let top = 0;
    let value: V | undefined = undefined;
    for (let r = 0; r < rows.length; r++) {
      const v = pick(rows[r]!.cells[c] ?? null);
      if (v === undefined || value === undefined || value === v) {
        if (value === undefined) value = v;
        continue;
      }
      close(c, top, r - 1, value);
      top = r;
      value = v;
    }
    if (rows.length > 0) close(c, top, rows.length - 1, value);
  }
  const out: Run<V>[] = [];
  for (const group of byExtent.values()) {
    let left = group.columns[0]!;
    group.columns.forEach((c, i) => {
      const next = group.columns[i + 1];
      if (next === c + 1) return;
      out.push({ range: { top: group.top, bottom: group.bottom, left, right: c }, value: group.value });
      if (next !== undefined) left = next;
    });
  }
  return out.sort((a, b) => a.range.top - b.range.top || a.range.left - b.range.left);
}

const ranges = (runs: Run<boolean>[]) => runs.map((r) => r.range);
const HORIZONTAL: Record<string, Horizontal> = { left: "Left", center: "Center", right: "Right" };
const VERTICAL: Record<string, Vertical | undefined> = { top: "Top", middle: "Center", bottom: undefined };

export function documentPaint(doc: ReportDocument): DocumentPaint {
  const flag = (key: "bold" | "italic" | "underline" | "wrap"): CellRange[] =>
    ranges(rectangles<boolean>(doc, (cell) => (empty(cell) ? undefined : Boolean(cell!.style[key])), (v) => !v));
  const heights: DocumentPaint["rowHeights"] = [];
  doc.rows.forEach((row, r) => {
    if (row.height === undefined) return;
    const last = heights[heights.length - 1];
    if (last && last.last === r - 1 && last.height === row.height) last.last = r;
    else heights.push({ first: r, last: r, height: row.height });
  });
  return {
    font: doc.font,
    rowCount: doc.rows.length,
    columnCount: doc.columnWidths.length,
    values: doc.rows.map((row) => doc.columnWidths.map((_, c) => row.cells[c]?.value ?? "")),
    numberFormats: rectangles<string>(
      doc,
      (cell) => (empty(cell) ? undefined : typeof cell!.value === "string" ? "@" : (cell!.style.numberFormat ?? "General")),
      (v) => v === "General",
    ),
    bold: flag("bold"),
    italic: flag("italic"),
    underline: flag("underline"),
    wrap: flag("wrap"),
    sizes: rectangles<number>(doc, (cell) => (empty(cell) ? undefined : (cell!.style.size ?? doc.font.size)), (v) => v === doc.font.size),
    horizontal: rectangles<string>(doc, (cell) => (empty(cell) ? undefined : (cell!.style.align ?? "")), (v) => v === "").map((r) => ({
      range: r.range,
      value: HORIZONTAL[r.value]!,
    })),
    vertical: rectangles<string>(doc, (cell) => (empty(cell) ? undefined : (VERTICAL[cell!.style.valign ?? "bottom"] ?? "")), (v) => v === "") as Run<Vertical>[],
    // A border shows on empty cells too: every cell says whether it has one.
    borders: ranges(rectangles<boolean>(doc, (cell) => Boolean(cell?.style.border), (v) => !v)),
    merges: doc.merges,
    columnWidths: doc.columnWidths.map(widthInPoints),
    rowHeights: heights,
  };
}
