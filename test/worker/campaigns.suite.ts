import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { campaignDetailSchema, campaignSchema, type Campaign, type CampaignDetail } from "../../shared/schemas/campaign.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, unitId } from "./registrations.ts";
import { makeOfficer } from "./scoring-helpers.ts";

describe("GET /api/v1/campaigns", () => {
  it("lists the province's 2023 campaign to a commune officer, with levels, deadline and rubric", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const res = await call("/api/v1/campaigns", { token: clerk.token });
    expect(res.status).toBe(200);
    const list = await json<Campaign[]>(res);
    expect(list).toHaveLength(1);
    const campaign = campaignSchema.parse(list[0]);
    expect(campaign).toMatchObject({ year: 2023, deadline: "2023-03-25", levels: DEFAULT_LEVELS, rubric: DEFAULT_RUBRIC, lastChange: null });
    expect(campaign.rubric.flagSpread).toBe(0.2);
    expect(list[0]).not.toHaveProperty("plans");
  });

  it("answers one campaign by id, with its plans, and 404 for an unknown or malformed id", async () => {
    const viewer = await officer("viewer");
    const [first] = await json<Campaign[]>(await call("/api/v1/campaigns", { token: viewer.token }));
    const one = await call(`/api/v1/campaigns/${first!.id}`, { token: viewer.token });
    expect(one.status).toBe(200);
    expect(campaignDetailSchema.parse(await json(one))).toEqual({ ...first, plans: [] });
    for (const id of ["999999", "abc", "0", "1e3", "-1"]) {
      const res = await call(`/api/v1/campaigns/${id}`, { token: viewer.token });
      expect(res.status).toBe(404);
      expect(await json(res)).toEqual({ code: "campaign_not_found", message: expect.any(String) });
    }
  });
});

describe("implementing plans in GET /api/v1/campaigns/:id", () => {
  it("lists the plans on the caller's chain and in the caller's subtree, parents first, and no others", async () => {
    const admin = await officer("admin");
    const id = await campaignId();
    const plans: [string, string, string][] = [
      ["Huyện Hà Trung", "Kế hoạch số 113-KH/ĐU ngày 23/02/2023", "2023-03-28"],
      ["Xã Hà Giang", "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", "2023-03-31"],
      ["Thôn Trung Chính", "Kế hoạch số 05-KH/CB", "2023-04-02"],
      ["Xã Hà Lĩnh", "Kế hoạch số 40-KH/ĐU", "2023-03-30"],
      ["Xã Vĩnh Hùng", "Kế hoạch số 21-KH/ĐU", "2023-03-29"],
    ];
    for (const [unit, planRef, deadline] of plans) {
      const res = await call(`/api/v1/admin/campaigns/${id}/plans/${await unitId(unit)}`, { token: admin.token, method: "PUT", body: { planRef, deadline } });
      expect(res.status, unit).toBe(200);
    }
    const seen = async (token: string) => (await json<CampaignDetail>(await call(`/api/v1/campaigns/${id}`, { token }))).plans;
    const entry = async ([unit, planRef, deadline]: [string, string, string]) => ({ orgUnitId: await unitId(unit), orgUnitName: unit, planRef, deadline });

    const clerk = await officer("clerk", "Xã Hà Giang");
    expect(await seen(clerk.token)).toEqual([await entry(plans[0]!), await entry(plans[1]!), await entry(plans[2]!)]);
    const village = await makeOfficer("Trưởng thôn Trung Chính", ["viewer"], "Thôn Trung Chính");
    expect(await seen(village.token)).toEqual([await entry(plans[0]!), await entry(plans[1]!), await entry(plans[2]!)]);
    const district = await officer("approver", "Huyện Hà Trung");
    expect(await seen(district.token)).toEqual([await entry(plans[0]!), await entry(plans[1]!), await entry(plans[3]!), await entry(plans[2]!)]);
    expect((await seen(admin.token)).map((p) => p.orgUnitName)).toEqual(["Huyện Hà Trung", "Xã Hà Giang", "Xã Hà Lĩnh", "Xã Vĩnh Hùng", "Thôn Trung Chính"]);
    const vinhHung = await officer("clerk", "Xã Vĩnh Hùng");
    expect(await seen(vinhHung.token)).toEqual([await entry(plans[4]!)]);
  });
});
