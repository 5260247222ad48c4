import { describe, expect, it } from "vitest";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { campaignSchema, type Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";

describe("GET /api/v1/campaigns", () => {
  it("lists the province's 2023 campaign to a commune officer, with levels, deadline and rubric", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const res = await call("/api/v1/campaigns", { token: clerk.token });
    expect(res.status).toBe(200);
    const list = await json<Campaign[]>(res);
    expect(list).toHaveLength(1);
    const campaign = campaignSchema.parse(list[0]);
    expect(campaign).toMatchObject({ year: 2023, deadline: "2023-03-25", levels: DEFAULT_LEVELS, rubric: DEFAULT_RUBRIC });
    expect(campaign.rubric.flagSpread).toBe(0.2);
  });

  it("answers one campaign by id, and 404 for an unknown or malformed id", async () => {
    const viewer = await officer("viewer");
    const [first] = await json<Campaign[]>(await call("/api/v1/campaigns", { token: viewer.token }));
    const one = await call(`/api/v1/campaigns/${first!.id}`, { token: viewer.token });
    expect(one.status).toBe(200);
    expect(await json(one)).toEqual(first);
    for (const id of ["999999", "abc", "0", "1e3", "-1"]) {
      const res = await call(`/api/v1/campaigns/${id}`, { token: viewer.token });
      expect(res.status).toBe(404);
      expect(await json(res)).toEqual({ code: "campaign_not_found", message: expect.any(String) });
    }
  });
});
