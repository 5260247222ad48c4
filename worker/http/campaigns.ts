import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { getVisibleCampaign, listVisibleCampaigns } from "../sql/campaigns.ts";

/** A path id that is not a positive integer names nothing: 404, like an unknown one. */
export function idParam(raw: string, notFound: Parameters<typeof problem>[0]): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw problem(notFound);
  return id;
}

export const campaigns = new Hono<AppEnv>()
  .use(requireOfficer)
  .get("/", async (c) => c.json(await listVisibleCampaigns(c.env.DB, c.get("caller").scopePath)))
  .get("/:id", async (c) => {
    const id = idParam(c.req.param("id"), "campaign_not_found");
    const campaign = await getVisibleCampaign(c.env.DB, c.get("caller").scopePath, id);
    if (!campaign) throw problem("campaign_not_found");
    return c.json(campaign);
  });
