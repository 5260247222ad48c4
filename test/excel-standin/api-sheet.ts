// Excel stand-in (NOT Excel): Excel.Worksheet, WorksheetCollection, WorksheetFreezePanes
// and WorksheetProtection as queued proxies over the in-memory workbook.

import { MAX_COLUMNS, MAX_ROWS, checkRect } from "./addresses.ts";
import { ClientObject, CollectionObject, StandInExcelError, prop, type ClientResult, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, rectOnSheet, registerWorksheetFactory, resolveRangeArg } from "./api-range.ts";
import { ChartCollectionProxy } from "./api-chart.ts";
import { AutoFilterProxy } from "./api-filter.ts";
import { PageLayoutProxy } from "./api-page-layout.ts";
import { NamedItemCollectionProxy } from "./api-workbook.ts";
import { TableCollectionProxy } from "./api-table.ts";
import { normalizeColor } from "./cell-values.ts";
import type { StandInSheet } from "./sheet.ts";
import type { StandInWorkbook } from "./workbook.ts";

function notFound(what: string): StandInExcelError {
  return new StandInExcelError("ItemNotFound", `${what} (Excel stand-in)`);
}

export class WorksheetProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => StandInSheet | null,
    orNull = false,
    private readonly description = "worksheet",
  ) {
    super(ctx, orNull);
  }

  get _className(): string {
    return "Worksheet";
  }

  protected _resolveTarget(): StandInSheet | null {
    const sheet = this.resolver();
    if (!sheet && !this._orNull) throw notFound(`The ${this.description} does not exist`);
    return sheet;
  }

  protected override _stillValid(sheet: StandInSheet): boolean {
    return sheet.workbook.hasSheet(sheet);
  }

  override _scalars(): Record<string, ScalarDef<StandInSheet>> {
    return WORKSHEET_SCALARS;
  }

  override _navs(): Record<string, () => ClientObject> {
    return {
      tables: () => new TableCollectionProxy(this._ctx, () => this._require().workbook, () => this._require()),
      charts: () => new ChartCollectionProxy(this._ctx, this),
      freezePanes: () => new FreezePanesProxy(this._ctx, this),
      protection: () => new WorksheetProtectionProxy(this._ctx, this),
      autoFilter: () => new AutoFilterProxy(this._ctx, () => ({ kind: "sheet", sheet: this._require() })),
      pageLayout: () => new PageLayoutProxy(this._ctx, this),
      // Names scoped to this sheet (ExcelApi 1.4): they go when the sheet is deleted.
      names: () => new NamedItemCollectionProxy(this._ctx, { _require: () => this._require().workbook }, () => this._require()),
    };
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const sheet = this._require();
      const rect = address === undefined || address === "" ? { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLUMNS } : rectOnSheet(sheet, address);
      return { sheet, rect };
    })._self;
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const rect = { row: startRow, col: startColumn, rows: rowCount, cols: columnCount };
      try {
        checkRect(rect, `getRangeByIndexes(${startRow}, ${startColumn}, ${rowCount}, ${columnCount})`);
      } catch (e) {
        throw new StandInExcelError("InvalidArgument", `${(e as Error).message} (Excel stand-in)`);
      }
      return { sheet: this._require(), rect };
    })._self;
  }

  getCell(row: number, column: number): RangeProxy {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** Empty sheet: Excel returns A1 (getUsedRangeOrNullObject returns a null object). */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const sheet = this._require();
      return { sheet, rect: sheet.usedRect(valuesOnly === true) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    })._self;
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const sheet = this._require();
        const rect = sheet.usedRect(valuesOnly === true);
        return rect ? { sheet, rect } : null;
      },
      true,
    )._self;
  }

  activate(): void {
    this._call("activate", null, (sheet) => sheet.workbook.activate(sheet));
  }

  delete(): void {
    this._call("delete", null, (sheet) => sheet.workbook.deleteSheet(sheet));
  }

  getNext(visibleOnly?: boolean): WorksheetProxy {
    return this._neighbour(1, visibleOnly === true, false);
  }
  getNextOrNullObject(visibleOnly?: boolean): WorksheetProxy {
    return this._neighbour(1, visibleOnly === true, true);
  }
  getPrevious(visibleOnly?: boolean): WorksheetProxy {
    return this._neighbour(-1, visibleOnly === true, false);
  }
  getPreviousOrNullObject(visibleOnly?: boolean): WorksheetProxy {
    return this._neighbour(-1, visibleOnly === true, true);
  }

  private _neighbour(step: number, visibleOnly: boolean, orNull: boolean): WorksheetProxy {
    return new WorksheetProxy(
      this._ctx,
      () => {
        const sheet = this._require();
        const list = visibleOnly ? sheet.workbook.visibleSheets() : sheet.workbook.sheets;
        return list[list.indexOf(sheet) + step] ?? null;
      },
      orNull,
      step > 0 ? "next worksheet" : "previous worksheet",
    )._self;
  }
}

const WORKSHEET_SCALARS: Record<string, ScalarDef<StandInSheet>> = {
  name: prop(
    (s) => s.name,
    (s, v) => s.workbook.renameSheet(s, v as string),
  ),
  id: prop((s) => s.id),
  position: prop(
    (s) => s.position,
    (s, v) => s.workbook.moveSheet(s, v as number),
  ),
  visibility: prop(
    (s) => s.visibility,
    (s, v) => s.workbook.setVisibility(s, v as string),
  ),
  tabColor: prop(
    (s) => s.tabColor,
    (s, v) => {
      s.tabColor = v === "" || v === null ? "" : normalizeColor(v);
      s.workbook.touch();
    },
  ),
  showGridlines: prop(
    (s) => s.showGridlines,
    (s, v) => {
      if (typeof v !== "boolean") throw new StandInExcelError("InvalidArgument", "showGridlines must be a boolean (Excel stand-in)");
      s.showGridlines = v;
      s.workbook.touch();
    },
  ),
  standardWidth: prop(() => 8.43),
  standardHeight: prop(() => 15),
};

registerWorksheetFactory((ctx, resolve) => new WorksheetProxy(ctx, resolve));

// ------------------------------------------------------------------ collection

export class WorksheetCollectionProxy extends CollectionObject<StandInWorkbook, WorksheetProxy, StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly workbook: () => StandInWorkbook,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "WorksheetCollection";
  }
  protected _resolveTarget(): StandInWorkbook {
    return this.workbook();
  }
  protected _listItems(wb: StandInWorkbook): StandInSheet[] {
    return wb.sheets;
  }
  protected _makeItem(): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => null);
  }
  protected _sampleItem(): WorksheetProxy {
    return this._makeItem();
  }

  private _lookup(key: string): StandInSheet | null {
    const wb = this._require();
    return wb.findSheet(key) ?? wb.sheetById(key) ?? null;
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => this._lookup(key), false, `worksheet "${key}"`)._self;
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => this._lookup(key), true)._self;
  }

  /** Adds a sheet at the end (Office.js does not activate it). */
  add(name?: string): WorksheetProxy {
    let created: StandInSheet | null = null;
    this._call("add", { name }, (wb) => {
      created = wb.addSheet(name);
    });
    return new WorksheetProxy(this._ctx, () => created)._self;
  }

  getActiveWorksheet(): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => this._require().activeSheet)._self;
  }

  getFirst(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => (visibleOnly ? this._require().visibleSheets() : this._require().sheets)[0] ?? null)._self;
  }

  getLast(visibleOnly?: boolean): WorksheetProxy {
    return new WorksheetProxy(this._ctx, () => (visibleOnly ? this._require().visibleSheets() : this._require().sheets).at(-1) ?? null)._self;
  }

  override getCount(visibleOnly?: boolean): ClientResult<number> {
    return this._callResult("getCount", { visibleOnly }, (wb) => (visibleOnly ? wb.visibleSheets() : wb.sheets).length);
  }
}

// ------------------------------------------------------------------ freeze panes

class FreezePanesProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "WorksheetFreezePanes";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }

  private _set(sheet: StandInSheet, rows: number, cols: number): void {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new StandInExcelError("InvalidArgument", "Freeze counts must be non-negative integers (Excel stand-in)");
    }
    sheet.frozenRows = rows;
    sheet.frozenColumns = cols;
    sheet.workbook.touch();
  }

  /**
   * freezeRows / freezeColumns each set the whole freeze state (like Excel's "Freeze Top
   * Row" / "Freeze First Column"); use freezeAt to freeze rows and columns together.
   */
  freezeRows(count = 1): void {
    this._call("freezeRows", { count }, (s) => this._set(s, count, 0));
  }

  freezeColumns(count = 1): void {
    this._call("freezeColumns", { count }, (s) => this._set(s, 0, count));
  }

  freezeAt(frozenRange: unknown): void {
    this._call("freezeAt", { frozenRange: typeof frozenRange === "string" ? frozenRange : "[Range]" }, (s) => {
      const t = resolveRangeArg(frozenRange, this._ctx, s, "freezeAt");
      this._set(s, t.rect.row + t.rect.rows, t.rect.col + t.rect.cols);
    });
  }

  unfreeze(): void {
    this._call("unfreeze", null, (s) => this._set(s, 0, 0));
  }

  getLocationOrNullObject(): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const s = this._require();
        if (s.frozenRows === 0 && s.frozenColumns === 0) return null;
        const rows = s.frozenRows || MAX_ROWS;
        const cols = s.frozenColumns || MAX_COLUMNS;
        return { sheet: s, rect: { row: 0, col: 0, rows, cols } };
      },
      true,
    )._self;
  }
}

// ------------------------------------------------------------------ protection

const PROTECTION_DEFAULTS: Record<string, unknown> = {
  allowAutoFilter: false,
  allowDeleteColumns: false,
  allowDeleteRows: false,
  allowEditObjects: false,
  allowEditScenarios: false,
  allowFormatCells: false,
  allowFormatColumns: false,
  allowFormatRows: false,
  allowInsertColumns: false,
  allowInsertHyperlinks: false,
  allowInsertRows: false,
  allowPivotTables: false,
  allowSort: false,
  selectionMode: "Normal",
};

class WorksheetProtectionProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "WorksheetProtection";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInSheet>> {
    return {
      protected: prop((s) => s.protection.protected),
      options: prop((s) => ({ ...PROTECTION_DEFAULTS, ...s.protection.options })),
    };
  }

  /** Fails on an already protected sheet, as Excel does. */
  protect(options?: Record<string, unknown>, password?: string): void {
    this._call("protect", { options, password: password === undefined ? undefined : "***" }, (s) => {
      if (s.protection.protected) throw new StandInExcelError("InvalidOperation", `Sheet "${s.name}" is already protected (Excel stand-in)`);
      for (const key of Object.keys(options ?? {})) {
        if (!(key in PROTECTION_DEFAULTS)) throw new StandInExcelError("InvalidArgument", `Unknown protection option "${key}" (Excel stand-in)`);
      }
      s.protection = { protected: true, options: { ...PROTECTION_DEFAULTS, ...(options ?? {}) }, password: password ?? null };
      s.workbook.touch();
    });
  }

  unprotect(password?: string): void {
    this._call("unprotect", { password: password === undefined ? undefined : "***" }, (s) => {
      if (!s.protection.protected) return;
      if (s.protection.password !== null && s.protection.password !== password) {
        throw new StandInExcelError("InvalidArgument", `Wrong password for sheet "${s.name}" (Excel stand-in)`);
      }
      s.protection = { protected: false, options: {}, password: null };
      s.workbook.touch();
    });
  }
}
