import type { D1Database } from "./cf-types.ts";
import type { Caller } from "./env.ts";
import { problem } from "./problems.ts";
import { getVisibleCampaign } from "./sql/campaigns.ts";
import { getOrgUnit, isInSubtree, type OrgUnitRow } from "./sql/org-units.ts";
import type { Campaign } from "../shared/schemas/campaign.ts";

// What a caller may reach by id: a campaign he or she takes part in, a unit in his or
// her subtree. Every route and download that takes such an id asks here.

export async function campaignInReach(db: D1Database, caller: Caller, id: number): Promise<Campaign> {
  const campaign = await getVisibleCampaign(db, caller.scopePath, id);
  if (!campaign) throw problem("campaign_not_found");
  return campaign;
}

/** A unit of the caller's subtree (the caller's own scope when `id` is absent). */
export async function unitInReach(db: D1Database, caller: Caller, id: number = caller.scopeId): Promise<OrgUnitRow> {
  const unit = await getOrgUnit(db, id);
  if (!unit) throw problem("org_unit_not_found");
  if (!isInSubtree(unit.path, caller.scopePath)) throw problem("forbidden_scope");
  return unit;
}
