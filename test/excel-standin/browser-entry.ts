// Excel stand-in (NOT Excel): replacement for office.js inside the add-in's task-pane page.
// The e2e test answers the request for /vendor/office-js/office.js with this bundle, so
// the add-in finds `Office`, `Excel` and `OfficeExtension` globals that STAND IN for
// Excel. Inside the harness page (same origin) it uses the harness's workbook, so the grid
// beside the pane shows what the add-in did; opened on its own it creates a workbook and
// publishes it as window.excelStandIn.

import { createCounters, type StandInCounters } from "./api-core.ts";
import { DEFAULT_API_VERSION } from "./api-sets.ts";
import { createExcelApi, createOfficeExtensionGlobal, createOfficeGlobal } from "./office-api.ts";
import { StandInWorkbook, type StandInLocale } from "./workbook.ts";

interface SharedStandIn {
  isExcelStandIn: true;
  workbook: StandInWorkbook;
  counters: StandInCounters;
  /** The ExcelApi requirement set emulated ("1.8" unless the page asks for another). */
  apiVersion?: string;
}

function fromParent(): SharedStandIn | null {
  if (window.parent === window) return null;
  try {
    const candidate = (window.parent as unknown as { excelStandIn?: SharedStandIn }).excelStandIn;
    // Duck-typed: the parent's classes come from another bundle and another realm.
    return candidate && candidate.workbook && candidate.workbook.isExcelStandIn ? candidate : null;
  } catch {
    return null; // cross-origin parent
  }
}

const globals = window as unknown as Record<string, unknown>;
const existing = globals["excelStandIn"] as SharedStandIn | undefined;
// Opened alone, the page chooses with ?excelApi=1.9 and ?locale=vi-VN; inside the harness, the harness decides.
const query = new URLSearchParams(location.search);
const standIn: SharedStandIn = fromParent() ??
  existing ?? {
    isExcelStandIn: true,
    workbook: new StandInWorkbook({ locale: (query.get("locale") ?? undefined) as StandInLocale | undefined }),
    counters: createCounters(),
    apiVersion: query.get("excelApi") ?? undefined,
  };
globals["excelStandIn"] = standIn;
const apiVersion = standIn.apiVersion ?? DEFAULT_API_VERSION;

const domReady = new Promise<void>((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
  else resolve();
});

globals["Excel"] = createExcelApi(standIn.workbook, standIn.counters, { apiVersion });
globals["Office"] = createOfficeGlobal({ ready: domReady, apiVersion });
globals["OfficeExtension"] = createOfficeExtensionGlobal();
