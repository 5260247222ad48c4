import { columnLetter, runExcel, WriteBudget } from "./excel.ts";
import type { Cell } from "../../shared/parse.ts";

export interface ColumnLayout {
  header: string;
  width?: number;
  /** Excel number format of the column's cells. */
  format?: string;
  hidden?: boolean;
  /** A dropdown of these values (no commas: Excel's literal list source is comma-separated). */
  list?: readonly string[];
  note?: string;
}

/** A sheet the add-in owns whole: title lines, then one table. */
export interface TableSheet {
  sheet: string;
  table: string;
  title: readonly string[];
  columns: readonly ColumnLayout[];
  rows: readonly (readonly Cell[])[];
  style?: string;
}

/**
 * Writes a sheet the add-in owns (a list to edit, a report): whatever was on it is
 * replaced; other sheets are not touched. Two syncs, whatever the number of rows (more
 * only past Excel on the web's payload limit).
 */
export async function replaceTableSheet(layout: TableSheet): Promise<void> {
  await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const tables = context.workbook.tables.load("items/name");
    await context.sync();
    const exists = sheets.items.some((s) => s.name === layout.sheet);
    const sheet = exists ? context.workbook.worksheets.getItem(layout.sheet) : context.workbook.worksheets.add(layout.sheet);
    if (tables.items.some((t) => t.name === layout.table)) context.workbook.tables.getItem(layout.table).delete();
    const whole = sheet.getRange();
    whole.conditionalFormats.clearAll();
    whole.dataValidation.clear();
    whole.clear(Excel.ClearApplyTo.all);
    whole.columnHidden = false;

    const budget = new WriteBudget(context);
    layout.title.forEach((line, i) => {
      const cell = sheet.getRangeByIndexes(i, 0, 1, 1);
      cell.values = [[line]];
      if (i === 0) {
        cell.format.font.bold = true;
        cell.format.font.size = 14;
      } else cell.format.font.italic = true;
    });
    const headerRow = layout.title.length + 1; // a blank line between title and table
    const width = layout.columns.length;
    const headerAddress = `A${headerRow + 1}:${columnLetter(width - 1)}${headerRow + 1}`;
    sheet.getRange(headerAddress).values = [layout.columns.map((c) => c.header)];
    const table = sheet.tables.add(headerAddress, true);
    table.name = layout.table;
    table.style = layout.style ?? "TableStyleMedium7";
    if (layout.rows.length) {
      const rows = layout.rows as (string | number)[][];
      for (let start = 0; start < rows.length; start += 2000) {
        const chunk = rows.slice(start, start + 2000);
        await budget.add(chunk);
        table.rows.add(undefined, chunk);
      }
    }
    layout.columns.forEach((c, i) => {
      const column = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
      if (c.width) column.format.columnWidth = c.width;
      if (c.hidden) column.columnHidden = true;
      const body = table.columns.getItemAt(i).getDataBodyRange();
      if (c.format) body.numberFormat = c.format as unknown as string[][];
      if (c.list) body.dataValidation.rule = { list: { inCellDropDown: true, source: c.list.join(",") } };
      if (c.note) body.dataValidation.prompt = { showPrompt: true, title: c.header.slice(0, 32), message: c.note.slice(0, 255) };
    });
    sheet.getRange(headerAddress).format.wrapText = true;
    sheet.freezePanes.freezeRows(headerRow + 1);
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

/** Overwrites one column of a table's data rows (e.g. the status column), in one write. */
export async function writeTableColumn(tableName: string, column: number, values: readonly Cell[]): Promise<void> {
  await runExcel(async (context) => {
    const range = context.workbook.tables.getItem(tableName).columns.getItemAt(column).getDataBodyRange();
    range.values = values.map((v) => [v ?? ""]) as (string | number)[][];
    await context.sync();
  });
}
