// Excel stand-in (NOT Excel): Excel.Chart and ChartCollection as queued proxies. A chart
// here is data only (type, title, source range, series orientation, position, legend,
// axis titles); nothing is drawn except a placeholder box in the harness grid.

import { cellA1, type Rect } from "./addresses.ts";
import { ClientObject, CollectionObject, StandInExcelError, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { resolveRangeArg } from "./api-range.ts";
import { ChartType } from "./enums.ts";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type ChartModel } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";

const CHART_TYPES = new Set<string>(Object.values(ChartType).filter((t) => t !== "Invalid"));
const SERIES_BY = ["Auto", "Columns", "Rows"];
const LEGEND_POSITIONS = ["Top", "Bottom", "Left", "Right", "Corner", "Custom"];

interface ChartTarget {
  sheet: StandInSheet;
  chart: ChartModel;
}

function invalidArg(what: string): StandInExcelError {
  return new StandInExcelError("InvalidArgument", `${what} (Excel stand-in)`);
}

function touch(t: ChartTarget): void {
  t.sheet.workbook.touch();
}

function checkType(type: unknown): string {
  if (typeof type !== "string" || !CHART_TYPES.has(type)) throw invalidArg(`"${String(type)}" is not an Excel.ChartType`);
  return type;
}

function checkSeriesBy(v: unknown): string {
  if (v === undefined || v === null) return "Auto";
  if (typeof v !== "string" || !SERIES_BY.includes(v)) throw invalidArg(`"${String(v)}" is not an Excel.ChartSeriesBy`);
  return v;
}

/** Points from the sheet origin to a cell's top-left corner. */
function cellOffset(sheet: StandInSheet, row: number, col: number): { top: number; left: number } {
  let left = 0;
  for (let c = 0; c < col; c++) left += sheet.columnWidth(c);
  let top = 0;
  if (row < 10_000) for (let r = 0; r < row; r++) top += sheet.rowHeight(r);
  else top = row * DEFAULT_ROW_HEIGHT;
  return { top, left };
}

export class ChartCollectionProxy extends CollectionObject<StandInSheet, ChartProxy, ChartTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ChartCollection";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }
  protected override _hasCount(): boolean {
    return true;
  }
  protected _listItems(sheet: StandInSheet): ChartTarget[] {
    return sheet.charts.map((chart) => ({ sheet, chart }));
  }
  protected _makeItem(): ChartProxy {
    return new ChartProxy(this._ctx, () => null);
  }
  protected _sampleItem(): ChartProxy {
    return this._makeItem();
  }

  /** charts.add(type, sourceData, seriesBy?). */
  add(type: string, sourceData: unknown, seriesBy?: string): ChartProxy {
    let created: ChartTarget | null = null;
    this._call("add", { type, sourceData: typeof sourceData === "string" ? sourceData : "[Range]", seriesBy }, (sheet) => {
      const chartType = checkType(type);
      const by = checkSeriesBy(seriesBy);
      const source = resolveRangeArg(sourceData, this._ctx, sheet, "charts.add sourceData");
      sheet.assertAllowed(null, "objects");
      const n = Number(sheet.workbook.nextId("chart").replace(/\D/g, ""));
      const chart: ChartModel = {
        id: `{stand-in-chart-${n}}`,
        name: `Chart ${n}`,
        type: chartType,
        title: { text: "", visible: false },
        source: { sheetId: source.sheet.id, rect: source.rect },
        seriesBy: by,
        legend: { position: "Bottom", visible: true },
        position: null,
        // Excel's default size is 5" x 3".
        top: 30,
        left: 4 * DEFAULT_COLUMN_WIDTH,
        width: 360,
        height: 216,
        axes: { categoryTitle: "", valueTitle: "" },
        dataLabels: { showValue: false },
      };
      sheet.charts.push(chart);
      sheet.workbook.touch();
      created = { sheet, chart };
    });
    return new ChartProxy(this._ctx, () => created)._self;
  }

  getItem(name: string): ChartProxy {
    return new ChartProxy(this._ctx, () => this._lookup(name), false, `chart "${name}"`)._self;
  }

  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(this._ctx, () => this._lookup(name), true)._self;
  }

  getItemAt(index: number): ChartProxy {
    return new ChartProxy(this._ctx, () => this._listItems(this._require())[index] ?? null, false, `chart at index ${index}`)._self;
  }

  private _lookup(name: string): ChartTarget | null {
    const sheet = this._require();
    const chart = sheet.charts.find((c) => c.name === name || c.id === name);
    return chart ? { sheet, chart } : null;
  }
}

export class ChartProxy extends ClientObject<ChartTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => ChartTarget | null,
    orNull = false,
    private readonly description = "chart",
  ) {
    super(ctx, orNull);
  }
  get _className(): string {
    return "Chart";
  }
  protected _resolveTarget(): ChartTarget | null {
    const t = this.resolver();
    if (!t && !this._orNull) throw new StandInExcelError("ItemNotFound", `The ${this.description} does not exist (Excel stand-in)`);
    return t;
  }
  protected override _stillValid(t: ChartTarget): boolean {
    return t.sheet.workbook.hasSheet(t.sheet) && t.sheet.charts.includes(t.chart);
  }
  override _scalars(): Record<string, ScalarDef<ChartTarget>> {
    const size = (key: "top" | "left" | "width" | "height") =>
      prop<ChartTarget>(
        (t) => t.chart[key],
        (t, v) => {
          if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw invalidArg(`chart.${key} must be a non-negative number`);
          t.chart[key] = v;
          touch(t);
        },
      );
    return {
      name: prop(
        (t) => t.chart.name,
        (t, v) => {
          if (typeof v !== "string" || v === "") throw invalidArg("chart.name must be a non-empty string");
          t.chart.name = v;
          touch(t);
        },
      ),
      id: prop((t) => t.chart.id),
      chartType: prop(
        (t) => t.chart.type,
        (t, v) => {
          t.chart.type = checkType(v);
          touch(t);
        },
      ),
      plotBy: prop(
        (t) => (t.chart.seriesBy === "Rows" ? "Rows" : "Columns"),
        (t, v) => {
          t.chart.seriesBy = checkSeriesBy(v);
          touch(t);
        },
      ),
      top: size("top"),
      left: size("left"),
      width: size("width"),
      height: size("height"),
    };
  }
  override _navs(): Record<string, () => ClientObject> {
    return {
      title: () => new ChartPartProxy(this._ctx, this, "ChartTitle", TITLE_SCALARS),
      legend: () => new ChartPartProxy(this._ctx, this, "ChartLegend", LEGEND_SCALARS),
      dataLabels: () => new ChartPartProxy(this._ctx, this, "ChartDataLabels", DATA_LABEL_SCALARS),
      axes: () => new ChartAxesProxy(this._ctx, this),
      series: () => new ChartSeriesCollectionProxy(this._ctx, this),
    };
  }

  /** setPosition(startCell, endCell?): anchors the chart over cells (Range or "E2"). */
  setPosition(startCell: unknown, endCell?: unknown): void {
    this._call("setPosition", { startCell: typeof startCell === "string" ? startCell : "[Range]", endCell: typeof endCell === "string" ? endCell : endCell === undefined ? undefined : "[Range]" }, (t) => {
      const start = resolveRangeArg(startCell, this._ctx, t.sheet, "setPosition startCell");
      const end = endCell === undefined || endCell === null ? null : resolveRangeArg(endCell, this._ctx, t.sheet, "setPosition endCell");
      if (start.sheet !== t.sheet || (end && end.sheet !== t.sheet)) throw invalidArg("setPosition cells must be on the chart's sheet");
      const s: Rect = start.rect;
      const topLeft = cellOffset(t.sheet, s.row, s.col);
      t.chart.position = { startCell: cellA1(s.row, s.col), endCell: end ? cellA1(end.rect.row + end.rect.rows - 1, end.rect.col + end.rect.cols - 1) : null };
      t.chart.top = topLeft.top;
      t.chart.left = topLeft.left;
      if (end) {
        const e = end.rect;
        const bottomRight = cellOffset(t.sheet, e.row + e.rows, e.col + e.cols);
        t.chart.width = Math.max(0, bottomRight.left - topLeft.left);
        t.chart.height = Math.max(0, bottomRight.top - topLeft.top);
      }
      touch(t);
    });
  }

  setData(sourceData: unknown, seriesBy?: string): void {
    this._call("setData", { sourceData: typeof sourceData === "string" ? sourceData : "[Range]", seriesBy }, (t) => {
      const source = resolveRangeArg(sourceData, this._ctx, t.sheet, "setData sourceData");
      t.chart.source = { sheetId: source.sheet.id, rect: source.rect };
      t.chart.seriesBy = checkSeriesBy(seriesBy);
      touch(t);
    });
  }

  delete(): void {
    this._call("delete", null, (t) => {
      t.sheet.assertAllowed(null, "objects");
      t.sheet.charts = t.sheet.charts.filter((c) => c !== t.chart);
      touch(t);
    });
  }
}

/** Title, legend, data labels: small objects whose properties live on the chart model. */
class ChartPartProxy extends ClientObject<ChartTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ChartTarget>,
    private readonly name: string,
    private readonly scalars: Record<string, ScalarDef<ChartTarget>>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return this.name;
  }
  protected _resolveTarget(): ChartTarget {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<ChartTarget>> {
    return this.scalars;
  }
}

function boolProp(get: (c: ChartModel) => boolean, set: (c: ChartModel, v: boolean) => void, name: string): ScalarDef<ChartTarget> {
  return prop(
    (t) => get(t.chart),
    (t, v) => {
      if (typeof v !== "boolean") throw invalidArg(`${name} must be a boolean`);
      set(t.chart, v);
      touch(t);
    },
  );
}

function textProp(get: (c: ChartModel) => string, set: (c: ChartModel, v: string) => void, name: string): ScalarDef<ChartTarget> {
  return prop(
    (t) => get(t.chart),
    (t, v) => {
      if (typeof v !== "string") throw invalidArg(`${name} must be a string`);
      set(t.chart, v);
      touch(t);
    },
  );
}

const TITLE_SCALARS: Record<string, ScalarDef<ChartTarget>> = {
  // Setting a title text makes it visible, as in Excel.
  text: textProp(
    (c) => c.title.text,
    (c, v) => {
      c.title.text = v;
      c.title.visible = v !== "";
    },
    "title.text",
  ),
  visible: boolProp((c) => c.title.visible, (c, v) => (c.title.visible = v), "title.visible"),
};

const LEGEND_SCALARS: Record<string, ScalarDef<ChartTarget>> = {
  position: prop(
    (t) => t.chart.legend.position,
    (t, v) => {
      if (typeof v !== "string" || !LEGEND_POSITIONS.includes(v)) throw invalidArg(`"${String(v)}" is not an Excel.ChartLegendPosition`);
      t.chart.legend.position = v;
      touch(t);
    },
  ),
  visible: boolProp((c) => c.legend.visible, (c, v) => (c.legend.visible = v), "legend.visible"),
};

const DATA_LABEL_SCALARS: Record<string, ScalarDef<ChartTarget>> = {
  showValue: boolProp((c) => c.dataLabels.showValue, (c, v) => (c.dataLabels.showValue = v), "dataLabels.showValue"),
};

class ChartAxesProxy extends ClientObject<ChartTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ChartTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ChartAxes";
  }
  protected _resolveTarget(): ChartTarget {
    return this.owner._require();
  }
  override _navs(): Record<string, () => ClientObject> {
    const axis = (key: "categoryTitle" | "valueTitle") => () =>
      new ChartAxisProxy(this._ctx, this, {
        text: textProp((c) => c.axes[key], (c, v) => (c.axes[key] = v), "axis title text"),
      });
    return { categoryAxis: axis("categoryTitle"), valueAxis: axis("valueTitle") };
  }
}

class ChartAxisProxy extends ClientObject<ChartTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ChartTarget>,
    private readonly titleScalars: Record<string, ScalarDef<ChartTarget>>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ChartAxis";
  }
  protected _resolveTarget(): ChartTarget {
    return this.owner._require();
  }
  override _navs(): Record<string, () => ClientObject> {
    return { title: () => new ChartPartProxy(this._ctx, this, "ChartAxisTitle", this.titleScalars) };
  }
}

interface SeriesTarget {
  chart: ChartTarget;
  name: string;
}

class ChartSeriesCollectionProxy extends CollectionObject<ChartTarget, ChartSeriesProxy, SeriesTarget> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<ChartTarget>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ChartSeriesCollection";
  }
  protected _resolveTarget(): ChartTarget {
    return this.owner._require();
  }
  protected override _hasCount(): boolean {
    return true;
  }
  /** Series as Excel would derive them from the source range (see StandInWorkbook.chartSeries). */
  protected _listItems(t: ChartTarget): SeriesTarget[] {
    return t.sheet.workbook.chartSeries(t.chart).map((s) => ({ chart: t, name: s.name }));
  }
  protected _makeItem(): ChartSeriesProxy {
    return new ChartSeriesProxy(this._ctx, () => null);
  }
  protected _sampleItem(): ChartSeriesProxy {
    return this._makeItem();
  }
  getItemAt(index: number): ChartSeriesProxy {
    return new ChartSeriesProxy(this._ctx, () => this._listItems(this._require())[index] ?? null)._self;
  }
}

class ChartSeriesProxy extends ClientObject<SeriesTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => SeriesTarget | null,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "ChartSeries";
  }
  protected _resolveTarget(): SeriesTarget {
    const s = this.resolver();
    if (!s) throw new StandInExcelError("ItemNotFound", "The chart series does not exist (Excel stand-in)");
    return s;
  }
  override _scalars(): Record<string, ScalarDef<SeriesTarget>> {
    return { name: prop((s) => s.name) };
  }
}
