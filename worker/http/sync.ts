import { Hono } from "hono";
import * as z from "zod";
import { requireOfficer, requireRole } from "../auth.ts";
import { readFromHere } from "../d1-session.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { runSync } from "../sync/run.ts";
import { campaignInReach } from "../reach.ts";
import { jsonBody } from "../validate.ts";
import { positiveId } from "../../shared/schemas/text.ts";
import { MAX_SYNC_ITEMS } from "../../shared/vocabulary.ts";

/** The envelope only: items are checked one by one, so one bad row never sinks the rest. */
const syncRequestSchema = z.object({
  campaignId: positiveId,
  cursor: z.string().regex(/^\d{1,15}$/).nullable().optional(),
  registrations: z.array(z.unknown()).default([]),
  scores: z.array(z.unknown()).default([]),
  /** false: push only (a judge sending score sheets needs no registrations back). */
  pull: z.boolean().default(true),
});

export const sync = new Hono<AppEnv>()
  .use(requireOfficer)
  .post("/", requireRole("admin", "clerk", "judge", "approver"), ...jsonBody(syncRequestSchema), async (c) => {
    const body = c.req.valid("json");
    const count = body.registrations.length + body.scores.length;
    if (count > MAX_SYNC_ITEMS) {
      const parts = Math.ceil(count / MAX_SYNC_ITEMS);
      throw problem("too_many_items", {
        message: `Mỗi lần gửi tối đa ${MAX_SYNC_ITEMS.toLocaleString("vi-VN")} mục; lần này có ${count.toLocaleString("vi-VN")}. Hãy chia thành ${parts} lần gửi, mỗi lần không quá ${MAX_SYNC_ITEMS.toLocaleString("vi-VN")} mục.`,
      });
    }
    const caller = c.get("caller");
    // Nothing to push: a pull, which a nearby replica may serve (worker/d1-session.ts).
    if (count === 0) readFromHere(c);
    const outcome = await runSync(c.env.DB, {
      caller,
      campaignId: body.campaignId,
      // Not awaited here: the check's read leaves with the sync's first.
      campaign: campaignInReach(c.env.DB, caller, body.campaignId),
      registrations: body.registrations,
      scores: body.scores,
      cursor: body.cursor ? Number(body.cursor) : 0,
      pull: body.pull,
    });
    return c.json({
      results: outcome.results,
      scoreResults: outcome.scoreResults,
      changes: outcome.changes,
      cursor: String(outcome.cursor),
      more: outcome.more,
    });
  });
