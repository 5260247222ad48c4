// Excel stand-in (NOT Excel): Worksheet.pageLayout (ExcelApi 1.9) — Excel.PageLayout,
// HeaderFooterGroup, HeaderFooter and the RangeAreas its print area comes back as, as
// queued proxies over the sheet's PageLayoutModel. Microsoft's reference:
// https://learn.microsoft.com/javascript/api/excel/excel.pagelayout,
// .../excel.pagelayoutzoomoptions, .../excel.headerfootergroup, .../excel.headerfooter.

import { MAX_COLUMNS, formatAddress, isWholeRows, type Rect } from "./addresses.ts";
import { ClientObject, StandInExcelError, notImplemented, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangeProxy, resolveRangeArg } from "./api-range.ts";
import { expectBoolean, expectOneOf, invalidArg } from "./api-range-shared.ts";
import type { PageLayoutModel } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";

// Excel.PageOrientation and Excel.PaperType, as @types/office-js lists them.
const ORIENTATIONS = ["Portrait", "Landscape"] as const;
const PAPER_TYPES = [
  "Letter", "LetterSmall", "Tabloid", "Ledger", "Legal", "Statement", "Executive", "A3", "A4", "A4Small", "A5", "B4", "B5",
  "Folio", "Quatro", "Paper10x14", "Paper11x17", "Note", "Envelope9", "Envelope10", "Envelope11", "Envelope12", "Envelope14",
  "Csheet", "Dsheet", "Esheet", "EnvelopeDL", "EnvelopeC5", "EnvelopeC3", "EnvelopeC4", "EnvelopeC6", "EnvelopeC65",
  "EnvelopeB4", "EnvelopeB5", "EnvelopeB6", "EnvelopeItaly", "EnvelopeMonarch", "EnvelopePersonal", "FanfoldUS",
  "FanfoldStdGerman", "FanfoldLegalGerman",
] as const;
/** Points per unit of Excel.PrintMarginUnit. */
const MARGIN_UNITS: Record<string, number> = { Points: 1, Inches: 72, Centimeters: 72 / 2.54 };

function touch(sheet: StandInSheet, change: (layout: PageLayoutModel) => void): void {
  change(sheet.pageLayout);
  sheet.workbook.touch();
}

function margin(name: string): (v: unknown) => number {
  return (v) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw invalidArg(`${name} must be a non-negative number of points`);
    return v;
  };
}

/**
 * "Print page scale value can be between 10 and 400"; pages wide and tall are whole
 * numbers. A pages-tall of 0 is "as many as it takes", as in the file format
 * (ECMA-376 Part 1, 18.3.1.64 pageSetup@fitToHeight: "0 ... indicates ... automatic").
 */
function zoomOptions(v: unknown): PageLayoutModel["zoom"] {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw invalidArg("zoom must be set as a PageLayoutZoomOptions object (x.zoom = { ... })");
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!["scale", "horizontalFitToPages", "verticalFitToPages"].includes(key)) throw invalidArg(`zoom has no option "${key}"`);
  }
  const out: PageLayoutModel["zoom"] = {};
  if (o["scale"] !== undefined && o["scale"] !== null) {
    const scale = o["scale"];
    if (typeof scale !== "number" || scale < 10 || scale > 400) throw invalidArg("zoom.scale must be between 10 and 400");
    out.scale = scale;
  }
  for (const key of ["horizontalFitToPages", "verticalFitToPages"] as const) {
    const n = o[key];
    if (n === undefined || n === null) continue;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw invalidArg(`zoom.${key} must be a whole number of pages`);
    out[key] = n;
  }
  return out;
}

const LAYOUT_SCALARS: Record<string, ScalarDef<StandInSheet>> = {
  orientation: prop(
    (s) => s.pageLayout.orientation,
    (s, v) => touch(s, (l) => (l.orientation = expectOneOf("orientation", ORIENTATIONS)(v))),
  ),
  paperSize: prop(
    (s) => s.pageLayout.paperSize,
    (s, v) => touch(s, (l) => (l.paperSize = expectOneOf("paperSize", PAPER_TYPES)(v))),
  ),
  zoom: prop(
    (s) => ({ ...s.pageLayout.zoom }),
    (s, v) => touch(s, (l) => (l.zoom = zoomOptions(v))),
    { check: zoomOptions },
  ),
  centerHorizontally: prop(
    (s) => s.pageLayout.centerHorizontally,
    (s, v) => touch(s, (l) => (l.centerHorizontally = expectBoolean("centerHorizontally")(v))),
  ),
  centerVertically: prop(
    (s) => s.pageLayout.centerVertically,
    (s, v) => touch(s, (l) => (l.centerVertically = expectBoolean("centerVertically")(v))),
  ),
  printGridlines: prop(
    (s) => s.pageLayout.printGridlines,
    (s, v) => touch(s, (l) => (l.printGridlines = expectBoolean("printGridlines")(v))),
  ),
  ...Object.fromEntries(
    (["leftMargin", "rightMargin", "topMargin", "bottomMargin", "headerMargin", "footerMargin"] as const).map((key) => [
      key,
      prop<StandInSheet>(
        (s) => s.pageLayout[key],
        (s, v) => touch(s, (l) => (l[key] = margin(key)(v))),
      ),
    ]),
  ),
};

export class PageLayoutProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "PageLayout";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInSheet>> {
    return LAYOUT_SCALARS;
  }
  override _navs(): Record<string, () => ClientObject> {
    return { headersFooters: () => new HeaderFooterGroupProxy(this._ctx, this) };
  }

  /** One rectangle (a string address or a Range); several areas (RangeAreas, "A1:B2,D1:E2") are not modelled. */
  setPrintArea(printArea: unknown): void {
    this._call("setPrintArea", { printArea: typeof printArea === "string" ? printArea : "[Range]" }, (s) => {
      if (typeof printArea === "string" && printArea.includes(",")) throw notImplemented("PageLayout.setPrintArea with several areas");
      const target = resolveRangeArg(printArea, this._ctx, s, "setPrintArea");
      if (target.sheet !== s) throw invalidArg("setPrintArea needs a range on the same sheet");
      touch(s, (l) => (l.printArea = target.rect));
    });
  }

  getPrintArea(): RangeAreasProxy {
    return this._printArea(false);
  }
  getPrintAreaOrNullObject(): RangeAreasProxy {
    return this._printArea(true);
  }
  private _printArea(orNull: boolean): RangeAreasProxy {
    return new RangeAreasProxy(
      this._ctx,
      () => {
        const s = this._require();
        const rect = s.pageLayout.printArea;
        // "If there is no print area, an ItemNotFound error will be thrown."
        if (!rect && !orNull) throw new StandInExcelError("ItemNotFound", `Sheet "${s.name}" has no print area (Excel stand-in)`);
        return rect ? { sheet: s, rect } : null;
      },
      orNull,
    )._self;
  }

  /** "The range must span the entire row to be valid." */
  setPrintTitleRows(printTitleRows: unknown): void {
    this._call("setPrintTitleRows", { printTitleRows: typeof printTitleRows === "string" ? printTitleRows : "[Range]" }, (s) => {
      const target = resolveRangeArg(printTitleRows, this._ctx, s, "setPrintTitleRows");
      if (target.sheet !== s || !isWholeRows(target.rect)) throw invalidArg("setPrintTitleRows needs whole rows of this sheet (\"$8:$9\")");
      touch(s, (l) => (l.printTitleRows = { first: target.rect.row, last: target.rect.row + target.rect.rows - 1 }));
    });
  }

  getPrintTitleRows(): RangeProxy {
    return this._titleRows(false);
  }
  getPrintTitleRowsOrNullObject(): RangeProxy {
    return this._titleRows(true);
  }
  private _titleRows(orNull: boolean): RangeProxy {
    return new RangeProxy(
      this._ctx,
      () => {
        const s = this._require();
        const rows = s.pageLayout.printTitleRows;
        return rows ? { sheet: s, rect: { row: rows.first, rows: rows.last - rows.first + 1, col: 0, cols: MAX_COLUMNS } } : null;
      },
      orNull,
    )._self;
  }

  /** "Margins not provided remain unchanged." */
  setPrintMargins(unit: string, marginOptions: Record<string, unknown>): void {
    this._call("setPrintMargins", { unit, marginOptions }, (s) => {
      const factor = MARGIN_UNITS[unit];
      if (factor === undefined) throw invalidArg(`unit must be one of ${Object.keys(MARGIN_UNITS).join(", ")}`);
      const keys = { left: "leftMargin", right: "rightMargin", top: "topMargin", bottom: "bottomMargin", header: "headerMargin", footer: "footerMargin" } as const;
      const next: Partial<PageLayoutModel> = {};
      for (const [option, value] of Object.entries(marginOptions ?? {})) {
        const key = keys[option as keyof typeof keys];
        if (!key) throw invalidArg(`marginOptions has no "${option}"`);
        if (value === undefined || value === null) continue;
        next[key] = margin(option)(value) * factor;
      }
      touch(s, (l) => Object.assign(l, next));
    });
  }
}

class HeaderFooterGroupProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "HeaderFooterGroup";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInSheet>> {
    // Only one header/footer for all pages is modelled (first, odd and even pages are not).
    return { state: prop(() => "Default") };
  }
  override _navs(): Record<string, () => ClientObject> {
    return { defaultForAllPages: () => new HeaderFooterProxy(this._ctx, this) };
  }
}

const SECTIONS = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"] as const;

class HeaderFooterProxy extends ClientObject<StandInSheet> {
  constructor(
    ctx: ContextCore,
    private readonly owner: ClientObject<StandInSheet>,
  ) {
    super(ctx);
  }
  get _className(): string {
    return "HeaderFooter";
  }
  protected _resolveTarget(): StandInSheet {
    return this.owner._require();
  }
  override _scalars(): Record<string, ScalarDef<StandInSheet>> {
    return Object.fromEntries(
      SECTIONS.map((key) => [
        key,
        prop<StandInSheet>(
          (s) => s.pageLayout.headerFooter[key],
          (s, v) => {
            if (typeof v !== "string") throw invalidArg(`${key} must be a string (Excel's header/footer codes, e.g. "Page &P of &N")`);
            touch(s, (l) => (l.headerFooter[key] = v));
          },
        ),
      ]),
    );
  }
}

interface AreaTarget {
  sheet: StandInSheet;
  rect: Rect;
}

/** Excel.RangeAreas (ExcelApi 1.9), only as the print area comes back: one area, its address. */
export class RangeAreasProxy extends ClientObject<AreaTarget> {
  constructor(
    ctx: ContextCore,
    private readonly resolver: () => AreaTarget | null,
    orNull = false,
  ) {
    super(ctx, orNull);
  }
  get _className(): string {
    return "RangeAreas";
  }
  protected _resolveTarget(): AreaTarget | null {
    return this.resolver();
  }
  override _scalars(): Record<string, ScalarDef<AreaTarget>> {
    return {
      address: prop((t) => formatAddress(t.sheet.name, t.rect)),
      areaCount: prop(() => 1),
    };
  }
}
