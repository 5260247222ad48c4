import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";
import { installExcelGlobals, StandInWorkbook, type StandInCounters } from "../excel-standin/index.ts";

/**
 * The ExcelApi version the manifest asks for: every add-in test runs against a stand-in
 * that refuses anything above it, so nothing the add-in calls can need a newer Excel
 * than the officers' Excel 2019 (or whatever the manifest promises).
 */
export const MANIFEST_EXCEL_API = (() => {
  const xml = readFileSync(path.join(import.meta.dirname, "../../manifest.xml"), "utf8");
  const found = /<Set\s+Name="ExcelApi"\s+MinVersion="([\d.]+)"/.exec(xml);
  if (!found) throw new Error("manifest.xml names no ExcelApi requirement");
  return found[1]!;
})();

/**
 * A fresh in-memory workbook that stands in for Excel for every test of the file,
 * installed as the Excel/Office globals the add-in calls, with its sync counters.
 * `locale` picks how typed input is read (vi-VN: 25/3/2023 is a date, 1,5 a number).
 */
export function useStandInExcel(opts: { locale?: "en-US" | "vi-VN" } = {}): { readonly workbook: StandInWorkbook; readonly counters: StandInCounters } {
  const state = {} as { workbook: StandInWorkbook; counters: StandInCounters; restore: () => void };
  beforeEach(() => {
    state.workbook = new StandInWorkbook({ locale: opts.locale ?? "en-US" });
    const installed = installExcelGlobals(state.workbook, { apiVersion: MANIFEST_EXCEL_API });
    state.counters = installed.counters;
    state.restore = installed.restore;
  });
  afterEach(() => state.restore());
  return state;
}
