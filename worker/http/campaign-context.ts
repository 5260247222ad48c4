import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { getVisibleCampaign } from "../sql/campaigns.ts";
import { getOrgUnit, isInSubtree, type OrgUnitRow } from "../sql/org-units.ts";
import { idParam } from "../validate.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";

/** The campaign named by the path's :id, if the caller takes part in it. */
export async function pathCampaign(c: Context<AppEnv>): Promise<Campaign> {
  const campaign = await getVisibleCampaign(c.env.DB, c.get("caller").scopePath, idParam(c.req.param("id") ?? "", "campaign_not_found"));
  if (!campaign) throw problem("campaign_not_found");
  return campaign;
}

/** The `scope` query parameter (default: the caller's scope), which must lie in the caller's subtree. */
export async function queryScope(c: Context<AppEnv>): Promise<OrgUnitRow> {
  const caller = c.get("caller");
  const raw = c.req.query("scope");
  const id = raw === undefined || raw === "" ? caller.scopeId : idParam(raw, "org_unit_not_found");
  const unit = await getOrgUnit(c.env.DB, id);
  if (!unit) throw problem("org_unit_not_found");
  if (!isInSubtree(unit.path, caller.scopePath)) throw problem("forbidden_scope");
  return unit;
}
