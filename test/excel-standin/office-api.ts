// Excel stand-in (NOT Excel): objects shaped like the `Excel`, `Office` and
// `OfficeExtension` globals that office.js provides, implemented over a StandInWorkbook.
// They STAND IN for Microsoft Excel where Excel cannot run (Node tests, the Chromium
// harness). Only the members listed in the README-style comments of each module exist;
// anything else throws `Error("Excel stand-in: <member> is not implemented")`.
//
// Discipline mirrors Office.js: writes are queued until context.sync(); scalar reads need
// load() + sync(); missing items reject the sync with code "ItemNotFound"; requests over
// 5 MB reject with "RequestPayloadSizeLimitExceeded" as on Excel on the web.

import {
  ClientResult,
  ContextCore,
  StandInExcelError,
  createCounters,
  notImplemented,
  strictWrap,
  type StandInApiOptions,
  type StandInCounters,
} from "./api-core.ts";
import { ApiVersionGate, DEFAULT_API_VERSION, excelApiSupported, parseApiVersion } from "./api-sets.ts";
import { loadApiSetTable } from "./api-sets-data.ts";
import { WorkbookProxy } from "./api-workbook.ts";
import * as enums from "./enums.ts";
import type { StandInWorkbook } from "./workbook.ts";

export { StandInExcelError, createCounters, FIVE_MB } from "./api-core.ts";
export { DEFAULT_API_VERSION } from "./api-sets.ts";
export type { StandInApiOptions, StandInCounters } from "./api-core.ts";

/** The part of `typeof Excel` the stand-in provides. */
export interface StandInExcelApi {
  readonly isExcelStandIn: true;
  /** Excel.run(batch). The overloads taking objects/options/a context are not implemented. */
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  readonly RequestContext: new () => Excel.RequestContext;
  readonly ConditionalFormatType: typeof Excel.ConditionalFormatType;
  readonly ChartType: typeof Excel.ChartType;
  readonly ChartSeriesBy: typeof Excel.ChartSeriesBy;
  readonly ChartLegendPosition: typeof Excel.ChartLegendPosition;
  readonly DataValidationOperator: typeof Excel.DataValidationOperator;
  readonly DataValidationAlertStyle: typeof Excel.DataValidationAlertStyle;
  readonly DataValidationType: typeof Excel.DataValidationType;
  readonly DeleteShiftDirection: typeof Excel.DeleteShiftDirection;
  readonly InsertShiftDirection: typeof Excel.InsertShiftDirection;
  readonly ClearApplyTo: typeof Excel.ClearApplyTo;
  readonly HorizontalAlignment: typeof Excel.HorizontalAlignment;
  readonly VerticalAlignment: typeof Excel.VerticalAlignment;
  readonly SheetVisibility: typeof Excel.SheetVisibility;
  readonly ErrorCodes: typeof Excel.ErrorCodes;
  readonly ConditionalCellValueOperator: typeof Excel.ConditionalCellValueOperator;
  readonly ConditionalTextOperator: typeof Excel.ConditionalTextOperator;
  readonly RangeValueType: typeof Excel.RangeValueType;
  readonly BorderIndex: typeof Excel.BorderIndex;
  readonly BorderLineStyle: typeof Excel.BorderLineStyle;
  readonly BorderWeight: typeof Excel.BorderWeight;
  readonly RangeUnderlineStyle: typeof Excel.RangeUnderlineStyle;
  readonly CalculationMode: typeof Excel.CalculationMode;
  readonly CalculationType: typeof Excel.CalculationType;
  readonly NamedItemType: typeof Excel.NamedItemType;
  readonly FilterOn: typeof Excel.FilterOn;
  readonly FilterOperator: typeof Excel.FilterOperator;
  readonly DynamicFilterCriteria: typeof Excel.DynamicFilterCriteria;
  readonly FilterDatetimeSpecificity: typeof Excel.FilterDatetimeSpecificity;
  readonly SortOn: typeof Excel.SortOn;
  readonly SortMethod: typeof Excel.SortMethod;
  readonly SortDataOption: typeof Excel.SortDataOption;
}

/** The request context handed to batch functions. */
class StandInRequestContext {
  readonly isExcelStandIn = true;
  readonly workbook: object;
  readonly application: object;
  /** Accepted for compatibility; objects are not shared across Excel.run calls here. */
  readonly trackedObjects = strictWrap({ add(_o: unknown): void {}, remove(_o: unknown): void {} }, "TrackedObjects");

  constructor(private readonly core: ContextCore) {
    const workbook = new WorkbookProxy(core);
    this.workbook = workbook._self;
    this.application = workbook._child("application");
  }

  /** Applies queued operations; resolves to passThroughValue (undefined by default). */
  async sync<T>(passThroughValue?: T): Promise<T | undefined> {
    await this.core.sync();
    return passThroughValue;
  }
}

function makeContext(core: ContextCore): Excel.RequestContext {
  const ctx = strictWrap(new StandInRequestContext(core), "RequestContext");
  core.publicContext = ctx;
  return ctx as unknown as Excel.RequestContext;
}

/**
 * Builds an object shaped like the `Excel` global over `workbook`. Every Excel.run gets a
 * fresh request context; all of them share `counters`.
 */
export function createExcelApi(workbook: StandInWorkbook, counters: StandInCounters = createCounters(), options: StandInApiOptions = {}): StandInExcelApi {
  const gate = new ApiVersionGate(loadApiSetTable(), parseApiVersion(options.apiVersion ?? DEFAULT_API_VERSION));
  const newCore = () => new ContextCore(workbook, counters, options, gate);

  function run<T>(...args: unknown[]): Promise<T> {
    const batch = args[0];
    if (args.length !== 1 || typeof batch !== "function") {
      throw notImplemented("Excel.run(object | objects | options | context, batch) — only Excel.run(batch)");
    }
    counters.runCount++;
    const core = newCore();
    const ctx = makeContext(core);
    return (async () => {
      try {
        const pending = (batch as (c: Excel.RequestContext) => unknown)(ctx);
        if (!pending || typeof (pending as { then?: unknown }).then !== "function") {
          throw new StandInExcelError("RunMustReturnPromise", "The batch function passed to Excel.run must return a promise (Excel stand-in)");
        }
        const result = (await pending) as T;
        // Office.js sends whatever is still queued when the batch's promise resolves.
        if (core.queue.length > 0) await core.sync();
        return result;
      } finally {
        core.closed = true;
      }
    })();
  }

  class RequestContext {
    constructor() {
      return makeContext(newCore()) as unknown as RequestContext;
    }
  }

  const api = {
    isExcelStandIn: true as const,
    run,
    RequestContext,
    ConditionalFormatType: strictWrap({ ...enums.ConditionalFormatType }, "Excel.ConditionalFormatType"),
    ChartType: strictWrap({ ...enums.ChartType }, "Excel.ChartType"),
    ChartSeriesBy: strictWrap({ ...enums.ChartSeriesBy }, "Excel.ChartSeriesBy"),
    ChartLegendPosition: strictWrap({ ...enums.ChartLegendPosition }, "Excel.ChartLegendPosition"),
    DataValidationOperator: strictWrap({ ...enums.DataValidationOperator }, "Excel.DataValidationOperator"),
    DataValidationAlertStyle: strictWrap({ ...enums.DataValidationAlertStyle }, "Excel.DataValidationAlertStyle"),
    DataValidationType: strictWrap({ ...enums.DataValidationType }, "Excel.DataValidationType"),
    DeleteShiftDirection: strictWrap({ ...enums.DeleteShiftDirection }, "Excel.DeleteShiftDirection"),
    InsertShiftDirection: strictWrap({ ...enums.InsertShiftDirection }, "Excel.InsertShiftDirection"),
    ClearApplyTo: strictWrap({ ...enums.ClearApplyTo }, "Excel.ClearApplyTo"),
    HorizontalAlignment: strictWrap({ ...enums.HorizontalAlignment }, "Excel.HorizontalAlignment"),
    VerticalAlignment: strictWrap({ ...enums.VerticalAlignment }, "Excel.VerticalAlignment"),
    SheetVisibility: strictWrap({ ...enums.SheetVisibility }, "Excel.SheetVisibility"),
    ErrorCodes: strictWrap({ ...enums.ErrorCodes }, "Excel.ErrorCodes"),
    ConditionalCellValueOperator: strictWrap({ ...enums.ConditionalCellValueOperator }, "Excel.ConditionalCellValueOperator"),
    ConditionalTextOperator: strictWrap({ ...enums.ConditionalTextOperator }, "Excel.ConditionalTextOperator"),
    RangeValueType: strictWrap({ ...enums.RangeValueType }, "Excel.RangeValueType"),
    BorderIndex: strictWrap({ ...enums.BorderIndex }, "Excel.BorderIndex"),
    BorderLineStyle: strictWrap({ ...enums.BorderLineStyle }, "Excel.BorderLineStyle"),
    BorderWeight: strictWrap({ ...enums.BorderWeight }, "Excel.BorderWeight"),
    RangeUnderlineStyle: strictWrap({ ...enums.RangeUnderlineStyle }, "Excel.RangeUnderlineStyle"),
    CalculationMode: strictWrap({ ...enums.CalculationMode }, "Excel.CalculationMode"),
    CalculationType: strictWrap({ ...enums.CalculationType }, "Excel.CalculationType"),
    NamedItemType: strictWrap({ ...enums.NamedItemType }, "Excel.NamedItemType"),
    FilterOn: strictWrap({ ...enums.FilterOn }, "Excel.FilterOn"),
    FilterOperator: strictWrap({ ...enums.FilterOperator }, "Excel.FilterOperator"),
    DynamicFilterCriteria: strictWrap({ ...enums.DynamicFilterCriteria }, "Excel.DynamicFilterCriteria"),
    FilterDatetimeSpecificity: strictWrap({ ...enums.FilterDatetimeSpecificity }, "Excel.FilterDatetimeSpecificity"),
    SortOn: strictWrap({ ...enums.SortOn }, "Excel.SortOn"),
    SortMethod: strictWrap({ ...enums.SortMethod }, "Excel.SortMethod"),
    SortDataOption: strictWrap({ ...enums.SortDataOption }, "Excel.SortDataOption"),
  };
  // Excel.<Enum> namespaces of a higher requirement set are missing too.
  const strict = strictWrap(api, "Excel");
  const gated = new Proxy(strict, {
    get(target, prop, receiver) {
      if (typeof prop === "string") gate.checkEnum(prop);
      return Reflect.get(target, prop, receiver);
    },
  });
  return gated as unknown as StandInExcelApi;
}

// ------------------------------------------------------------------ Office global

export interface OfficeInfo {
  host: "Excel";
  platform: string;
}

export interface StandInOfficeGlobal {
  readonly isExcelStandIn: true;
  onReady(callback?: (info: OfficeInfo) => void): Promise<OfficeInfo>;
  initialize: ((reason: string) => void) | undefined;
  readonly HostType: Record<string, string>;
  readonly PlatformType: Record<string, string>;
  readonly context: {
    readonly displayLanguage: string;
    readonly contentLanguage: string;
    readonly host: string;
    readonly platform: string;
    readonly diagnostics: { host: string; platform: string; version: string };
    readonly requirements: { isSetSupported(name: string, minVersion?: string | number): boolean };
    readonly ui: { openBrowserWindow(url: string): void };
  };
  /** Stand-in only: the URLs `Office.context.ui.openBrowserWindow` was asked to open, in order. */
  readonly standInOpenedBrowserWindows: readonly string[];
}

export interface OfficeGlobalOptions {
  /** Resolves when the host page is ready (the browser entry waits for DOMContentLoaded). */
  ready?: Promise<unknown>;
  /** The ExcelApi requirement set isSetSupported answers for ("1.8" by default). */
  apiVersion?: string;
  displayLanguage?: string;
  platform?: string;
}

/**
 * `Office` global: onReady resolves { host: "Excel", platform: "PC" }; ExcelApi up to the
 * emulated requirement set (options.apiVersion, default 1.8) is reported as supported,
 * everything else as unsupported.
 */
export function createOfficeGlobal(options: OfficeGlobalOptions = {}): StandInOfficeGlobal {
  const emulated = parseApiVersion(options.apiVersion ?? DEFAULT_API_VERSION);
  const platform = options.platform ?? "PC";
  const info: OfficeInfo = { host: "Excel", platform };
  const language = options.displayLanguage ?? "vi-VN";
  let readyPromise: Promise<OfficeInfo> | null = null;
  const opened: string[] = [];
  const office: StandInOfficeGlobal = {
    isExcelStandIn: true,
    standInOpenedBrowserWindows: opened,
    initialize: undefined,
    onReady(callback?: (info: OfficeInfo) => void): Promise<OfficeInfo> {
      readyPromise ??= (async () => {
        await (options.ready ?? Promise.resolve());
        // Office initialises asynchronously; never call back synchronously.
        await new Promise((resolve) => setTimeout(resolve, 0));
        return { ...info };
      })();
      return readyPromise.then((i) => {
        callback?.(i);
        return i;
      });
    },
    HostType: strictWrap({ Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook", OneNote: "OneNote", Project: "Project", Access: "Access" }, "Office.HostType"),
    PlatformType: strictWrap({ PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac", iOS: "iOS", Android: "Android", Universal: "Universal" }, "Office.PlatformType"),
    context: strictWrap(
      {
        displayLanguage: language,
        contentLanguage: language,
        host: "Excel",
        platform,
        diagnostics: strictWrap({ host: "Excel", platform, version: "16.0 (Excel stand-in)" }, "Office.context.diagnostics"),
        requirements: strictWrap(
          {
            isSetSupported(name: string, minVersion?: string | number): boolean {
              if (typeof name !== "string" || name.toLowerCase() !== "excelapi") return false;
              return excelApiSupported(minVersion, emulated);
            },
          },
          "Office.context.requirements",
        ),
        // Office.context.ui.openBrowserWindow (OpenBrowserWindowApi 1.1) "opens a browser
        // window and loads the specified URL", outside the add-in; the stand-in records the
        // URL instead of opening anything.
        // https://learn.microsoft.com/javascript/api/office/office.ui#office-office-ui-openbrowserwindow-member(1)
        ui: strictWrap(
          {
            openBrowserWindow(url: string): void {
              if (typeof url !== "string" || url === "") throw new TypeError("Office.context.ui.openBrowserWindow: url must be a non-empty string");
              opened.push(url);
            },
          },
          "Office.context.ui",
        ),
      },
      "Office.context",
    ),
  };
  const wrapped = strictWrap(office, "Office");
  // Legacy pattern: code assigns Office.initialize and office.js calls it once ready.
  void wrapped.onReady().then(() => {
    if (typeof wrapped.initialize === "function") wrapped.initialize("inserted");
  });
  return wrapped;
}

/** `OfficeExtension` global: the error class (for instanceof checks) and ClientResult. */
export function createOfficeExtensionGlobal(): object {
  return strictWrap(
    {
      isExcelStandIn: true,
      Error: StandInExcelError,
      ClientResult,
      ErrorCodes: strictWrap(
        { accessDenied: "AccessDenied", generalException: "GeneralException", activityLimitReached: "ActivityLimitReached", invalidArgument: "InvalidArgument", itemNotFound: "ItemNotFound", propertyNotLoaded: "PropertyNotLoaded", valueNotLoaded: "ValueNotLoaded" },
        "OfficeExtension.ErrorCodes",
      ),
      config: { extendedErrorLogging: false },
    },
    "OfficeExtension",
  );
}

export interface InstalledGlobals {
  excel: StandInExcelApi;
  office: StandInOfficeGlobal;
  counters: StandInCounters;
  /** Puts back whatever Excel/Office/OfficeExtension were before. */
  restore(): void;
}

export type InstallOptions = StandInApiOptions & OfficeGlobalOptions;

/**
 * Sets globalThis.Excel, Office and OfficeExtension for code that uses them as globals:
 * installExcelGlobals(workbook), installExcelGlobals(workbook, { apiVersion: "1.9" }) or
 * installExcelGlobals(workbook, counters, options).
 */
export function installExcelGlobals(workbook: StandInWorkbook, countersOrOptions?: StandInCounters | InstallOptions, maybeOptions: InstallOptions = {}): InstalledGlobals {
  const isCounters = countersOrOptions !== undefined && "syncCount" in countersOrOptions;
  const counters = isCounters ? (countersOrOptions as StandInCounters) : createCounters();
  const options = isCounters || countersOrOptions === undefined ? maybeOptions : (countersOrOptions as InstallOptions);
  const g = globalThis as Record<string, unknown>;
  const previous = { Excel: g["Excel"], Office: g["Office"], OfficeExtension: g["OfficeExtension"] };
  const excel = createExcelApi(workbook, counters, options);
  const office = createOfficeGlobal(options);
  g["Excel"] = excel;
  g["Office"] = office;
  g["OfficeExtension"] = createOfficeExtensionGlobal();
  return {
    excel,
    office,
    counters,
    restore() {
      for (const [k, v] of Object.entries(previous)) {
        if (v === undefined) delete g[k];
        else g[k] = v;
      }
    },
  };
}
