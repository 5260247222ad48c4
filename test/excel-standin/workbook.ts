// Excel stand-in (NOT Excel). This in-memory workbook STANDS IN for Microsoft Excel in
// tests and in the browser harness, because Excel cannot run where the tests run. It holds
// plain, inspectable data (sheets, cells, formats, tables, validation, conditional formats,
// charts, names) and offers helpers for tests. The Office.js-shaped API over it lives in
// office-api.ts; this module must not import Node modules (it is bundled for Chromium).

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  cellA1,
  cellKey,
  formatRect,
  formatRectAbsolute,
  intersect,
  parseAddress,
  quoteSheetName,
} from "./addresses.ts";
import { ModelError, valueTypeOf, type CellValue } from "./cell-values.ts";
import { UNSUPPORTED, evaluateFormula, type FormulaHost } from "./formula.ts";
import type {
  CellFormat,
  ChartModel,
  ConditionalFormatEntry,
  ConditionalFormatStyle,
  NamedItemModel,
  UnsupportedFormulaRecord,
  ValidationEntry,
} from "./model-types.ts";
import { checkValidation, conditionalStyleAt } from "./rules.ts";
import { StandInSheet, type HyperlinkModel } from "./sheet.ts";
import { StandInTable } from "./table.ts";

export { StandInSheet } from "./sheet.ts";
export { StandInTable } from "./table.ts";
export type * from "./model-types.ts";
export type { CellValue } from "./cell-values.ts";

/** Regional settings of the Windows/Excel the workbook stands in for. */
export type StandInLocale = "en-US" | "vi-VN";

export const STANDIN_LOCALES: readonly StandInLocale[] = ["en-US", "vi-VN"];

export interface StandInWorkbookOptions {
  /** Initial sheet names; default ["Sheet1"]. Excel always has at least one sheet. */
  sheets?: string[];
  /**
   * How what a person types is read (dates, decimal and thousands separators): "en-US"
   * (default) or "vi-VN". Values written through the API are always read as en-US.
   */
  locale?: StandInLocale | undefined;
}

export interface CellSnapshot extends CellFormat {
  address: string;
  value: CellValue;
  formula: string | null;
  text: string;
  valueType: string;
  /** Fill/font a conditional format currently applies on top (null when none matches). */
  conditional: ConditionalFormatStyle | null;
  validation: ValidationEntry | null;
  hyperlink: HyperlinkModel | null;
}

export interface ValidationProblem {
  address: string;
  value: CellValue;
  reason: string;
}

export interface ChartSeriesInfo {
  name: string;
  categories: CellValue[];
  values: CellValue[];
}

/** "sync": a sync applied changes; "read": a sync only read; "user-edit": setValues(). */
export type WorkbookEvent = { reason: "sync" | "read" | "user-edit" | "change" };

type SheetRef = string | StandInSheet;
type TableRef = string | StandInTable;

const INVALID_SHEET_CHARS = /[:\\/?*[\]]/;

export class StandInWorkbook {
  /** Lets code in another bundle/realm (the task-pane iframe) recognise the stand-in. */
  readonly isExcelStandIn = true;
  readonly kind = "Excel stand-in workbook (not Excel)";
  sheets: StandInSheet[] = [];
  tables: StandInTable[] = [];
  names: NamedItemModel[] = [];
  activeSheet: StandInSheet;
  selection: { sheet: StandInSheet; rect: Rect };
  /** Regional settings typed input is read with (see StandInWorkbookOptions.locale). */
  readonly locale: StandInLocale;
  /** Counts of application.suspend*UntilNextSync() calls (they have no other effect here). */
  suspensions = { calculation: 0, screenUpdating: 0 };
  private readonly ids = new Map<string, number>();
  private readonly valueCache = new Map<string, CellValue>();
  private readonly evaluating = new Set<string>();
  private readonly unsupported = new Map<string, UnsupportedFormulaRecord>();
  private readonly listeners = new Set<(event: WorkbookEvent) => void>();
  private version = 0;

  constructor(options: StandInWorkbookOptions = {}) {
    const locale = options.locale ?? "en-US";
    if (!STANDIN_LOCALES.includes(locale)) throw new Error(`Excel stand-in: locale must be one of ${STANDIN_LOCALES.join(", ")}, got ${JSON.stringify(locale)}`);
    this.locale = locale;
    const names = options.sheets && options.sheets.length > 0 ? options.sheets : ["Sheet1"];
    for (const name of names) this.addSheet(name);
    this.activeSheet = this.sheets[0]!;
    this.selection = { sheet: this.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
  }

  // ------------------------------------------------------------------ bookkeeping

  nextId(prefix: string): string {
    const n = (this.ids.get(prefix) ?? 0) + 1;
    this.ids.set(prefix, n);
    return `${prefix}${n}`;
  }

  /** Any mutation: drops cached formula results. */
  touch(): void {
    this.version++;
    this.valueCache.clear();
  }

  /** Increments on every change; lets the harness skip redundant re-renders. */
  get changeVersion(): number {
    return this.version;
  }

  onChange(listener: (event: WorkbookEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(reason: WorkbookEvent["reason"] = "change"): void {
    for (const listener of [...this.listeners]) listener({ reason });
  }

  /** Formulas the evaluator could not compute (deduplicated), for test assertions. */
  get unsupportedFormulas(): UnsupportedFormulaRecord[] {
    return [...this.unsupported.values()];
  }

  // ------------------------------------------------------------------ sheets

  findSheet(name: string): StandInSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): StandInSheet | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  hasSheet(sheet: StandInSheet): boolean {
    return this.sheets.includes(sheet);
  }

  validateSheetName(name: unknown, except?: StandInSheet): string {
    if (typeof name !== "string" || name.length === 0 || name.length > 31 || INVALID_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") {
      throw new ModelError("InvalidArgument", `"${String(name)}" is not a valid sheet name (1-31 characters, none of : \\ / ? * [ ], no leading/trailing ')`);
    }
    const clash = this.findSheet(name);
    if (clash && clash !== except) throw new ModelError("ItemAlreadyExists", `A sheet named "${name}" already exists`);
    return name;
  }

  addSheet(name?: string | null): StandInSheet {
    let finalName: string;
    if (name === undefined || name === null) {
      let n = this.sheets.length + 1;
      while (this.findSheet(`Sheet${n}`)) n++;
      finalName = `Sheet${n}`;
    } else {
      finalName = this.validateSheetName(name);
    }
    this.touch();
    const sheet = new StandInSheet(this, this.nextId("sheet"), finalName);
    this.sheets.push(sheet);
    return sheet;
  }

  renameSheet(sheet: StandInSheet, name: string): void {
    const old = sheet.name;
    this.validateSheetName(name, sheet);
    this.touch();
    sheet.name = name;
    // Formulas that name the sheet follow the rename, as in Excel.
    if (old !== name) {
      for (const s of this.sheets) {
        for (const cell of s.cells.values()) {
          if (cell.formula !== undefined) cell.formula = renameSheetInFormula(cell.formula, old, name);
        }
      }
    }
  }

  visibleSheets(): StandInSheet[] {
    return this.sheets.filter((s) => s.visibility === "Visible");
  }

  deleteSheet(sheet: StandInSheet): void {
    if (sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      throw new ModelError("InvalidOperation", "A workbook must contain at least one visible worksheet");
    }
    this.touch();
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.tables = this.tables.filter((t) => t.sheet !== sheet);
    // A sheet's own names go with it; so do names referring to it (Excel would keep them as #REF!).
    this.names = this.names.filter((n) => n.scopeSheetId !== sheet.id && !("sheetId" in n.reference && n.reference.sheetId === sheet.id));
    for (const s of this.sheets) {
      for (const cell of s.cells.values()) {
        if (cell.formula !== undefined) cell.formula = renameSheetInFormula(cell.formula, sheet.name, null);
      }
    }
    if (this.activeSheet === sheet) this.activeSheet = this.visibleSheets()[0]!;
    if (this.selection.sheet === sheet) this.selection = { sheet: this.activeSheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
  }

  moveSheet(sheet: StandInSheet, position: number): void {
    if (!Number.isInteger(position) || position < 0 || position >= this.sheets.length) {
      throw new ModelError("InvalidArgument", `Sheet position ${position} is outside 0..${this.sheets.length - 1}`);
    }
    this.touch();
    this.sheets = this.sheets.filter((s) => s !== sheet);
    this.sheets.splice(position, 0, sheet);
  }

  setVisibility(sheet: StandInSheet, visibility: string): void {
    if (visibility !== "Visible" && visibility !== "Hidden" && visibility !== "VeryHidden") {
      throw new ModelError("InvalidArgument", `Unknown sheet visibility "${visibility}"`);
    }
    if (visibility !== "Visible" && sheet.visibility === "Visible" && this.visibleSheets().length === 1) {
      throw new ModelError("InvalidOperation", "A workbook must contain at least one visible worksheet");
    }
    this.touch();
    sheet.visibility = visibility;
    if (this.activeSheet === sheet && visibility !== "Visible") this.activeSheet = this.visibleSheets()[0]!;
  }

  activate(sheet: StandInSheet): void {
    if (sheet.visibility !== "Visible") throw new ModelError("InvalidOperation", `Sheet "${sheet.name}" is hidden and cannot be activated`);
    this.touch();
    this.activeSheet = sheet;
    this.selection = { sheet, rect: { row: 0, col: 0, rows: 1, cols: 1 } };
  }

  select(sheet: StandInSheet, rect: Rect): void {
    this.activate(sheet);
    this.selection = { sheet, rect };
  }

  // ------------------------------------------------------------------ tables

  findTable(name: string): StandInTable | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }

  tableById(id: string): StandInTable | undefined {
    return this.tables.find((t) => t.id === id);
  }

  hasTable(table: StandInTable): boolean {
    return this.tables.includes(table);
  }

  validateTableName(name: unknown, except?: StandInTable): string {
    if (
      typeof name !== "string" ||
      !/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) ||
      name.length > 255 ||
      /^[A-Za-z]{1,3}\d+$/.test(name) ||
      /^[RrCc]\d*$/.test(name) ||
      /^[Rr]\d*[Cc]\d*$/.test(name)
    ) {
      throw new ModelError("InvalidArgument", `"${String(name)}" is not a valid table name (letters, digits, _ and . only; no spaces; not a cell reference)`);
    }
    const table = this.findTable(name);
    const definedName = this.names.find((n) => n.name.toLowerCase() === name.toLowerCase());
    if ((table && table !== except) || definedName) throw new ModelError("InvalidArgument", `The name "${name}" is already used by a table or a defined name`);
    return name;
  }

  /** tables.add(address, hasHeaders). */
  addTable(sheet: StandInSheet, rect: Rect, hasHeaders: boolean, name?: string): StandInTable {
    sheet.assertAllowed(rect, "objects");
    if (rect.rows > 1_000_000 || rect.cols > 16_000) throw new ModelError("InvalidArgument", "A table cannot cover whole rows or columns in the Excel stand-in");
    for (const other of sheet.tables) {
      if (intersect(other.rect(), rect)) throw new ModelError("InvalidArgument", `A table can't overlap another table ("${other.name}")`);
    }
    if (sheet.merges.some((m) => intersect(m, rect))) throw new ModelError("InvalidOperation", "A table cannot contain merged cells");
    const finalName = name !== undefined ? this.validateTableName(name) : this.freshTableName();
    this.touch();
    let dataRows = rect.rows - 1;
    if (!hasHeaders) {
      // Office.js: "Excel will automatically generate a header and shift the data down by one row."
      sheet.shift({ axis: "rows", at: rect.row, count: 1, bandStart: rect.col, bandEnd: rect.col + rect.cols - 1 });
      dataRows = rect.rows;
    }
    const table = new StandInTable(this, this.nextId("table"), {
      name: finalName,
      sheet,
      headerRow: rect.row,
      left: rect.col,
      columnNames: Array.from({ length: rect.cols }, (_, i) => `Column${i + 1}`),
      dataRowCount: dataRows,
    });
    this.tables.push(table);
    if (!hasHeaders) table.columns.forEach((c, i) => sheet.storeText(rect.row, rect.col + i, c.name));
    table.syncHeaderNames();
    table.afterCellsWritten(table.bodyRect(), false);
    return table;
  }

  /** Table1, Table2, ...: like Excel, numbering continues even after renames. */
  private freshTableName(): string {
    for (;;) {
      const candidate = `Table${this.nextId("table-name").slice("table-name".length)}`;
      if (!this.findTable(candidate) && !this.names.some((x) => x.name.toLowerCase() === candidate.toLowerCase())) return candidate;
    }
  }

  removeTable(table: StandInTable): void {
    this.touch();
    this.tables = this.tables.filter((t) => t !== table);
  }

  // ------------------------------------------------------------------ names

  /** A name of the workbook, or (with `scope`) of that sheet's own names (Worksheet.names, ExcelApi 1.4). */
  findName(name: string, scope: StandInSheet | null = null): NamedItemModel | undefined {
    const lower = name.toLowerCase();
    return this.names.find((n) => n.name.toLowerCase() === lower && (n.scopeSheetId ?? null) === (scope?.id ?? null));
  }

  /** Names of one scope: the workbook's (null) or a sheet's. */
  namesIn(scope: StandInSheet | null): NamedItemModel[] {
    return this.names.filter((n) => (n.scopeSheetId ?? null) === (scope?.id ?? null));
  }

  addName(name: unknown, reference: NamedItemModel["reference"], comment = "", scope: StandInSheet | null = null): NamedItemModel {
    if (typeof name !== "string" || !/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name)) {
      throw new ModelError("InvalidArgument", `"${String(name)}" is not a valid name`);
    }
    // A sheet may hold a name the workbook also has (Excel's "scope"); never twice in one scope.
    if (this.findName(name, scope) || this.findTable(name)) throw new ModelError("ItemAlreadyExists", `The name "${name}" already exists`);
    this.touch();
    const item: NamedItemModel = { name, reference, comment, visible: true, ...(scope ? { scopeSheetId: scope.id } : {}) };
    this.names.push(item);
    return item;
  }

  removeName(item: NamedItemModel): void {
    this.touch();
    this.names = this.names.filter((n) => n !== item);
  }

  /** "=Sheet1!$A$1:$A$5" for a range name, the stored formula otherwise. */
  nameFormula(item: NamedItemModel): string {
    if ("formula" in item.reference) return item.reference.formula;
    const sheet = this.sheetById(item.reference.sheetId);
    return sheet ? `=${quoteSheetName(sheet.name)}!${formatRectAbsolute(item.reference.rect)}` : "=#REF!";
  }

  // ------------------------------------------------------------------ calculation

  private readonly host: FormulaHost = {
    cellValue: (sheetName, row, col) => {
      const sheet = this.findSheet(sheetName);
      return sheet ? this.computeValue(sheet, row, col) : null;
    },
    usedRect: (sheetName) => this.findSheet(sheetName)?.usedRect(true) ?? null,
    sheetExists: (sheetName) => this.findSheet(sheetName) !== undefined,
    resolveName: (name) => {
      const item = this.findName(name);
      if (!item || !("sheetId" in item.reference)) return null;
      const sheet = this.sheetById(item.reference.sheetId);
      return sheet ? { sheet: sheet.name, rect: item.reference.rect } : null;
    },
  };

  /** Value of a cell, evaluating its formula (cached until the next change). */
  computeValue(sheet: StandInSheet, row: number, col: number): CellValue {
    const cell = sheet.rawCell(row, col);
    if (!cell) return "";
    if (cell.formula === undefined) return cell.value;
    const key = `${sheet.id}:${cellKey(row, col)}`;
    const cached = this.valueCache.get(key);
    if (cached !== undefined) return cached;
    if (this.evaluating.has(key)) {
      this.recordUnsupported(sheet, row, col, cell.formula, "circular reference");
      return UNSUPPORTED;
    }
    this.evaluating.add(key);
    let value: CellValue;
    try {
      const result = evaluateFormula(cell.formula, this.host, { sheet: sheet.name });
      if ("unsupported" in result) this.recordUnsupported(sheet, row, col, cell.formula, result.unsupported);
      value = result.value;
    } finally {
      this.evaluating.delete(key);
    }
    this.valueCache.set(key, value);
    return value;
  }

  /** Evaluates a formula as if it were in the cell at (row, col) offsets of `sheet`. */
  evaluate(formula: string, sheet: StandInSheet, rowOffset = 0, colOffset = 0): CellValue {
    const result = evaluateFormula(formula.startsWith("=") ? formula : `=${formula}`, this.host, { sheet: sheet.name, rowOffset, colOffset });
    if ("unsupported" in result) this.recordUnsupported(sheet, rowOffset, colOffset, formula, `${result.unsupported} (rule formula)`);
    return result.value;
  }

  private recordUnsupported(sheet: StandInSheet, row: number, col: number, formula: string, reason: string): void {
    const address = `${quoteSheetName(sheet.name)}!${cellA1(row, col)}`;
    const key = `${address}|${formula}`;
    if (!this.unsupported.has(key)) this.unsupported.set(key, { sheet: sheet.name, address, formula, reason });
  }

  // ------------------------------------------------------------------ helpers for tests

  /** The sheet with this name (case-insensitive, like Excel); throws if missing. */
  sheet(name: SheetRef): StandInSheet {
    if (typeof name !== "string") return name;
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`Excel stand-in: no sheet named "${name}" (sheets: ${this.sheets.map((s) => s.name).join(", ")})`);
    return sheet;
  }

  /** Parses "B3" / "A1:C4" (an optional "Sheet!" prefix must match). */
  private rectOf(sheet: StandInSheet, a1: string): Rect {
    const parsed = parseAddress(a1);
    if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
      throw new Error(`Excel stand-in: address "${a1}" names another sheet than "${sheet.name}"`);
    }
    return parsed.rect;
  }

  /** Everything about one cell: computed value, formula, display text and effective format. */
  cell(sheetRef: SheetRef, a1: string): CellSnapshot {
    const sheet = this.sheet(sheetRef);
    const { row, col } = this.rectOf(sheet, a1);
    const value = sheet.value(row, col);
    return {
      address: `${quoteSheetName(sheet.name)}!${cellA1(row, col)}`,
      value,
      formula: sheet.formula(row, col),
      text: sheet.text(row, col),
      valueType: valueTypeOf(value),
      ...sheet.format(row, col),
      conditional: conditionalStyleAt(this, sheet, row, col),
      validation: sheet.validationAt(row, col),
      hyperlink: sheet.hyperlinkAt(row, col),
    };
  }

  /** Computed values of a range, row-major, "" for empty. */
  rangeValues(sheetRef: SheetRef, a1: string): CellValue[][] {
    const sheet = this.sheet(sheetRef);
    return mapRect(this.rectOf(sheet, a1), (r, c) => sheet.value(r, c));
  }

  rangeFormulas(sheetRef: SheetRef, a1: string): CellValue[][] {
    const sheet = this.sheet(sheetRef);
    return mapRect(this.rectOf(sheet, a1), (r, c) => sheet.formulaOrValue(r, c));
  }

  rangeTexts(sheetRef: SheetRef, a1: string): string[][] {
    const sheet = this.sheet(sheetRef);
    return mapRect(this.rectOf(sheet, a1), (r, c) => sheet.text(r, c));
  }

  /**
   * Simulates the officer typing or pasting starting at `topLeft`: conversions happen as
   * for typed input, data validation is NOT applied (pasting bypasses it in Excel too — use
   * validationErrors() to see what would be flagged), locked cells on a protected sheet
   * refuse the edit, and typing right under a table grows the table (AutoExpand).
   */
  setValues(sheetRef: SheetRef, topLeft: string, values: unknown[][]): void {
    const sheet = this.sheet(sheetRef);
    const start = this.rectOf(sheet, topLeft);
    const rows = values.length;
    const cols = Math.max(0, ...values.map((r) => r.length));
    if (rows === 0 || cols === 0) return;
    const padded = values.map((r) => Array.from({ length: cols }, (_, j) => (j < r.length ? r[j] : null)));
    sheet.writeCells({ row: start.row, col: start.col, rows, cols }, padded, { user: true });
    this.notify("user-edit");
  }

  /**
   * The officer types one value into one cell (what setValues does for a block): read in
   * the workbook's locale, bypassing validation like a paste. Under a filter it lands in
   * exactly that cell.
   */
  typeCell(sheetRef: SheetRef, a1: string, value: unknown): void {
    this.setValues(sheetRef, a1, [[value]]);
  }

  // ------------------------------------------------------------------ what officers do in Excel's UI
  //
  // These act as a person does in Excel (ribbon, right-click menus, header dropdowns),
  // not through the API: no request, no sync, and none of the API's refusals under a filter.

  private tableOf(ref: TableRef): StandInTable {
    return typeof ref === "string" ? this.table(ref) : ref;
  }

  private columnIndexIn(table: StandInTable, column: number | string): number {
    const index = typeof column === "number" ? column : table.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
    if (!Number.isInteger(index) || index < 0 || index >= table.columnCount) {
      throw new Error(`Excel stand-in: table "${table.name}" has no column ${JSON.stringify(column)} (columns: ${table.columns.map((c) => c.name).join(", ")})`);
    }
    return index;
  }

  private wholeRect(sheet: StandInSheet, address: string, kind: "columns" | "rows"): Rect {
    const rect = this.rectOf(sheet, address);
    const ok = kind === "columns" ? rect.row === 0 && rect.rows === MAX_ROWS : rect.col === 0 && rect.cols === MAX_COLUMNS;
    if (!ok) throw new Error(`Excel stand-in: "${address}" is not whole ${kind} (write "B:B" or "7:7")`);
    return rect;
  }

  /** Right-click a column header > Insert: a table crossed by it gains a column there (a new id, named ColumnN). */
  insertSheetColumns(sheetRef: SheetRef, columns: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.insertCells(this.wholeRect(sheet, columns, "columns"), "Right", { user: true });
    this.notify("user-edit");
  }

  /** Right-click a column header > Delete: a table column there goes, with its filter. */
  deleteSheetColumns(sheetRef: SheetRef, columns: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.deleteCells(this.wholeRect(sheet, columns, "columns"), "Left", { user: true });
    this.notify("user-edit");
  }

  /** Right-click a row header > Insert. */
  insertSheetRows(sheetRef: SheetRef, rows: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.insertCells(this.wholeRect(sheet, rows, "rows"), "Down", { user: true });
    this.notify("user-edit");
  }

  /**
   * Select row headers > Delete. Under a filter only the visible rows of the selection go
   * (Excel deletes the visible rows of a filtered range): deleting a visible row of a
   * filtered table deletes that sheet row only.
   */
  deleteSheetRows(sheetRef: SheetRef, rows: string): void {
    const sheet = this.sheet(sheetRef);
    const rect = this.wholeRect(sheet, rows, "rows");
    // Runs of rows no filter hides, bottom first so the positions above stay put.
    const runs: Rect[] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      if (sheet.filterHiddenRows.has(r)) continue;
      const last = runs.at(-1);
      if (last && last.row + last.rows === r) last.rows++;
      else runs.push({ ...rect, row: r, rows: 1 });
    }
    for (const run of runs.reverse()) sheet.deleteCells(run, "Up", { user: true });
    this.notify("user-edit");
  }

  /** Right-click a table cell > Insert > Table Columns to the Left, then type the header (e.g. an STT column at index 0). */
  insertTableColumn(tableRef: TableRef, atIndex: number, header: string): void {
    const table = this.tableOf(tableRef);
    table.sheet.assertAllowed(null, "structure-cols");
    table.addColumn(atIndex, null, header);
    this.notify("user-edit");
  }

  /** Cut a table column and Insert Cut Cells elsewhere in the table: the column keeps its id, name, filter and cells. */
  moveTableColumn(tableRef: TableRef, fromIndex: number, toIndex: number): void {
    const table = this.tableOf(tableRef);
    table.sheet.assertAllowed(null, "structure-cols");
    table.moveColumn(fromIndex, toIndex);
    this.notify("user-edit");
  }

  /** Types a new header over a table column's header cell: the column is renamed, its id stays. */
  renameHeader(tableRef: TableRef, index: number, text: string): void {
    const table = this.tableOf(tableRef);
    const i = this.columnIndexIn(table, index);
    if (!table.showHeaders) throw new Error(`Excel stand-in: table "${table.name}" shows no header row`);
    this.setValues(table.sheet, cellA1(table.headerRow, table.left + i), [[text]]);
  }

  /** Right-click column headers > Hide. */
  hideColumns(sheetRef: SheetRef, columns: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.setColumnsHidden(this.wholeRect(sheet, columns, "columns"), true);
    this.notify("user-edit");
  }

  /** Right-click column headers > Unhide. */
  unhideColumns(sheetRef: SheetRef, columns: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.setColumnsHidden(this.wholeRect(sheet, columns, "columns"), false);
    this.notify("user-edit");
  }

  /** Right-click row headers > Hide (by hand, not by a filter). */
  hideRows(sheetRef: SheetRef, rows: string): void {
    const sheet = this.sheet(sheetRef);
    sheet.setRowsHidden(this.wholeRect(sheet, rows, "rows"), true);
    this.notify("user-edit");
  }

  /** Header dropdown > Sort A to Z / Z to A on one column (by index or header text). */
  sortTable(tableRef: TableRef, column: number | string, direction: "asc" | "desc" = "asc"): void {
    const table = this.tableOf(tableRef);
    table.sheet.assertAllowed(null, "sort");
    const index = this.columnIndexIn(table, column);
    table.sortRows([{ columnId: table.columns[index]!.id, ascending: direction === "asc" }], false);
    this.notify("user-edit");
  }

  /** Header dropdown > tick only these values (as shown in the cells; "" for blanks). */
  filterTable(tableRef: TableRef, column: number | string, values: readonly string[]): void {
    const table = this.tableOf(tableRef);
    table.sheet.assertAllowed(null, "filter");
    table.setColumnFilter(this.columnIndexIn(table, column), { filterOn: "Values", values: [...values] });
    this.notify("user-edit");
  }

  /** Data > Clear (Sort & Filter): every filter of the table goes and its rows show again. */
  clearTableFilters(tableRef: TableRef): void {
    const table = this.tableOf(tableRef);
    table.sheet.assertAllowed(null, "filter");
    table.clearFilters();
    this.notify("user-edit");
  }

  /** Columns of a table with their stable ids (TableColumn.id), names and positions. */
  tableColumns(tableRef: TableRef): { id: number; name: string; index: number }[] {
    return this.tableOf(tableRef).columns.map((c, index) => ({ id: c.id, name: c.name, index }));
  }

  /** Data rows of a table that are not hidden (what the officer sees under a filter). */
  visibleTableRows(tableRef: TableRef): CellValue[][] {
    const table = this.tableOf(tableRef);
    return table.dataValues().filter((_, i) => !table.sheet.hiddenRows.has(table.bodyTop + i));
  }

  /** 1-based numbers of the hidden rows of a sheet, by hand or by a filter. */
  hiddenRowNumbers(sheetRef: SheetRef): number[] {
    return [...this.sheet(sheetRef).hiddenRows].sort((a, b) => a - b).map((r) => r + 1);
  }

  table(name: string): StandInTable {
    const table = this.findTable(name);
    if (!table) throw new Error(`Excel stand-in: no table named "${name}" (tables: ${this.tables.map((t) => t.name).join(", ") || "none"})`);
    return table;
  }

  /** Data rows of a table (computed values), without header/total/empty insert row. */
  tableRows(name: string): CellValue[][] {
    return this.table(name).dataValues();
  }

  tableHeaders(name: string): string[] {
    return this.table(name).columns.map((c) => c.name);
  }

  /** Data rows as objects keyed by column name. */
  tableRecords(name: string): Record<string, CellValue>[] {
    const table = this.table(name);
    const headers = table.columns.map((c) => c.name);
    return table.dataValues().map((row) => Object.fromEntries(headers.map((h, i) => [h, row[i]!])));
  }

  /** Validation entry covering a cell (null when none). */
  validationAt(sheetRef: SheetRef, a1: string): ValidationEntry | null {
    const sheet = this.sheet(sheetRef);
    const { row, col } = this.rectOf(sheet, a1);
    return sheet.validationAt(row, col);
  }

  /** Validation areas of a sheet as "A2:A100" → entry (pieces, as stored). */
  validations(sheetRef: SheetRef): { address: string; entry: ValidationEntry }[] {
    const sheet = this.sheet(sheetRef);
    return sheet.validations.map((a) => ({ address: formatRect(a.rect), entry: a.entry }));
  }

  /** Cells whose current value breaks their validation rule (what Excel's "Circle Invalid Data" shows). */
  validationErrors(sheetRef: SheetRef): ValidationProblem[] {
    const sheet = this.sheet(sheetRef);
    const out: ValidationProblem[] = [];
    const used = sheet.usedRect(true);
    if (!used) return out;
    for (const area of sheet.validations) {
      const clip = intersect(area.rect, used);
      if (!clip) continue;
      for (let r = clip.row; r < clip.row + clip.rows; r++) {
        for (let c = clip.col; c < clip.col + clip.cols; c++) {
          const reason = checkValidation(this, sheet, area, r, c);
          if (reason) out.push({ address: cellA1(r, c), value: sheet.value(r, c), reason });
        }
      }
    }
    return out;
  }

  conditionalFormats(sheetRef: SheetRef): (ConditionalFormatEntry & { address: string })[] {
    const sheet = this.sheet(sheetRef);
    return sheet.conditionalFormats.map((cf) => ({ ...cf, address: formatRect(cf.rect) }));
  }

  /** The style conditional formats apply to a cell right now (null when no rule matches). */
  conditionalFormatAt(sheetRef: SheetRef, a1: string): ConditionalFormatStyle | null {
    const sheet = this.sheet(sheetRef);
    const { row, col } = this.rectOf(sheet, a1);
    return conditionalStyleAt(this, sheet, row, col);
  }

  charts(sheetRef?: SheetRef): ChartModel[] {
    const sheets = sheetRef === undefined ? this.sheets : [this.sheet(sheetRef)];
    return sheets.flatMap((s) => s.charts);
  }

  chart(name: string, sheetRef?: SheetRef): ChartModel {
    const chart = this.charts(sheetRef).find((c) => c.name === name);
    if (!chart) throw new Error(`Excel stand-in: no chart named "${name}"`);
    return chart;
  }

  /**
   * Series a chart would plot, derived the way Excel does for simple tables: a text first
   * row gives series names (by columns), a text first column gives categories.
   */
  chartSeries(chart: ChartModel): ChartSeriesInfo[] {
    if (!chart.source) return [];
    const sheet = this.sheetById(chart.source.sheetId);
    if (!sheet) return [];
    const { rect } = chart.source;
    const grid = mapRect(rect, (r, c) => sheet.value(r, c));
    const byColumns = chart.seriesBy === "Columns" || (chart.seriesBy !== "Rows" && rect.rows >= rect.cols);
    const m = byColumns ? grid : grid[0]!.map((_, j) => grid.map((row) => row[j]!));
    const isText = (v: CellValue | undefined) => typeof v === "string";
    const headerRow = m[0]!.slice(1).every((v) => isText(v) && v !== "") || m[0]![0] === "";
    const categoryCol = m.slice(headerRow ? 1 : 0).every((row) => isText(row[0]));
    const body = m.slice(headerRow ? 1 : 0);
    const first = categoryCol ? 1 : 0;
    const series: ChartSeriesInfo[] = [];
    for (let j = first; j < (m[0]?.length ?? 0); j++) {
      series.push({
        name: headerRow ? String(m[0]![j]) : `Series${j - first + 1}`,
        categories: categoryCol ? body.map((row) => row[0]!) : body.map((_, i) => i + 1),
        values: body.map((row) => row[j]!),
      });
    }
    return series;
  }

  /** A compact, JSON-friendly picture of the workbook for debugging failed tests. */
  describe(): object {
    return {
      kind: this.kind,
      activeSheet: this.activeSheet.name,
      sheets: this.sheets.map((s) => {
        const used = s.usedRect(true);
        return {
          name: s.name,
          visibility: s.visibility,
          used: used ? formatRect(used) : null,
          frozen: { rows: s.frozenRows, columns: s.frozenColumns },
          protected: s.protection.protected,
          values: used ? this.rangeValues(s, formatRect(used)) : [],
          validations: s.validations.length,
          conditionalFormats: s.conditionalFormats.length,
          charts: s.charts.map((c) => c.name),
        };
      }),
      tables: this.tables.map((t) => t.describe()),
      names: this.names.map((n) => `${n.name} ${this.nameFormula(n)}`),
      unsupportedFormulas: this.unsupportedFormulas,
    };
  }
}

function mapRect<T>(rect: Rect, f: (row: number, col: number) => T): T[][] {
  if (rect.rows * rect.cols > 5_000_000) throw new Error("Excel stand-in: helper range too large; use a bounded address");
  return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => f(rect.row + i, rect.col + j)));
}

/** Updates "Old!A1" / "'Old name'!A1" references after a rename (null: sheet deleted -> #REF!). */
function renameSheetInFormula(formula: string, oldName: string, newName: string | null): string {
  const quotedOld = quoteSheetName(oldName);
  const variants = new Set([quotedOld, `'${oldName.replace(/'/g, "''")}'`]);
  let out = formula;
  for (const v of variants) {
    const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const re = new RegExp(`(^|[^\\p{L}\\p{N}_.'])${escaped}!(\\$?[A-Za-z]{1,3}\\$?\\d+(?::\\$?[A-Za-z]{1,3}\\$?\\d+)?|\\$?[A-Za-z]{1,3}:\\$?[A-Za-z]{1,3}|\\$?\\d+:\\$?\\d+)`, "gu");
    out = out.replace(re, (_m, pre: string, ref: string) => (newName === null ? `${pre}#REF!` : `${pre}${quoteSheetName(newName)}!${ref}`));
  }
  return out;
}
