// Excel stand-in (NOT Excel): one worksheet of the in-memory workbook. Cells are sparse;
// formats are layered column -> row -> cell like Excel's, so that formatting "C:C" does
// not create a million cells. Structural changes (insert/delete) move cells, formats,
// validation, conditional formats, tables, charts and formula references together.

import {
  MAX_COLUMNS,
  MAX_ROWS,
  type Rect,
  cellA1,
  cellCount,
  cellKey,
  containsCell,
  formatAddress,
  intersect,
  isWholeColumns,
  isWholeRows,
  keyCol,
  keyRow,
  subtractRect,
} from "./addresses.ts";
import { ModelError, coerceInput, displayText, type CellValue } from "./cell-values.ts";
import { moveFormulaReferences, shiftFormulaReferences, translateFormula, type ShiftOp } from "./formula.ts";
import { rowsKept, type FilterCell, type FilterCriteriaModel } from "./filter.ts";
import {
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_FORMAT,
  DEFAULT_ROW_HEIGHT,
  defaultPageLayout,
  type CellFormat,
  type ChartModel,
  type ConditionalFormatEntry,
  type FormatKey,
  type PageLayoutModel,
  type ValidationArea,
  type ValidationEntry,
} from "./model-types.ts";
import type { StandInTable } from "./table.ts";
import type { StandInWorkbook } from "./workbook.ts";

export interface Cell {
  /** Stored value; for formula cells the computed value is NOT stored here (see value()). */
  value: CellValue;
  formula?: string;
  format?: Partial<CellFormat>;
  /** Range.hyperlink (ExcelApi 1.7): moves with its cell like the value does. */
  hyperlink?: HyperlinkModel;
}

/** Excel.RangeHyperlink: a web address or a place in the workbook, with its tip and text. */
export interface HyperlinkModel {
  address?: string;
  documentReference?: string;
  screenTip?: string;
  textToDisplay?: string;
}

export interface ShiftRequest extends Omit<ShiftOp, "sheet"> {
  /** The table whose own operation this is (rows.add, columns.add): it adjusts itself. */
  ownerTable?: StandInTable;
}

/** A worksheet AutoFilter: the range (header row first) and criteria by column offset. */
export interface SheetAutoFilter {
  rect: Rect;
  criteria: Map<number, FilterCriteriaModel>;
}

export interface ProtectionState {
  protected: boolean;
  /** Excel.WorksheetProtectionOptions as given to protect(). */
  options: Record<string, unknown>;
  password: string | null;
}

/** Above this many cells the stand-in refuses to materialise a write (Excel would manage). */
const MAX_MATERIALISED_CELLS = 5_000_000;

export class StandInSheet {
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible";
  /** "" = no tab colour, as Office.js reports it. */
  tabColor = "";
  showGridlines = true;
  frozenRows = 0;
  frozenColumns = 0;
  protection: ProtectionState = { protected: false, options: {}, password: null };
  readonly cells = new Map<number, Cell>();
  readonly columnFormats = new Map<number, Partial<CellFormat>>();
  readonly rowFormats = new Map<number, Partial<CellFormat>>();
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly hiddenColumns = new Set<number>();
  /** Every hidden row, whether hidden by hand or by a filter. */
  readonly hiddenRows = new Set<number>();
  /** The hidden rows a filter (table or worksheet AutoFilter) hid: a subset of hiddenRows. */
  readonly filterHiddenRows = new Set<number>();
  /** Worksheet.autoFilter over a plain range (ExcelApi 1.9); tables keep their own. */
  autoFilter: SheetAutoFilter | null = null;
  validations: ValidationArea[] = [];
  conditionalFormats: ConditionalFormatEntry[] = [];
  charts: ChartModel[] = [];
  merges: Rect[] = [];
  /** Worksheet.pageLayout (ExcelApi 1.9). */
  pageLayout: PageLayoutModel = defaultPageLayout();

  constructor(
    readonly workbook: StandInWorkbook,
    readonly id: string,
    name: string,
  ) {
    this.name = name;
  }

  get position(): number {
    return this.workbook.sheets.indexOf(this);
  }

  get tables(): StandInTable[] {
    return this.workbook.tables.filter((t) => t.sheet === this);
  }

  address(rect: Rect): string {
    return formatAddress(this.name, rect);
  }

  // ------------------------------------------------------------------ reads

  rawCell(row: number, col: number): Cell | undefined {
    return this.cells.get(cellKey(row, col));
  }

  /** Computed value: formulas are evaluated on read, so the workbook is always "calculated". */
  value(row: number, col: number): CellValue {
    return this.workbook.computeValue(this, row, col);
  }

  formula(row: number, col: number): string | null {
    return this.rawCell(row, col)?.formula ?? null;
  }

  /** What `range.formulas` reports: the formula text, else the value. */
  formulaOrValue(row: number, col: number): CellValue {
    const cell = this.rawCell(row, col);
    if (!cell) return "";
    return cell.formula ?? cell.value;
  }

  formatProp<K extends FormatKey>(row: number, col: number, key: K): CellFormat[K] {
    const cellFmt = this.rawCell(row, col)?.format;
    if (cellFmt && key in cellFmt) return cellFmt[key] as CellFormat[K];
    const rowFmt = this.rowFormats.get(row);
    if (rowFmt && key in rowFmt) return rowFmt[key] as CellFormat[K];
    const colFmt = this.columnFormats.get(col);
    if (colFmt && key in colFmt) return colFmt[key] as CellFormat[K];
    return DEFAULT_FORMAT[key];
  }

  format(row: number, col: number): CellFormat {
    const out = { ...DEFAULT_FORMAT };
    for (const layer of [this.columnFormats.get(col), this.rowFormats.get(row), this.rawCell(row, col)?.format]) {
      if (layer) Object.assign(out, layer);
    }
    return out;
  }

  text(row: number, col: number): string {
    return displayText(this.value(row, col), this.formatProp(row, col, "numberFormat"), this.workbook.locale);
  }

  columnWidth(col: number): number {
    if (this.hiddenColumns.has(col)) return 0;
    return this.columnWidths.get(col) ?? DEFAULT_COLUMN_WIDTH;
  }

  rowHeight(row: number): number {
    if (this.hiddenRows.has(row)) return 0;
    return this.rowHeights.get(row) ?? DEFAULT_ROW_HEIGHT;
  }

  /**
   * Bounding box of cells holding values or formulas (valuesOnly), or also cell-level
   * formatting. Whole-column/row formatting does not extend it, as in Excel.
   */
  usedRect(valuesOnly = false): Rect | null {
    let minR = Infinity;
    let minC = Infinity;
    let maxR = -1;
    let maxC = -1;
    for (const [key, cell] of this.cells) {
      const hasContent = cell.formula !== undefined || cell.value !== "";
      const hasFormat = cell.format !== undefined && Object.keys(cell.format).length > 0;
      if (!hasContent && (valuesOnly || !hasFormat)) continue;
      const r = keyRow(key);
      const c = keyCol(key);
      if (r < minR) minR = r;
      if (r > maxR) maxR = r;
      if (c < minC) minC = c;
      if (c > maxC) maxC = c;
    }
    if (maxR < 0) return null;
    return { row: minR, col: minC, rows: maxR - minR + 1, cols: maxC - minC + 1 };
  }

  /** Cells of rect that exist in the sparse map (order unspecified). */
  *existingCells(rect: Rect): Generator<[number, number, Cell]> {
    if (cellCount(rect) < this.cells.size * 4) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) {
          const cell = this.cells.get(cellKey(r, c));
          if (cell) yield [r, c, cell];
        }
      }
      return;
    }
    for (const [key, cell] of [...this.cells]) {
      const r = keyRow(key);
      const c = keyCol(key);
      if (containsCell(rect, r, c)) yield [r, c, cell];
    }
  }

  // ------------------------------------------------------------------ protection

  isLocked(row: number, col: number): boolean {
    return this.formatProp(row, col, "locked");
  }

  /** Throws AccessDenied when a protected sheet forbids the change, as Excel does. */
  assertAllowed(rect: Rect | null, action: "cells" | "format" | "structure-rows" | "structure-cols" | "objects" | "filter" | "sort"): void {
    if (!this.protection.protected) return;
    const o = this.protection.options;
    const deny = (what: string) => {
      throw new ModelError("AccessDenied", `The sheet "${this.name}" is protected: ${what} is not allowed (Excel stand-in)`);
    };
    switch (action) {
      case "format":
        if (!o["allowFormatCells"]) deny("formatting cells");
        return;
      case "structure-rows":
        if (!o["allowInsertRows"] && !o["allowDeleteRows"]) deny("inserting or deleting rows");
        return;
      case "structure-cols":
        if (!o["allowInsertColumns"] && !o["allowDeleteColumns"]) deny("inserting or deleting columns");
        return;
      case "objects":
        deny("changing tables, validation, conditional formats or charts");
        return;
      case "filter":
        if (!o["allowAutoFilter"]) deny("filtering");
        return;
      case "sort":
        if (!o["allowSort"]) deny("sorting");
        return;
      case "cells":
        if (rect && this.anyLocked(rect)) deny(`editing locked cells in ${this.address(rect)}`);
        return;
    }
  }

  private anyLocked(rect: Rect): boolean {
    if (cellCount(rect) <= 200_000) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        for (let c = rect.col; c < rect.col + rect.cols; c++) if (this.isLocked(r, c)) return true;
      }
      return false;
    }
    // Large (whole column) ranges: unlocked only if every column is unlocked and no row or
    // cell inside re-locks it.
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      if (this.columnFormats.get(c)?.locked !== false) return true;
    }
    for (const [r, fmt] of this.rowFormats) if (fmt.locked === true && r >= rect.row && r < rect.row + rect.rows) return true;
    for (const [, , cell] of this.existingCells(rect)) if (cell.format?.locked === true) return true;
    return false;
  }

  // ------------------------------------------------------------------ cell writes

  private cellFor(row: number, col: number): Cell {
    const key = cellKey(row, col);
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(key, cell);
    }
    return cell;
  }

  private dropIfEmpty(row: number, col: number): void {
    const key = cellKey(row, col);
    const cell = this.cells.get(key);
    if (!cell) return;
    if (cell.value === "" && cell.formula === undefined && !cell.hyperlink && (!cell.format || Object.keys(cell.format).length === 0)) {
      this.cells.delete(key);
    }
  }

  /**
   * Writes one raw element (already known not to be null) the way Excel stores it.
   * `typed`: a person typed it, so it is read in the workbook's locale; the API's
   * writes are read as en-US (office-js#1559). Returns true when the cell ends up non-empty.
   */
  writeRaw(row: number, col: number, raw: unknown, typed = false): boolean {
    const numberFormat = this.formatProp(row, col, "numberFormat");
    const stored = coerceInput(raw, numberFormat, typed ? this.workbook.locale : "en-US");
    const cell = this.cellFor(row, col);
    cell.value = stored.value;
    if (stored.formula !== undefined) cell.formula = stored.formula;
    else delete cell.formula;
    if (stored.impliedNumberFormat) (cell.format ??= {}).numberFormat = stored.impliedNumberFormat;
    this.dropIfEmpty(row, col);
    return stored.value !== "" || stored.formula !== undefined;
  }

  /** Stores text verbatim (table headers are always text, whatever they look like). */
  storeText(row: number, col: number, text: string): void {
    this.workbook.touch();
    const cell = this.cellFor(row, col);
    cell.value = text;
    delete cell.formula;
    this.dropIfEmpty(row, col);
  }

  /** Stores a formula verbatim (table total rows). */
  storeFormula(row: number, col: number, formula: string): void {
    this.workbook.touch();
    const cell = this.cellFor(row, col);
    cell.value = "";
    cell.formula = formula;
  }

  /**
   * range.values / range.formulas = data. `data` is a 2-D array matching rect, or a single
   * value applied to every cell (as Office.js allows). null elements leave cells unchanged.
   */
  writeCells(rect: Rect, data: unknown, opts: { user?: boolean } = {}): void {
    const get = matrixAccessor(rect, data, "values");
    this.assertAllowed(rect, "cells");
    this.workbook.touch();
    const single = !Array.isArray(data);
    if (single && (data === "" || data === null) && cellCount(rect) > MAX_MATERIALISED_CELLS) {
      if (data === "") for (const [r, c, cell] of this.existingCells(rect)) this.clearContent(r, c, cell);
    } else {
      guardSize(rect);
      // Written through the API over a range whose rows a filter partly hides, the data
      // lands misplaced: its rows go, in order, to the visible rows; the rest is lost and
      // hidden rows keep their values (office-js#224: "data seems to be misplaced"). A
      // range wholly visible or wholly hidden is written as is; so is typing or pasting by hand.
      const filtered = !opts.user && this.filterHiddenRows.size > 0 ? this.rowsNotFiltered(rect) : null;
      const targetRows = filtered && filtered.length > 0 && filtered.length < rect.rows ? filtered : null;
      for (let i = 0; i < (targetRows ? targetRows.length : rect.rows); i++) {
        const row = targetRows ? targetRows[i]! : rect.row + i;
        for (let j = 0; j < rect.cols; j++) {
          const raw = get(i, j);
          if (raw === null || raw === undefined) continue;
          this.writeRaw(row, rect.col + j, raw, opts.user === true);
        }
      }
    }
    for (const table of this.tables) table.afterCellsWritten(rect, opts.user === true);
  }

  private clearContent(row: number, col: number, cell: Cell): void {
    cell.value = "";
    delete cell.formula;
    this.dropIfEmpty(row, col);
  }

  /**
   * Range.hyperlink set: every cell of the range links to the same place; textToDisplay,
   * when given, becomes the cell's value (Microsoft's RangeHyperlink docs).
   */
  writeHyperlink(rect: Rect, link: unknown): void {
    this.assertAllowed(rect, "cells");
    if (link === null || typeof link !== "object") throw new ModelError("InvalidArgument", "hyperlink must be a RangeHyperlink object");
    const { address, documentReference, screenTip, textToDisplay } = link as Record<string, unknown>;
    for (const [key, v] of Object.entries({ address, documentReference, screenTip, textToDisplay })) {
      if (v !== undefined && typeof v !== "string") throw new ModelError("InvalidArgument", `hyperlink.${key} must be a string`);
    }
    if (address === undefined && documentReference === undefined) throw new ModelError("InvalidArgument", "hyperlink needs an address or a documentReference");
    guardSize(rect);
    this.workbook.touch();
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        if (typeof textToDisplay === "string") this.writeRaw(r, c, textToDisplay, false);
        const key = cellKey(r, c);
        const cell = this.cells.get(key) ?? { value: "" };
        cell.hyperlink = Object.fromEntries(Object.entries({ address, documentReference, screenTip, textToDisplay }).filter(([, v]) => v !== undefined)) as HyperlinkModel;
        this.cells.set(key, cell);
      }
    }
  }

  hyperlinkAt(row: number, col: number): HyperlinkModel | null {
    return this.cells.get(cellKey(row, col))?.hyperlink ?? null;
  }

  writeNumberFormats(rect: Rect, data: unknown): void {
    const get = matrixAccessor(rect, data, "numberFormat");
    this.assertAllowed(rect, "format");
    if (!Array.isArray(data)) {
      if (data === null || data === undefined) return;
      if (typeof data !== "string") throw new ModelError("InvalidArgument", "numberFormat must be a string");
      this.setFormat(rect, "numberFormat", data);
      return;
    }
    this.workbook.touch();
    guardSize(rect);
    for (let i = 0; i < rect.rows; i++) {
      for (let j = 0; j < rect.cols; j++) {
        const f = get(i, j);
        if (f === null || f === undefined) continue;
        if (typeof f !== "string") throw new ModelError("InvalidArgument", "numberFormat elements must be strings");
        (this.cellFor(rect.row + i, rect.col + j).format ??= {}).numberFormat = f;
      }
    }
  }

  /** Sets one format property on a range (whole columns/rows go to the column/row layer). */
  setFormat<K extends FormatKey>(rect: Rect, key: K, value: CellFormat[K]): void {
    this.updateFormat(rect, key, () => value);
  }

  updateFormat<K extends FormatKey>(rect: Rect, key: K, update: (old: CellFormat[K]) => CellFormat[K]): void {
    this.workbook.touch();
    const wholeCols = isWholeColumns(rect);
    const wholeRows = isWholeRows(rect);
    if (wholeCols) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const layer = this.columnFormats.get(c) ?? {};
        layer[key] = update((key in layer ? layer[key] : DEFAULT_FORMAT[key]) as CellFormat[K]);
        this.columnFormats.set(c, layer);
      }
      this.overrideLowerLayers(rect, key, update, "cols");
      return;
    }
    if (wholeRows) {
      for (let r = rect.row; r < rect.row + rect.rows; r++) {
        const layer = this.rowFormats.get(r) ?? {};
        layer[key] = update((key in layer ? layer[key] : this.formatProp(r, MAX_COLUMNS - 1, key)) as CellFormat[K]);
        this.rowFormats.set(r, layer);
      }
      this.overrideLowerLayers(rect, key, update, "rows");
      return;
    }
    guardSize(rect);
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        const old = this.formatProp(r, c, key);
        (this.cellFor(r, c).format ??= {})[key] = update(old);
      }
    }
  }

  /** A later whole-column format wins over earlier cell/row formats in those columns. */
  private overrideLowerLayers<K extends FormatKey>(rect: Rect, key: K, update: (old: CellFormat[K]) => CellFormat[K], layer: "cols" | "rows"): void {
    for (const [r, c, cell] of this.existingCells(rect)) {
      if (cell.format && key in cell.format) {
        cell.format[key] = update(cell.format[key] as CellFormat[K]);
      }
      this.dropIfEmpty(r, c);
    }
    if (layer === "cols") {
      // Where a row carries its own value for the key, Excel materialises the intersection.
      for (const [r, fmt] of this.rowFormats) {
        if (!(key in fmt)) continue;
        for (let c = rect.col; c < rect.col + rect.cols; c++) (this.cellFor(r, c).format ??= {})[key] = update(fmt[key] as CellFormat[K]);
      }
    }
  }

  setColumnWidth(rect: Rect, width: number): void {
    this.workbook.touch();
    for (let c = rect.col; c < rect.col + rect.cols; c++) this.columnWidths.set(c, width);
  }

  setRowHeight(rect: Rect, height: number): void {
    this.workbook.touch();
    for (let r = rect.row; r < rect.row + rect.rows; r++) this.rowHeights.set(r, height);
  }

  /** Range.format.useStandardHeight / useStandardWidth = true: the size set by hand is forgotten. */
  useStandardSize(rect: Rect, which: "rows" | "columns"): void {
    this.workbook.touch();
    const sizes = which === "rows" ? this.rowHeights : this.columnWidths;
    const [from, count] = which === "rows" ? [rect.row, rect.rows] : [rect.col, rect.cols];
    for (const i of [...sizes.keys()]) if (i >= from && i < from + count) sizes.delete(i);
  }

  setColumnsHidden(rect: Rect, hidden: boolean): void {
    this.workbook.touch();
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      if (hidden) this.hiddenColumns.add(c);
      else this.hiddenColumns.delete(c);
    }
  }

  setRowsHidden(rect: Rect, hidden: boolean): void {
    this.workbook.touch();
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      if (hidden) this.hiddenRows.add(r);
      else {
        this.hiddenRows.delete(r);
        this.filterHiddenRows.delete(r);
      }
    }
  }

  // ------------------------------------------------------------------ filters

  /**
   * Applies column criteria to the rows of `dataRect` (criteria keyed by absolute column):
   * a row the criteria keep is shown, any other is hidden, as Excel's AutoFilter does when
   * it is applied. No criteria: the rows the filter had hidden are shown again.
   */
  filterRows(dataRect: Rect, criteria: [number, FilterCriteriaModel][]): void {
    this.workbook.touch();
    const rows = Array.from({ length: dataRect.rows }, (_, i) => dataRect.row + i);
    const keep = rows.map(() => true);
    for (const [col, c] of criteria) {
      const cells: FilterCell[] = rows.map((r) => ({ value: this.value(r, col), text: this.text(r, col), fillColor: this.formatProp(r, col, "fillColor"), fontColor: this.formatProp(r, col, "fontColor") }));
      rowsKept(c, cells).forEach((k, i) => {
        if (!k) keep[i] = false;
      });
    }
    rows.forEach((r, i) => {
      if (keep[i]) {
        if (criteria.length > 0 || this.filterHiddenRows.has(r)) this.hiddenRows.delete(r);
        this.filterHiddenRows.delete(r);
      } else {
        this.hiddenRows.add(r);
        this.filterHiddenRows.add(r);
      }
    });
  }

  /** Rows of rect (in order) that a filter does not hide. */
  rowsNotFiltered(rect: Rect): number[] {
    const out: number[] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) if (!this.filterHiddenRows.has(r)) out.push(r);
    return out;
  }

  /** Whether rows `from..to` cross the data rows of a filtered table or worksheet AutoFilter within columns `bandStart..bandEnd`. */
  filteredRegionAt(from: number, to: number, bandStart: number, bandEnd: number): string | null {
    for (const t of this.tables) {
      if (!t.isFiltered || t.dataRowCount === 0) continue;
      const body = t.bodyRect();
      if (from <= body.row + body.rows - 1 && to >= body.row && bandStart <= body.col + body.cols - 1 && bandEnd >= body.col) return `table "${t.name}"`;
    }
    const af = this.autoFilter;
    if (af && af.criteria.size > 0) {
      const top = af.rect.row + 1;
      const bottom = af.rect.row + af.rect.rows - 1;
      if (from <= bottom && to >= top && bandStart <= af.rect.col + af.rect.cols - 1 && bandEnd >= af.rect.col) return "the worksheet AutoFilter";
    }
    return null;
  }

  /** Re-applies the worksheet AutoFilter's criteria. */
  applyAutoFilter(): void {
    const af = this.autoFilter;
    if (!af) return;
    const data = { ...af.rect, row: af.rect.row + 1, rows: af.rect.rows - 1 };
    if (data.rows <= 0) return;
    this.filterRows(data, [...af.criteria].map(([offset, c]) => [af.rect.col + offset, c]));
  }

  // ------------------------------------------------------------------ sort and cut/insert

  /**
   * Puts the cells of `sourceRows` (within columns colStart..colStart+cols-1) at
   * `targetRows`, as a sort does: values, formulas and cell formats travel; relative
   * references of moved formulas follow the move like a copy; nothing else is rewritten.
   */
  permuteRows(targetRows: number[], sourceRows: number[], colStart: number, cols: number): void {
    this.workbook.touch();
    const taken = sourceRows.map((r) => Array.from({ length: cols }, (_, j) => this.cells.get(cellKey(r, colStart + j))));
    for (const r of targetRows) for (let j = 0; j < cols; j++) this.cells.delete(cellKey(r, colStart + j));
    targetRows.forEach((r, i) => {
      const dRows = r - sourceRows[i]!;
      taken[i]!.forEach((cell, j) => {
        if (!cell) return;
        if (cell.formula !== undefined) cell.formula = translateFormula(cell.formula, dRows, 0);
        this.cells.set(cellKey(r, colStart + j), cell);
      });
    });
  }

  /**
   * Excel's Cut then paste onto empty cells: the cells of `from` (values, formulas as
   * written, formats, and the validation and conditional-format pieces inside) move by
   * (dRows, dCols), and every reference that lay wholly inside `from` follows them.
   */
  moveCells(from: Rect, dRows: number, dCols: number): void {
    this.workbook.touch();
    const moved: [number, Cell][] = [];
    for (const [r, c, cell] of [...this.existingCells(from)]) {
      this.cells.delete(cellKey(r, c));
      moved.push([cellKey(r + dRows, c + dCols), cell]);
    }
    for (const [key, cell] of moved) this.cells.set(key, cell);
    this.validations = this.validations.flatMap((a) => {
      const inside = intersect(a.rect, from);
      if (!inside) return [a];
      const rest = subtractRect(a.rect, from).map((piece) => ({ rect: piece, entry: a.entry }));
      const anchor = { row: a.entry.anchor.row + inside.row - a.rect.row + dRows, col: a.entry.anchor.col + inside.col - a.rect.col + dCols };
      return [...rest, { rect: { ...inside, row: inside.row + dRows, col: inside.col + dCols }, entry: { ...a.entry, anchor } }];
    });
    this.conditionalFormats = this.conditionalFormats.flatMap((cf) => {
      const inside = intersect(cf.rect, from);
      if (!inside) return [cf];
      const rest = subtractRect(cf.rect, from).map((piece, i) => ({ ...cf, id: i === 0 ? cf.id : this.workbook.nextId("cf"), rect: piece }));
      return [...rest, { ...cf, id: rest.length ? this.workbook.nextId("cf") : cf.id, rect: { ...inside, row: inside.row + dRows, col: inside.col + dCols }, anchor: { row: cf.anchor.row + dRows, col: cf.anchor.col + dCols } }];
    });
    for (const sheet of this.workbook.sheets) {
      for (const cell of sheet.cells.values()) {
        if (cell.formula !== undefined) cell.formula = moveFormulaReferences(cell.formula, sheet.name, this.name, from, dRows, dCols);
      }
    }
  }

  /**
   * Approximates Excel's autofit from text length (about 5.7 pt per character at 11 pt,
   * 10% wider when bold). Only real text measurement could do better.
   */
  autofitColumns(rect: Rect): void {
    this.workbook.touch();
    const used = this.usedRect(true);
    const clip = used ? intersect({ ...rect, row: isWholeColumns(rect) ? 0 : rect.row }, used) : null;
    for (let c = rect.col; c < rect.col + rect.cols; c++) {
      let widest = 0;
      if (clip && c >= clip.col && c < clip.col + clip.cols) {
        for (let r = clip.row; r < clip.row + clip.rows; r++) {
          if (this.formatProp(r, c, "wrapText")) continue;
          const text = this.text(r, c);
          const longestLine = Math.max(0, ...text.split("\n").map((l) => [...l].length));
          const size = this.formatProp(r, c, "fontSize") / 11;
          const bold = this.formatProp(r, c, "bold") ? 1.1 : 1;
          widest = Math.max(widest, longestLine * 5.7 * size * bold);
        }
      }
      this.columnWidths.set(c, widest === 0 ? DEFAULT_COLUMN_WIDTH : Math.ceil(widest + 5.25));
    }
  }

  autofitRows(rect: Rect): void {
    this.workbook.touch();
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      let lines = 1;
      for (const [, c, cell] of this.existingCells({ row: r, col: rect.col, rows: 1, cols: rect.cols })) {
        if (cell.value === "" && cell.formula === undefined) continue;
        const text = this.text(r, c);
        let n = text.split("\n").length;
        if (this.formatProp(r, c, "wrapText")) {
          const charsPerLine = Math.max(1, Math.floor((this.columnWidth(c) - 5.25) / 5.7));
          n = text.split("\n").reduce((s, l) => s + Math.max(1, Math.ceil([...l].length / charsPerLine)), 0);
        }
        lines = Math.max(lines, n);
      }
      this.rowHeights.set(r, lines * DEFAULT_ROW_HEIGHT);
    }
  }

  /** range.clear(applyTo). Data validation survives, as with Excel's Clear All. */
  clear(rect: Rect, applyTo: string): void {
    const contents = applyTo === "All" || applyTo === "Contents" || applyTo === "ResetContents";
    const formats = applyTo === "All" || applyTo === "Formats";
    if (!contents && !formats && applyTo !== "Hyperlinks" && applyTo !== "RemoveHyperlinks") {
      throw new ModelError("InvalidArgument", `Unknown clear applyTo "${applyTo}"`);
    }
    if (contents) this.assertAllowed(rect, "cells");
    if (formats) this.assertAllowed(rect, "format");
    this.workbook.touch();
    for (const [r, c, cell] of this.existingCells(rect)) {
      if (contents) {
        cell.value = "";
        delete cell.formula;
      }
      if (formats) delete cell.format;
      this.dropIfEmpty(r, c);
    }
    if (formats) {
      if (isWholeColumns(rect)) for (let c = rect.col; c < rect.col + rect.cols; c++) this.columnFormats.delete(c);
      if (isWholeRows(rect)) for (let r = rect.row; r < rect.row + rect.rows; r++) this.rowFormats.delete(r);
      this.conditionalFormats = this.conditionalFormats.flatMap((cf) =>
        subtractRect(cf.rect, rect).map((piece, i) => ({ ...cf, id: i === 0 ? cf.id : this.workbook.nextId("cf"), rect: piece })),
      );
      this.merges = this.merges.filter((m) => !intersect(m, rect));
    }
    if (contents) for (const table of this.tables) table.afterCellsWritten(rect, false);
  }

  // ------------------------------------------------------------------ merges

  merge(rect: Rect, across: boolean): void {
    this.assertAllowed(rect, "format");
    this.workbook.touch();
    const pieces = across ? Array.from({ length: rect.rows }, (_, i) => ({ ...rect, row: rect.row + i, rows: 1 })) : [rect];
    for (const piece of pieces) {
      if (cellCount(piece) === 1) continue;
      if (this.tables.some((t) => intersect(t.rect(), piece))) {
        throw new ModelError("InvalidOperation", "Cells in a table cannot be merged");
      }
      // Excel keeps only the upper-left value of a merged area.
      for (const [r, c, cell] of this.existingCells(piece)) {
        if (r === piece.row && c === piece.col) continue;
        this.clearContent(r, c, cell);
      }
      this.merges = this.merges.filter((m) => !intersect(m, piece));
      this.merges.push(piece);
    }
  }

  unmerge(rect: Rect): void {
    this.workbook.touch();
    this.merges = this.merges.filter((m) => !intersect(m, rect));
  }

  // ------------------------------------------------------------------ data validation

  validationAt(row: number, col: number): ValidationEntry | null {
    for (let i = this.validations.length - 1; i >= 0; i--) {
      const area = this.validations[i]!;
      if (containsCell(area.rect, row, col)) return area.entry;
    }
    return null;
  }

  /** Validation pieces intersecting rect (clipped), plus the parts of rect without any. */
  validationPieces(rect: Rect): { covered: ValidationArea[]; uncovered: Rect[] } {
    const covered: ValidationArea[] = [];
    let uncovered: Rect[] = [rect];
    for (const area of this.validations) {
      const piece = intersect(area.rect, rect);
      if (!piece) continue;
      covered.push({ rect: piece, entry: area.entry });
      uncovered = uncovered.flatMap((u) => subtractRect(u, piece));
    }
    return { covered, uncovered };
  }

  /**
   * Applies `patch` to the validation of every cell in rect: cells that had an entry keep
   * its other fields; cells without one start from Excel's defaults.
   */
  patchValidation(rect: Rect, patch: Partial<ValidationEntry>, defaults: ValidationEntry): void {
    this.assertAllowed(rect, "objects");
    this.workbook.touch();
    const { covered, uncovered } = this.validationPieces(rect);
    // A new rule's relative references are written for the top-left cell of this range.
    const anchored: Partial<ValidationEntry> = patch.rule !== undefined ? { ...patch, anchor: { row: rect.row, col: rect.col } } : patch;
    this.validations = this.validations.flatMap((a) => subtractRect(a.rect, rect).map((piece) => ({ rect: piece, entry: a.entry })));
    for (const piece of covered) this.validations.push({ rect: piece.rect, entry: { ...piece.entry, ...anchored } });
    for (const piece of uncovered) {
      this.validations.push({ rect: piece, entry: { ...structuredClone(defaults), anchor: { row: rect.row, col: rect.col }, ...anchored } });
    }
  }

  clearValidation(rect: Rect): void {
    this.assertAllowed(rect, "objects");
    this.workbook.touch();
    this.validations = this.validations.flatMap((a) => subtractRect(a.rect, rect).map((piece) => ({ rect: piece, entry: a.entry })));
  }

  // ------------------------------------------------------------------ conditional formats

  addConditionalFormat(rect: Rect, type: string): ConditionalFormatEntry {
    this.assertAllowed(rect, "objects");
    this.workbook.touch();
    const entry: ConditionalFormatEntry = {
      id: this.workbook.nextId("cf"),
      rect,
      type,
      formula: null,
      cellValue: null,
      text: null,
      format: { fillColor: null, fontColor: null, bold: null, italic: null },
      stopIfTrue: false,
      anchor: { row: rect.row, col: rect.col },
    };
    this.conditionalFormats.push(entry);
    return entry;
  }

  /** conditionalFormats.clearAll(): removes the rules from the range's cells. */
  clearConditionalFormats(rect: Rect): void {
    this.assertAllowed(rect, "objects");
    this.workbook.touch();
    this.conditionalFormats = this.conditionalFormats.flatMap((cf) =>
      subtractRect(cf.rect, rect).map((piece, i) => (i === 0 ? { ...cf, rect: piece } : { ...cf, id: this.workbook.nextId("cf"), rect: piece })),
    );
  }

  conditionalFormatsIn(rect: Rect): ConditionalFormatEntry[] {
    return this.conditionalFormats.filter((cf) => intersect(cf.rect, rect));
  }

  // ------------------------------------------------------------------ structure

  /**
   * Refuses, through the API, to insert or delete rows across the data rows of a filtered
   * table or AutoFilter: Excel documents InsertDeleteConflict for deleting table rows
   * "if the table ... has a filter applied" (TableRowCollection.deleteRows/deleteRowsAt),
   * and deleting filtered table rows through Range.delete fails too (office-js#994, #468).
   */
  private assertRowsNotFiltered(rect: Rect, what: string): void {
    const region = this.filteredRegionAt(rect.row, rect.row + rect.rows - 1, rect.col, rect.col + rect.cols - 1);
    if (region) {
      throw new ModelError("InsertDeleteConflict", `Cannot ${what} ${this.address(rect)}: ${region} has a filter applied; clear the filters first (Excel stand-in)`);
    }
  }

  /** range.insert(shift): returns nothing; the inserted cells are `rect`. `user`: an officer's Insert, which no filter blocks here. */
  insertCells(rect: Rect, direction: "Down" | "Right", opts: { user?: boolean } = {}): void {
    if (direction === "Down" && !opts.user) this.assertRowsNotFiltered(rect, "insert cells at");
    if (direction === "Down") {
      this.assertAllowed(rect, "structure-rows");
      this.shift({ axis: "rows", at: rect.row, count: rect.rows, bandStart: rect.col, bandEnd: rect.col + rect.cols - 1 });
    } else {
      this.assertAllowed(rect, "structure-cols");
      this.shift({ axis: "cols", at: rect.col, count: rect.cols, bandStart: rect.row, bandEnd: rect.row + rect.rows - 1 });
    }
  }

  deleteCells(rect: Rect, direction: "Up" | "Left", opts: { user?: boolean } = {}): void {
    if (direction === "Up" && !opts.user) this.assertRowsNotFiltered(rect, "delete");
    // Whole table rows (e.g. table.getDataBodyRange().getRow(i).delete("Up")) are table
    // row deletions: deleting the last one leaves Excel's empty insert row.
    const table = direction === "Up" ? this.tables.find((t) => t.left === rect.col && t.columnCount === rect.cols && rect.row >= t.bodyTop && rect.row + rect.rows <= t.bodyTop + t.dataRowCount) : undefined;
    if (table) {
      table.deleteRows(rect.row - table.bodyTop, rect.rows);
      return;
    }
    if (direction === "Up") {
      this.assertAllowed(rect, "structure-rows");
      this.shift({ axis: "rows", at: rect.row, count: -rect.rows, bandStart: rect.col, bandEnd: rect.col + rect.cols - 1 });
    } else {
      this.assertAllowed(rect, "structure-cols");
      this.shift({ axis: "cols", at: rect.col, count: -rect.cols, bandStart: rect.row, bandEnd: rect.row + rect.rows - 1 });
    }
  }

  /**
   * Moves everything at or after `at` along the axis, within the band, by `count`
   * (negative = delete). Tables are checked first so a refused operation changes nothing.
   */
  shift(req: ShiftRequest): void {
    const rowsAxis = req.axis === "rows";
    const limit = rowsAxis ? MAX_ROWS : MAX_COLUMNS;
    const wholeBand = req.bandStart === 0 && req.bandEnd === (rowsAxis ? MAX_COLUMNS : MAX_ROWS) - 1;
    const along = (r: number, c: number) => (rowsAxis ? r : c);
    const across = (r: number, c: number) => (rowsAxis ? c : r);
    const inBand = (r: number, c: number) => across(r, c) >= req.bandStart && across(r, c) <= req.bandEnd;

    // 1. Validate: tables and cells pushed off the grid.
    const tablePlans = this.tables.filter((t) => t !== req.ownerTable).map((t) => t.planShift(req));
    if (req.count > 0) {
      for (const [key, cell] of this.cells) {
        const r = keyRow(key);
        const c = keyCol(key);
        if (inBand(r, c) && along(r, c) >= limit - req.count && (cell.value !== "" || cell.formula !== undefined)) {
          throw new ModelError("NonBlankCellOffSheet", "Inserting would push non-empty cells off the end of the sheet");
        }
      }
    }
    this.workbook.touch();

    // 2. Cells.
    const moved = new Map<number, Cell>();
    for (const [key, cell] of this.cells) {
      const r = keyRow(key);
      const c = keyCol(key);
      const pos = along(r, c);
      if (!inBand(r, c) || pos < req.at) {
        moved.set(key, cell);
        continue;
      }
      if (req.count < 0 && pos < req.at - req.count) continue; // deleted
      const next = pos + req.count;
      if (next >= limit) continue;
      moved.set(rowsAxis ? cellKey(next, c) : cellKey(r, next), cell);
    }
    this.cells.clear();
    for (const [k, v] of moved) this.cells.set(k, v);

    // 3. Row/column layers move only when whole rows/columns are inserted or deleted.
    if (wholeBand) {
      if (rowsAxis) {
        shiftMap(this.rowFormats, req.at, req.count);
        shiftMap(this.rowHeights, req.at, req.count);
        shiftSet(this.hiddenRows, req.at, req.count);
        shiftSet(this.filterHiddenRows, req.at, req.count);
      } else {
        shiftMap(this.columnFormats, req.at, req.count);
        shiftMap(this.columnWidths, req.at, req.count);
        shiftSet(this.hiddenColumns, req.at, req.count);
      }
    }

    // 4. Rectangles attached to cells.
    // Updated in place (callers may hold the objects); anchors move with their area so
    // relative references keep their meaning.
    this.validations = this.validations.filter((a) => {
      const rect = shiftRect(a.rect, req);
      if (!rect) return false;
      if (rect.row !== a.rect.row || rect.col !== a.rect.col) {
        a.entry = { ...a.entry, anchor: { row: a.entry.anchor.row + rect.row - a.rect.row, col: a.entry.anchor.col + rect.col - a.rect.col } };
      }
      a.rect = rect;
      return true;
    });
    this.conditionalFormats = this.conditionalFormats.filter((cf) => {
      const rect = shiftRect(cf.rect, req);
      if (!rect) return false;
      cf.anchor = { row: cf.anchor.row + rect.row - cf.rect.row, col: cf.anchor.col + rect.col - cf.rect.col };
      cf.rect = rect;
      return true;
    });
    this.merges = this.merges.flatMap((m) => {
      const rect = shiftRect(m, req);
      return rect ? [rect] : [];
    });
    if (this.autoFilter) {
      const rect = shiftRect(this.autoFilter.rect, req);
      if (rect) this.autoFilter.rect = rect;
      else this.autoFilter = null;
    }
    for (const plan of tablePlans) plan();
    for (const sheet of this.workbook.sheets) {
      for (const chart of sheet.charts) {
        if (chart.source && chart.source.sheetId === this.id) {
          const rect = shiftRect(chart.source.rect, req);
          chart.source = rect ? { sheetId: this.id, rect } : null;
        }
      }
    }
    for (const name of this.workbook.names) {
      if ("sheetId" in name.reference && name.reference.sheetId === this.id) {
        const rect = shiftRect(name.reference.rect, req);
        name.reference = rect ? { sheetId: this.id, rect } : { formula: "=#REF!" };
      }
    }

    // 5. Formulas everywhere that point into this sheet.
    const op: ShiftOp = { sheet: this.name, axis: req.axis, at: req.at, count: req.count, bandStart: req.bandStart, bandEnd: req.bandEnd };
    for (const sheet of this.workbook.sheets) {
      for (const cell of sheet.cells.values()) {
        if (cell.formula !== undefined) cell.formula = shiftFormulaReferences(cell.formula, sheet.name, op);
      }
    }
  }

  /** Cell address text for messages and records. */
  cellName(row: number, col: number): string {
    return cellA1(row, col);
  }
}

/** Shifts a rectangle for an insert/delete; null when it was deleted entirely. */
export function shiftRect(rect: Rect, req: Omit<ShiftOp, "sheet">): Rect | null {
  const rowsAxis = req.axis === "rows";
  const perpStart = rowsAxis ? rect.col : rect.row;
  const perpEnd = perpStart + (rowsAxis ? rect.cols : rect.rows) - 1;
  // Partially inside the band: Excel would refuse or split; the stand-in leaves it alone.
  if (perpStart < req.bandStart || perpEnd > req.bandEnd) return rect;
  const lo = rowsAxis ? rect.row : rect.col;
  const hi = lo + (rowsAxis ? rect.rows : rect.cols) - 1;
  const limit = rowsAxis ? MAX_ROWS : MAX_COLUMNS;
  // Whole-column rectangles do not move when rows are inserted (and vice versa).
  if (lo === 0 && hi === limit - 1) return rect;
  let newLo = lo;
  let newHi = hi;
  if (req.count > 0) {
    if (lo >= req.at) newLo = lo + req.count;
    if (hi >= req.at) newHi = Math.min(limit - 1, hi + req.count);
    if (newLo >= limit) return null;
  } else {
    const n = -req.count;
    const end = req.at + n;
    if (lo >= req.at && hi < end) return null;
    newLo = lo < req.at ? lo : lo >= end ? lo - n : req.at;
    newHi = hi < req.at ? hi : hi >= end ? hi - n : req.at - 1;
  }
  return rowsAxis ? { ...rect, row: newLo, rows: newHi - newLo + 1 } : { ...rect, col: newLo, cols: newHi - newLo + 1 };
}

function shiftMap<V>(map: Map<number, V>, at: number, count: number): void {
  const entries = [...map];
  map.clear();
  for (const [k, v] of entries) {
    if (k < at) map.set(k, v);
    else if (count < 0 && k < at - count) continue;
    else map.set(k + count, v);
  }
}

function shiftSet(set: Set<number>, at: number, count: number): void {
  const items = [...set];
  set.clear();
  for (const k of items) {
    if (k < at) set.add(k);
    else if (count < 0 && k < at - count) continue;
    else set.add(k + count);
  }
}

function guardSize(rect: Rect): void {
  if (cellCount(rect) > MAX_MATERIALISED_CELLS) {
    throw new Error(`Excel stand-in: writing to ${cellCount(rect)} cells at once is not implemented (limit ${MAX_MATERIALISED_CELLS})`);
  }
}

/**
 * Office.js accepts either a 2-D array exactly the size of the range or one value for
 * every cell. Anything else is InvalidArgument, which Excel reports at sync time.
 */
export function matrixAccessor(rect: Rect, data: unknown, what: string): (i: number, j: number) => unknown {
  if (!Array.isArray(data)) return () => data;
  const rows = data as unknown[];
  const ok = rows.length === rect.rows && rows.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!ok) {
    const shape = `${rows.length}x${Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : "?"}`;
    throw new ModelError(
      "InvalidArgument",
      `The number of rows or columns in the input array (${shape}) doesn't match the size or dimensions of the range (${rect.rows}x${rect.cols}) — ${what}`,
    );
  }
  return (i, j) => (rows[i] as unknown[])[j];
}
