// Laying out the sheets the add-in owns: an editable table merged into what the officer
// has (layoutTableSheet), a read-only list replaced whole (replaceReportSheet). Rows are
// read and written by id in table-rows.ts.

import { columnLetter, PROTECTION, runExcel, writeValues, writeValuesAs, WriteBudget } from "./excel.ts";
import { OwnedTables, type RowChanges, type TableState } from "./owned-tables.ts";
import type { Cell } from "../../shared/parse.ts";
import { mergeRowsById, type MergeRules } from "../sheets/merge.ts";
import { requireColumns, SheetProblem, specIndex, type ColumnMap, type OwnedColumn, type OwnedTable } from "../sheets/owned-table.ts";

export interface ColumnLayout extends OwnedColumn {
  width?: number;
  /** Excel number format of the column's cells ("@" keeps codes and ids as text). */
  format?: string;
  hidden?: boolean;
  /** A dropdown of these values (no commas: Excel's literal list source is comma-separated). */
  list?: readonly string[];
  /** Excel's own check on typed values: a custom formula over the column's first cell. */
  validate?: { formula: (cell: string) => string; message: string };
  note?: string;
  /** On a protected sheet, cells the officer may still type into. */
  editable?: boolean;
  /** Long text shown wrapped (a model's account). */
  wrap?: boolean;
  /**
   * A formula the add-in owns (never built from data), for the row at `sheetRow`:
   * `letter(key)` is the sheet column of the add-in's column `key`, wherever it is now.
   */
  formula?: (sheetRow: number, letter: (key: string) => string) => string;
}

export interface ConditionalRule {
  /** The add-in's column the rule paints. */
  column: string;
  /** Formula over the column's first data cell; `letter(key)` as above. */
  formula: (firstRow: number, letter: (key: string) => string) => string;
  fill?: string;
  font?: string;
}

/** A sheet the add-in lays out: title lines, then one table of its columns (the officer may add more). */
export interface TableSheet extends OwnedTable {
  title: readonly string[];
  columns: readonly ColumnLayout[];
  /** Rows in the columns' order. */
  rows: readonly (readonly Cell[])[];
  style?: string;
  rules?: readonly ConditionalRule[];
  /** Lock everything but the editable columns (protection without a password: a guard, not a lock). */
  protect?: boolean;
}

/** An editable sheet laid out again: its rows are matched by id with what the sheet holds. */
export interface MergedSheet extends TableSheet {
  /** The column that identifies a row (a registration id, a unit's code). */
  idKey: string;
  merge?: MergeRules;
  /** Nothing to show and no such table yet: make none. */
  optional?: boolean;
  /** Hyperlinks to set, by row id and column key, wherever those rows end up. */
  links?: ReadonlyMap<string, ReadonlyMap<string, Excel.RangeHyperlink>>;
}

const textColumns = (layout: TableSheet) => layout.columns.flatMap((c, i) => (c.format === "@" ? [i] : []));

const formulasOf = (layout: TableSheet) =>
  new Map(
    layout.columns.flatMap((c, i) =>
      c.formula ? [[i, (row: number, letter: (j: number) => string) => c.formula!(row, (key) => letter(specIndex(layout, key)))] as const] : [],
    ),
  );

/** Creates the sheet and an empty table of the layout's columns; the caller syncs. */
function queueCreate(context: Excel.RequestContext, layout: TableSheet, sheetExists: boolean): Excel.Table {
  const sheet = sheetExists ? context.workbook.worksheets.getItem(layout.sheet) : context.workbook.worksheets.add(layout.sheet);
  const headerRow = layout.title.length + 2;
  const last = columnLetter(layout.columns.length - 1);
  // Text columns are text before anything is written into them.
  layout.columns.forEach((c, i) => {
    if (c.format === "@") sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).numberFormat = "@" as unknown as string[][];
  });
  const headerAddress = `A${headerRow}:${last}${headerRow}`;
  writeValues(sheet.getRange(headerAddress), [layout.columns.map((c) => c.header)]);
  const table = sheet.tables.add(headerAddress, true);
  table.name = layout.table;
  table.style = layout.style ?? "TableStyleMedium7";
  return table;
}

/**
 * Title, widths, formats, dropdowns, checks, notes, locks and colours of the add-in's
 * columns, wherever the officer has put them; the officer's own columns keep theirs.
 */
function queueLook(context: Excel.RequestContext, layout: TableSheet, state: TableState & { table: Excel.Table; map: ColumnMap }): void {
  const sheet = state.table.worksheet;
  const letter = (key: string) => {
    const column = state.map.bySpec[specIndex(layout, key)];
    return column ? columnLetter(state.leftColumn + column.index) : "A";
  };
  const firstRow = state.headerRow + 2;
  // Title lines sit above the table (a blank row between), from its first column, when
  // the officer left room for them.
  const titleTop = state.headerRow - 1 - layout.title.length;
  if (titleTop >= 0) {
    layout.title.forEach((line, i) => {
      const cell = sheet.getRangeByIndexes(titleTop + i, state.leftColumn, 1, 1);
      writeValues(cell, [[line]]);
      cell.format.font.bold = i === 0;
      cell.format.font.italic = i > 0;
      if (i === 0) cell.format.font.size = 14;
    });
  }
  layout.columns.forEach((c, i) => {
    const column = state.map.bySpec[i];
    if (!column) return;
    const col = columnLetter(state.leftColumn + column.index);
    const whole = sheet.getRange(`${col}:${col}`);
    if (c.width) whole.format.columnWidth = c.width;
    if (c.hidden) whole.columnHidden = true;
    if (c.format === "@") whole.numberFormat = "@" as unknown as string[][];
    const body = state.table.columns.getItem(column.id).getDataBodyRange();
    if (c.format && c.format !== "@") body.numberFormat = c.format as unknown as string[][];
    if (c.wrap) body.format.wrapText = true;
    body.dataValidation.clear();
    body.conditionalFormats.clearAll();
    if (c.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(",") } };
    if (c.validate) {
      body.dataValidation.rule = { custom: { formula: c.validate.formula(`${col}${firstRow}`) } };
      body.dataValidation.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: c.header.slice(0, 32), message: c.validate.message.slice(0, 225) };
    }
    if (c.note) body.dataValidation.prompt = { showPrompt: true, title: c.header.slice(0, 32), message: c.note.slice(0, 255) };
    if (layout.protect) body.format.protection.locked = !c.editable;
    state.table.columns.getItem(column.id).getHeaderRowRange().format.wrapText = true;
  });
  for (const rule of layout.rules ?? []) {
    const column = state.map.bySpec[specIndex(layout, rule.column)];
    if (!column) continue;
    const cf = state.table.columns.getItem(column.id).getDataBodyRange().conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = rule.formula(firstRow, letter);
    if (rule.fill) cf.custom.format.fill.color = rule.fill;
    if (rule.font) cf.custom.format.font.color = rule.font;
  }
  sheet.freezePanes.freezeRows(state.headerRow + 1);
}

/** Reads where everything is once a newly made table or column exists (its ids come from Excel). */
async function reopen(context: Excel.RequestContext, layout: TableSheet, readAll = false): Promise<OwnedTables> {
  await context.sync();
  return (await OwnedTables.open(context, [layout], { readAll })).tables;
}

/**
 * Lays out an editable sheet of the add-in (the area's list, the rubric, a judge's sheet,
 * the approver's table), or lays it out again: rows are matched by id, the add-in's
 * cells of each row are rewritten, new rows come at the end, rows the server no longer
 * has leave (unless the merge rules keep them); the officer's own columns, row order,
 * sort and filter stay as they were. A sheet of that name holding something else is
 * never overwritten.
 */
export async function layoutTableSheet(layout: MergedSheet): Promise<void> {
  await runExcel(async (context) => {
    let { tables } = await OwnedTables.open(context, [layout], { readAll: true });
    let state = tables.state(layout);
    const budget = new WriteBudget(context);
    let changes: RowChanges;
    let existingIds: string[];
    if (!state.table && layout.optional && layout.rows.length === 0) return;
    if (!state.table) {
      const sheetExists = tables.inventory.sheets.has(layout.sheet);
      if (sheetExists) await refuseForeignSheet(context, layout);
      tables = await OwnedTables.created(context, tables.inventory, layout, queueCreate(context, layout, sheetExists));
      state = tables.state(layout);
      changes = { updates: new Map(), deletions: [], appends: layout.rows };
      existingIds = [];
    } else {
      if (tables.queueAddMissing(layout)) {
        tables = await reopen(context, layout, true);
        state = tables.state(layout);
      }
      const existing = (await tables.readRows([layout])).get(layout.table)!;
      existingIds = existing.map((row) => String(row[specIndex(layout, layout.idKey)] ?? "").trim());
      changes = mergeRowsById(existing, layout.rows, specIndex(layout, layout.idKey), layout.merge);
    }
    const present = tables.present(layout);
    requireColumns(layout, present.map);
    if (present.sheetProtected) present.table.worksheet.protection.unprotect();
    await tables.queueChanges(layout, changes, budget, { textColumns: textColumns(layout), formulas: formulasOf(layout), leaveUnprotected: true });
    // Rows kept from before get the add-in's formulas again, in case a column moved.
    queueFormulas(layout, tables, present, changes);
    queueLinks(layout, present, existingIds, changes);
    queueLook(context, layout, present);
    if (layout.protect) present.table.worksheet.protection.protect(PROTECTION);
    tables.queueRegistry();
    present.table.worksheet.activate();
    await context.sync();
  });
}

/**
 * Hyperlinks of rows by id, at the rows' places once the changes land: kept rows close
 * up over the deleted ones, new rows follow. One write per linked cell.
 */
function queueLinks(layout: MergedSheet, state: TableState & { table: Excel.Table; map: ColumnMap }, existingIds: readonly string[], changes: RowChanges): void {
  if (!layout.links?.size) return;
  const gone = new Set(changes.deletions);
  const idAt = specIndex(layout, layout.idKey);
  const order = [...existingIds.filter((_, r) => !gone.has(r)), ...changes.appends.map((row) => String(row[idAt] ?? "").trim())];
  const seen = new Set<string>();
  order.forEach((id, r) => {
    const links = id && !seen.has(id) ? layout.links!.get(id) : undefined;
    seen.add(id);
    for (const [key, link] of links ?? []) {
      const column = state.map.bySpec[specIndex(layout, key)];
      if (column) state.table.worksheet.getRangeByIndexes(state.headerRow + 1 + r, state.leftColumn + column.index, 1, 1).hyperlink = link;
    }
  });
}

function queueFormulas(layout: TableSheet, tables: OwnedTables, state: TableState & { table: Excel.Table; map: ColumnMap }, changes: RowChanges): void {
  const kept = state.rowCount - changes.deletions.length;
  if (kept <= 0) return;
  for (const [i, formula] of formulasOf(layout)) {
    const column = state.map.bySpec[i];
    if (!column) continue;
    const first = state.headerRow + 1;
    const rows = Array.from({ length: kept }, (_, k) => [formula(first + k + 1, (j) => tables.letterOf(layout, j))]);
    state.table.worksheet.getRangeByIndexes(first, state.leftColumn + column.index, kept, 1).formulas = rows;
  }
}

/** A sheet of the add-in's name that holds something of the officer's is left alone. */
async function refuseForeignSheet(context: Excel.RequestContext, layout: OwnedTable): Promise<void> {
  const used = context.workbook.worksheets.getItem(layout.sheet).getUsedRangeOrNullObject(true);
  used.load("address");
  await context.sync();
  if (!used.isNullObject) {
    throw new SheetProblem(
      "sheet_taken",
      `Sổ tính đã có trang “${layout.sheet}” do bạn tạo, không phải của phần bổ trợ; phần bổ trợ không ghi đè lên đó. Hãy đổi tên trang ấy rồi làm lại.`,
    );
  }
}

/**
 * Writes a report sheet (a document the add-in makes whole): whatever was on it is
 * replaced; other sheets are not touched; a sheet of that name the add-in did not make
 * is refused. Text columns are formatted as text before any value is written.
 */
export async function replaceReportSheet(layout: ReportSheet): Promise<void> {
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const tables = context.workbook.tables.load("items/name,items/worksheet/name");
    await context.sync();
    const exists = sheets.items.some((s) => s.name === layout.sheet);
    const ours = tables.items.some((t) => t.name === layout.table && t.worksheet.name === layout.sheet);
    if (exists && !ours) await refuseForeignSheet(context, layout);
    const sheet = exists ? context.workbook.worksheets.getItem(layout.sheet) : context.workbook.worksheets.add(layout.sheet);
    if (exists) {
      // A refresh starts clean: the old charts go too (they need their own read).
      const charts = sheet.charts.load("items/name");
      await context.sync();
      for (const chart of charts.items) chart.delete();
      sheet.protection.unprotect();
    }
    if (tables.items.some((t) => t.name === layout.table)) context.workbook.tables.getItem(layout.table).delete();
    const whole = sheet.getRange();
    whole.conditionalFormats.clearAll();
    whole.dataValidation.clear();
    whole.clear(Excel.ClearApplyTo.all);
    whole.columnHidden = false;

    const budget = new WriteBudget(context);
    layout.title.forEach((line, i) => {
      const cell = sheet.getRangeByIndexes(i, 0, 1, 1);
      writeValues(cell, [[line]]);
      if (i === 0) {
        cell.format.font.bold = true;
        cell.format.font.size = 14;
      } else cell.format.font.italic = true;
    });
    const table = queueCreate(context, layout, true);
    const headerRow = layout.title.length + 2;
    const width = layout.columns.length;
    const rows = layout.rows.map((row) => layout.columns.map((c, j) => (c.formula ? "" : (row[j] ?? ""))));
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      await budget.add(chunk);
      table.rows.add(undefined, chunk.map((r) => r.map(() => "")) as (string | number | boolean)[][]);
      writeValuesAs(sheet.getRangeByIndexes(headerRow + start, 0, chunk.length, width), chunk, layout.columns.map((c) => c.format === "@"));
    }
    layout.columns.forEach((c, i) => {
      const column = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
      if (c.width) column.format.columnWidth = c.width;
      if (c.hidden) column.columnHidden = true;
      if (c.format && c.format !== "@") table.columns.getItemAt(i).getDataBodyRange().numberFormat = c.format as unknown as string[][];
    });
    for (const { row, column, link } of layout.hyperlinks ?? []) sheet.getRangeByIndexes(headerRow + row, column, 1, 1).hyperlink = link;
    const below = headerRow + Math.max(1, rows.length) + 1;
    if (layout.totals) {
      const totals = sheet.getRangeByIndexes(below - 1, 0, 1, width);
      writeValues(totals, [layout.columns.map((_, j) => layout.totals![j] ?? "")]);
      totals.format.font.bold = true;
      layout.columns.forEach((c, j) => c.format && (sheet.getRangeByIndexes(below - 1, j, 1, 1).numberFormat = [[c.format]]));
    }
    (layout.footnotes ?? []).forEach((note, i) => {
      const cell = sheet.getRangeByIndexes(below + 1 + i, 0, 1, 1);
      writeValues(cell, [[note]]);
      cell.format.font.italic = true;
    });
    if (layout.autofit) sheet.getRangeByIndexes(headerRow - 1, 0, Math.max(2, rows.length + 2), width).format.autofitColumns();
    sheet.getRange(`A${headerRow}:${columnLetter(width - 1)}${headerRow}`).format.wrapText = true;
    sheet.freezePanes.freezeRows(headerRow);
    sheet.activate();
    await context.sync();
  });
}

/** A list the add-in replaces whole: a table with a totals line and notes under it. (Report tables are official documents: report-sheet.ts.) */
export interface ReportSheet extends TableSheet {
  /** A bold line right under the table (figures from the server, not Excel sums). */
  totals?: readonly Cell[];
  /** Italic lines under that: what the table counts and leaves out. */
  footnotes?: readonly string[];
  /** Fit column widths to their content instead of the given widths. */
  autofit?: boolean;
  /** Links in the table: data row, column (layout order), where it leads. */
  hyperlinks?: readonly { row: number; column: number; link: Excel.RangeHyperlink }[];
}

