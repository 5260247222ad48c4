// Excel stand-in (NOT Excel): replacement for office.js inside the add-in's task-pane page.
// The e2e test answers the request for /vendor/office-js/office.js with this bundle, so
// the add-in finds `Office`, `Excel` and `OfficeExtension` globals that STAND IN for
// Excel. Inside the harness page (same origin) it uses the harness's workbook, so the grid
// beside the pane shows what the add-in did; opened on its own it creates a workbook and
// publishes it as window.excelStandIn.

import { createCounters, type StandInCounters } from "./api-core.ts";
import { createExcelApi, createOfficeExtensionGlobal, createOfficeGlobal } from "./office-api.ts";
import { StandInWorkbook } from "./workbook.ts";

interface SharedStandIn {
  isExcelStandIn: true;
  workbook: StandInWorkbook;
  counters: StandInCounters;
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
const standIn: SharedStandIn = fromParent() ?? existing ?? { isExcelStandIn: true, workbook: new StandInWorkbook(), counters: createCounters() };
globals["excelStandIn"] = standIn;

const domReady = new Promise<void>((resolve) => {
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => resolve(), { once: true });
  else resolve();
});

globals["Excel"] = createExcelApi(standIn.workbook, standIn.counters);
globals["Office"] = createOfficeGlobal({ ready: domReady });
globals["OfficeExtension"] = createOfficeExtensionGlobal();
