import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { adminCampaigns } from "./campaigns.ts";
import { adminOfficers } from "./officers.ts";
import { adminOrgUnits } from "./org-units.ts";

/** Loading the area, opening campaigns, handing out tokens: admins only, inside their subtree. */
export const admin = new Hono<AppEnv>()
  .route("/org-units", adminOrgUnits)
  .route("/campaigns", adminCampaigns)
  .route("/officers", adminOfficers);
