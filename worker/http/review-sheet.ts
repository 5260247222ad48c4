import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { parseAward } from "../reviews/award.ts";
import { reviewSheetRows } from "../sql/reviews.ts";
import { nextStates } from "../../shared/review.ts";
import type { ReviewState } from "../../shared/vocabulary.ts";
import { campaignInReach } from "../reach.ts";
import { queryScope } from "./campaign-context.ts";
import { campaignPath } from "./paths.ts";

/** GET /campaigns/:id/review-sheet — an approver's table: state, allowed next states, award, consolidated score. */
export const reviewSheet = new Hono<AppEnv>().use(requireOfficer, requireRole("approver")).get("/", campaignPath, async (c) => {
  // The checks go together; on the sheet's usual scope, the caller's own, so do the rows
  // (one D1 round trip: worker/d1-session.ts), answered only if the checks pass.
  const campaignId = c.req.valid("param").id;
  const ownScope = c.req.query("scope") === undefined ? c.get("caller").scopePath : null;
  const [campaign, scope, ownRows] = await Promise.all([
    campaignInReach(c.env.DB, c.get("caller"), campaignId),
    queryScope(c),
    ownScope === null ? null : reviewSheetRows(c.env.DB, campaignId, ownScope),
  ]);
  const rows = ownRows ?? (await reviewSheetRows(c.env.DB, campaign.id, scope.path));
  return c.json(
    rows.map((r) => ({
      registrationId: r.id,
      orgUnitName: r.org_unit_name,
      kind: r.kind,
      field: r.field,
      level: r.level,
      modelName: r.model_name,
      name: r.kind === "individual" ? r.person_name : r.unit_name,
      reviewState: r.review_state,
      nextStates: nextStates(r.review_state as ReviewState),
      award: parseAward(r.award),
      judges: r.judges ?? 0,
      mean: r.mean,
      spread: r.spread,
      flagged: r.flagged === 1,
      rating: r.rating,
    })),
  );
});
