// Excel stand-in (NOT Excel): script of harness.html. It owns the in-memory workbook that
// STANDS IN for Excel, publishes it as window.excelStandIn (the task pane's office.js
// replacement, browser-entry.ts, finds it through window.parent), loads the task pane
// into the 320 px iframe named by ?pane=..., and re-renders the grid after every sync.

import { createCounters, type StandInCounters } from "./api-core.ts";
import { DEFAULT_API_VERSION } from "./api-sets.ts";
import { renderWorkbook, type GridViewState } from "./grid-render.ts";
import { StandInWorkbook, type StandInLocale } from "./workbook.ts";

export interface HarnessStandIn {
  readonly isExcelStandIn: true;
  workbook: StandInWorkbook;
  counters: StandInCounters;
  /** ExcelApi requirement set the pane's Excel emulates: ?excelApi=1.9 (default 1.8). */
  apiVersion: string;
  /** Increments after each grid render; e2e tests wait on it after a sync. */
  renderCount: number;
  /** Re-renders the grid now. */
  render(): void;
  /** Shows another sheet in the grid (does not change Excel's active sheet). */
  showSheet(name: string): void;
  /** (Re)loads the task pane iframe. */
  loadPane(src: string): void;
}

// ?excelApi=1.9 picks the emulated requirement set, ?locale=vi-VN how typed input converts.
const query = new URLSearchParams(location.search);
const workbook = new StandInWorkbook({ locale: (query.get("locale") ?? undefined) as StandInLocale | undefined });
const counters = createCounters();
const state: GridViewState = {};
const grid = document.getElementById("grid")!;
const status = document.getElementById("status");
const iframe = document.getElementById("taskpane") as HTMLIFrameElement;

const standIn: HarnessStandIn = {
  isExcelStandIn: true,
  workbook,
  counters,
  apiVersion: query.get("excelApi") ?? DEFAULT_API_VERSION,
  renderCount: 0,
  render() {
    const shown = renderWorkbook(grid, workbook, state);
    standIn.renderCount++;
    if (status) status.textContent = `Sheet "${shown}" · ${counters.syncCount} syncs in ${counters.runCount} Excel.run calls · largest request ~${Math.ceil(counters.maxPayloadBytes / 1024)} KB`;
  },
  showSheet(name) {
    state.sheetName = name;
    standIn.render();
  },
  loadPane(src) {
    iframe.src = src;
  },
};
(window as unknown as { excelStandIn: HarnessStandIn }).excelStandIn = standIn;

// One render per burst of changes (a sync notifies once; user edits may come in a row).
let scheduled = false;
workbook.onChange(() => {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    standIn.render();
  });
});
standIn.render();

// The pane is loaded only after window.excelStandIn exists, so the pane's office.js
// replacement always finds the harness workbook.
const pane = query.get("pane");
if (pane) standIn.loadPane(pane);
