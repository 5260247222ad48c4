// Excel stand-in (NOT Excel): Excel.RangeView and RangeViewCollection (ExcelApi 1.3),
// what Range.getVisibleView() returns: the cells of a range that are not hidden, by hand
// or by a filter. https://learn.microsoft.com/javascript/api/excel/excel.rangeview

import { cellA1, quoteSheetName } from "./addresses.ts";
import { ClientObject, CollectionObject, StandInExcelError, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, type RangeTarget } from "./api-range.ts";
import { valueTypeOf } from "./cell-values.ts";
import type { StandInSheet } from "./sheet.ts";

export interface ViewTarget {
  sheet: StandInSheet;
  /** The range the view was taken from (for a row of `rows`: that row, across the range's columns). */
  parent: RangeTarget["rect"];
  rows: number[];
  cols: number[];
  index: number;
}

/** The visible rows and columns of a range, at the time the view is resolved. */
export function visibleView(t: RangeTarget): ViewTarget {
  const rows: number[] = [];
  const cols: number[] = [];
  if (t.rect.rows * t.rect.cols > 5_000_000) throw new Error("Excel stand-in: getVisibleView over more than 5,000,000 cells is not implemented");
  for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) if (!t.sheet.hiddenRows.has(r)) rows.push(r);
  for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) if (!t.sheet.hiddenColumns.has(c)) cols.push(c);
  return { sheet: t.sheet, parent: t.rect, rows, cols, index: 0 };
}

function grid<V>(v: ViewTarget, f: (r: number, c: number) => V): V[][] {
  return v.rows.map((r) => v.cols.map((c) => f(r, c)));
}

/**
 * Writing to a view that skips hidden cells fails: the array is checked against the parent
 * range (office-js#226, "InvalidArgument: The number of rows or columns in the input array
 * doesn't match the size or dimensions of the range"). A view with nothing hidden writes
 * through to its range.
 */
function writeThrough(v: ViewTarget, data: unknown, write: (t: RangeTarget) => void): void {
  const whole = v.rows.length === v.parent.rows && v.cols.length === v.parent.cols;
  if (!whole && Array.isArray(data)) {
    throw new StandInExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range: a RangeView cannot be written across hidden cells (office-js#226) (Excel stand-in)`,
    );
  }
  write({ sheet: v.sheet, rect: v.parent });
}

const VIEW_SCALARS: Record<string, ScalarDef<ViewTarget>> = {
  values: prop(
    (v) => grid(v, (r, c) => v.sheet.value(r, c)),
    (v, data) => writeThrough(v, data, (t) => t.sheet.writeCells(t.rect, data)),
  ),
  formulas: prop(
    (v) => grid(v, (r, c) => v.sheet.formulaOrValue(r, c)),
    (v, data) => writeThrough(v, data, (t) => t.sheet.writeCells(t.rect, data)),
  ),
  numberFormat: prop(
    (v) => grid(v, (r, c) => v.sheet.formatProp(r, c, "numberFormat")),
    (v, data) => writeThrough(v, data, (t) => t.sheet.writeNumberFormats(t.rect, data)),
  ),
  text: prop((v) => grid(v, (r, c) => v.sheet.text(r, c))),
  valueTypes: prop((v) => grid(v, (r, c) => valueTypeOf(v.sheet.value(r, c)))),
  cellAddresses: prop((v) => grid(v, (r, c) => `${quoteSheetName(v.sheet.name)}!${cellA1(r, c)}`)),
  rowCount: prop((v) => v.rows.length),
  columnCount: prop((v) => v.cols.length),
  index: prop((v) => v.index),
};

export class RangeViewProxy extends ClientObject<ViewTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => ViewTarget,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "RangeView";
  }
  protected _resolveTarget(): ViewTarget {
    return this.resolver();
  }
  protected override _stillValid(v: ViewTarget): boolean {
    return v.sheet.workbook.hasSheet(v.sheet);
  }
  override _scalars(): Record<string, ScalarDef<ViewTarget>> {
    return VIEW_SCALARS;
  }
  override _navs(): Record<string, () => ClientObject> {
    return { rows: () => new RangeViewCollectionProxy(this._ctx, this) };
  }
  /** The range the view was taken from; for an item of `rows`, that row of it. */
  getRange(): RangeProxy {
    return new RangeProxy(this._ctx, () => {
      const v = this._require();
      return { sheet: v.sheet, rect: v.parent };
    })._self;
  }
}

function rowViews(v: ViewTarget): ViewTarget[] {
  return v.rows.map((r, i) => ({ sheet: v.sheet, parent: { ...v.parent, row: r, rows: 1 }, rows: [r], cols: v.cols, index: i }));
}

export class RangeViewCollectionProxy extends CollectionObject<ViewTarget, RangeViewProxy, ViewTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ViewTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "RangeViewCollection";
  }
  protected _resolveTarget(): ViewTarget {
    return this.owner._require();
  }
  protected _listItems(v: ViewTarget): ViewTarget[] {
    return rowViews(v);
  }
  protected _makeItem(): RangeViewProxy {
    return new RangeViewProxy(this._ctx, () => {
      throw new Error("Excel stand-in: unbound RangeView");
    });
  }
  protected _sampleItem(): RangeViewProxy {
    return this._makeItem();
  }
  getItemAt(index: number): RangeViewProxy {
    return new RangeViewProxy(this._ctx, () => {
      const item = rowViews(this._require())[index];
      if (!item) throw new StandInExcelError("ItemNotFound", `The range view has no row ${index} (Excel stand-in)`);
      return item;
    })._self;
  }
}
