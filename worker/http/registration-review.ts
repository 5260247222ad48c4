import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { applyReview, type ReviewResult } from "../reviews/apply.ts";
import { jsonBody } from "../validate.ts";
import { reviewChangeSchema, reviewUndoSchema } from "../../shared/schemas/review.ts";
import { registrationPath } from "./paths.ts";

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

/** POST /registrations/:id/review and /registrations/:id/review/undo: one registration's review state, approvers only. */
export const registrationReview = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/", requireRole("approver"), ...jsonBody(reviewChangeSchema), registrationPath, async (c) => {
    const { to, note, award } = c.req.valid("json");
    const [result] = await applyReview(c.env.DB, c.get("caller"), [c.req.valid("param").id], to, note ?? "", award);
    return c.json(single(result!));
  })
  .post("/undo", requireRole("approver"), ...jsonBody(reviewUndoSchema), registrationPath, async (c) => {
    const { note } = c.req.valid("json");
    const [result] = await applyReview(c.env.DB, c.get("caller"), [c.req.valid("param").id], "undo", note ?? "");
    return c.json(single(result!));
  });
