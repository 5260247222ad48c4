import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { isRecused } from "../scoring/recusal.ts";
import { scoringRows } from "../sql/scores.ts";
import { campaignInReach } from "../reach.ts";
import { campaignPath } from "./paths.ts";

/**
 * GET /campaigns/:id/scoring — a judge's scoring sheet: the rubric, and every model in
 * the judge's scope the judge may score (recused ones left out), with what the judge
 * reads to score it, the judge's own sheet and the consolidated score so far. Two
 * queries (the campaign, the models) in one round trip, whatever the number of models.
 */
export const scoring = new Hono<AppEnv>().use(requireOfficer, requireRole("judge")).get("/", campaignPath, async (c) => {
  const caller = c.get("caller");
  const id = c.req.valid("param").id;
  // The models are read beside the campaign check (one D1 round trip: worker/d1-session.ts);
  // they are only answered if the check passes, and are of the judge's scope either way.
  const [campaign, rows] = await Promise.all([campaignInReach(c.env.DB, caller, id), scoringRows(c.env.DB, id, caller.scopePath, caller.id)]);
  return c.json({
    campaignId: campaign.id,
    rubric: campaign.rubric,
    models: rows
      .filter((r) => !isRecused(caller, r.unit_path))
      .map((r) => ({
        registrationId: r.id,
        kind: r.kind,
        field: r.field,
        level: r.level,
        modelName: r.model_name,
        unitName: r.unit_name,
        personName: r.person_name,
        position: r.position,
        address: r.address,
        orgUnitName: r.org_unit_name,
        expectedBenefit: r.expected_benefit,
        periodText: r.period_text,
        startDate: r.start_date,
        endDate: r.end_date,
        participants: r.participants,
        description: r.description,
        reviewState: r.review_state,
        myScore:
          r.score_version === null
            ? null
            : { criteria: r.criteria!, comment: r.comment, version: r.score_version, deleted: r.score_deleted === 1 },
        summary:
          r.judges === null
            ? null
            : { judges: r.judges, mean: r.mean!, median: r.median!, spread: r.spread!, flagged: r.flagged === 1, rating: r.rating! },
      })),
  });
});
