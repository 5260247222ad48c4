import type { CellRange, CellStyle, DocumentCell, DocumentRow, SheetDocument } from "./report-document.ts";

// A document's closing block (place and date, signature titles, room to sign, names)
// must print on one page, and no spreadsheet keeps rows together; but none splits a
// row. So every writer draws the block as one row: each horizontal span of it (the
// preparer's at left; place, date and the head's at right) one cell holding the
// block's lines, as tall as the rows were. The XLSX styles each line (rich text);
// Office.js styles only whole cells (no rich text: OfficeDev/office-js issues 2294 and
// 4623, "not supported ... in our backlog"), so the pane's sheet writes the lines as
// plain text (blockAsOneRow).

/** A row's height in points: its own, else a spreadsheet's default for its largest font. */
export function rowPoints(row: DocumentRow, doc: Pick<SheetDocument, "font">): number {
  return row.height ?? Math.ceil(1.36 * Math.max(doc.font.size, ...row.cells.map((c) => c?.style.size ?? doc.font.size)));
}

/** One row of the block within a span: its text and style, and the lines it takes. */
export interface KeptPart {
  text: string;
  style: CellStyle;
  /** 1 for a line of text; an empty row of room to sign, as many blank lines as its height holds. */
  lines: number;
}

export interface KeptSpan {
  left: number;
  right: number;
  /** The block's rows, top to bottom. */
  parts: KeptPart[];
}

export interface KeptBlock {
  /** The block's first row, where its one row goes. */
  top: number;
  /** The rows' heights added up, in points. */
  height: number;
  spans: KeptSpan[];
}

/** The block `keepTogether` names, span by span, row by row; null when the document has none. */
export function keptTogether(doc: SheetDocument): KeptBlock | null {
  if (!doc.keepTogether) return null;
  const { top, bottom } = doc.keepTogether;
  const rows = doc.rows.slice(top, bottom + 1);
  // A side is a cell written in the block and the merge it starts; a side one column wide
  // has no merge (a narrow table's), so the sides are found from the cells.
  const merged = doc.merges.filter((m) => m.top >= top && m.top <= bottom);
  const inside = (c: number) => merged.some((m) => m.left < c && c <= m.right);
  const lefts = new Set(rows.flatMap((row) => row.cells.flatMap((cell, c) => (cell && !inside(c) ? [c] : []))));
  const distinct = [...lefts].sort((a, b) => a - b).map((left) => [left, Math.max(left, ...merged.filter((m) => m.left === left).map((m) => m.right))] as const);
  return {
    top,
    height: rows.reduce((sum, row) => sum + rowPoints(row, doc), 0),
    spans: distinct.map(([left, right]) => ({
      left,
      right,
      parts: rows.map((row) => {
        const cell = row.cells[left];
        const text = cell?.value === null || cell?.value === undefined ? "" : String(cell.value);
        const style = cell?.style ?? {};
        const size = style.size ?? doc.font.size;
        return { text, style, lines: text !== "" ? 1 : Math.max(1, Math.round(rowPoints(row, doc) / (size * 1.36))) };
      }),
    })),
  };
}

/** A part's text and the line breaks after it: none after the last. */
export function partText(span: KeptSpan, i: number): string {
  const part = span.parts[i]!;
  return i === span.parts.length - 1 ? part.text : part.text + "\n".repeat(part.lines);
}

/** A span's lines as plain text. */
export function keptText(span: KeptSpan): string {
  return span.parts.map((_, i) => partText(span, i)).join("");
}

/**
 * The document with its closing block as one row of plain text, for a writer that
 * cannot style part of a cell: each span's lines one below the other, bold where the
 * block has bold (the titles and names), at its largest size; the print area ends there.
 */
export function blockAsOneRow<D extends SheetDocument>(doc: D): D {
  const block = keptTogether(doc);
  if (!block) return doc;
  const cells: (DocumentCell | null)[] = doc.columnWidths.map(() => null);
  const merges: CellRange[] = [];
  for (const span of block.spans) {
    const written = span.parts.filter((p) => p.text !== "");
    cells[span.left] = {
      value: keptText(span),
      style: {
        bold: written.some((p) => p.style.bold),
        size: Math.max(...written.map((p) => p.style.size ?? doc.font.size), doc.font.size),
        align: "center",
        valign: "top",
        wrap: true,
      },
    };
    if (span.right > span.left) merges.push({ top: block.top, bottom: block.top, left: span.left, right: span.right });
  }
  const { keepTogether: kept, ...rest } = doc;
  const { bottom } = kept!;
  // Rows below the block move up by the rows it gave up.
  const gone = bottom - block.top;
  const below = (r: number) => (r > bottom ? r - gone : Math.min(r, block.top));
  return {
    ...rest,
    rows: [...doc.rows.slice(0, block.top), { cells, height: block.height }, ...doc.rows.slice(bottom + 1)],
    merges: [
      ...doc.merges.filter((m) => m.top < block.top || m.top > bottom).map((m) => ({ ...m, top: below(m.top), bottom: below(m.bottom) })),
      ...merges,
    ],
    printArea: { ...doc.printArea, bottom: below(doc.printArea.bottom) },
    rowBreaks: doc.rowBreaks.map(below),
  } as D;
}
