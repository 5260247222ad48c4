import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { contentDisposition } from "../content-disposition.ts";
import { problem } from "../problems.ts";
import { campaignInReach, unitInReach } from "../reach.ts";
import { REPORT_BUILDERS, REPORT_NAMES, isReportTable } from "./index.ts";
import { renderCsv } from "./render.ts";
import type { Report } from "./types.ts";
import { renderXlsx } from "./xlsx.ts";
import { formatDay, reportDocument, resolveDocumentDetails, vietnamDay } from "../../shared/report-document.ts";
import { documentDetailsSchema } from "../../shared/schemas/report.ts";
import * as z from "zod";

/**
 * A report as the API and the download tickets take it; the document details (who
 * issues, where, who signs) only shape the XLSX.
 */
export const reportRequestSchema = z.object({
  campaignId: z.int().positive(),
  table: z.string(),
  scope: z.int().positive().optional(),
  depth: z.int().min(1).max(10).default(1),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  ...documentDetailsSchema.shape,
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

async function parentNameOf(db: D1Database, unitId: number): Promise<string | null> {
  const row = await db
    .prepare(`SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = ?1`)
    .bind(unitId)
    .first<{ name: string }>();
  return row?.name ?? null;
}

/** Builds one report for a caller, checking the campaign, the table and the scope. */
export async function buildReport(db: D1Database, caller: Caller, req: ReportRequest): Promise<Report> {
  if (!isReportTable(req.table)) {
    throw problem("not_found", { message: `Không có biểu “${req.table.slice(0, 40)}”; các biểu có: ${Object.values(REPORT_NAMES).join(", ")}.` });
  }
  // The parent's name (the document's default body above) is read alongside the checks.
  const [campaign, scope, parentName] = await Promise.all([
    campaignInReach(db, caller, req.campaignId),
    unitInReach(db, caller, req.scope),
    parentNameOf(db, req.scope ?? caller.scopeId),
  ]);
  return REPORT_BUILDERS[req.table](db, {
    campaign,
    scope: { id: scope.id, name: scope.name, kind: scope.kind, path: scope.path, depth: scope.depth, parentName },
    depth: req.depth,
  });
}

/** The report as JSON, or as a CSV/XLSX download named after the table, the scope and the day. */
export async function reportResponse(report: Report, req: ReportRequest, caller: Caller): Promise<Response> {
  if (req.format === "json") return Response.json(report);
  const table = req.table as keyof typeof REPORT_NAMES;
  const day = formatDay(vietnamDay(report.generatedAt)).replaceAll("/", "-");
  const name = `${REPORT_NAMES[table]} - ${report.scope.name} - ${day}.${req.format}`;
  const headers = { "content-disposition": contentDisposition(name), "cache-control": "no-store" };
  if (req.format === "csv") {
    return new Response(renderCsv(report), { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
  }
  const doc = reportDocument(report, resolveDocumentDetails(report, req, caller.name));
  const body = await renderXlsx(doc, REPORT_NAMES[table], report.title);
  return new Response(body, {
    headers: { ...headers, "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
  });
}
