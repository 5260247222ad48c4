import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { contentDisposition } from "../content-disposition.ts";
import { problem } from "../problems.ts";
import { campaignInReach, unitInReach } from "../reach.ts";
import { REPORT_BUILDERS, REPORT_NAMES, isReportTable } from "./index.ts";
import { renderCsv, renderXlsx } from "./render.ts";
import type { Report } from "./types.ts";
import { z } from "zod";

export const reportRequestSchema = z.object({
  campaignId: z.int().positive(),
  table: z.string(),
  scope: z.int().positive().optional(),
  depth: z.int().min(1).max(10).default(1),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/** Builds one report for a caller, checking the campaign, the table and the scope. */
export async function buildReport(db: D1Database, caller: Caller, req: ReportRequest): Promise<Report> {
  if (!isReportTable(req.table)) {
    throw problem("not_found", { message: `Không có biểu “${req.table.slice(0, 40)}”; các biểu có: ${Object.keys(REPORT_BUILDERS).join(", ")}.` });
  }
  const campaign = await campaignInReach(db, caller, req.campaignId);
  const scope = await unitInReach(db, caller, req.scope);
  return REPORT_BUILDERS[req.table](db, {
    campaign,
    scope: { id: scope.id, name: scope.name, kind: scope.kind, path: scope.path, depth: scope.depth },
    depth: req.depth,
  });
}

/** Vietnam time for the people reading the file. */
function vietnamTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ngày ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The report as JSON, or as a CSV/XLSX download named after the table, the scope and the day. */
export async function reportResponse(report: Report, req: ReportRequest): Promise<Response> {
  if (req.format === "json") return Response.json(report);
  const table = req.table as keyof typeof REPORT_NAMES;
  const day = vietnamTime(report.generatedAt).slice(-10).replaceAll("/", "-");
  const name = `${REPORT_NAMES[table]} - ${report.scope.name} - ${day}.${req.format}`;
  const headers = { "content-disposition": contentDisposition(name), "cache-control": "no-store" };
  if (req.format === "csv") {
    return new Response(renderCsv(report), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  }
  const body = await renderXlsx(report, `Phạm vi: ${report.scope.name} · Trích xuất lúc ${vietnamTime(report.generatedAt)}`);
  return new Response(body, {
    headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
