import { afterEach, beforeEach } from "vitest";
import { installExcelGlobals, StandInWorkbook, type StandInCounters } from "../excel-standin/index.ts";

/**
 * A fresh in-memory workbook that stands in for Excel for every test of the file,
 * installed as the Excel/Office globals the add-in calls, with its sync counters.
 */
export function useStandInExcel(): { readonly workbook: StandInWorkbook; readonly counters: StandInCounters } {
  const state = {} as { workbook: StandInWorkbook; counters: StandInCounters; restore: () => void };
  beforeEach(() => {
    state.workbook = new StandInWorkbook();
    const installed = installExcelGlobals(state.workbook);
    state.counters = installed.counters;
    state.restore = installed.restore;
  });
  afterEach(() => state.restore());
  return state;
}
