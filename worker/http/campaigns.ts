import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { campaignInReach } from "../reach.ts";
import { listVisibleCampaigns } from "../sql/campaigns.ts";
import { idParam } from "../validate.ts";

export const campaigns = new Hono<AppEnv>()
  .use(requireOfficer)
  .get("/", async (c) => c.json(await listVisibleCampaigns(c.env.DB, c.get("caller").scopePath)))
  .get("/:id", async (c) => {
    return c.json(await campaignInReach(c.env.DB, c.get("caller"), idParam(c.req.param("id"), "campaign_not_found")));
  });
