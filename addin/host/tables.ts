import { addRows, columnLetter, runExcel, writeValues, WriteBudget } from "./excel.ts";
import type { Cell } from "../../shared/parse.ts";

export interface ColumnLayout {
  header: string;
  width?: number;
  /** Excel number format of the column's cells. */
  format?: string;
  hidden?: boolean;
  /** A dropdown of these values (no commas: Excel's literal list source is comma-separated). */
  list?: readonly string[];
  /** Excel's own check on typed values: a custom formula over the column's first cell. */
  validate?: { formula: (cell: string) => string; message: string };
  note?: string;
  /** On a protected sheet, cells the officer may still type into. */
  editable?: boolean;
  /**
   * A formula the add-in owns (never built from data), for the row at `sheetRow`:
   * `col(i)` is the letter of column i.
   */
  formula?: (sheetRow: number, col: (i: number) => string) => string;
}

export interface ConditionalRule {
  column: number;
  /** Formula over the column's first data cell; `col(i)` as above. */
  formula: (firstRow: number, col: (i: number) => string) => string;
  fill?: string;
  font?: string;
}

/** A chart of a small block of figures the add-in writes beside the table. */
export interface ChartLayout {
  title: string;
  type: "ColumnStacked" | "BarClustered" | "ColumnClustered";
  /** First column: categories; others: one series each (by column). */
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** A sheet the add-in owns whole: title lines, then one table. */
export interface TableSheet {
  sheet: string;
  table: string;
  title: readonly string[];
  columns: readonly ColumnLayout[];
  rows: readonly (readonly Cell[])[];
  style?: string;
  rules?: readonly ConditionalRule[];
  /** Lock everything but the editable columns (protection without a password: a guard, not a lock). */
  protect?: boolean;
  /** A bold line right under the table (figures from the server, not Excel sums). */
  totals?: readonly Cell[];
  /** Italic lines under that: what the table counts and leaves out. */
  footnotes?: readonly string[];
  charts?: readonly ChartLayout[];
  /** Fit column widths to their content (reports) instead of the given widths. */
  autofit?: boolean;
}

/** Row (1-based) of the header of a table laid out by replaceTableSheet. */
export function headerRowOf(layout: Pick<TableSheet, "title">): number {
  return layout.title.length + 2;
}

const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: true,
};

/**
 * Writes a sheet the add-in owns (a list to edit, a scoring sheet, a report): whatever
 * was on it is replaced; other sheets are not touched. Two syncs, whatever the number
 * of rows (more only past Excel on the web's payload limit).
 */
export async function replaceTableSheet(layout: TableSheet): Promise<void> {
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const exists = sheets.items.some((s) => s.name === layout.sheet);
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
    const headerRow = headerRowOf(layout);
    const width = layout.columns.length;
    const headerAddress = `A${headerRow}:${columnLetter(width - 1)}${headerRow}`;
    writeValues(sheet.getRange(headerAddress), [layout.columns.map((c) => c.header)]);
    const table = sheet.tables.add(headerAddress, true);
    table.name = layout.table;
    table.style = layout.style ?? "TableStyleMedium7";
    const rows = layout.rows.map((row) => layout.columns.map((c, j) => (c.formula ? "" : (row[j] ?? ""))));
    for (let start = 0; start < rows.length; start += 2000) {
      const chunk = rows.slice(start, start + 2000);
      await budget.add(chunk);
      addRows(table, chunk);
    }
    // Formulas only where the layout owns them (totals and ratings from the rubric), never from data.
    layout.columns.forEach((c, i) => {
      if (!c.formula || rows.length === 0) return;
      const formulas = rows.map((_, k) => [c.formula!(headerRow + 1 + k, columnLetter)]);
      table.columns.getItemAt(i).getDataBodyRange().formulas = formulas;
    });
    const firstCell = (i: number) => `${columnLetter(i)}${headerRow + 1}`;
    layout.columns.forEach((c, i) => {
      const column = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
      if (c.width) column.format.columnWidth = c.width;
      if (c.hidden) column.columnHidden = true;
      const body = table.columns.getItemAt(i).getDataBodyRange();
      if (c.format) body.numberFormat = c.format as unknown as string[][];
      if (c.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(",") } };
      if (c.validate) {
        body.dataValidation.rule = { custom: { formula: c.validate.formula(firstCell(i)) } };
        body.dataValidation.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: c.header.slice(0, 32), message: c.validate.message.slice(0, 225) };
      }
      if (c.note) body.dataValidation.prompt = { showPrompt: true, title: c.header.slice(0, 32), message: c.note.slice(0, 255) };
      if (layout.protect) body.format.protection.locked = !c.editable;
    });
    for (const rule of layout.rules ?? []) {
      const cf = table.columns.getItemAt(rule.column).getDataBodyRange().conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = rule.formula(headerRow + 1, columnLetter);
      if (rule.fill) cf.custom.format.fill.color = rule.fill;
      if (rule.font) cf.custom.format.font.color = rule.font;
    }
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
    // Chart figures go beside the table, one block under another, each with its chart.
    let top = headerRow - 1;
    for (const chart of layout.charts ?? []) {
      const left = width + 1;
      const block = sheet.getRangeByIndexes(top, left, chart.rows.length + 1, chart.header.length);
      const values = [chart.header, ...chart.rows];
      await budget.add(values);
      writeValues(block, values);
      const added = sheet.charts.add(chart.type as Excel.ChartType, block, Excel.ChartSeriesBy.columns);
      added.title.text = chart.title;
      added.setPosition(sheet.getRangeByIndexes(top, left + chart.header.length + 1, 1, 1), sheet.getRangeByIndexes(top + 18, left + chart.header.length + 9, 1, 1));
      top += Math.max(chart.rows.length + 3, 21);
    }
    sheet.getRange(headerAddress).format.wrapText = true;
    sheet.freezePanes.freezeRows(headerRow);
    if (layout.protect) sheet.protection.protect(PROTECTION);
    sheet.activate();
    await context.sync();
  });
}

/** A table's data rows, or null when the workbook has no such table. Empty tables read as no rows. */
export async function readTableRows(tableName: string): Promise<Cell[][] | null> {
  return runExcel(async (context) => {
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    if (!tables.items.some((t) => t.name === tableName)) return null;
    const table = context.workbook.tables.getItem(tableName);
    const count = table.rows.getCount();
    const body = table.getDataBodyRange().load("values");
    await context.sync();
    return count.value === 0 ? [] : (body.values as Cell[][]);
  });
}

/**
 * Overwrites whole columns of a table's data rows (statuses, figures from the server),
 * one write each, lifting the sheet's protection for the write if it has one.
 */
export async function writeTableColumns(tableName: string, columns: ReadonlyMap<number, readonly Cell[]>): Promise<void> {
  await runExcel(async (context) => {
    const table = context.workbook.tables.getItem(tableName);
    const sheet = table.worksheet;
    const protection = sheet.protection.load("protected");
    await context.sync();
    if (protection.protected) sheet.protection.unprotect();
    const budget = new WriteBudget(context);
    for (const [column, values] of columns) {
      const rows = values.map((v) => [v]);
      await budget.add(rows);
      writeValues(table.columns.getItemAt(column).getDataBodyRange(), rows);
    }
    if (protection.protected) sheet.protection.protect(PROTECTION);
    await context.sync();
  });
}

export async function writeTableColumn(tableName: string, column: number, values: readonly Cell[]): Promise<void> {
  await writeTableColumns(tableName, new Map([[column, values]]));
}

/** Rows of several tables in one round trip (two syncs); a missing table reads as null. */
export async function readTables(names: readonly string[]): Promise<Map<string, Cell[][] | null>> {
  return runExcel(async (context) => {
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const present = new Set(tables.items.map((t) => t.name));
    const reads = new Map<string, { count: OfficeExtension.ClientResult<number>; body: Excel.Range } | null>();
    for (const name of names) {
      if (!present.has(name)) reads.set(name, null);
      else {
        const table = context.workbook.tables.getItem(name);
        reads.set(name, { count: table.rows.getCount(), body: table.getDataBodyRange().load("values") });
      }
    }
    await context.sync();
    return new Map([...reads].map(([name, r]) => [name, r === null ? null : r.count.value === 0 ? [] : (r.body.values as Cell[][])]));
  });
}

/**
 * Updates rows by the id in `idColumn`, whatever order the officer has sorted them into
 * meanwhile: the id column and the columns to change are re-read, then each changed
 * column is written whole. Two syncs for any number of tables and rows.
 */
export async function writeColumnsById(
  updates: ReadonlyMap<string, { idColumn: number; rows: ReadonlyMap<string, ReadonlyMap<number, Cell>> }>,
): Promise<void> {
  await runExcel(async (context) => {
    const reads = [...updates].map(([name, u]) => {
      const table = context.workbook.tables.getItem(name);
      const columns = new Set<number>([u.idColumn]);
      for (const cells of u.rows.values()) for (const c of cells.keys()) columns.add(c);
      const ranges = new Map([...columns].map((c) => [c, table.columns.getItemAt(c).getDataBodyRange().load("values")]));
      const protection = table.worksheet.protection.load("protected");
      return { table, u, ranges, protection };
    });
    await context.sync();
    const budget = new WriteBudget(context);
    for (const { table, u, ranges, protection } of reads) {
      if (protection.protected) table.worksheet.protection.unprotect();
      const ids = (ranges.get(u.idColumn)!.values as Cell[][]).map((r) => String(r[0] ?? ""));
      for (const [column, range] of ranges) {
        if (column === u.idColumn) continue;
        const current = (range.values as Cell[][]).map((r) => r[0]);
        const next = ids.map((id, i) => {
          const cells = u.rows.get(id);
          return [cells?.has(column) ? (cells.get(column) ?? "") : (current[i] ?? "")];
        });
        await budget.add(next);
        writeValues(range, next);
      }
      if (protection.protected) table.worksheet.protection.protect(PROTECTION);
    }
    await context.sync();
  });
}

/**
 * A dropdown per row (each model may move to different states): consecutive rows with
 * the same choices share one validation rule. One sync.
 */
export async function applyRowLists(tableName: string, column: number, lists: readonly (readonly string[])[]): Promise<void> {
  if (lists.length === 0) return;
  await runExcel(async (context) => {
    const table = context.workbook.tables.getItem(tableName);
    const protection = table.worksheet.protection.load("protected");
    await context.sync();
    if (protection.protected) table.worksheet.protection.unprotect();
    const body = table.columns.getItemAt(column).getDataBodyRange();
    let start = 0;
    for (let i = 1; i <= lists.length; i++) {
      if (i < lists.length && lists[i]!.join(",") === lists[start]!.join(",")) continue;
      const run = body.getCell(start, 0).getResizedRange(i - start - 1, 0);
      run.dataValidation.clear();
      run.dataValidation.rule = { list: { inCellDropDown: true, source: lists[start]!.join(",") } };
      start = i;
    }
    if (protection.protected) table.worksheet.protection.protect(PROTECTION);
    await context.sync();
  });
}

/** The id (in `idColumn`) of the table row holding the selected cell, if the selection is in that table. */
export async function selectedRowId(tableName: string, idColumn: number): Promise<string | null> {
  return runExcel(async (context) => {
    const selected = context.workbook.getSelectedRange().load("rowIndex");
    const header = context.workbook.tables.getItem(tableName).getHeaderRowRange().load("rowIndex");
    const ids = context.workbook.tables.getItem(tableName).columns.getItemAt(idColumn).getDataBodyRange().load("values");
    await context.sync();
    const row = selected.rowIndex - header.rowIndex - 1;
    const id = row >= 0 ? ids.values[row]?.[0] : undefined;
    return typeof id === "string" && id ? id : null;
  });
}
