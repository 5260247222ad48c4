import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv, Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { buildReport, reportRequestSchema, reportResponse, type ReportRequest } from "../reports/serve.ts";
import { findCallerById, toCaller, tokenProblem } from "../sql/officers.ts";
import { generateToken, hashToken } from "../tokens.ts";
import { jsonBody } from "../validate.ts";

/** Minutes a download link stays valid: long enough to click, short enough to be worthless when leaked. */
const TICKET_MINUTES = 10;

/**
 * Download links a browser can open without the bearer token (Excel's pane hands them
 * to the system browser): POST names the report and gets a short-lived URL; GET serves
 * the file after checking the officer and scope again.
 */
export const downloads = new Hono<AppEnv>()
  .post("/", requireOfficer, ...jsonBody(reportRequestSchema), async (c) => {
    const req = c.req.valid("json");
    const caller = c.get("caller");
    // Refuse now what the download would refuse later (table, campaign, scope).
    await buildReport(c.env.DB, caller, { ...req, format: "json" });
    const ticket = generateToken();
    const expiresAt = new Date(Date.now() + TICKET_MINUTES * 60_000).toISOString();
    await c.env.DB.prepare(`INSERT INTO download_tickets (ticket_hash, officer_id, request, expires_at) VALUES (?1, ?2, ?3, ?4)`)
      .bind(await hashToken(ticket), caller.id, JSON.stringify(req), expiresAt)
      .run();
    const url = new URL(`/api/v1/downloads/${ticket}`, c.req.url).toString();
    return c.json({ url, expiresAt }, 201);
  })
  .get("/:ticket", async (c) => {
    const ticket = c.req.param("ticket");
    const row = /^dvk_[A-Za-z0-9_-]{43}$/.test(ticket)
      ? await c.env.DB.prepare(`SELECT officer_id, request, expires_at FROM download_tickets WHERE ticket_hash = ?1`)
          .bind(await hashToken(ticket))
          .first<{ officer_id: number; request: string; expires_at: string }>()
      : null;
    if (!row || row.expires_at <= new Date().toISOString()) {
      throw problem("not_found", { message: "Đường dẫn tải đã hết hạn hoặc không đúng. Hãy bấm tải lại trong ngăn Dân vận khéo." });
    }
    // The officer's token may have been revoked since the link was made: it dies with it.
    const officer = await findCallerById(c.env.DB, row.officer_id);
    if (!officer) throw problem("token_revoked");
    const refused = tokenProblem(officer);
    if (refused) throw problem(refused);
    const caller: Caller = toCaller(officer);
    const req = JSON.parse(row.request) as ReportRequest;
    return reportResponse(await buildReport(c.env.DB, caller, req), req, caller);
  });
