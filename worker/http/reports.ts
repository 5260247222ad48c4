import { Hono } from "hono";
import * as z from "zod";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { buildReport } from "../reports/serve.ts";
import { reportRequestSchema } from "../reports/request.ts";
import { reportResponse } from "../reports/respond.ts";
import { queryParams } from "../validate.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import { documentDetailsSchema } from "../../shared/schemas/report.ts";
import { idParam } from "../validate.ts";

/**
 * What a query string may carry; scope, depth and format are checked in earnest below,
 * with the path's ids; the document details (bodyAbove, issuer, place, preparer, head)
 * here, each one line of at most 300 characters.
 */
const reportQuery = z.object({
  scope: z.string().max(20).optional(),
  depth: z.string().max(3).optional(),
  format: z.string().max(10).optional(),
  asOf: z.string().max(40).optional(),
  ...documentDetailsSchema.shape,
});

/**
 * GET /campaigns/:id/reports/:table?scope=&depth=&format=json|csv|xlsx&asOf=&bodyAbove=&issuer=
 * &place=&preparer=&head= — every role reads the reports of its own scope; `asOf`
 * (YYYY-MM-DD or an ISO date-time) rebuilds the figures as they stood then.
 */
export const reports = new Hono<AppEnv>().use(requireOfficer).get("/:table", queryParams(reportQuery), async (c) => {
  const { scope, depth, format, asOf, ...details } = c.req.valid("query");
  const input = {
    ...details,
    campaignId: idParam(c.req.param("id") ?? "", "campaign_not_found"),
    table: c.req.param("table"),
    scope: scope ? idParam(scope, "org_unit_not_found") : undefined,
    depth: depth === undefined ? undefined : Number(depth),
    format,
    asOf,
  };
  const parsed = reportRequestSchema.safeParse(input);
  if (!parsed.success) {
    const errors = toFieldErrors(parsed.error.issues, input);
    throw problem("invalid_request", {
      message: `Tham số không hợp lệ: ${errors.map((e) => e.message).join(" ")} (depth từ 1 đến 10; format là json, csv hoặc xlsx).`,
      errors,
    });
  }
  const caller = c.get("caller");
  const report = await buildReport(c.env.DB, caller, parsed.data);
  if (parsed.data.format === "json") return c.json(report);
  return reportResponse(report, parsed.data, caller);
});
