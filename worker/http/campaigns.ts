import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { getVisibleCampaign, listVisibleCampaigns } from "../sql/campaigns.ts";
import { idParam } from "../validate.ts";

export const campaigns = new Hono<AppEnv>()
  .use(requireOfficer)
  .get("/", async (c) => c.json(await listVisibleCampaigns(c.env.DB, c.get("caller").scopePath)))
  .get("/:id", async (c) => {
    const id = idParam(c.req.param("id"), "campaign_not_found");
    const campaign = await getVisibleCampaign(c.env.DB, c.get("caller").scopePath, id);
    if (!campaign) throw problem("campaign_not_found");
    return c.json(campaign);
  });
