// Excel stand-in (NOT Excel): Excel.Workbook, Application and NamedItem(Collection) as
// queued proxies over the in-memory workbook.

import { parseAddress } from "./addresses.ts";
import { ClientObject, CollectionObject, StandInExcelError, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, resolveRangeArg } from "./api-range.ts";
import { WorksheetCollectionProxy, WorksheetProxy } from "./api-sheet.ts";
import { TableCollectionProxy } from "./api-table.ts";
import type { NamedItemModel } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";
import type { StandInWorkbook } from "./workbook.ts";

export class WorkbookProxy extends ClientObject<StandInWorkbook> {
  get _className(): string {
    return "Workbook";
  }
  protected _resolveTarget(): StandInWorkbook {
    return this._ctx.workbook;
  }
  override _scalars(): Record<string, ScalarDef<StandInWorkbook>> {
    return { name: prop(() => "Excel stand-in workbook (not Excel).xlsx") };
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      worksheets: () => new WorksheetCollectionProxy(this._ctx, () => this._require()),
      tables: () => new TableCollectionProxy(this._ctx, () => this._require(), null),
      names: () => new NamedItemCollectionProxy(this._ctx, this),
      application: () => new ApplicationProxy(this._ctx, this),
    };
  }
  getSelectedRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const wb = this._require();
      return { sheet: wb.selection.sheet, rect: wb.selection.rect };
    })._self;
  }
  getActiveCell(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const wb = this._require();
      return { sheet: wb.selection.sheet, rect: { ...wb.selection.rect, rows: 1, cols: 1 } };
    })._self;
  }
}

class ApplicationProxy extends ClientObject<StandInWorkbook> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInWorkbook>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "Application";
  }
  protected _resolveTarget(): StandInWorkbook {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInWorkbook>> {
    return {
      // The stand-in evaluates formulas on read, i.e. it is always in automatic mode.
      calculationMode: prop(
        () => "Automatic",
        (_wb, v) => {
          if (v !== "Automatic") throw new Error(`Excel stand-in: calculationMode "${String(v)}" is not implemented`);
        },
      ),
    };
  }
  /** Values are always current in the stand-in; calculate() is accepted and changes nothing. */
  calculate(calculationType: string): void {
    this._call("calculate", { calculationType }, () => {});
  }
  /** Performance hints: recorded in workbook.suspensions so tests can assert they were used. */
  suspendApiCalculationUntilNextSync(): void {
    this._call("suspendApiCalculationUntilNextSync", null, (wb) => wb.suspensions.calculation++);
  }
  suspendScreenUpdatingUntilNextSync(): void {
    this._call("suspendScreenUpdatingUntilNextSync", null, (wb) => wb.suspensions.screenUpdating++);
  }
}

// ------------------------------------------------------------------ names

interface NameTarget {
  wb: StandInWorkbook;
  item: NamedItemModel;
}

/**
 * Workbook.names (the workbook's own names) or Worksheet.names (ExcelApi 1.4: "names
 * scoped to the current worksheet"): `scope` gives that sheet, or null for the workbook.
 */
export class NamedItemCollectionProxy extends CollectionObject<StandInWorkbook, NamedItemProxy, NameTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: { _require(): StandInWorkbook },
    private readonly scope: () => StandInSheet | null = () => null,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "NamedItemCollection";
  }
  protected _resolveTarget(): StandInWorkbook {
    return this.owner._require();
  }
  protected _listItems(wb: StandInWorkbook): NameTarget[] {
    return wb.namesIn(this.scope()).map((item) => ({ wb, item }));
  }
  protected _makeItem(): NamedItemProxy {
    return new NamedItemProxy(this._ctx, () => null);
  }
  protected _sampleItem(): NamedItemProxy {
    return this._makeItem();
  }
  private _lookup(name: string): NameTarget | null {
    const wb = this._require();
    const item = wb.findName(name, this.scope());
    return item ? { wb, item } : null;
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this._ctx, () => this._lookup(name), false, `name "${name}"`)._self;
  }
  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this._ctx, () => this._lookup(name), true)._self;
  }
  /** names.add(name, reference, comment?): reference is a Range or a formula string. */
  add(name: string, reference: unknown, comment?: string): NamedItemProxy {
    let created: NameTarget | null = null;
    this._call("add", { name, reference: typeof reference === "string" ? reference : "[Range]", comment }, (wb) => {
      let ref: NamedItemModel["reference"];
      if (typeof reference === "string") {
        const body = reference.startsWith("=") ? reference.slice(1) : reference;
        try {
          const parsed = parseAddress(body);
          const sheet = parsed.sheet !== undefined ? wb.findSheet(parsed.sheet) : (this.scope() ?? wb.activeSheet);
          ref = sheet ? { sheetId: sheet.id, rect: parsed.rect } : { formula: `=${body}` };
        } catch {
          ref = { formula: reference.startsWith("=") ? reference : `=${reference}` };
        }
      } else {
        const target = resolveRangeArg(reference, this._ctx, this.scope() ?? wb.activeSheet, "names.add reference");
        ref = { sheetId: target.sheet.id, rect: target.rect };
      }
      created = { wb, item: wb.addName(name, ref, comment ?? "", this.scope()) };
    });
    return new NamedItemProxy(this._ctx, () => created)._self;
  }
}

export class NamedItemProxy extends ClientObject<NameTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => NameTarget | null,
    orNull = false,
    private readonly description = "name",
  ) {
    super(ctx, orNull);
  }
  get _className(): string {
    return "NamedItem";
  }
  protected _resolveTarget(): NameTarget | null {
    const t = this.resolver();
    if (!t && !this._orNull) throw new StandInExcelError("ItemNotFound", `The ${this.description} does not exist (Excel stand-in)`);
    return t;
  }
  protected override _stillValid(t: NameTarget): boolean {
    return t.wb.names.includes(t.item);
  }
  override _scalars(): Record<string, ScalarDef<NameTarget>> {
    return {
      name: prop((t) => t.item.name),
      scope: prop((t) => (t.item.scopeSheetId ? "Worksheet" : "Workbook")),
      type: prop((t) => ("sheetId" in t.item.reference ? "Range" : "String")),
      formula: prop((t) => t.wb.nameFormula(t.item)),
      value: prop((t) => t.wb.nameFormula(t.item).replace(/^=/, "")),
      comment: prop(
        (t) => t.item.comment,
        (t, v) => {
          t.item.comment = String(v);
          t.wb.touch();
        },
      ),
      visible: prop(
        (t) => t.item.visible,
        (t, v) => {
          t.item.visible = v === true;
          t.wb.touch();
        },
      ),
    };
  }
  override _navs(): Record<string, () => ClientObject> {
    const sheetOf = (t: NameTarget) => (t.item.scopeSheetId ? (t.wb.sheetById(t.item.scopeSheetId) ?? null) : null);
    return {
      // "Throws an error if the item is scoped to the workbook instead" (NamedItem.worksheet, ExcelApi 1.4).
      worksheet: () => makeWorksheet(this._ctx, () => sheetOf(this._require()), false),
      worksheetOrNullObject: () => makeWorksheet(this._ctx, () => sheetOf(this._require()), true),
    };
  }
  getRange(): RangeProxy {
    return this._range(false);
  }
  getRangeOrNullObject(): RangeProxy {
    return this._range(true);
  }
  private _range(orNull: boolean): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const t = this._require();
        const ref = t.item.reference;
        const sheet = "sheetId" in ref ? t.wb.sheetById(ref.sheetId) : undefined;
        if (!sheet || !("sheetId" in ref)) {
          if (orNull) return null;
          throw new StandInExcelError("InvalidArgument", `Name "${t.item.name}" does not refer to a range (Excel stand-in)`);
        }
        return { sheet, rect: ref.rect };
      },
      orNull,
    )._self;
  }
  delete(): void {
    this._call("delete", null, (t) => t.wb.removeName(t.item));
  }
}

function makeWorksheet(ctx: ContextCore, resolve: () => StandInSheet | null, orNull: boolean): ClientObject {
  return new WorksheetProxy(ctx, resolve, orNull, "worksheet of the name")._self;
}
