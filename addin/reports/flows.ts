import { call, type Api } from "../api/client.ts";
import { replaceReportSheet } from "../host/tables.ts";
import { reportSheet } from "./layout.ts";
import type { ReportTable } from "../../shared/reports.ts";
import type { Report } from "../../worker/reports/types.ts";

export interface ReportChoice {
  campaignId: number;
  scope: number;
  depth: number;
}

/** "Lấy báo cáo": each chosen table into its own sheet; other sheets are left alone. */
export async function pullReports(api: Api, choice: ReportChoice, tables: readonly ReportTable[]): Promise<number> {
  for (const table of tables) {
    const report = (await call(
      api.api.v1.campaigns[":id"].reports[":table"].$get({
        param: { id: String(choice.campaignId), table },
        query: { scope: String(choice.scope), depth: String(choice.depth), format: "json" },
      }),
    )) as unknown as Report;
    await replaceReportSheet(reportSheet(table, report));
  }
  return tables.length;
}

/** A short-lived link to the table as CSV or XLSX, opened outside the pane (no token in it). */
export async function downloadLink(api: Api, choice: ReportChoice, table: ReportTable, format: "csv" | "xlsx"): Promise<string> {
  const { url } = await call(api.api.v1.downloads.$post({ json: { ...choice, table, format } }));
  return url;
}
