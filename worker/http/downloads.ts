import { Hono } from "hono";
import * as z from "zod";
import { attachmentResponse } from "../attachments/store.ts";
import { requireOfficer } from "../auth.ts";
import type { D1Database } from "../cf-types.ts";
import type { AppEnv, Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { buildDocument, documentResponse } from "../reports/documents.ts";
import { buildReport } from "../reports/serve.ts";
import { reportRequestSchema, requestedMoment, type ReportRequest } from "../reports/request.ts";
import { reportResponse } from "../reports/respond.ts";
import { readAttachment } from "../sql/attachments.ts";
import { insertTicket, readAttachmentTicket, readTicket } from "../sql/download-tickets.ts";
import { findCallerById, toCaller, tokenProblem } from "../sql/officers.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { generateTicket, hashToken, isWellFormedTicket } from "../tokens.ts";
import { jsonBody } from "../validate.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import { documentRequestSchema } from "../../shared/schemas/report.ts";

/** Minutes a download link stays valid: long enough to click, short enough to be worthless when leaked. */
const TICKET_MINUTES = 10;

const LINK_GONE = "Đường dẫn tải đã hết hạn hoặc không đúng. Hãy bấm tải lại trong ngăn Dân vận khéo.";

/** The officer a ticket was made for, as he or she is now: a revoked or expired token takes its links with it. */
async function ticketCaller(db: D1Database, officerId: number): Promise<Caller> {
  const officer = await findCallerById(db, officerId);
  if (!officer) throw problem("token_revoked");
  const refused = tokenProblem(officer);
  if (refused) throw problem(refused);
  return toCaller(officer);
}

/**
 * What a download link names: a report table (`table`, `format`, `asOf`… as its GET
 * takes them) or a printed document (`document`: "form" with `registrationId`, "forms"
 * with `campaignId` and `scope`, "scoring" with `campaignId`).
 */
function readDownloadRequest(body: unknown) {
  const isDocument = typeof body === "object" && body !== null && "document" in body;
  const parsed = isDocument ? documentRequestSchema.safeParse(body) : reportRequestSchema.safeParse(body);
  if (!parsed.success) {
    const errors = toFieldErrors(parsed.error.issues, body);
    throw problem("invalid_request", { message: `Yêu cầu không hợp lệ: ${errors.map((e) => e.message).join(" ")}`, errors });
  }
  return parsed.data;
}

/**
 * Download links a browser can open without the bearer token (Excel's pane hands them
 * to the system browser): POST names the report or document and gets a short-lived URL;
 * GET serves the file after checking the officer, role and scope again. Links to evidence
 * files are made by POST /attachments/links (worker/http/attachments.ts) and served here too.
 */
export const downloads = new Hono<AppEnv>()
  .post("/", requireOfficer, ...jsonBody(z.record(z.string(), z.unknown())), async (c) => {
    const caller = c.get("caller");
    const named = readDownloadRequest(c.req.valid("json"));
    // Refuse now what the download would refuse later (table, campaign, scope, role, moment);
    // the moment is kept as the instant it names, so the file is the same whenever it is opened.
    let req: typeof named;
    if ("document" in named) {
      await buildDocument(c.env.DB, caller, named);
      req = named;
    } else {
      req = { ...named, asOf: requestedMoment(named.asOf, new Date()) ?? undefined };
      await buildReport(c.env.DB, caller, { ...req, format: "json" });
    }
    const ticket = generateTicket();
    const expiresAt = new Date(Date.now() + TICKET_MINUTES * 60_000).toISOString();
    await insertTicket(c.env.DB, { ticketHash: await hashToken(ticket), officerId: caller.id, request: JSON.stringify(req), expiresAt });
    const url = new URL(`/api/v1/downloads/${ticket}`, c.req.url).toString();
    return c.json({ url, expiresAt }, 201);
  })
  .get("/:ticket", async (c) => {
    const ticket = c.req.param("ticket");
    const row = isWellFormedTicket(ticket) ? await readTicket(c.env.DB, await hashToken(ticket)) : null;
    if (!row || row.expires_at <= new Date().toISOString()) throw problem("not_found", { message: LINK_GONE });
    // A ticket for evidence files names no report or document.
    const stored = JSON.parse(row.request) as unknown;
    const document = documentRequestSchema.safeParse(stored);
    if (document.success) {
      const caller = await ticketCaller(c.env.DB, row.officer_id);
      return documentResponse(await buildDocument(c.env.DB, caller, document.data));
    }
    const parsed = reportRequestSchema.safeParse(stored);
    if (!parsed.success) throw problem("not_found", { message: LINK_GONE });
    const caller = await ticketCaller(c.env.DB, row.officer_id);
    const req: ReportRequest = parsed.data;
    return reportResponse(await buildReport(c.env.DB, caller, req), req, caller);
  })
  .get("/:ticket/:attachmentId", async (c) => {
    const ticket = c.req.param("ticket");
    const attachmentId = c.req.param("attachmentId").toLowerCase();
    const row = isWellFormedTicket(ticket) ? await readAttachmentTicket(c.env.DB, await hashToken(ticket), attachmentId) : null;
    if (!row || !row.covers || row.expires_at <= new Date().toISOString()) throw problem("not_found", { message: LINK_GONE });
    const caller = await ticketCaller(c.env.DB, row.officer_id);
    // The file is served only while the officer could still read it with the token.
    const file = await readAttachment(c.env.DB, attachmentId);
    if (!file || !isInSubtree(file.unit_path, caller.scopePath)) throw problem("attachment_not_found");
    return attachmentResponse(c.env.FILES, file);
  });
