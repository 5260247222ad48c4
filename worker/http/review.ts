import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { applyReview } from "../reviews/apply.ts";
import { jsonBody } from "../validate.ts";
import { bulkReviewSchema } from "../../shared/schemas/review.ts";

/** POST /review: many registrations moved at once (the approver's review sheet), one result per id. */
export const review = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("approver"))
  .post("/", ...jsonBody(bulkReviewSchema), async (c) => {
    const { ids, to, note, award } = c.req.valid("json");
    const unique = [...new Set(ids.map((i) => i.toLowerCase()))];
    return c.json({ results: await applyReview(c.env.DB, c.get("caller"), unique, to, note ?? "", award) });
  });
