import type { Caller } from "../env.ts";
import { contentDisposition } from "../content-disposition.ts";
import { REPORT_NAMES } from "./index.ts";
import { renderCsv } from "./render.ts";
import type { ReportRequest } from "./request.ts";
import type { Report } from "./types.ts";
import { renderXlsx } from "./xlsx.ts";
import { reportDocument, resolveDocumentDetails } from "../../shared/report-document.ts";
import { formatDay } from "../../shared/parse.ts";
import { vietnamIsoDay } from "../../shared/vietnam-time.ts";

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
