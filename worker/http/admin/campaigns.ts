import { Hono } from "hono";
import { requireOfficer, requireRole } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { problem } from "../../problems.ts";
import { campaignOwner, hasScores, insertCampaign, setRegistrationOpen, updateRubric } from "../../sql/admin-campaigns.ts";
import { isInSubtree } from "../../sql/org-units.ts";
import { unitInReach } from "../../reach.ts";
import { getVisibleCampaign } from "../../sql/campaigns.ts";
import { jsonBody } from "../../validate.ts";
import { idParam } from "../../validate.ts";
import type { D1Database } from "../../cf-types.ts";
import type { Caller } from "../../env.ts";
import { campaignCreateSchema, registrationWindowSchema, rubricUpdateSchema } from "../../../shared/schemas/admin.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../../shared/schemas/rubric.ts";
import { DEFAULT_EXPECTED_KINDS, DEFAULT_LEVELS } from "../../../shared/vocabulary.ts";

/** The campaign, if the caller's subtree runs it: admins change only their own area's campaigns. */
async function ownedCampaign(db: D1Database, caller: Caller, raw: string) {
  const campaign = await campaignOwner(db, idParam(raw, "campaign_not_found"));
  if (!campaign) throw problem("campaign_not_found");
  if (!isInSubtree(campaign.unit_path, caller.scopePath)) {
    throw problem("forbidden_scope", { message: "Kế hoạch này do đơn vị ngoài phạm vi của bạn quản lý; bạn chỉ xem được, không sửa được." });
  }
  return campaign;
}

/** Only the wording may change once judges have scored: same keys, maxima, thresholds and flag. */
function onlyLabelsDiffer(a: Rubric, b: Rubric): boolean {
  const shape = (r: Rubric) =>
    JSON.stringify({
      collective: r.collective.map((c) => [c.key, c.max]),
      individual: r.individual.map((c) => [c.key, c.max]),
      ratings: r.ratings.map((x) => [x.code, x.min]),
      flagSpread: r.flagSpread,
    });
  return shape(a) === shape(b);
}

export const adminCampaigns = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("admin"))
  .post("/", ...jsonBody(campaignCreateSchema), async (c) => {
    const body = c.req.valid("json");
    const caller = c.get("caller");
    await unitInReach(c.env.DB, caller, body.orgUnitId);
    const id = await insertCampaign(
      c.env.DB,
      {
        orgUnitId: body.orgUnitId,
        year: body.year,
        title: body.title,
        planRef: body.planRef,
        deadline: body.deadline,
        levels: body.levels ?? DEFAULT_LEVELS,
        expectedKinds: body.expectedKinds ?? DEFAULT_EXPECTED_KINDS,
        rubric: DEFAULT_RUBRIC,
      },
      caller.id,
      new Date().toISOString(),
    );
    if (id === null) {
      throw problem("conflict", { message: `Đơn vị này đã có kế hoạch “${body.title}” năm ${body.year}.` });
    }
    return c.json((await getVisibleCampaign(c.env.DB, caller.scopePath, id))!, 201);
  })
  .put("/:id/rubric", ...jsonBody(rubricUpdateSchema), async (c) => {
    const caller = c.get("caller");
    const campaign = await ownedCampaign(c.env.DB, caller, c.req.param("id"));
    const rubric = c.req.valid("json");
    const before = JSON.parse(campaign.rubric) as Rubric;
    if (!onlyLabelsDiffer(before, rubric) && (await hasScores(c.env.DB, campaign.id))) {
      throw problem("conflict", {
        message: "Đã có phiếu chấm theo tiêu chí này: chỉ được sửa tên tiêu chí và tên xếp loại, không được đổi mã, điểm tối đa, ngưỡng xếp loại hay ngưỡng chênh lệch.",
      });
    }
    await updateRubric(c.env.DB, campaign.id, campaign.rubric, rubric, caller.id, new Date().toISOString());
    return c.json((await getVisibleCampaign(c.env.DB, caller.scopePath, campaign.id))!);
  })
  .post("/:id/registration", ...jsonBody(registrationWindowSchema), async (c) => {
    const caller = c.get("caller");
    const campaign = await ownedCampaign(c.env.DB, caller, c.req.param("id"));
    await setRegistrationOpen(c.env.DB, campaign.id, c.req.valid("json").open, caller.id, new Date().toISOString());
    return c.json((await getVisibleCampaign(c.env.DB, caller.scopePath, campaign.id))!);
  });
