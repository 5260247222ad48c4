import { columnLetter, runExcel, writeValues, writeValuesAs, WriteBudget } from "./excel.ts";
import { documentPaint, type DocumentPaint } from "../reports/paint.ts";
import { SheetProblem } from "../sheets/owned-table.ts";
import { blockAsOneRow } from "../../shared/kept-together.ts";
import type { Cell } from "../../shared/parse.ts";
import type { CellRange, ReportDocument } from "../../shared/report-document.ts";

// The report sheets: each an official document (shared/report-document.ts) drawn through
// Office.js into a sheet of its own, replaced whole on every pull. And the workbook's
// memory of the document details the officer chose (who issues, where, who signs).

/**
 * The mark of a sheet the add-in made: a hidden name scoped to that sheet (Worksheet.names,
 * ExcelApi 1.4). It lives and dies with the sheet, follows it when renamed or copied, and
 * the officer never sees it (hidden names are not listed in Excel's Name Manager).
 */
export const REPORT_SHEET_MARK = "_DVK_BIEU";
/** Report sheets of earlier versions held an Excel table of this prefix ("Bieu_units"). */
const LEGACY_TABLE = /^Bieu_/;

/** A chart of a small block of figures written beside the document, outside its print area. */
export interface DocumentChart {
  title: string;
  type: "ColumnStacked" | "BarClustered" | "ColumnClustered";
  /** First column: categories; others: one series each (by column). */
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

export interface WrittenDocument {
  /** Whether this Excel took the page setup (ExcelApi 1.9); without it the officer sets it when printing. */
  printSetup: boolean;
}

/** Rows of values per write: big documents go in pieces the payload budget can split. */
const VALUE_ROWS = 500;
const SIDES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

/**
 * Draws `doc` into the sheet `sheetName`, made for it or replaced whole (the officer's
 * other sheets untouched), with `charts` beside it. A sheet of that name the add-in did
 * not make is refused, unless it is empty. Two syncs for a new sheet, three to replace
 * one, whatever the number of rows (more only past Excel on the web's payload limit).
 * The page setup needs ExcelApi 1.9 (Office 2021 and later, Microsoft 365, the web):
 * Excel 2019 gets the document without it, and the answer says so.
 */
export async function writeReportDocument(sheetName: string, doc: ReportDocument, charts: readonly DocumentChart[] = []): Promise<WrittenDocument> {
  const printSetup = Office.context.requirements.isSetSupported("ExcelApi", "1.9");
  // Excel splits a page between any two rows: the closing block goes in one (shared/kept-together.ts).
  const drawn = blockAsOneRow(doc);
  const paint = documentPaint(drawn);
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const exists = sheets.items.some((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    const sheet = exists ? context.workbook.worksheets.getItem(sheetName) : context.workbook.worksheets.add(sheetName);
    const marked = exists ? await clearOwnSheet(context, sheet, sheetName) : false;
    if (!marked) sheet.names.add(REPORT_SHEET_MARK, sheet.getRange("A1")).visible = false;
    const budget = new WriteBudget(context);
    await queueDocument(sheet, paint, budget);
    await queueCharts(sheet, doc, charts, budget);
    if (printSetup) queuePageSetup(sheet, drawn);
    sheet.activate();
    await context.sync();
  });
  return { printSetup };
}

/**
 * Empties a sheet of that name before the document is drawn again: its tables, charts,
 * cells, formats, merges, sizes. Refuses (before anything changes) a sheet holding
 * something of the officer's. Answers whether the sheet carries the add-in's mark.
 */
async function clearOwnSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, sheetName: string): Promise<boolean> {
  const names = sheet.names.load("items/name");
  const tables = sheet.tables.load("items/name");
  const charts = sheet.charts.load("items/name");
  const protection = sheet.protection.load("protected");
  const used = sheet.getUsedRangeOrNullObject(true).load("address");
  await context.sync();
  const marked = names.items.some((n) => n.name === REPORT_SHEET_MARK);
  const ours = marked || tables.items.some((t) => LEGACY_TABLE.test(t.name));
  if (!ours && !used.isNullObject) {
    throw new SheetProblem(
      "sheet_taken",
      `Sổ tính đã có trang “${sheetName}” do bạn tạo, không phải của phần bổ trợ; phần bổ trợ không ghi đè lên đó. Hãy đổi tên trang ấy rồi làm lại.`,
    );
  }
  if (protection.protected) sheet.protection.unprotect();
  for (const table of tables.items) table.delete();
  for (const chart of charts.items) chart.delete();
  sheet.freezePanes.unfreeze();
  const whole = sheet.getRange();
  whole.conditionalFormats.clearAll();
  whole.dataValidation.clear();
  whole.unmerge();
  whole.clear(Excel.ClearApplyTo.all);
  whole.columnHidden = false;
  whole.format.useStandardWidth = true;
  whole.format.useStandardHeight = true;
  return marked;
}

function rangeOf(sheet: Excel.Worksheet, r: CellRange): Excel.Range {
  return sheet.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1);
}

/** The document: formats before values (text stays text), then styles, merges and sizes. */
async function queueDocument(sheet: Excel.Worksheet, paint: DocumentPaint, budget: WriteBudget): Promise<void> {
  const whole = sheet.getRange();
  whole.format.font.name = paint.font.name;
  whole.format.font.size = paint.font.size;
  sheet.showGridlines = false;
  const each = async <T>(items: readonly T[], write: (item: T) => void) => {
    for (const item of items) {
      await budget.add(item);
      write(item);
    }
  };
  await each(paint.numberFormats, (run) => (rangeOf(sheet, run.range).numberFormat = run.value as unknown as string[][]));
  const allText = paint.values[0]?.map(() => true) ?? [];
  for (let top = 0; top < paint.rowCount; top += VALUE_ROWS) {
    const rows = paint.values.slice(top, top + VALUE_ROWS);
    await budget.add(rows);
    // Every string sits in a cell just formatted as Text, so it is written as it is.
    writeValuesAs(sheet.getRangeByIndexes(top, 0, rows.length, paint.columnCount), rows, allText);
  }
  const font = (range: CellRange) => rangeOf(sheet, range).format.font;
  await each(paint.bold, (r) => (font(r).bold = true));
  await each(paint.italic, (r) => (font(r).italic = true));
  await each(paint.underline, (r) => (font(r).underline = "Single"));
  await each(paint.sizes, (run) => (font(run.range).size = run.value));
  await each(paint.horizontal, (run) => (rangeOf(sheet, run.range).format.horizontalAlignment = run.value));
  await each(paint.vertical, (run) => (rangeOf(sheet, run.range).format.verticalAlignment = run.value));
  await each(paint.wrap, (r) => (rangeOf(sheet, r).format.wrapText = true));
  await each(paint.borders, (r) => {
    const borders = rangeOf(sheet, r).format.borders;
    for (const side of SIDES) {
      const line = borders.getItem(side);
      line.style = "Continuous";
      line.weight = "Thin";
    }
  });
  await each(paint.merges, (r) => rangeOf(sheet, r).merge(false));
  paint.columnWidths.forEach((width, c) => (sheet.getRangeByIndexes(0, c, 1, 1).getEntireColumn().format.columnWidth = width));
  await each(paint.rowHeights, (run) => (sheet.getRangeByIndexes(run.first, 0, run.last - run.first + 1, 1).getEntireRow().format.rowHeight = run.height));
}

/** Chart figures beside the document (a column apart), one block under another, each with its chart. */
async function queueCharts(sheet: Excel.Worksheet, doc: ReportDocument, charts: readonly DocumentChart[], budget: WriteBudget): Promise<void> {
  const left = doc.columnWidths.length + 1;
  let top = doc.table.header.top;
  for (const chart of charts) {
    const block = sheet.getRangeByIndexes(top, left, chart.rows.length + 1, chart.header.length);
    const values = [chart.header, ...chart.rows];
    await budget.add(values);
    writeValues(block, values);
    const added = sheet.charts.add(chart.type as Excel.ChartType, block, Excel.ChartSeriesBy.columns);
    added.title.text = chart.title;
    added.setPosition(sheet.getRangeByIndexes(top, left + chart.header.length + 1, 1, 1), sheet.getRangeByIndexes(top + 18, left + chart.header.length + 9, 1, 1));
    top += Math.max(chart.rows.length + 3, 21);
  }
}

/** A4 landscape, one page wide, the header rows on every page, the page number in the footer (ExcelApi 1.9). */
function queuePageSetup(sheet: Excel.Worksheet, doc: ReportDocument): void {
  const { page, printArea, printTitleRows } = doc;
  const layout = sheet.pageLayout;
  layout.orientation = "Landscape";
  layout.paperSize = page.paperSize;
  // 0 pages tall: as many as the rows take (the file format's fitToHeight="0").
  layout.zoom = { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight };
  layout.setPrintMargins("Inches", page.margins);
  layout.centerHorizontally = page.centerHorizontally;
  layout.headersFooters.defaultForAllPages.centerFooter = `&"${doc.font.name},Regular"&10${page.footer}`;
  layout.setPrintArea(`$${columnLetter(printArea.left)}$${printArea.top + 1}:$${columnLetter(printArea.right)}$${printArea.bottom + 1}`);
  layout.setPrintTitleRows(`$${printTitleRows.first + 1}:$${printTitleRows.last + 1}`);
}

// ---------------------------------------------------------------------------------
// The document details the officer chose, remembered in the workbook (workbooks are
// e-mailed: names of units and people, never the token).

/** Very hidden: key/value rows (addin/reports/details.ts reads and writes them). */
export const DETAILS_SHEET = "_dvk_bieu";

/** The rows of the details sheet, or none when the workbook has none: two syncs. */
export async function readDetailsSheet(): Promise<Cell[][]> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    if (!sheets.items.some((s) => s.name === DETAILS_SHEET)) return [];
    const used = context.workbook.worksheets.getItem(DETAILS_SHEET).getUsedRangeOrNullObject(true).load("values");
    await context.sync();
    return used.isNullObject ? [] : (used.values as Cell[][]);
  });
}

/** Replaces the rows of the details sheet (made, very hidden, the first time), all as text. */
export async function writeDetailsSheet(rows: readonly (readonly string[])[]): Promise<void> {
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    await context.sync();
    const exists = sheets.items.some((s) => s.name === DETAILS_SHEET);
    const sheet = exists ? context.workbook.worksheets.getItem(DETAILS_SHEET) : context.workbook.worksheets.add(DETAILS_SHEET);
    if (!exists) sheet.visibility = Excel.SheetVisibility.veryHidden;
    sheet.getRange("A:C").clear(Excel.ClearApplyTo.contents);
    if (rows.length) {
      const range = sheet.getRangeByIndexes(0, 0, rows.length, 3);
      range.numberFormat = "@" as unknown as string[][];
      writeValuesAs(range, rows, [true, true, true]);
    }
    await context.sync();
  });
}
