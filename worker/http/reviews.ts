import { Hono } from "hono";
import { hasRole, requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv, Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { applyReview, type ReviewResult } from "../reviews/apply.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { history, readReviewTargets, type AuditEntry } from "../sql/reviews.ts";
import { jsonBody } from "../validate.ts";
import { bulkReviewSchema, reviewChangeSchema, reviewUndoSchema } from "../../shared/schemas/review.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function registrationId(raw: string): string {
  if (!UUID.test(raw)) throw problem("not_found", { message: "Không có đăng ký này." });
  return raw.toLowerCase();
}

/** One registration's change as an HTTP answer: refusals as the matching status. */
function single(result: ReviewResult) {
  const message = result.errors?.[0]?.message;
  switch (result.outcome) {
    case "not_found":
      throw problem("not_found", { message: message ?? "Không có đăng ký này." });
    case "forbidden":
      throw problem("forbidden_scope", { message });
    case "invalid":
      throw problem("invalid_request", { message, errors: result.errors });
    case "conflict":
      throw problem("conflict", { message });
    default:
      return result;
  }
}

const SCORE_SUMMARIES: Record<string, string> = {
  create: "Thành viên hội đồng đã chấm",
  update: "Thành viên hội đồng đã sửa phiếu chấm",
  delete: "Thành viên hội đồng đã rút phiếu chấm",
  restore: "Thành viên hội đồng đã chấm lại",
};

/** One line of a registration's history; `summary` says in words what a hidden score entry was. */
interface HistoryEntry {
  at: string;
  /** Null where the caller may not know who it was. */
  officer: { id: number; name: string | null } | null;
  entity: string;
  action: string;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  summary: string | null;
}

/**
 * One audit entry as the caller may see it. A score names its judge and shows its
 * points only to admins and approvers (the route has already checked that the
 * registration is in their scope) and to that judge; everyone else learns that a
 * council member scored, and when.
 */
function historyEntry(e: AuditEntry, caller: Caller): HistoryEntry {
  if (e.entity === "score" && !hasRole(caller, "admin", "approver") && e.officer_id !== caller.id) {
    return {
      at: e.at,
      officer: null,
      entity: e.entity,
      action: e.action,
      version: null,
      before: null,
      after: null,
      note: null,
      summary: SCORE_SUMMARIES[e.action] ?? SCORE_SUMMARIES.create!,
    };
  }
  return {
    at: e.at,
    officer: { id: e.officer_id, name: e.officer_name },
    entity: e.entity,
    action: e.action,
    version: e.version,
    before: e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null,
    after: e.after ? (JSON.parse(e.after) as Record<string, unknown>) : null,
    note: e.note,
    summary: null,
  };
}

/** Review states of one registration, its history, and bulk changes (POST /review). */
export const registrations = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/:id/review", requireRole("approver"), ...jsonBody(reviewChangeSchema), async (c) => {
    const { to, note, award } = c.req.valid("json");
    const [result] = await applyReview(c.env.DB, c.get("caller"), [registrationId(c.req.param("id"))], to, note ?? "", award);
    return c.json(single(result!));
  })
  .post("/:id/review/undo", requireRole("approver"), ...jsonBody(reviewUndoSchema), async (c) => {
    const { note } = c.req.valid("json");
    const [result] = await applyReview(c.env.DB, c.get("caller"), [registrationId(c.req.param("id"))], "undo", note ?? "");
    return c.json(single(result!));
  })
  .get("/:id/history", async (c) => {
    const id = registrationId(c.req.param("id"));
    const [target] = await readReviewTargets(c.env.DB, [id]);
    if (!target || !isInSubtree(target.unit_path, c.get("caller").scopePath)) throw problem("not_found", { message: "Không có đăng ký này trong phạm vi của bạn." });
    const caller = c.get("caller");
    return c.json((await history(c.env.DB, id)).map((e) => historyEntry(e, caller)));
  });

export const review = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("approver"))
  .post("/", ...jsonBody(bulkReviewSchema), async (c) => {
    const { ids, to, note, award } = c.req.valid("json");
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    return c.json({ results: await applyReview(c.env.DB, c.get("caller"), unique, to, note ?? "", award) });
  });
