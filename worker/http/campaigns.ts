import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { getVisibleCampaignDetail, listVisibleCampaigns } from "../sql/campaigns.ts";
import { campaignPath } from "./paths.ts";

export const campaigns = new Hono<AppEnv>()
  .use(requireOfficer)
  .get("/", async (c) => c.json(await listVisibleCampaigns(c.env.DB, c.get("caller").scopePath)))
  .get("/:id", campaignPath, async (c) => {
    // The same reach as every route that takes a campaign (reach.ts), with the plans that matter to the caller.
    const campaign = await getVisibleCampaignDetail(c.env.DB, c.get("caller").scopePath, c.req.valid("param").id);
    if (!campaign) throw problem("campaign_not_found");
    return c.json(campaign);
  });
