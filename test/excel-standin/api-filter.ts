// Excel stand-in (NOT Excel): Excel.Filter (a table column's filter, ExcelApi 1.2),
// Excel.TableSort (1.2) and Excel.AutoFilter (Worksheet.autoFilter / Table.autoFilter,
// ExcelApi 1.9) as queued proxies over the in-memory workbook.
// https://learn.microsoft.com/javascript/api/excel/excel.filter
// https://learn.microsoft.com/javascript/api/excel/excel.tablesort
// https://learn.microsoft.com/javascript/api/excel/excel.autofilter

import { intersect, sameRect } from "./addresses.ts";
import { ClientObject, StandInExcelError, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, resolveRangeArg } from "./api-range.ts";
import { checkCriteria, criteriaToApi } from "./filter.ts";
import type { StandInSheet } from "./sheet.ts";
import type { SortFieldModel, StandInTable, TableColumnModel } from "./table.ts";

function invalidArg(message: string): StandInExcelError {
  return new StandInExcelError("InvalidArgument", `${message} (Excel stand-in)`);
}

// ------------------------------------------------------------------ TableColumn.filter

interface ColumnTarget {
  table: StandInTable;
  column: TableColumnModel;
}

function columnIndexOf(c: ColumnTarget): number {
  return c.table.columns.indexOf(c.column);
}

export class FilterProxy extends ClientObject<ColumnTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ColumnTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "Filter";
  }
  protected _resolveTarget(): ColumnTarget {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<ColumnTarget>> {
    return {
      // null when the column has no filter (the stand-in's belief; Excel's docs say only
      // "the currently applied filter"). Applied criteria come back with every property,
      // unused ones null, as Excel returns them (office-js#1226).
      criteria: prop((c) => {
        const model = c.table.filters.get(c.column.id);
        return model ? criteriaToApi(model) : null;
      }),
    };
  }

  private _apply(method: string, criteria: unknown): void {
    this._call(method, { criteria }, (c) => {
      c.table.sheet.assertAllowed(null, "filter");
      c.table.setColumnFilter(columnIndexOf(c), checkCriteria(criteria));
    });
  }

  apply(criteria: unknown): void {
    this._apply("apply", criteria);
  }
  applyValuesFilter(values: unknown): void {
    this._apply("applyValuesFilter", { filterOn: "Values", values });
  }
  applyCustomFilter(criteria1: string, criteria2?: string, oper?: string): void {
    this._apply("applyCustomFilter", { filterOn: "Custom", criterion1: criteria1, ...(criteria2 !== undefined ? { criterion2: criteria2 } : {}), ...(oper !== undefined ? { operator: oper } : {}) });
  }
  applyTopItemsFilter(count: number): void {
    this._apply("applyTopItemsFilter", { filterOn: "TopItems", criterion1: String(count) });
  }
  applyBottomItemsFilter(count: number): void {
    this._apply("applyBottomItemsFilter", { filterOn: "BottomItems", criterion1: String(count) });
  }
  applyTopPercentFilter(percent: number): void {
    this._apply("applyTopPercentFilter", { filterOn: "TopPercent", criterion1: String(percent) });
  }
  applyBottomPercentFilter(percent: number): void {
    this._apply("applyBottomPercentFilter", { filterOn: "BottomPercent", criterion1: String(percent) });
  }
  applyCellColorFilter(color: string): void {
    this._apply("applyCellColorFilter", { filterOn: "CellColor", color });
  }
  applyFontColorFilter(color: string): void {
    this._apply("applyFontColorFilter", { filterOn: "FontColor", color });
  }
  applyDynamicFilter(criteria: string): void {
    this._apply("applyDynamicFilter", { filterOn: "Dynamic", dynamicCriteria: criteria });
  }
  clear(): void {
    this._call("clear", null, (c) => {
      c.table.sheet.assertAllowed(null, "filter");
      c.table.setColumnFilter(columnIndexOf(c), null);
    });
  }
}

// ------------------------------------------------------------------ Table.sort

/** Checks TableSort.apply fields; `key` is a column offset within the table. */
function sortFields(table: StandInTable, fields: unknown): SortFieldModel[] {
  if (!Array.isArray(fields) || fields.length === 0) throw invalidArg("TableSort.apply needs a non-empty array of SortField");
  return fields.map((f, i) => {
    if (!f || typeof f !== "object") throw invalidArg(`fields[${i}] must be a SortField object`);
    const { key, ascending, sortOn, dataOption, color, icon, subField } = f as Record<string, unknown>;
    if (typeof key !== "number" || !Number.isInteger(key) || key < 0 || key >= table.columnCount) {
      throw invalidArg(`fields[${i}].key must be a column offset 0..${table.columnCount - 1} of table "${table.name}"`);
    }
    if ((sortOn !== undefined && sortOn !== "Value") || color !== undefined || icon !== undefined || subField !== undefined) {
      throw new Error("Excel stand-in: sorting on cell colour, font colour, icon or subField is not implemented");
    }
    if (dataOption !== undefined && dataOption !== "Normal") throw new Error(`Excel stand-in: SortField.dataOption "${String(dataOption)}" is not implemented`);
    if (ascending !== undefined && typeof ascending !== "boolean") throw invalidArg(`fields[${i}].ascending must be a boolean`);
    return { columnId: table.columns[key]!.id, ascending: ascending !== false };
  });
}

export class TableSortProxy extends ClientObject<StandInTable> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInTable>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "TableSort";
  }
  protected _resolveTarget(): StandInTable {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInTable>> {
    return {
      fields: prop((t) =>
        (t.sortState?.fields ?? []).map((f) => ({ key: t.columns.findIndex((c) => c.id === f.columnId), ascending: f.ascending, sortOn: "Value", dataOption: "Normal" })),
      ),
      matchCase: prop((t) => t.sortState?.matchCase ?? false),
      method: prop((t) => t.sortState?.method ?? "PinYin"),
    };
  }

  apply(fields: unknown, matchCase?: boolean, method?: string): void {
    this._call("apply", { fields, matchCase, method }, (t) => {
      t.sheet.assertAllowed(null, "sort");
      if (method !== undefined && method !== "PinYin" && method !== "StrokeCount") throw invalidArg('method must be "PinYin" or "StrokeCount"');
      t.sortRows(sortFields(t, fields), matchCase === true, method ?? "PinYin");
    });
  }

  /** "Clears the sorting that is currently on the table. While this doesn't modify the table's ordering, it clears the state of the header buttons." */
  clear(): void {
    this._call("clear", null, (t) => {
      t.sortState = null;
      t.workbook.touch();
    });
  }

  reapply(): void {
    this._call("reapply", null, (t) => {
      t.sheet.assertAllowed(null, "sort");
      if (t.sortState) t.sortRows(t.sortState.fields, t.sortState.matchCase, t.sortState.method);
    });
  }
}

// ------------------------------------------------------------------ AutoFilter

type AutoFilterTarget = { kind: "table"; table: StandInTable } | { kind: "sheet"; sheet: StandInSheet };

function sheetOf(t: AutoFilterTarget): StandInSheet {
  return t.kind === "table" ? t.table.sheet : t.sheet;
}

export class AutoFilterProxy extends ClientObject<AutoFilterTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolveOwner: () => AutoFilterTarget,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "AutoFilter";
  }
  protected _resolveTarget(): AutoFilterTarget {
    return this.resolveOwner();
  }
  override _scalars(): Record<string, ScalarDef<AutoFilterTarget>> {
    return {
      // One entry per column of the filtered range; columns without a filter give an
      // object whose properties are all null (office-js#1226).
      criteria: prop((t) => {
        if (t.kind === "table") return t.table.columns.map((c) => criteriaToApi(t.table.filters.get(c.id) ?? null));
        const af = t.sheet.autoFilter;
        return af ? Array.from({ length: af.rect.cols }, (_, i) => criteriaToApi(af.criteria.get(i) ?? null)) : [];
      }),
      enabled: prop((t) => (t.kind === "table" ? t.table.showFilterButton : t.sheet.autoFilter !== null)),
      isDataFiltered: prop((t) => (t.kind === "table" ? t.table.isFiltered : (t.sheet.autoFilter?.criteria.size ?? 0) > 0)),
    };
  }

  /** apply(range, columnIndex?, criteria?): turns the AutoFilter on over range, and filters one column if asked. */
  apply(range: unknown, columnIndex?: number, criteria?: unknown): void {
    this._call("apply", { range: typeof range === "string" ? range : "[Range]", columnIndex, criteria }, (t) => {
      const sheet = sheetOf(t);
      sheet.assertAllowed(null, "filter");
      const target = resolveRangeArg(range, this._ctx, sheet, "AutoFilter.apply");
      if (target.sheet !== sheet) throw invalidArg("AutoFilter.apply needs a range on the same worksheet");
      const checked = criteria === undefined ? null : checkCriteria(criteria);
      const width = t.kind === "table" ? t.table.columnCount : target.rect.cols;
      if (columnIndex !== undefined && (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= width)) throw invalidArg(`columnIndex ${columnIndex} is outside 0..${width - 1}`);
      if (t.kind === "table") {
        if (!intersect(target.rect, t.table.rect())) throw invalidArg(`The range is not part of table "${t.table.name}"`);
        t.table.showFilterButton = true;
        if (columnIndex !== undefined && checked) t.table.setColumnFilter(columnIndex, checked);
        return;
      }
      const table = sheet.tables.find((tb) => intersect(tb.rect(), target.rect));
      if (table) throw invalidArg(`The range overlaps table "${table.name}", which has its own AutoFilter (Table.autoFilter)`);
      if (!sheet.autoFilter || !sameRect(sheet.autoFilter.rect, target.rect)) {
        if (sheet.autoFilter) {
          sheet.autoFilter.criteria.clear();
          sheet.applyAutoFilter();
        }
        sheet.autoFilter = { rect: target.rect, criteria: new Map() };
      }
      if (columnIndex !== undefined && checked) sheet.autoFilter.criteria.set(columnIndex, checked);
      sheet.applyAutoFilter();
    });
  }

  /** Clears the filter criteria (and, for a table, shows every row again). */
  clearCriteria(): void {
    this._call("clearCriteria", null, (t) => {
      sheetOf(t).assertAllowed(null, "filter");
      if (t.kind === "table") t.table.clearFilters();
      else if (t.sheet.autoFilter) {
        t.sheet.autoFilter.criteria.clear();
        t.sheet.applyAutoFilter();
      }
    });
  }

  clearColumnCriteria(columnIndex: number): void {
    this._call("clearColumnCriteria", { columnIndex }, (t) => {
      sheetOf(t).assertAllowed(null, "filter");
      const width = t.kind === "table" ? t.table.columnCount : (t.sheet.autoFilter?.rect.cols ?? 0);
      if (!Number.isInteger(columnIndex) || columnIndex < 0 || columnIndex >= width) throw invalidArg(`columnIndex ${columnIndex} is outside 0..${width - 1}`);
      if (t.kind === "table") t.table.setColumnFilter(columnIndex, null);
      else {
        t.sheet.autoFilter!.criteria.delete(columnIndex);
        t.sheet.applyAutoFilter();
      }
    });
  }

  reapply(): void {
    this._call("reapply", null, (t) => {
      sheetOf(t).assertAllowed(null, "filter");
      if (t.kind === "table") t.table.applyFilters();
      else t.sheet.applyAutoFilter();
    });
  }

  /** Removes the AutoFilter: for a table, the filter buttons go too (office-js#3086). */
  remove(): void {
    this._call("remove", null, (t) => {
      sheetOf(t).assertAllowed(null, "filter");
      if (t.kind === "table") {
        t.table.clearFilters();
        t.table.showFilterButton = false;
      } else if (t.sheet.autoFilter) {
        t.sheet.autoFilter.criteria.clear();
        t.sheet.applyAutoFilter();
        t.sheet.autoFilter = null;
      }
    });
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
        if (t.kind === "table") return { sheet: t.table.sheet, rect: t.table.rect() };
        return t.sheet.autoFilter ? { sheet: t.sheet, rect: t.sheet.autoFilter.rect } : null;
      },
      orNull,
    )._self;
  }
}
