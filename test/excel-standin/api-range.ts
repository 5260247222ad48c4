// Excel stand-in (NOT Excel): Excel.Range and the formatting objects hanging off it
// (format, fill, font, borders, protection), as queued proxies over the in-memory
// workbook. Data validation and conditional formats live in their own modules. See
// api-core.ts for the load/sync discipline.

import { MAX_COLUMNS, MAX_ROWS, type Rect, boundingRect, cellCount, formatAddress, intersect, isWholeColumns, isWholeRows } from "./addresses.ts";
import { ClientObject, StandInExcelError, notImplemented, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { ConditionalFormatCollectionProxy } from "./api-conditional-format.ts";
import {
  RangePart,
  consistent,
  expectBoolean,
  expectNumber,
  expectOneOf,
  formatKeyProp,
  invalidArg,
  map2d,
  rangeStillValid,
  rectOrThrow,
  resolveRangeArg,
  sumSizes,
  type RangeTarget,
} from "./api-range-shared.ts";
import { RangeViewProxy, visibleView } from "./api-range-view.ts";
import { DataValidationProxy } from "./api-validation.ts";
import { normalizeColor, valueTypeOf } from "./cell-values.ts";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type BorderSpec } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";

export { rectOnSheet, resolveRangeArg, type RangeTarget } from "./api-range-shared.ts";

// ------------------------------------------------------------------ Range

export class RangeProxy extends ClientObject<RangeTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => RangeTarget | null,
    orNull = false,
  ) {
    super(ctx, orNull);
  }

  get _className(): string {
    return "Range";
  }

  protected _resolveTarget(): RangeTarget | null {
    const t = this.resolver();
    if (t === null && !this._orNull) throw new StandInExcelError("ItemNotFound", "The requested range does not exist (Excel stand-in)");
    return t;
  }

  protected override _stillValid(t: RangeTarget): boolean {
    return rangeStillValid(t);
  }

  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    return RANGE_SCALARS;
  }

  override _navs(): Record<string, () => ClientObject> {
    return {
      format: () => new RangeFormatProxy(this._ctx, this),
      dataValidation: () => new DataValidationProxy(this._ctx, this),
      conditionalFormats: () => new ConditionalFormatCollectionProxy(this._ctx, this),
      worksheet: () => this._worksheet(),
    };
  }

  private _worksheet(): ClientObject {
    // Imported lazily: worksheet <-> range modules refer to each other.
    return makeWorksheetProxy(this._ctx, () => this._require().sheet);
  }

  /** A range computed from this one when first used. */
  _derive(compute: (t: RangeTarget) => RangeTarget | null, orNull = false): RangeProxy {
    return new RangeProxy(this._ctx, () => compute(this._require()), orNull)._self;
  }

  private _sub(rect: Rect, t: RangeTarget, what: string): RangeTarget {
    return { sheet: t.sheet, rect: rectOrThrow(rect, what) };
  }

  getCell(row: number, column: number): RangeProxy {
    return this._derive((t) => {
      if (row < 0 || column < 0) throw invalidArg(`getCell(${row}, ${column}) must not be negative`);
      return this._sub({ row: t.rect.row + row, col: t.rect.col + column, rows: 1, cols: 1 }, t, `getCell(${row}, ${column})`);
    });
  }

  getRow(row: number): RangeProxy {
    return this._derive((t) => {
      if (row < 0 || row >= t.rect.rows) throw invalidArg(`getRow(${row}) is outside the range's ${t.rect.rows} rows`);
      return { sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + row, rows: 1 } };
    });
  }

  getColumn(column: number): RangeProxy {
    return this._derive((t) => {
      if (column < 0 || column >= t.rect.cols) throw invalidArg(`getColumn(${column}) is outside the range's ${t.rect.cols} columns`);
      return { sheet: t.sheet, rect: { ...t.rect, col: t.rect.col + column, cols: 1 } };
    });
  }

  getRowsAbove(count = 1): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, row: t.rect.row - count, rows: count }, t, `getRowsAbove(${count})`));
  }

  getRowsBelow(count = 1): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, row: t.rect.row + t.rect.rows, rows: count }, t, `getRowsBelow(${count})`));
  }

  getColumnsBefore(count = 1): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, col: t.rect.col - count, cols: count }, t, `getColumnsBefore(${count})`));
  }

  getColumnsAfter(count = 1): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, col: t.rect.col + t.rect.cols, cols: count }, t, `getColumnsAfter(${count})`));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, rows: t.rect.rows + deltaRows, cols: t.rect.cols + deltaColumns }, t, `getResizedRange(${deltaRows}, ${deltaColumns})`));
  }

  getAbsoluteResizedRange(numRows: number, numColumns: number): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, rows: numRows, cols: numColumns }, t, `getAbsoluteResizedRange(${numRows}, ${numColumns})`));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): RangeProxy {
    return this._derive((t) => this._sub({ ...t.rect, row: t.rect.row + rowOffset, col: t.rect.col + columnOffset }, t, `getOffsetRange(${rowOffset}, ${columnOffset})`));
  }

  getEntireColumn(): RangeProxy {
    return this._derive((t) => ({ sheet: t.sheet, rect: { row: 0, rows: MAX_ROWS, col: t.rect.col, cols: t.rect.cols } }));
  }

  getEntireRow(): RangeProxy {
    return this._derive((t) => ({ sheet: t.sheet, rect: { row: t.rect.row, rows: t.rect.rows, col: 0, cols: MAX_COLUMNS } }));
  }

  getLastRow(): RangeProxy {
    return this._derive((t) => ({ sheet: t.sheet, rect: { ...t.rect, row: t.rect.row + t.rect.rows - 1, rows: 1 } }));
  }

  getLastColumn(): RangeProxy {
    return this._derive((t) => ({ sheet: t.sheet, rect: { ...t.rect, col: t.rect.col + t.rect.cols - 1, cols: 1 } }));
  }

  getLastCell(): RangeProxy {
    return this._derive((t) => ({ sheet: t.sheet, rect: { row: t.rect.row + t.rect.rows - 1, col: t.rect.col + t.rect.cols - 1, rows: 1, cols: 1 } }));
  }

  getBoundingRect(anotherRange: unknown): RangeProxy {
    return this._derive((t) => {
      const other = resolveRangeArg(anotherRange, this._ctx, t.sheet, "getBoundingRect");
      if (other.sheet !== t.sheet) throw invalidArg("getBoundingRect needs a range on the same sheet");
      return { sheet: t.sheet, rect: boundingRect(t.rect, other.rect) };
    });
  }

  getIntersection(anotherRange: unknown): RangeProxy {
    return this._intersection(anotherRange, false);
  }

  getIntersectionOrNullObject(anotherRange: unknown): RangeProxy {
    return this._intersection(anotherRange, true);
  }

  private _intersection(anotherRange: unknown, orNull: boolean): RangeProxy {
    return this._derive((t) => {
      const other = resolveRangeArg(anotherRange, this._ctx, t.sheet, "getIntersection");
      const rect = other.sheet === t.sheet ? intersect(t.rect, other.rect) : null;
      if (!rect) {
        if (orNull) return null;
        throw invalidArg("The ranges do not intersect");
      }
      return { sheet: t.sheet, rect };
    }, orNull);
  }

  getUsedRange(valuesOnly?: boolean): RangeProxy {
    return this._usedRange(valuesOnly === true, false);
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): RangeProxy {
    return this._usedRange(valuesOnly === true, true);
  }

  private _usedRange(valuesOnly: boolean, orNull: boolean): RangeProxy {
    return this._derive((t) => {
      const used = t.sheet.usedRect(valuesOnly);
      const rect = used ? intersect(used, t.rect) : null;
      if (!rect) {
        if (orNull) return null;
        throw new StandInExcelError("ItemNotFound", "There are no used cells within the range (Excel stand-in)");
      }
      return { sheet: t.sheet, rect };
    }, orNull);
  }

  /** The rows and columns not hidden (by hand or by a filter), as a RangeView. */
  getVisibleView(): RangeViewProxy {
    return new RangeViewProxy(this._ctx, () => visibleView(this._require()))._self;
  }

  clear(applyTo: string = "All"): void {
    this._call("clear", { applyTo }, (t) => t.sheet.clear(t.rect, applyTo));
  }

  delete(shift?: string): void {
    this._call("delete", { shift }, (t) => {
      const dir = isWholeRows(t.rect) ? "Up" : isWholeColumns(t.rect) ? "Left" : shift;
      if (dir !== "Up" && dir !== "Left") throw invalidArg(`delete(shift) needs Excel.DeleteShiftDirection "Up" or "Left", got ${JSON.stringify(shift)}`);
      t.sheet.deleteCells(t.rect, dir);
    });
  }

  insert(shift?: string): RangeProxy {
    let inserted: RangeTarget | null = null;
    this._call("insert", { shift }, (t) => {
      const dir = isWholeRows(t.rect) ? "Down" : isWholeColumns(t.rect) ? "Right" : shift;
      if (dir !== "Down" && dir !== "Right") throw invalidArg(`insert(shift) needs Excel.InsertShiftDirection "Down" or "Right", got ${JSON.stringify(shift)}`);
      t.sheet.insertCells(t.rect, dir);
      inserted = { sheet: t.sheet, rect: t.rect };
    });
    return new RangeProxy(this._ctx, () => inserted)._self;
  }

  merge(across = false): void {
    this._call("merge", { across }, (t) => t.sheet.merge(t.rect, across));
  }

  unmerge(): void {
    this._call("unmerge", null, (t) => t.sheet.unmerge(t.rect));
  }

  select(): void {
    this._call("select", null, (t) => t.sheet.workbook.select(t.sheet, t.rect));
  }

  /** Formulas are always up to date in the stand-in, so calculate() only validates the range. */
  calculate(): void {
    this._call("calculate", null, () => {});
  }
}

const RANGE_SCALARS: Record<string, ScalarDef<RangeTarget>> = {
  values: prop(
    (t) => map2d(t, (r, c) => t.sheet.value(r, c)),
    (t, v) => t.sheet.writeCells(t.rect, v),
  ),
  formulas: prop(
    (t) => map2d(t, (r, c) => t.sheet.formulaOrValue(r, c)),
    (t, v) => t.sheet.writeCells(t.rect, v),
  ),
  numberFormat: prop(
    (t) => map2d(t, (r, c) => t.sheet.formatProp(r, c, "numberFormat")),
    (t, v) => t.sheet.writeNumberFormats(t.rect, v),
  ),
  // Range.hyperlink (ExcelApi 1.7): the top-left cell's link, or null.
  hyperlink: prop(
    (t) => t.sheet.hyperlinkAt(t.rect.row, t.rect.col),
    (t, v) => t.sheet.writeHyperlink(t.rect, v),
  ),
  // Display text; see cell-values.ts displayText for which number formats are rendered.
  text: prop((t) => map2d(t, (r, c) => t.sheet.text(r, c))),
  valueTypes: prop((t) => map2d(t, (r, c) => valueTypeOf(t.sheet.value(r, c)))),
  address: prop((t) => formatAddress(t.sheet.name, t.rect)),
  addressLocal: prop((t) => formatAddress(t.sheet.name, t.rect)),
  rowCount: prop((t) => t.rect.rows),
  columnCount: prop((t) => t.rect.cols),
  cellCount: prop((t) => cellCount(t.rect)),
  rowIndex: prop((t) => t.rect.row),
  columnIndex: prop((t) => t.rect.col),
  isEntireColumn: prop((t) => isWholeColumns(t.rect)),
  isEntireRow: prop((t) => isWholeRows(t.rect)),
  columnHidden: prop(
    (t) => {
      let hidden = 0;
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) if (t.sheet.hiddenColumns.has(c)) hidden++;
      return hidden === 0 ? false : hidden === t.rect.cols ? true : null;
    },
    (t, v) => t.sheet.setColumnsHidden(t.rect, expectBoolean("columnHidden")(v)),
  ),
  rowHidden: prop(
    (t) => {
      let hidden = 0;
      for (const r of t.sheet.hiddenRows) if (r >= t.rect.row && r < t.rect.row + t.rect.rows) hidden++;
      return hidden === 0 ? false : hidden === t.rect.rows ? true : null;
    },
    (t, v) => t.sheet.setRowsHidden(t.rect, expectBoolean("rowHidden")(v)),
  ),
  hidden: prop((t) => {
    let allCols = true;
    for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) if (!t.sheet.hiddenColumns.has(c)) allCols = false;
    let rowsHidden = 0;
    for (const r of t.sheet.hiddenRows) if (r >= t.rect.row && r < t.rect.row + t.rect.rows) rowsHidden++;
    return allCols || rowsHidden === t.rect.rows;
  }),
  // Positions in points, from column widths and row heights.
  left: prop((t) => sumSizes(0, t.rect.col, DEFAULT_COLUMN_WIDTH, t.sheet.columnWidths, t.sheet.hiddenColumns)),
  top: prop((t) => sumSizes(0, t.rect.row, DEFAULT_ROW_HEIGHT, t.sheet.rowHeights, t.sheet.hiddenRows)),
  width: prop((t) => sumSizes(t.rect.col, t.rect.cols, DEFAULT_COLUMN_WIDTH, t.sheet.columnWidths, t.sheet.hiddenColumns)),
  height: prop((t) => sumSizes(t.rect.row, t.rect.rows, DEFAULT_ROW_HEIGHT, t.sheet.rowHeights, t.sheet.hiddenRows)),
};

// ------------------------------------------------------------------ format, fill, font, protection

const H_ALIGN = ["General", "Left", "Center", "Right", "Fill", "Justify", "CenterAcrossSelection", "Distributed"] as const;
const V_ALIGN = ["Top", "Center", "Bottom", "Justify", "Distributed"] as const;

export class RangeFormatProxy extends RangePart {
  get _className(): string {
    return "RangeFormat";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    return FORMAT_SCALARS;
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      fill: () => new RangeFillProxy(this._ctx, this),
      font: () => new RangeFontProxy(this._ctx, this),
      borders: () => new RangeBorderCollectionProxy(this._ctx, this),
      protection: () => new FormatProtectionProxy(this._ctx, this),
    };
  }
  /** Width from text length; see StandInSheet.autofitColumns for the approximation. */
  autofitColumns(): void {
    this._call("autofitColumns", null, (t) => {
      t.sheet.assertAllowed(t.rect, "format");
      t.sheet.autofitColumns(t.rect);
    });
  }
  autofitRows(): void {
    this._call("autofitRows", null, (t) => {
      t.sheet.assertAllowed(t.rect, "format");
      t.sheet.autofitRows(t.rect);
    });
  }
}

const FORMAT_SCALARS: Record<string, ScalarDef<RangeTarget>> = {
  columnWidth: prop(
    (t) => {
      let width: number | null = null;
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        const w = t.sheet.columnWidth(c);
        if (width === null) width = w;
        else if (width !== w) return null;
      }
      return width;
    },
    (t, v) => {
      t.sheet.assertAllowed(t.rect, "format");
      t.sheet.setColumnWidth(t.rect, expectNumber("columnWidth", 0, 255 * 7.5)(v));
    },
  ),
  rowHeight: prop(
    (t) => {
      if (t.rect.rows > 100_000) return DEFAULT_ROW_HEIGHT;
      let height: number | null = null;
      for (let r = t.rect.row; r < t.rect.row + t.rect.rows; r++) {
        const h = t.sheet.rowHeight(r);
        if (height === null) height = h;
        else if (height !== h) return null;
      }
      return height;
    },
    (t, v) => {
      t.sheet.assertAllowed(t.rect, "format");
      t.sheet.setRowHeight(t.rect, expectNumber("rowHeight", 0, 409)(v));
    },
  ),
  // "Only intended to be set to true. Setting it to false has no effect" (ExcelApi 1.7):
  // the rows (columns) go back to the sheet's standard height (width).
  useStandardHeight: prop(
    (t) => {
      let standard: boolean | null = null;
      for (let r = t.rect.row; r < t.rect.row + Math.min(t.rect.rows, 100_000); r++) {
        const here = !t.sheet.rowHeights.has(r);
        if (standard === null) standard = here;
        else if (standard !== here) return null;
      }
      return standard;
    },
    (t, v) => {
      t.sheet.assertAllowed(t.rect, "format");
      if (expectBoolean("useStandardHeight")(v)) t.sheet.useStandardSize(t.rect, "rows");
    },
  ),
  useStandardWidth: prop(
    (t) => {
      let standard: boolean | null = null;
      for (let c = t.rect.col; c < t.rect.col + t.rect.cols; c++) {
        const here = !t.sheet.columnWidths.has(c);
        if (standard === null) standard = here;
        else if (standard !== here) return null;
      }
      return standard;
    },
    (t, v) => {
      t.sheet.assertAllowed(t.rect, "format");
      if (expectBoolean("useStandardWidth")(v)) t.sheet.useStandardSize(t.rect, "columns");
    },
  ),
  wrapText: formatKeyProp("wrapText", expectBoolean("wrapText")),
  horizontalAlignment: formatKeyProp("horizontalAlignment", expectOneOf("horizontalAlignment", H_ALIGN)),
  verticalAlignment: formatKeyProp("verticalAlignment", expectOneOf("verticalAlignment", V_ALIGN)),
};

export class RangeFillProxy extends RangePart {
  get _className(): string {
    return "RangeFill";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    // Office.js reports "#FFFFFF" for cells without fill.
    return { color: formatKeyProp("fillColor", (v) => normalizeColor(v), (v) => v ?? "#FFFFFF") };
  }
  clear(): void {
    this._call("clear", null, (t) => {
      t.sheet.assertAllowed(t.rect, "format");
      t.sheet.setFormat(t.rect, "fillColor", null);
    });
  }
}

const UNDERLINES = ["None", "Single", "Double", "SingleAccountant", "DoubleAccountant"] as const;

export class RangeFontProxy extends RangePart {
  get _className(): string {
    return "RangeFont";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    return FONT_SCALARS;
  }
}

const FONT_SCALARS: Record<string, ScalarDef<RangeTarget>> = {
  bold: formatKeyProp("bold", expectBoolean("bold")),
  italic: formatKeyProp("italic", expectBoolean("italic")),
  color: formatKeyProp("fontColor", (v) => normalizeColor(v)),
  size: formatKeyProp("fontSize", expectNumber("size", 1, 409)),
  name: formatKeyProp("fontName", (v) => {
    if (typeof v !== "string" || v === "") throw invalidArg("font name must be a non-empty string");
    return v;
  }),
  underline: formatKeyProp("underline", expectOneOf("underline", UNDERLINES)),
  strikethrough: formatKeyProp("strikethrough", expectBoolean("strikethrough")),
};

export class FormatProtectionProxy extends RangePart {
  get _className(): string {
    return "FormatProtection";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    return {
      locked: formatKeyProp("locked", expectBoolean("locked")),
      formulaHidden: formatKeyProp("formulaHidden", expectBoolean("formulaHidden")),
    };
  }
}

// ------------------------------------------------------------------ borders

type BorderKey = "borderTop" | "borderBottom" | "borderLeft" | "borderRight";
const BORDER_SIDES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;
const LINE_STYLES = ["None", "Continuous", "Dash", "DashDot", "DashDotDot", "Dot", "Double", "SlantDashDot"] as const;
const WEIGHTS = ["Hairline", "Thin", "Medium", "Thick"] as const;

/** Which cells and which side of them a border index refers to. */
function borderCells(side: string, rect: Rect): { rect: Rect; key: BorderKey } | null {
  switch (side) {
    case "EdgeTop":
      return { rect: { ...rect, rows: 1 }, key: "borderTop" };
    case "EdgeBottom":
      return { rect: { ...rect, row: rect.row + rect.rows - 1, rows: 1 }, key: "borderBottom" };
    case "EdgeLeft":
      return { rect: { ...rect, cols: 1 }, key: "borderLeft" };
    case "EdgeRight":
      return { rect: { ...rect, col: rect.col + rect.cols - 1, cols: 1 }, key: "borderRight" };
    case "InsideHorizontal":
      return rect.rows > 1 ? { rect: { ...rect, rows: rect.rows - 1 }, key: "borderBottom" } : null;
    case "InsideVertical":
      return rect.cols > 1 ? { rect: { ...rect, cols: rect.cols - 1 }, key: "borderRight" } : null;
    default:
      return null;
  }
}

export class RangeBorderCollectionProxy extends RangePart {
  get _className(): string {
    return "RangeBorderCollection";
  }
  getItem(index: string): RangeBorderProxy {
    if (!BORDER_SIDES.includes(index as (typeof BORDER_SIDES)[number])) throw notImplemented(`RangeBorderCollection.getItem("${index}")`);
    return new RangeBorderProxy(this._ctx, this, index)._self;
  }
}

export class RangeBorderProxy extends RangePart {
  constructor(
    ctx: ContextCore,
    owner: ClientObject<RangeTarget>,
    private readonly side: string,
  ) {
    super(ctx, owner);
  }
  get _className(): string {
    return "RangeBorder";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    const side = this.side;
    const read = (t: RangeTarget, pick: (b: BorderSpec | null) => unknown) => {
      const cells = borderCells(side, t.rect);
      if (!cells) return pick(null);
      return consistent({ sheet: t.sheet, rect: cells.rect }, (r, c) => pick(t.sheet.formatProp(r, c, cells.key)));
    };
    const write = (t: RangeTarget, patch: Partial<BorderSpec> | "none") => {
      t.sheet.assertAllowed(t.rect, "format");
      const cells = borderCells(side, t.rect);
      if (!cells) return;
      t.sheet.updateFormat(cells.rect, cells.key, (old) => {
        if (patch === "none") return null;
        return { style: "Continuous", color: "#000000", weight: "Thin", ...(old ?? {}), ...patch };
      });
    };
    return {
      sideIndex: prop(() => side),
      style: prop(
        (t) => read(t, (b) => b?.style ?? "None"),
        (t, v) => {
          const style = expectOneOf("border style", LINE_STYLES)(v);
          write(t, style === "None" ? "none" : { style });
        },
      ),
      color: prop(
        (t) => read(t, (b) => b?.color ?? "#000000"),
        (t, v) => write(t, { color: normalizeColor(v) }),
      ),
      weight: prop(
        (t) => read(t, (b) => b?.weight ?? "Thin"),
        (t, v) => write(t, { weight: expectOneOf("border weight", WEIGHTS)(v) }),
      ),
    };
  }
}

// ------------------------------------------------------------------ worksheet hook

type WorksheetFactory = (ctx: ContextCore, resolve: () => StandInSheet) => ClientObject;
let worksheetFactory: WorksheetFactory | null = null;

/** api-sheet.ts registers itself here so ranges can return their worksheet without an import cycle. */
export function registerWorksheetFactory(factory: WorksheetFactory): void {
  worksheetFactory = factory;
}

function makeWorksheetProxy(ctx: ContextCore, resolve: () => StandInSheet): ClientObject {
  if (!worksheetFactory) throw new Error("Excel stand-in: api-sheet.ts was not loaded");
  return worksheetFactory(ctx, resolve);
}
