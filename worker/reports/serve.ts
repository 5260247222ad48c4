import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { campaignInReach, unitInReach } from "../reach.ts";
import { parentName } from "../sql/org-units.ts";
import { REPORT_BUILDERS, REPORT_NAMES, isReportTable } from "./index.ts";
import { campaignAt } from "./moment.ts";
import { requestedMoment, type ReportRequest } from "./request.ts";
import type { Report } from "./types.ts";

// Building a report for a caller; what a request may ask is request.ts, how the answer
// is written (JSON, CSV, XLSX) respond.ts.

/**
 * Builds one report for a caller, checking the campaign, the table, the scope and the
 * moment. As of a past moment, the campaign and its plans are taken back to what they
 * were then and the tables rebuild their rows from the audit log (the counting ones read
 * the half-year snapshot of that moment instead, once written); a moment not yet past
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
    ...(past ? { asOf, plansAt: past.plans, snapshot: past.snapshot } : {}),
  });
  return { ...report, asOf };
}
