import { Hono } from "hono";
import { requireOfficer, requireRole } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { problem } from "../../problems.ts";
import {
  campaignOwner,
  deletePlan,
  getVisibleCampaignDetail,
  hasScores,
  insertCampaign,
  levelsInUse,
  setPlan,
  setRegistrationOpen,
  updateCampaign,
  updateRubric,
  type CampaignChangeKey,
  type CampaignChanges,
  type OwnedCampaign,
} from "../../sql/campaigns.ts";
import { isInSubtree } from "../../sql/org-units.ts";
import { unitInReach } from "../../reach.ts";
import { jsonBody, pathId, pathParams } from "../../validate.ts";
import { campaignPath } from "../paths.ts";
import type { D1Database } from "../../cf-types.ts";
import type { Caller } from "../../env.ts";
import {
  campaignCreateSchema,
  campaignPatchSchema,
  planUpsertSchema,
  registrationWindowSchema,
  rubricUpdateSchema,
  type CampaignPatch,
} from "../../../shared/schemas/admin.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../../shared/schemas/rubric.ts";
import { defaultExpectedKinds, defaultLevels, type Level } from "../../../shared/vocabulary.ts";

const planPath = pathParams({ id: pathId, orgUnitId: pathId }, { id: "campaign_not_found", orgUnitId: "org_unit_not_found" });

/** The campaign, if the caller's subtree runs it: admins change only their own area's campaigns. */
async function ownedCampaign(db: D1Database, caller: Caller, id: number): Promise<OwnedCampaign> {
  const campaign = await campaignOwner(db, id);
  if (!campaign) throw problem("campaign_not_found");
  if (!isInSubtree(campaign.unitPath, caller.scopePath)) {
    throw problem("forbidden_scope", { message: "Kế hoạch này do đơn vị ngoài phạm vi của bạn quản lý; bạn chỉ xem được, không sửa được." });
  }
  return campaign;
}

/**
 * The campaign and a unit for an implementing plan: the unit in the caller's scope and
 * under the unit that runs the campaign (whose own plan is the campaign itself).
 */
async function planPlace(db: D1Database, caller: Caller, path: { id: number; orgUnitId: number }) {
  const campaign = await campaignOwner(db, path.id);
  if (!campaign) throw problem("campaign_not_found");
  const unit = await unitInReach(db, caller, path.orgUnitId);
  if (unit.id === campaign.orgUnitId) {
    throw problem("invalid_request", {
      message: `${unit.name} là đơn vị ban hành kế hoạch “${campaign.title}”: hãy sửa số kế hoạch và hạn nộp của chính kế hoạch đó, không đặt kế hoạch thực hiện riêng.`,
    });
  }
  if (!isInSubtree(unit.path, campaign.unitPath)) {
    throw problem("unit_outside_campaign", {
      message: `${unit.name} không thuộc địa bàn của kế hoạch “${campaign.title}” nên không đặt kế hoạch thực hiện riêng cho kế hoạch này được.`,
    });
  }
  return { campaign, unit };
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

/** The keys of the patch whose value differs from the stored one, with their new values. */
function changesOf(stored: OwnedCampaign, patch: CampaignPatch): CampaignChanges {
  const current: Record<CampaignChangeKey, unknown> = {
    title: stored.title,
    planRef: stored.planRef,
    deadline: stored.deadline,
    levels: stored.levels,
    expectedKinds: stored.expectedKinds,
  };
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(current) as CampaignChangeKey[]) {
    const next = patch[key];
    if (next !== undefined && JSON.stringify(next) !== JSON.stringify(current[key])) changes[key] = next;
  }
  return changes as CampaignChanges;
}

/** The refusal for levels still in use, naming each with its count. */
function levelsInUseProblem(stored: readonly Level[], inUse: ReadonlyMap<string, number>) {
  const named = [...inUse].map(([code, n]) => {
    const label = stored.find((l) => l.code === code)?.label ?? code;
    return `“${label}” còn ${n.toLocaleString("vi-VN")} đăng ký`;
  });
  return problem("level_in_use", {
    message: `Không bỏ được cấp đăng ký đang có người dùng: ${named.join("; ")} của kế hoạch này. Hãy chuyển các đăng ký đó sang cấp khác trước, hoặc giữ cấp này (có thể đổi tên cấp mà vẫn giữ mã).`,
  });
}

const isUniqueViolation = (err: unknown) => /UNIQUE/i.test(String(err));

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
        levels: body.levels ?? defaultLevels(body.year),
        expectedKinds: body.expectedKinds ?? defaultExpectedKinds(body.year),
        rubric: DEFAULT_RUBRIC,
      },
      caller.id,
      new Date().toISOString(),
    );
    if (id === null) {
      throw problem("conflict", { message: `Đơn vị này đã có kế hoạch “${body.title}” năm ${body.year}.` });
    }
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, id))!, 201);
  })
  .patch("/:id", ...jsonBody(campaignPatchSchema), campaignPath, async (c) => {
    const caller = c.get("caller");
    const campaign = await ownedCampaign(c.env.DB, caller, c.req.valid("param").id);
    const changes = changesOf(campaign, c.req.valid("json"));
    if (Object.keys(changes).length > 0) {
      const stored = campaign.levels;
      const kept = new Set((changes.levels ?? stored).map((l) => l.code));
      const dropped = stored.map((l) => l.code).filter((code) => !kept.has(code));
      const inUse = dropped.length ? await levelsInUse(c.env.DB, campaign.id, dropped) : new Map<string, number>();
      if (inUse.size) throw levelsInUseProblem(stored, inUse);
      let updated: boolean;
      try {
        updated = await updateCampaign(c.env.DB, campaign.id, changes, dropped, caller.id, new Date().toISOString());
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw problem("conflict", { message: `Đơn vị này đã có kế hoạch “${changes.title}” năm ${campaign.year}; hãy chọn tên khác.` });
      }
      // A registration filed with a dropped level between the check and the write.
      if (!updated) throw levelsInUseProblem(stored, await levelsInUse(c.env.DB, campaign.id, dropped));
    }
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, campaign.id))!);
  })
  .put("/:id/rubric", ...jsonBody(rubricUpdateSchema), campaignPath, async (c) => {
    const caller = c.get("caller");
    const campaign = await ownedCampaign(c.env.DB, caller, c.req.valid("param").id);
    const rubric = c.req.valid("json");
    if (!onlyLabelsDiffer(campaign.rubric, rubric) && (await hasScores(c.env.DB, campaign.id))) {
      throw problem("conflict", {
        message: "Đã có phiếu chấm theo tiêu chí này: chỉ được sửa tên tiêu chí và tên xếp loại, không được đổi mã, điểm tối đa, ngưỡng xếp loại hay ngưỡng chênh lệch.",
      });
    }
    await updateRubric(c.env.DB, campaign.id, rubric, caller.id, new Date().toISOString());
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, campaign.id))!);
  })
  .post("/:id/registration", ...jsonBody(registrationWindowSchema), campaignPath, async (c) => {
    const caller = c.get("caller");
    const campaign = await ownedCampaign(c.env.DB, caller, c.req.valid("param").id);
    await setRegistrationOpen(c.env.DB, campaign.id, c.req.valid("json").open, caller.id, new Date().toISOString());
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, campaign.id))!);
  })
  .put("/:id/plans/:orgUnitId", ...jsonBody(planUpsertSchema), planPath, async (c) => {
    const caller = c.get("caller");
    const { campaign, unit } = await planPlace(c.env.DB, caller, c.req.valid("param"));
    await setPlan(c.env.DB, campaign.id, unit.id, c.req.valid("json"), caller.id, new Date().toISOString());
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, campaign.id))!);
  })
  .delete("/:id/plans/:orgUnitId", planPath, async (c) => {
    const caller = c.get("caller");
    const { campaign, unit } = await planPlace(c.env.DB, caller, c.req.valid("param"));
    if (!(await deletePlan(c.env.DB, campaign.id, unit.id, caller.id, new Date().toISOString()))) {
      throw problem("plan_not_found", { message: `${unit.name} chưa có kế hoạch thực hiện riêng cho kế hoạch “${campaign.title}”.` });
    }
    return c.json((await getVisibleCampaignDetail(c.env.DB, caller.scopePath, campaign.id))!);
  });
