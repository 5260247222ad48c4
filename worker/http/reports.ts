import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { scoresReport } from "../reports/scores.ts";
import type { Report, ReportInput } from "../reports/types.ts";
import type { D1Database } from "../cf-types.ts";
import { pathCampaign, queryScope } from "./campaign-context.ts";

const TABLES: Record<string, (db: D1Database, input: ReportInput) => Promise<Report>> = {
  scores: scoresReport,
};

/** GET /campaigns/:id/reports/:table — every role reads the reports of its own scope. */
export const reports = new Hono<AppEnv>().use(requireOfficer).get("/:table", async (c) => {
  const table = TABLES[c.req.param("table")];
  if (!table) {
    throw problem("not_found", { message: `Không có biểu “${c.req.param("table").slice(0, 40)}”; các biểu có: ${Object.keys(TABLES).join(", ")}.` });
  }
  const campaign = await pathCampaign(c);
  const scope = await queryScope(c);
  const rawDepth = c.req.query("depth");
  const depth = rawDepth === undefined ? 1 : Number(rawDepth);
  if (!Number.isInteger(depth) || depth < 1 || depth > 10) {
    throw problem("invalid_request", { message: "Tham số depth phải là số nguyên từ 1 đến 10 (1: gộp theo đơn vị trực thuộc)." });
  }
  const report = await table(c.env.DB, {
    campaignId: campaign.id,
    campaignTitle: campaign.title,
    scope: { id: scope.id, name: scope.name, kind: scope.kind, path: scope.path, depth: scope.depth },
    depth,
  });
  return c.json(report);
});
