// Excel stand-in (NOT Excel): Excel.Table, TableCollection, TableRow(Collection) and
// TableColumn(Collection) as queued proxies over the in-memory workbook.

import { parseAddress, type Rect } from "./addresses.ts";
import { ClientObject, CollectionObject, StandInExcelError, asClientObject, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, resolveRangeArg, type RangeTarget } from "./api-range.ts";
import { AutoFilterProxy, FilterProxy, TableSortProxy } from "./api-filter.ts";
import { WorksheetProxy } from "./api-sheet.ts";
import type { StandInSheet } from "./sheet.ts";
import type { StandInTable, TableColumnModel } from "./table.ts";
import type { StandInWorkbook } from "./workbook.ts";

function notFound(what: string): StandInExcelError {
  return new StandInExcelError("ItemNotFound", `${what} (Excel stand-in)`);
}

function invalidArg(what: string): StandInExcelError {
  return new StandInExcelError("InvalidArgument", `${what} (Excel stand-in)`);
}

function tableAlive(t: StandInTable): boolean {
  return t.workbook.hasTable(t) && t.workbook.hasSheet(t.sheet);
}

// ------------------------------------------------------------------ collection

interface TablesScope {
  wb: StandInWorkbook;
  sheet: StandInSheet | null;
}

export class TableCollectionProxy extends CollectionObject<TablesScope, TableProxy, StandInTable> {
  constructor(
    ctx: ContextCore,
    private readonly workbook: () => StandInWorkbook,
    /** Set for worksheet.tables: only that sheet's tables. */
    private readonly sheetScope: (() => StandInSheet) | null,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "TableCollection";
  }
  protected _resolveTarget(): TablesScope {
    return { wb: this.workbook(), sheet: this.sheetScope ? this.sheetScope() : null };
  }
  protected override _hasCount(): boolean {
    return true;
  }
  protected _listItems(scope: TablesScope): StandInTable[] {
    return scope.sheet ? scope.sheet.tables : scope.wb.tables;
  }
  protected _makeItem(): TableProxy {
    return new TableProxy(this._ctx, () => null);
  }
  protected _sampleItem(): TableProxy {
    return this._makeItem();
  }

  private _lookup(key: string): StandInTable | null {
    const scope = this._require();
    const table = scope.wb.findTable(key) ?? scope.wb.tableById(key) ?? null;
    if (table && scope.sheet && table.sheet !== scope.sheet) return null;
    return table;
  }

  getItem(key: string): TableProxy {
    return new TableProxy(this._ctx, () => this._lookup(key), false, `table "${key}"`)._self;
  }

  getItemOrNullObject(key: string): TableProxy {
    return new TableProxy(this._ctx, () => this._lookup(key), true)._self;
  }

  getItemAt(index: number): TableProxy {
    return new TableProxy(this._ctx, () => this._listItems(this._require())[index] ?? null, false, `table at index ${index}`)._self;
  }

  /**
   * tables.add(address, hasHeaders). Without a sheet in the address, workbook.tables uses
   * the active sheet (as Office.js documents) and worksheet.tables its own sheet.
   */
  add(address: unknown, hasHeaders: boolean): TableProxy {
    let created: StandInTable | null = null;
    this._call("add", { address: typeof address === "string" ? address : "[Range]", hasHeaders }, (scope) => {
      let target: RangeTarget;
      if (typeof address === "string") {
        let parsed;
        try {
          parsed = parseAddress(address);
        } catch (e) {
          throw invalidArg((e as Error).message);
        }
        const sheet = parsed.sheet !== undefined ? scope.wb.findSheet(parsed.sheet) : (scope.sheet ?? scope.wb.activeSheet);
        if (!sheet) throw notFound(`tables.add: no sheet named "${parsed.sheet}"`);
        if (scope.sheet && sheet !== scope.sheet) throw invalidArg(`tables.add on sheet "${scope.sheet.name}" got an address on "${sheet.name}"`);
        target = { sheet, rect: parsed.rect };
      } else {
        target = resolveRangeArg(address, this._ctx, scope.sheet ?? scope.wb.activeSheet, "tables.add");
      }
      created = scope.wb.addTable(target.sheet, target.rect, hasHeaders === true);
    });
    return new TableProxy(this._ctx, () => created)._self;
  }
}

// ------------------------------------------------------------------ table

const STYLE_RE = /^(TableStyle(Light([1-9]|1\d|2[01])|Medium([1-9]|1\d|2[0-8])|Dark([1-9]|1[01])))?$/;

function flag(key: "showBandedRows" | "showBandedColumns" | "showFilterButton" | "highlightFirstColumn" | "highlightLastColumn"): ScalarDef<StandInTable> {
  return prop(
    (t) => t[key],
    (t, v) => {
      if (typeof v !== "boolean") throw invalidArg(`${key} must be a boolean`);
      t.sheet.assertAllowed(null, "objects");
      t[key] = v;
      t.workbook.touch();
    },
  );
}

const TABLE_SCALARS: Record<string, ScalarDef<StandInTable>> = {
  name: prop(
    (t) => t.name,
    (t, v) => {
      t.workbook.validateTableName(v, t);
      t.name = v as string;
      t.workbook.touch();
    },
  ),
  id: prop((t) => t.id),
  legacyId: prop((t) => t.id.replace(/\D/g, "")),
  showHeaders: prop(
    (t) => t.showHeaders,
    (t, v) => {
      if (typeof v !== "boolean") throw invalidArg("showHeaders must be a boolean");
      t.sheet.assertAllowed(null, "objects");
      t.setShowHeaders(v);
    },
  ),
  showTotals: prop(
    (t) => t.showTotals,
    (t, v) => {
      if (typeof v !== "boolean") throw invalidArg("showTotals must be a boolean");
      t.setShowTotals(v);
    },
  ),
  style: prop(
    (t) => t.style,
    (t, v) => {
      if (typeof v !== "string" || !STYLE_RE.test(v)) throw invalidArg(`"${String(v)}" is not a built-in table style (TableStyleLight1-21, Medium1-28, Dark1-11)`);
      t.sheet.assertAllowed(null, "objects");
      t.style = v;
      t.workbook.touch();
    },
  ),
  showBandedRows: flag("showBandedRows"),
  showBandedColumns: flag("showBandedColumns"),
  showFilterButton: flag("showFilterButton"),
  highlightFirstColumn: flag("highlightFirstColumn"),
  highlightLastColumn: flag("highlightLastColumn"),
};

export class TableProxy extends ClientObject<StandInTable> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => StandInTable | null,
    orNull = false,
    private readonly description = "table",
  ) {
    super(ctx, orNull);
  }
  get _className(): string {
    return "Table";
  }
  protected _resolveTarget(): StandInTable | null {
    const t = this.resolver();
    if (!t && !this._orNull) throw notFound(`The ${this.description} does not exist`);
    return t;
  }
  protected override _stillValid(t: StandInTable): boolean {
    return tableAlive(t);
  }
  override _scalars(): Record<string, ScalarDef<StandInTable>> {
    return TABLE_SCALARS;
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      rows: () => new TableRowCollectionProxy(this._ctx, this),
      columns: () => new TableColumnCollectionProxy(this._ctx, this),
      worksheet: () => new WorksheetProxy(this._ctx, () => this._require().sheet),
      sort: () => new TableSortProxy(this._ctx, this),
      autoFilter: () => new AutoFilterProxy(this._ctx, () => ({ kind: "table", table: this._require() })),
    };
  }

  private _range(pick: (t: StandInTable) => Rect | null, what: string): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const t = this._require();
      const rect = pick(t);
      if (!rect) throw notFound(`Table "${t.name}" has no ${what}`);
      return { sheet: t.sheet, rect };
    })._self;
  }

  getRange(): RangeProxy {
    return this._range((t) => t.rect(), "range");
  }
  getHeaderRowRange(): RangeProxy {
    return this._range((t) => t.headerRect(), "header row (showHeaders is false)");
  }
  /** With 0 data rows this is the empty insert row under the header, as in Excel. */
  getDataBodyRange(): RangeProxy {
    return this._range((t) => t.bodyRect(), "data body");
  }
  getTotalRowRange(): RangeProxy {
    return this._range((t) => t.totalRect(), "total row (showTotals is false)");
  }

  resize(newRange: unknown): void {
    this._call("resize", { newRange: typeof newRange === "string" ? newRange : "[Range]" }, (t) => {
      const target = resolveRangeArg(newRange, this._ctx, t.sheet, "table.resize");
      if (target.sheet !== t.sheet) throw invalidArg("table.resize must stay on the same sheet");
      t.resize(target.rect);
    });
  }

  /** Deletes the table and its cells' contents and formats (Office.js Table.delete). */
  delete(): void {
    this._call("delete", null, (t) => {
      t.sheet.assertAllowed(null, "objects");
      const rect = t.rect();
      // The rows its filters hid show again.
      t.clearFilters();
      t.workbook.removeTable(t);
      t.sheet.clear(rect, "All");
    });
  }

  /** Removes the table object, keeping values and formats. */
  convertToRange(): RangeProxy {
    let rect: RangeTarget | null = null;
    this._call("convertToRange", null, (t) => {
      t.sheet.assertAllowed(null, "objects");
      rect = { sheet: t.sheet, rect: t.rect() };
      t.clearFilters();
      t.workbook.removeTable(t);
    });
    return new RangeProxy(this._ctx, () => rect)._self;
  }

  /** Every column filter goes and the rows they hid show again. */
  clearFilters(): void {
    this._call("clearFilters", null, (t) => {
      t.sheet.assertAllowed(null, "filter");
      t.clearFilters();
    });
  }

  /** Filters again with the current criteria (Excel does not re-filter on edits by itself). */
  reapplyFilters(): void {
    this._call("reapplyFilters", null, (t) => {
      t.sheet.assertAllowed(null, "filter");
      t.applyFilters();
    });
  }
}

// ------------------------------------------------------------------ rows

interface RowTarget {
  table: StandInTable;
  index: number;
}

function rowRect(r: RowTarget): Rect {
  return { row: r.table.bodyTop + r.index, col: r.table.left, rows: 1, cols: r.table.columnCount };
}

export class TableRowCollectionProxy extends CollectionObject<StandInTable, TableRowProxy, RowTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInTable>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "TableRowCollection";
  }
  protected _resolveTarget(): StandInTable {
    return this.owner._require();
  }
  protected override _hasCount(): boolean {
    return true;
  }
  protected _listItems(t: StandInTable): RowTarget[] {
    return Array.from({ length: t.dataRowCount }, (_, index) => ({ table: t, index }));
  }
  protected _makeItem(): TableRowProxy {
    return new TableRowProxy(this._ctx, () => null);
  }
  protected _sampleItem(): TableRowProxy {
    return this._makeItem();
  }

  /**
   * rows.add(index?, values?, alwaysInsert?): values is 2-D, one inner array per row.
   * Returns the first added row.
   */
  add(index?: number | null, values?: unknown, alwaysInsert?: boolean): TableRowProxy {
    // "[Api set: ... 1.15 for adding `alwaysInsert` parameter.]"
    if (alwaysInsert !== undefined && this._ctx.gate.emulated < 15) {
      throw new Error(`Excel stand-in: TableRowCollection.add(index, values, alwaysInsert) needs ExcelApi 1.15; this stand-in emulates ${this._ctx.gate.label}`);
    }
    let added: RowTarget | null = null;
    this._call("add", { index: index ?? null, values, alwaysInsert }, (t) => {
      const { firstRow } = t.addRows(index, values, alwaysInsert !== false);
      added = { table: t, index: firstRow - t.bodyTop };
    });
    return new TableRowProxy(this._ctx, () => added)._self;
  }

  getItemAt(index: number): TableRowProxy {
    return new TableRowProxy(this._ctx, () => {
      const t = this._require();
      if (!Number.isInteger(index) || index < 0 || index >= t.dataRowCount) throw notFound(`Table "${t.name}" has no row ${index} (it has ${t.dataRowCount})`);
      return { table: t, index };
    })._self;
  }

  deleteRowsAt(index: number, count = 1): void {
    this._call("deleteRowsAt", { index, count }, (t) => t.deleteRows(index, count));
  }

  deleteRows(rows: unknown[]): void {
    this._call("deleteRows", { rows: rows.length }, (t) => {
      const indexes = rows.map((r) => (typeof r === "number" ? r : asClientObject<TableRowProxy>(r, this._ctx, "deleteRows item")._require().index));
      for (const i of [...new Set(indexes)].sort((a, b) => b - a)) t.deleteRows(i, 1);
    });
  }
}

export class TableRowProxy extends ClientObject<RowTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => RowTarget | null,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "TableRow";
  }
  protected _resolveTarget(): RowTarget {
    const r = this.resolver();
    if (!r) throw notFound("The table row does not exist");
    return r;
  }
  protected override _stillValid(r: RowTarget): boolean {
    return tableAlive(r.table) && r.index < r.table.dataRowCount;
  }
  override _scalars(): Record<string, ScalarDef<RowTarget>> {
    return {
      index: prop((r) => r.index),
      values: prop(
        (r) => [Array.from({ length: r.table.columnCount }, (_, j) => r.table.sheet.value(r.table.bodyTop + r.index, r.table.left + j))],
        (r, v) => r.table.sheet.writeCells(rowRect(r), v),
      ),
    };
  }
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const r = this._require();
      return { sheet: r.table.sheet, rect: rowRect(r) };
    })._self;
  }
  delete(): void {
    this._call("delete", null, (r) => r.table.deleteRows(r.index, 1));
  }
}

// ------------------------------------------------------------------ columns

interface ColumnTarget {
  table: StandInTable;
  column: TableColumnModel;
}

function columnIndexOf(c: ColumnTarget): number {
  return c.table.columns.indexOf(c.column);
}

export class TableColumnCollectionProxy extends CollectionObject<StandInTable, TableColumnProxy, ColumnTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInTable>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "TableColumnCollection";
  }
  protected _resolveTarget(): StandInTable {
    return this.owner._require();
  }
  protected override _hasCount(): boolean {
    return true;
  }
  protected _listItems(t: StandInTable): ColumnTarget[] {
    return t.columns.map((column) => ({ table: t, column }));
  }
  protected _makeItem(): TableColumnProxy {
    return new TableColumnProxy(this._ctx, () => null);
  }
  protected _sampleItem(): TableColumnProxy {
    return this._makeItem();
  }

  private _lookup(key: string | number): ColumnTarget | null {
    const t = this._require();
    const i = t.columnIndex(key);
    return i < 0 ? null : { table: t, column: t.columns[i]! };
  }

  /** By name (case-insensitive) or numeric id, like Office.js. */
  getItem(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this._ctx, () => this._lookup(key), false, `table column ${JSON.stringify(key)}`)._self;
  }

  getItemOrNullObject(key: string | number): TableColumnProxy {
    return new TableColumnProxy(this._ctx, () => this._lookup(key), true)._self;
  }

  getItemAt(index: number): TableColumnProxy {
    return new TableColumnProxy(
      this._ctx,
      () => {
        const t = this._require();
        const column = t.columns[index];
        return column ? { table: t, column } : null;
      },
      false,
      `table column at index ${index}`,
    )._self;
  }

  /** columns.add(index?, values?, name?): values include the header cell first. */
  add(index?: number | null, values?: unknown, name?: string): TableColumnProxy {
    let added: ColumnTarget | null = null;
    this._call("add", { index: index ?? null, values, name }, (t) => {
      added = { table: t, column: t.addColumn(index, values, name) };
    });
    return new TableColumnProxy(this._ctx, () => added)._self;
  }
}

export class TableColumnProxy extends ClientObject<ColumnTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => ColumnTarget | null,
    orNull = false,
    private readonly description = "table column",
  ) {
    super(ctx, orNull);
  }
  get _className(): string {
    return "TableColumn";
  }
  protected _resolveTarget(): ColumnTarget | null {
    const c = this.resolver();
    if (!c && !this._orNull) throw notFound(`The ${this.description} does not exist`);
    return c;
  }
  protected override _stillValid(c: ColumnTarget): boolean {
    return tableAlive(c.table) && c.table.columns.includes(c.column);
  }
  override _navs(): Record<string, () => ClientObject> {
    return { filter: () => new FilterProxy(this._ctx, this) };
  }
  override _scalars(): Record<string, ScalarDef<ColumnTarget>> {
    return {
      id: prop((c) => c.column.id),
      index: prop((c) => columnIndexOf(c)),
      name: prop(
        (c) => c.column.name,
        (c, v) => {
          c.table.sheet.assertAllowed(null, "objects");
          c.table.renameColumn(columnIndexOf(c), v as string);
        },
      ),
      // The whole column of the table: header, body (or empty insert row) and total row.
      values: prop(
        (c) => {
          const rect = this._columnRect(c);
          return Array.from({ length: rect.rows }, (_, i) => [c.table.sheet.value(rect.row + i, rect.col)]);
        },
        (c, v) => c.table.sheet.writeCells(this._columnRect(c), v),
      ),
    };
  }

  private _columnRect(c: ColumnTarget): Rect {
    const rect = c.table.rect();
    return { ...rect, col: c.table.left + columnIndexOf(c), cols: 1 };
  }

  private _range(pick: (c: ColumnTarget) => Rect | null, what: string): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const c = this._require();
      const rect = pick(c);
      if (!rect) throw notFound(`Column "${c.column.name}" has no ${what}`);
      return { sheet: c.table.sheet, rect };
    })._self;
  }

  getRange(): RangeProxy {
    return this._range((c) => this._columnRect(c), "range");
  }
  getDataBodyRange(): RangeProxy {
    return this._range((c) => ({ ...c.table.bodyRect(), col: c.table.left + columnIndexOf(c), cols: 1 }), "data body");
  }
  getHeaderRowRange(): RangeProxy {
    return this._range((c) => {
      const h = c.table.headerRect();
      return h ? { ...h, col: c.table.left + columnIndexOf(c), cols: 1 } : null;
    }, "header (showHeaders is false)");
  }
  getTotalRowRange(): RangeProxy {
    return this._range((c) => {
      const r = c.table.totalRect();
      return r ? { ...r, col: c.table.left + columnIndexOf(c), cols: 1 } : null;
    }, "total row (showTotals is false)");
  }
  delete(): void {
    this._call("delete", null, (c) => c.table.deleteColumn(columnIndexOf(c)));
  }
}
