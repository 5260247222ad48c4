import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { applyReview, type ReviewResult } from "../reviews/apply.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { history, readReviewTargets } from "../sql/reviews.ts";
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

/** Review states of one registration, its history, and bulk changes (POST /review). */
export const registrations = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/:id/review", requireRole("approver"), ...jsonBody(reviewChangeSchema), async (c) => {
    const { to, note } = c.req.valid("json");
    const [result] = await applyReview(c.env.DB, c.get("caller"), [registrationId(c.req.param("id"))], to, note ?? "");
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
    const entries = await history(c.env.DB, id);
    return c.json(
      entries.map((e) => ({
        at: e.at,
        officer: { id: e.officer_id, name: e.officer_name },
        entity: e.entity,
        action: e.action,
        version: e.version,
        before: e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null,
        after: e.after ? (JSON.parse(e.after) as Record<string, unknown>) : null,
        note: e.note,
      })),
    );
  });

export const review = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("approver"))
  .post("/", ...jsonBody(bulkReviewSchema), async (c) => {
    const { ids, to, note } = c.req.valid("json");
    return c.json({ results: await applyReview(c.env.DB, c.get("caller"), [...new Set(ids.map((i) => i.toLowerCase()))], to, note ?? "") });
  });
