// Excel stand-in (NOT Excel): an Excel table ("ListObject") in the in-memory workbook.
//
// Layout, top to bottom: header row (when shown), data body, total row (when shown).
// A table with 0 data rows still occupies one empty body row, because Excel keeps an
// empty "insert row" under the header: getDataBodyRange() returns that row and
// table.getRange() includes it, while rows.count is 0. The first rows.add() (or any value
// written into that row) turns it into data row 0.

import { type Rect, cellA1, cellKey, formatRect, intersect } from "./addresses.ts";
import { ModelError, type CellValue } from "./cell-values.ts";
import type { FilterCriteriaModel } from "./filter.ts";
import { isErrorValue } from "./formula.ts";
import type { ShiftRequest, StandInSheet } from "./sheet.ts";
import { matrixAccessor } from "./sheet.ts";
import type { StandInWorkbook } from "./workbook.ts";

export interface TableColumnModel {
  /** Excel's column id: 1-based, stable across renames and moves. */
  id: number;
  name: string;
  /** What the total row shows for this column. */
  total: { kind: "label"; text: string } | { kind: "subtotal"; code: number } | null;
}

/** One condition of TableSort.apply, kept by column id so it follows the column. */
export interface SortFieldModel {
  columnId: number;
  ascending: boolean;
}

export interface SortStateModel {
  fields: SortFieldModel[];
  matchCase: boolean;
  method: "PinYin" | "StrokeCount";
}

export class StandInTable {
  name: string;
  sheet: StandInSheet;
  /** Row of the header (kept even when showHeaders is false: the body starts below it). */
  headerRow: number;
  left: number;
  columns: TableColumnModel[];
  dataRowCount: number;
  showHeaders = true;
  showTotals = false;
  style = "TableStyleMedium2";
  showBandedRows = true;
  showBandedColumns = false;
  showFilterButton = true;
  highlightFirstColumn = false;
  highlightLastColumn = false;
  /** Column filters (AutoFilter criteria) by TableColumn id. */
  readonly filters = new Map<number, FilterCriteriaModel>();
  /** The last TableSort.apply (what TableSort.fields reports), or null. */
  sortState: SortStateModel | null = null;
  private nextColumnId: number;

  constructor(
    readonly workbook: StandInWorkbook,
    readonly id: string,
    init: { name: string; sheet: StandInSheet; headerRow: number; left: number; columnNames: string[]; dataRowCount: number },
  ) {
    this.name = init.name;
    this.sheet = init.sheet;
    this.headerRow = init.headerRow;
    this.left = init.left;
    this.columns = init.columnNames.map((name, i) => ({ id: i + 1, name, total: null }));
    this.nextColumnId = this.columns.length + 1;
    this.dataRowCount = init.dataRowCount;
  }

  // ------------------------------------------------------------------ geometry

  get bodyTop(): number {
    return this.headerRow + 1;
  }

  /** Physical body rows: at least one (the empty insert row of an empty table). */
  get bodyRows(): number {
    return Math.max(1, this.dataRowCount);
  }

  get totalRowIndex(): number {
    return this.bodyTop + this.bodyRows;
  }

  get columnCount(): number {
    return this.columns.length;
  }

  rect(): Rect {
    const row = this.showHeaders ? this.headerRow : this.bodyTop;
    const rows = (this.showHeaders ? 1 : 0) + this.bodyRows + (this.showTotals ? 1 : 0);
    return { row, col: this.left, rows, cols: this.columnCount };
  }

  headerRect(): Rect | null {
    return this.showHeaders ? { row: this.headerRow, col: this.left, rows: 1, cols: this.columnCount } : null;
  }

  bodyRect(): Rect {
    return { row: this.bodyTop, col: this.left, rows: this.bodyRows, cols: this.columnCount };
  }

  totalRect(): Rect | null {
    return this.showTotals ? { row: this.totalRowIndex, col: this.left, rows: 1, cols: this.columnCount } : null;
  }

  columnIndex(key: string | number): number {
    if (typeof key === "number") return this.columns.findIndex((c) => c.id === key);
    const lower = key.toLowerCase();
    return this.columns.findIndex((c) => c.name.toLowerCase() === lower);
  }

  address(): string {
    return this.sheet.address(this.rect());
  }

  // ------------------------------------------------------------------ reads for tests

  /** Data rows (computed values), without header, total row or the empty insert row. */
  dataValues(): CellValue[][] {
    const out: CellValue[][] = [];
    for (let i = 0; i < this.dataRowCount; i++) {
      const row: CellValue[] = [];
      for (let j = 0; j < this.columnCount; j++) row.push(this.sheet.value(this.bodyTop + i, this.left + j));
      out.push(row);
    }
    return out;
  }

  // ------------------------------------------------------------------ header names

  /** Re-reads header cells into column names the way Excel normalises them. */
  syncHeaderNames(): void {
    if (!this.showHeaders) return;
    const texts = this.columns.map((_c, i) => {
      const raw = this.sheet.value(this.headerRow, this.left + i);
      return typeof raw === "boolean" ? (raw ? "TRUE" : "FALSE") : String(raw);
    });
    // Duplicates get 2, 3, ...; empty headers get the lowest unused "ColumnN".
    const used = new Set<string>();
    const names = texts.map((text) => {
      if (text === "") return "";
      let name = text;
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${text}${n}`;
      used.add(name.toLowerCase());
      return name;
    });
    let next = 1;
    this.columns.forEach((column, i) => {
      let name = names[i]!;
      if (name === "") {
        while (used.has(`column${next}`)) next++;
        name = `Column${next}`;
        used.add(name.toLowerCase());
      }
      column.name = name;
      const raw = this.sheet.value(this.headerRow, this.left + i);
      if (this.sheet.formula(this.headerRow, this.left + i) !== null || raw !== name) this.sheet.storeText(this.headerRow, this.left + i, name);
    });
  }

  /** A name for a new column that does not clash: the preferred one, else "Name2" / "Column1"... */
  private freshColumnName(preferred: string | null): string {
    const taken = new Set(this.columns.map((c) => c.name.toLowerCase()));
    if (preferred && !taken.has(preferred.toLowerCase())) return preferred;
    const base = preferred || "Column";
    for (let n = preferred ? 2 : 1; ; n++) {
      if (!taken.has(`${base}${n}`.toLowerCase())) return `${base}${n}`;
    }
  }

  renameColumn(index: number, name: string): void {
    if (typeof name !== "string" || name.trim() === "") throw new ModelError("InvalidArgument", "A table column name cannot be empty");
    const clash = this.columns.some((c, i) => i !== index && c.name.toLowerCase() === name.toLowerCase());
    if (clash) throw new ModelError("InvalidArgument", `The table already has a column named "${name}"`);
    this.columns[index]!.name = name;
    if (this.showHeaders) this.sheet.storeText(this.headerRow, this.left + index, name);
  }

  // ------------------------------------------------------------------ filters and sort

  /** Whether a column filter is applied ("has a filter applied" in Microsoft's docs). */
  get isFiltered(): boolean {
    return this.filters.size > 0;
  }

  /** Hides the data rows the column filters reject and shows the others (Table.reapplyFilters). */
  applyFilters(): void {
    if (this.dataRowCount === 0) return;
    const criteria: [number, FilterCriteriaModel][] = [];
    for (const [id, c] of this.filters) {
      const index = this.columns.findIndex((col) => col.id === id);
      if (index >= 0) criteria.push([this.left + index, c]);
    }
    this.sheet.filterRows({ row: this.bodyTop, col: this.left, rows: this.dataRowCount, cols: this.columnCount }, criteria);
  }

  /** TableColumn.filter.apply(...) / clear(): sets one column's criteria and filters again. */
  setColumnFilter(index: number, criteria: FilterCriteriaModel | null): void {
    const column = this.columns[index];
    if (!column) throw new ModelError("InvalidArgument", `Table "${this.name}" has no column ${index}`);
    if (criteria) this.filters.set(column.id, criteria);
    else this.filters.delete(column.id);
    this.workbook.touch();
    this.applyFilters();
  }

  /** Table.clearFilters(): every column filter goes and every row it hid shows again. */
  clearFilters(): void {
    this.filters.clear();
    this.workbook.touch();
    this.applyFilters();
  }

  /** Forgets filters and sort fields of columns that no longer exist, then re-filters. */
  private dropStaleColumnState(): void {
    const ids = new Set(this.columns.map((c) => c.id));
    let changed = false;
    for (const id of [...this.filters.keys()]) {
      if (!ids.has(id)) {
        this.filters.delete(id);
        changed = true;
      }
    }
    if (this.sortState) {
      const fields = this.sortState.fields.filter((f) => ids.has(f.columnId));
      this.sortState = fields.length ? { ...this.sortState, fields } : null;
    }
    if (changed) this.applyFilters();
  }

  /**
   * TableSort.apply: orders the data rows by the fields (stable). Hidden rows are not
   * moved, as in Excel ("hidden rows are not moved when you sort"; Microsoft's
   * Range.EntireRow sample unhides rows to sort them all). Ascending: numbers, text,
   * FALSE/TRUE, errors; blanks always last.
   */
  sortRows(fields: SortFieldModel[], matchCase: boolean, method: SortStateModel["method"] = "PinYin"): void {
    for (const f of fields) {
      if (!this.columns.some((c) => c.id === f.columnId)) throw new ModelError("InvalidArgument", `Table "${this.name}" has no column with id ${f.columnId}`);
    }
    this.sortState = { fields: fields.map((f) => ({ ...f })), matchCase, method };
    this.workbook.touch();
    const rows: number[] = [];
    for (let i = 0; i < this.dataRowCount; i++) if (!this.sheet.hiddenRows.has(this.bodyTop + i)) rows.push(this.bodyTop + i);
    const collator = new Intl.Collator(this.workbook.locale, { sensitivity: matchCase ? "variant" : "accent", caseFirst: "lower", numeric: false });
    const keyCols = fields.map((f) => ({ col: this.left + this.columns.findIndex((c) => c.id === f.columnId), ascending: f.ascending }));
    const order = rows.map((r, i) => ({ r, i }));
    order.sort((a, b) => {
      for (const k of keyCols) {
        const c = compareForSort(this.sheet.value(a.r, k.col), this.sheet.value(b.r, k.col), k.ascending, collator);
        if (c !== 0) return c;
      }
      return a.i - b.i;
    });
    this.sheet.permuteRows(rows, order.map((o) => o.r), this.left, this.columnCount);
    this.refreshTotals();
  }

  /**
   * An officer cuts a column of the table and inserts the cut cells at another position
   * (Excel's Cut, then Insert Cut Cells): the column keeps its id, name, filter and cells;
   * the columns between shift by one.
   */
  moveColumn(from: number, to: number): void {
    this.assertEditable();
    if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < 0 || from >= this.columnCount || to >= this.columnCount) {
      throw new ModelError("InvalidArgument", `Table "${this.name}" has columns 0..${this.columnCount - 1}; cannot move ${from} to ${to}`);
    }
    if (from === to) return;
    const rect = this.rect();
    const band = { bandStart: rect.row, bandEnd: rect.row + rect.rows - 1, ownerTable: this };
    const insertAt = this.left + (to > from ? to + 1 : to);
    this.sheet.shift({ axis: "cols", at: insertAt, count: 1, ...band });
    const source = this.left + (to > from ? from : from + 1);
    this.sheet.moveCells({ row: rect.row, col: source, rows: rect.rows, cols: 1 }, 0, insertAt - source);
    this.sheet.shift({ axis: "cols", at: source, count: -1, ...band });
    const [column] = this.columns.splice(from, 1);
    this.columns.splice(to, 0, column!);
    this.refreshTotals();
  }

  // ------------------------------------------------------------------ rows

  /**
   * Rows cannot be added to or deleted from a filtered table through the API. Microsoft
   * documents InsertDeleteConflict for TableRowCollection.deleteRows/deleteRowsAt "if the
   * table ... has a filter applied"; TableRow.delete and Range.delete fail likewise
   * (office-js#994, #468). That rows.add fails too is the stand-in's inference (office-js#224
   * reports add/remove on filtered data not working); it errs on the strict side.
   */
  private assertNotFiltered(what: string): void {
    if (this.isFiltered) {
      throw new ModelError("InsertDeleteConflict", `Cannot ${what} table "${this.name}": it has a filter applied; clear the filters first (Excel stand-in)`);
    }
  }

  private assertEditable(): void {
    // Excel cannot add or remove table rows/columns on a protected sheet at all.
    if (this.sheet.protection.protected) {
      throw new ModelError("AccessDenied", `Table "${this.name}" is on a protected sheet and cannot be resized (Excel stand-in)`);
    }
  }

  /**
   * rows.add(index, values, alwaysInsert): index null, -1 or rows.count appends. values is
   * a 2-D array, one inner array per row with one element per column; null/omitted adds
   * one empty row. Rows are inserted (cells below move down) unless alwaysInsert is false
   * and the rows are appended: then the table grows over the cells below, as in Excel.
   */
  addRows(index: number | null | undefined, values: unknown, alwaysInsert = true): { firstRow: number; count: number } {
    this.assertEditable();
    this.assertNotFiltered("add rows to");
    let count = 1;
    let get: ((i: number, j: number) => unknown) | null = null;
    if (values !== null && values !== undefined) {
      if (!Array.isArray(values) || values.length === 0) {
        throw new ModelError("InvalidArgument", "rows.add values must be a non-empty 2-D array");
      }
      count = values.length;
      get = matrixAccessor({ row: 0, col: 0, rows: count, cols: this.columnCount }, values, `rows.add on table "${this.name}"`);
    }
    const at = index === null || index === undefined || index === -1 ? this.dataRowCount : index;
    if (!Number.isInteger(at) || at < 0 || at > this.dataRowCount) {
      throw new ModelError("InvalidArgument", `rows.add index ${index} is outside 0..${this.dataRowCount}`);
    }
    this.workbook.touch();
    const wasEmpty = this.dataRowCount === 0;
    const firstRow = this.bodyTop + (wasEmpty ? 0 : at);
    // The empty insert row absorbs the first added row.
    const insertAt = wasEmpty ? this.bodyTop + 1 : firstRow;
    const appending = at === this.dataRowCount;
    const insertCount = !alwaysInsert && appending && !this.showTotals ? 0 : wasEmpty ? count - 1 : count;
    if (insertCount > 0) this.insertBodyRows(insertAt, insertCount, wasEmpty ? this.bodyTop : at > 0 ? firstRow - 1 : firstRow + insertCount);
    this.dataRowCount = wasEmpty ? count : this.dataRowCount + count;
    for (let i = 0; i < count; i++) {
      for (let j = 0; j < this.columnCount; j++) {
        const raw = get ? get(i, j) : "";
        if (raw === null || raw === undefined) continue;
        this.sheet.writeRaw(firstRow + i, this.left + j, raw);
      }
    }
    this.refreshTotals();
    return { firstRow, count };
  }

  /**
   * Inserts physical rows inside the table's columns and makes them look like their
   * neighbour: cell formats are copied and validation / conditional formats that cover
   * the neighbouring body row are extended, as Excel does for table columns.
   */
  private insertBodyRows(insertAt: number, count: number, templateRowAfterShift: number): void {
    const band = { bandStart: this.left, bandEnd: this.left + this.columnCount - 1 };
    const { edgeAreas, edgeFormats } = this.areasEndingAbove(insertAt);
    const topAreas = this.sheet.validations.filter((a) => this.coversColumnsOf(a.rect) && a.rect.row === insertAt && insertAt === this.bodyTop);
    const topFormats = this.sheet.conditionalFormats.filter((cf) => this.coversColumnsOf(cf.rect) && cf.rect.row === insertAt && insertAt === this.bodyTop);
    const request: ShiftRequest = { axis: "rows", at: insertAt, count, ...band, ownerTable: this };
    this.sheet.shift(request);
    // shift() updates these objects in place, so the references taken above stay valid.
    for (const a of edgeAreas) a.rect = { ...a.rect, rows: a.rect.rows + count };
    for (const cf of edgeFormats) cf.rect = { ...cf.rect, rows: cf.rect.rows + count };
    // Areas that started at the first body row were pushed down; pull them back over the new rows.
    for (const a of topAreas) {
      a.rect = { ...a.rect, row: insertAt, rows: a.rect.rows + count };
      a.entry = { ...a.entry, anchor: { row: a.entry.anchor.row - count, col: a.entry.anchor.col } };
    }
    for (const cf of topFormats) {
      cf.rect = { ...cf.rect, row: insertAt, rows: cf.rect.rows + count };
      cf.anchor = { row: cf.anchor.row - count, col: cf.anchor.col };
    }
    this.copyRowFormats(templateRowAfterShift, insertAt, count);
  }

  /** Validation areas and conditional formats of table columns that end right above `row`. */
  private areasEndingAbove(row: number) {
    return {
      edgeAreas: this.sheet.validations.filter((a) => this.coversColumnsOf(a.rect) && a.rect.row + a.rect.rows === row && a.rect.row >= this.bodyTop),
      edgeFormats: this.sheet.conditionalFormats.filter((cf) => this.coversColumnsOf(cf.rect) && cf.rect.row + cf.rect.rows === row && cf.rect.row >= this.bodyTop),
    };
  }

  /** New table rows look like their neighbour: copy its cell formats. */
  private copyRowFormats(templateRow: number, firstRow: number, count: number): void {
    for (let j = 0; j < this.columnCount; j++) {
      const template = this.sheet.rawCell(templateRow, this.left + j)?.format;
      if (!template) continue;
      for (let i = 0; i < count; i++) {
        const r = firstRow + i;
        const c = this.left + j;
        const existing = this.sheet.rawCell(r, c);
        if (existing) existing.format = { ...template, ...existing.format };
        else this.sheet.cells.set(cellKey(r, c), { value: "", format: { ...template } });
      }
    }
  }

  private coversColumnsOf(rect: Rect): boolean {
    return rect.col >= this.left && rect.col + rect.cols <= this.left + this.columnCount;
  }

  /** rows.getItemAt(index).delete() / rows.deleteRowsAt(index, count). */
  deleteRows(index: number, count = 1): void {
    this.assertEditable();
    this.assertNotFiltered("delete rows of");
    if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index + count > this.dataRowCount) {
      throw new ModelError("ItemNotFound", `Table "${this.name}" has no rows ${index}..${index + count - 1} (it has ${this.dataRowCount})`);
    }
    this.workbook.touch();
    const band = { bandStart: this.left, bandEnd: this.left + this.columnCount - 1 };
    if (count === this.dataRowCount) {
      // Excel keeps one empty row under the header.
      if (count > 1) this.sheet.shift({ axis: "rows", at: this.bodyTop + 1, count: -(count - 1), ...band, ownerTable: this });
      for (let j = 0; j < this.columnCount; j++) {
        const cell = this.sheet.rawCell(this.bodyTop, this.left + j);
        if (cell) {
          cell.value = "";
          delete cell.formula;
        }
      }
      this.dataRowCount = 0;
    } else {
      this.sheet.shift({ axis: "rows", at: this.bodyTop + index, count: -count, ...band, ownerTable: this });
      this.dataRowCount -= count;
    }
    this.refreshTotals();
  }

  // ------------------------------------------------------------------ columns

  /**
   * columns.add(index, values, name). values, when given, is a 2-D array with one element
   * per row of the table, header first (Office.js semantics); `name` overrides the header.
   */
  addColumn(index: number | null | undefined, values: unknown, name: string | null | undefined): TableColumnModel {
    this.assertEditable();
    const at = index === null || index === undefined || index === -1 ? this.columnCount : index;
    if (!Number.isInteger(at) || at < 0 || at > this.columnCount) {
      throw new ModelError("InvalidArgument", `columns.add index ${index} is outside 0..${this.columnCount}`);
    }
    const rect = this.rect();
    let get: ((i: number) => unknown) | null = null;
    let rowsGiven = 0;
    if (values !== null && values !== undefined) {
      if (!Array.isArray(values)) throw new ModelError("InvalidArgument", "columns.add values must be a 2-D array");
      rowsGiven = values.length;
      const accepted = new Set([rect.rows, rect.rows - (this.showTotals ? 1 : 0), (this.showHeaders ? 1 : 0) + this.dataRowCount]);
      if (!accepted.has(rowsGiven) || !values.every((v) => Array.isArray(v) && v.length === 1)) {
        throw new ModelError("InvalidArgument", `columns.add values must have one single-element row per table row (${[...accepted].join(" or ")}), got ${rowsGiven}`);
      }
      get = (i) => (values[i] as unknown[])[0];
    }
    this.workbook.touch();
    const col = this.left + at;
    this.sheet.shift({ axis: "cols", at: col, count: 1, bandStart: rect.row, bandEnd: rect.row + rect.rows - 1, ownerTable: this });
    const column: TableColumnModel = { id: this.nextColumnId++, name: "", total: null };
    this.columns.splice(at, 0, column);
    if (get) {
      for (let i = 0; i < rowsGiven; i++) {
        const raw = get(i);
        if (raw === null || raw === undefined) continue;
        const r = rect.row + i;
        if (this.showHeaders && r === this.headerRow) this.sheet.storeText(r, col, String(raw));
        else this.sheet.writeRaw(r, col, raw);
      }
    }
    if (name !== null && name !== undefined) {
      column.name = this.freshColumnName(String(name));
      if (this.showHeaders) this.sheet.storeText(this.headerRow, col, column.name);
    } else if (this.showHeaders) {
      this.syncHeaderNames();
    } else {
      column.name = this.freshColumnName(null);
    }
    if (this.dataRowCount === 0) this.activateInsertRowIfFilled();
    this.refreshTotals();
    return column;
  }

  deleteColumn(index: number): void {
    this.assertEditable();
    const rect = this.rect();
    this.workbook.touch();
    this.sheet.shift({ axis: "cols", at: this.left + index, count: -1, bandStart: rect.row, bandEnd: rect.row + rect.rows - 1, ownerTable: this });
    this.columns.splice(index, 1);
    if (this.columns.length === 0) this.workbook.removeTable(this);
    else {
      this.refreshTotals();
      this.dropStaleColumnState();
    }
  }

  // ------------------------------------------------------------------ header / total rows

  setShowTotals(show: boolean): void {
    if (show === this.showTotals) return;
    this.assertEditable();
    this.workbook.touch();
    const band = { bandStart: this.left, bandEnd: this.left + this.columnCount - 1 };
    if (show) {
      this.sheet.shift({ axis: "rows", at: this.totalRowIndex, count: 1, ...band, ownerTable: this });
      if (this.columns.every((c) => c.total === null)) {
        // Excel's default total row: a label in the first column, SUBTOTAL(109) (sum) in the last.
        if (this.columnCount > 1) this.columns[0]!.total = { kind: "label", text: "Total" };
        this.columns[this.columnCount - 1]!.total = { kind: "subtotal", code: 109 };
      }
      this.showTotals = true;
      this.refreshTotals();
    } else {
      const row = this.totalRowIndex;
      this.showTotals = false;
      this.sheet.shift({ axis: "rows", at: row, count: -1, ...band, ownerTable: this });
    }
  }

  setShowHeaders(show: boolean): void {
    if (show === this.showHeaders) return;
    this.workbook.touch();
    if (show) {
      this.showHeaders = true;
      this.columns.forEach((c, i) => this.sheet.storeText(this.headerRow, this.left + i, c.name));
    } else {
      // The header row leaves the table; its cells become ordinary empty cells.
      this.columns.forEach((_c, i) => this.sheet.storeText(this.headerRow, this.left + i, ""));
      this.showHeaders = false;
    }
  }

  /**
   * Rewrites the total row. Excel uses structured references (SUBTOTAL(109,[Điểm])); the
   * stand-in writes the equivalent A1 range so its evaluator can compute the value.
   */
  refreshTotals(): void {
    if (!this.showTotals) return;
    const row = this.totalRowIndex;
    this.columns.forEach((column, j) => {
      const col = this.left + j;
      if (!column.total) {
        this.sheet.storeText(row, col, "");
      } else if (column.total.kind === "label") {
        this.sheet.storeText(row, col, column.total.text);
      } else {
        const body = formatRect({ row: this.bodyTop, col, rows: this.bodyRows, cols: 1 });
        this.sheet.storeFormula(row, col, `=SUBTOTAL(${column.total.code},${body})`);
      }
    });
  }

  // ------------------------------------------------------------------ reactions to cell writes

  private activateInsertRowIfFilled(): boolean {
    if (this.dataRowCount !== 0) return false;
    for (let j = 0; j < this.columnCount; j++) {
      const cell = this.sheet.rawCell(this.bodyTop, this.left + j);
      if (cell && (cell.value !== "" || cell.formula !== undefined)) {
        this.dataRowCount = 1;
        return true;
      }
    }
    return false;
  }

  /**
   * Called after cells in `rect` changed. Header edits rename columns; a value in the
   * empty insert row makes it a data row; a user typing right under the table grows it
   * (Excel's AutoExpand — an add-in writing there through range.values does NOT).
   */
  afterCellsWritten(rect: Rect, byUser: boolean): void {
    const header = this.headerRect();
    if (header && intersect(header, rect)) this.syncHeaderNames();
    if (intersect(this.bodyRect(), rect) && this.activateInsertRowIfFilled()) this.refreshTotals();
    if (!byUser || this.showTotals) return;
    for (;;) {
      const below: Rect = { row: this.bodyTop + this.bodyRows, col: this.left, rows: 1, cols: this.columnCount };
      if (this.dataRowCount === 0 || !intersect(below, rect)) return;
      let filled = false;
      for (let j = 0; j < this.columnCount; j++) {
        const cell = this.sheet.rawCell(below.row, this.left + j);
        if (cell && (cell.value !== "" || cell.formula !== undefined)) filled = true;
      }
      if (!filled) return;
      // AutoExpand carries the table's column formatting, validation and rules down.
      const { edgeAreas, edgeFormats } = this.areasEndingAbove(below.row);
      for (const a of edgeAreas) a.rect = { ...a.rect, rows: a.rect.rows + 1 };
      for (const cf of edgeFormats) cf.rect = { ...cf.rect, rows: cf.rect.rows + 1 };
      this.copyRowFormats(below.row - 1, below.row, 1);
      this.workbook.touch();
      this.dataRowCount++;
    }
  }

  // ------------------------------------------------------------------ other structural changes

  /**
   * How this table reacts to an insert/delete elsewhere on the sheet. Validates now (so a
   * refused operation changes nothing) and returns the adjustment to apply afterwards.
   */
  planShift(req: ShiftRequest): () => void {
    const rowsAxis = req.axis === "rows";
    const rect = this.rect();
    const lo = rowsAxis ? rect.row : rect.col;
    const hi = lo + (rowsAxis ? rect.rows : rect.cols) - 1;
    const perpLo = rowsAxis ? rect.col : rect.row;
    const perpHi = perpLo + (rowsAxis ? rect.cols : rect.rows) - 1;
    const noop = () => {};
    if (perpHi < req.bandStart || perpLo > req.bandEnd) return noop;
    if (hi < req.at) return noop;
    const conflict = () => {
      throw new ModelError("InsertDeleteConflict", `This operation would shift cells in table "${this.name}" (Excel refuses it too)`);
    };
    const fullyInBand = perpLo >= req.bandStart && perpHi <= req.bandEnd;
    if (!fullyInBand) conflict();
    if (req.count > 0) {
      if (req.at <= lo) return () => this.move(req.axis, req.count);
      // Inserted inside the table.
      if (rowsAxis) {
        return () => {
          this.dataRowCount = this.bodyRows + req.count;
          this.refreshTotals();
        };
      }
      return () => {
        const index = req.at - this.left;
        const fresh = Array.from({ length: req.count }, () => ({ id: this.nextColumnId++, name: "", total: null }));
        this.columns.splice(index, 0, ...fresh);
        for (const c of fresh) {
          c.name = this.freshColumnName(null);
          if (this.showHeaders) this.sheet.storeText(this.headerRow, this.left + this.columns.indexOf(c), c.name);
        }
      };
    }
    const n = -req.count;
    const end = req.at + n - 1;
    if (end < lo) return () => this.move(req.axis, req.count);
    if (req.at <= lo && end >= hi) return () => this.workbook.removeTable(this);
    if (rowsAxis) {
      const deletesHeader = this.showHeaders && req.at <= this.headerRow && end >= this.headerRow;
      const deletesTotal = this.showTotals && req.at <= this.totalRowIndex && end >= this.totalRowIndex;
      const bodyLo = Math.max(req.at, this.bodyTop);
      const bodyHi = Math.min(end, this.bodyTop + this.bodyRows - 1);
      const removed = Math.max(0, bodyHi - bodyLo + 1);
      if (deletesHeader || deletesTotal || removed >= this.bodyRows) conflict();
      return () => {
        this.dataRowCount = Math.max(0, this.dataRowCount - removed);
        this.refreshTotals();
      };
    }
    return () => {
      const from = Math.max(req.at, this.left) - this.left;
      const to = Math.min(end, this.left + this.columnCount - 1) - this.left;
      const shiftLeft = req.at < this.left ? this.left - req.at : 0;
      this.columns.splice(from, to - from + 1);
      this.left -= shiftLeft;
      this.dropStaleColumnState();
    };
  }

  private move(axis: "rows" | "cols", by: number): void {
    if (axis === "rows") this.headerRow += by;
    else this.left += by;
  }

  /** table.resize(address): the header row must stay where it is, as Excel requires. */
  resize(rect: Rect): void {
    this.assertEditable();
    const current = this.rect();
    if (rect.row !== current.row) throw new ModelError("InvalidArgument", "The new table range must keep the header row in the same row");
    const headerRows = this.showHeaders ? 1 : 0;
    const totalRows = this.showTotals ? 1 : 0;
    if (rect.rows < headerRows + 1 + totalRows) throw new ModelError("InvalidArgument", "The new table range is too small");
    for (const other of this.workbook.tables) {
      if (other !== this && other.sheet === this.sheet && intersect(other.rect(), rect)) {
        throw new ModelError("InvalidArgument", `The new range overlaps table "${other.name}"`);
      }
    }
    this.workbook.touch();
    const oldCount = this.columnCount;
    this.left = rect.col;
    const kept = this.columns.slice(0, Math.min(oldCount, rect.cols));
    while (kept.length < rect.cols) kept.push({ id: this.nextColumnId++, name: "", total: null });
    this.columns = kept;
    this.dataRowCount = rect.rows - headerRows - totalRows;
    this.dropStaleColumnState();
    if (this.showHeaders) this.syncHeaderNames();
    this.refreshTotals();
  }

  describe(): string {
    return `${this.name} (${this.sheet.name}!${formatRect(this.rect())}, ${this.dataRowCount} rows, header ${cellA1(this.headerRow, this.left)})`;
  }
}

const TYPE_ORDER = (v: CellValue): number => (typeof v === "number" ? 0 : typeof v === "boolean" ? 2 : isErrorValue(v) ? 3 : 1);

/** Excel's sort order; blanks go last in both directions. */
function compareForSort(a: CellValue, b: CellValue, ascending: boolean, collator: Intl.Collator): number {
  const blankA = a === "";
  const blankB = b === "";
  if (blankA || blankB) return blankA === blankB ? 0 : blankA ? 1 : -1;
  const ta = TYPE_ORDER(a);
  const tb = TYPE_ORDER(b);
  let c: number;
  if (ta !== tb) c = ta - tb;
  else if (typeof a === "string" && typeof b === "string" && ta === 1) c = collator.compare(a, b);
  else c = Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  return ascending ? c : -c;
}
