import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { contentDisposition } from "../content-disposition.ts";
import { problem } from "../problems.ts";
import { campaignInReach, unitInReach } from "../reach.ts";
import { parentName } from "../sql/org-units.ts";
import { REPORT_BUILDERS, REPORT_NAMES, isReportTable } from "./index.ts";
import { renderCsv } from "./render.ts";
import type { Report } from "./types.ts";
import { campaignAt } from "./moment.ts";
import { renderXlsx } from "./xlsx.ts";
import { parseAsOf } from "../../shared/reports.ts";
import { reportDocument, resolveDocumentDetails } from "../../shared/report-document.ts";
import { formatDay } from "../../shared/parse.ts";
import { vietnamIsoDay } from "../../shared/vietnam-time.ts";
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
  /** The moment the figures stand at: `YYYY-MM-DD` (the end of that day in Vietnam) or an ISO date-time; checked by `buildReport`. */
  asOf: z.string().max(40).optional(),
  ...documentDetailsSchema.shape,
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/**
 * The moment a request asks for, as an ISO instant (null: now); a malformed one, or one
 * after today in Vietnam, is refused with the reason.
 */
export function requestedMoment(asOf: string | undefined, now: Date): string | null {
  if (asOf === undefined || asOf.trim() === "") return null;
  const parsed = parseAsOf(asOf, now);
  if (!parsed.ok) throw problem("invalid_request", { message: parsed.message, errors: [{ path: "asOf", code: "invalid_value", message: parsed.message }] });
  return parsed.instant;
}

/**
 * Builds one report for a caller, checking the campaign, the table, the scope and the
 * moment. As of a past moment, the campaign and its plans are taken back to what they
 * were then and the tables rebuild their rows from the audit log; a moment not yet past
 * (later today) is now, whatever is written after.
 */
export async function buildReport(db: D1Database, caller: Caller, req: ReportRequest): Promise<Report> {
  if (!isReportTable(req.table)) {
    throw problem("not_found", { message: `Không có biểu “${req.table.slice(0, 40)}”; các biểu có: ${Object.values(REPORT_NAMES).join(", ")}.` });
  }
  const now = new Date();
  const asOf = requestedMoment(req.asOf, now);
  // The parent's name (the document's default body above) is read alongside the checks.
  const [campaign, scope, above] = await Promise.all([
    campaignInReach(db, caller, req.campaignId),
    unitInReach(db, caller, req.scope),
    parentName(db, req.scope ?? caller.scopeId),
  ]);
  const past = asOf !== null && asOf < now.toISOString() ? await campaignAt(db, campaign, asOf) : null;
  const report = await REPORT_BUILDERS[req.table](db, {
    campaign: past?.campaign ?? campaign,
    scope: { id: scope.id, name: scope.name, kind: scope.kind, path: scope.path, depth: scope.depth, parentName: above },
    depth: req.depth,
    ...(past ? { asOf, plansAt: past.plans } : {}),
  });
  return { ...report, asOf };
}

/** The report as JSON, or as a CSV/XLSX download named after the table, the scope and the day. */
export async function reportResponse(report: Report, req: ReportRequest, caller: Caller): Promise<Response> {
  if (req.format === "json") return Response.json(report);
  const table = req.table as keyof typeof REPORT_NAMES;
  const day = formatDay(vietnamIsoDay(report.asOf ?? report.generatedAt)).replaceAll("/", "-");
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
