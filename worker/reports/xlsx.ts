import ExcelJS, { type Alignment, type Borders, type Font, type RichText, type Worksheet } from "exceljs";
import { keptTogether, partText, type KeptBlock } from "../../shared/kept-together.ts";
import type { CellRange, CellStyle, SheetDocument } from "../../shared/report-document.ts";

// The official document (shared/report-document.ts) as an XLSX file, through exceljs:
// it writes what the document needs and write-excel-file could not (page setup fitted to
// one page wide, print titles, print area, merges).

const thin = { style: "thin" } as const;
const BORDERS: Partial<Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const A4 = 9;

/**
 * "A$1:C$3" for a zero-based range: exceljs puts a "$" before each end of a print area,
 * and the rows need theirs too, or Excel reads the name relative to the active cell.
 */
function printArea(range: CellRange): string {
  const col = (c: number): string => (c >= 26 ? col(Math.floor(c / 26) - 1) : "") + String.fromCharCode(65 + (c % 26));
  return `${col(range.left)}$${range.top + 1}:${col(range.right)}$${range.bottom + 1}`;
}

function font(style: CellStyle, doc: SheetDocument): Partial<Font> {
  return {
    name: doc.font.name,
    size: style.size ?? doc.font.size,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italic: true } : {}),
    ...(style.underline ? { underline: true } : {}),
  };
}

function alignment(style: CellStyle): Partial<Alignment> {
  return {
    ...(style.align ? { horizontal: style.align } : {}),
    ...(style.valign ? { vertical: style.valign } : {}),
    ...(style.wrap ? { wrapText: true } : {}),
  };
}

/** The closing block as one row (shared/kept-together.ts): each span one merged cell, each of its rows in its own style (rich text). */
function layOutTogether(ws: Worksheet, doc: SheetDocument, block: KeptBlock): void {
  const xr = ws.getRow(block.top + 1);
  xr.height = block.height;
  for (const span of block.spans) {
    const { left, right } = span;
    const runs: RichText[] = span.parts.map((part, i) => ({ text: partText(span, i), font: font(part.style, doc) }));
    const xc = xr.getCell(left + 1);
    xc.value = { richText: runs };
    xc.alignment = { horizontal: "center", vertical: "top", wrapText: true };
    if (right > left) ws.mergeCells(block.top + 1, left + 1, block.top + 1, right + 1);
  }
}

function layOut(ws: Worksheet, doc: SheetDocument): void {
  ws.columns = doc.columnWidths.map((width) => ({ width, style: { font: { name: doc.font.name, size: doc.font.size } } }));
  const together = doc.keepTogether;
  doc.rows.forEach((row, r) => {
    if (together && r >= together.top && r <= together.bottom) return;
    const xr = ws.getRow(r + 1);
    if (row.height !== undefined) xr.height = row.height;
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      const xc = xr.getCell(c + 1);
      // A JS string becomes a string cell: exceljs writes a formula only for { formula }.
      if (cell.value !== null) xc.value = cell.value;
      xc.font = font(cell.style, doc);
      const align = alignment(cell.style);
      if (Object.keys(align).length > 0) xc.alignment = align;
      if (cell.style.border) xc.border = BORDERS;
      if (cell.style.numberFormat) xc.numFmt = cell.style.numberFormat;
    });
  });
  // Styles are set first: exceljs gives every merged cell the top-left cell's style.
  for (const m of doc.merges) if (!together || m.top < together.top || m.top > together.bottom) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  const block = keptTogether(doc);
  if (block) layOutTogether(ws, doc, block);
  for (const r of doc.rowBreaks) ws.getRow(r + 1).addPageBreak();
}

export interface NamedSheet {
  /** A valid Excel sheet name: at most 31 characters, none of []:*?/\. */
  name: string;
  doc: SheetDocument;
}

function addSheet(wb: ExcelJS.Workbook, { name, doc }: NamedSheet): void {
  const { page } = doc;
  const ws = wb.addWorksheet(name, {
    views: [{ showGridLines: false }],
    pageSetup: {
      paperSize: A4,
      orientation: page.orientation,
      ...(page.fitToPage ? { fitToPage: true, fitToWidth: page.fitToWidth, fitToHeight: page.fitToHeight } : { fitToPage: false, scale: 100 }),
      horizontalCentered: page.centerHorizontally,
      margins: page.margins,
      // The rows kept together became one.
      printArea: printArea(doc.keepTogether ? { ...doc.printArea, bottom: doc.keepTogether.top } : doc.printArea),
      ...(doc.printTitleRows ? { printTitlesRow: `${doc.printTitleRows.first + 1}:${doc.printTitleRows.last + 1}` } : {}),
    },
    headerFooter: { oddFooter: `&C&"${doc.font.name},Regular"&10${page.footer}` },
  });
  layOut(ws, doc);
}

/** A workbook of printed sheets, in order, each printed as its document says. */
export async function renderWorkbook(sheets: readonly NamedSheet[], title: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Dân vận khéo";
  wb.title = title;
  for (const sheet of sheets) addSheet(wb, sheet);
  const bytes = await wb.xlsx.writeBuffer();
  return new Uint8Array(bytes as unknown as ArrayLike<number>);
}

/** One sheet named `sheetName` (a valid Excel sheet name), printed as the document says. */
export function renderXlsx(doc: SheetDocument, sheetName: string, title: string): Promise<Uint8Array<ArrayBuffer>> {
  return renderWorkbook([{ name: sheetName, doc }], title);
}
