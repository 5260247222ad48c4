import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { unitInReach } from "../reach.ts";
import type { OrgUnitRow } from "../sql/org-units.ts";
import { idParam } from "../validate.ts";

/** The `scope` query parameter (default: the caller's scope), which must lie in the caller's subtree. */
export function queryScope(c: Context<AppEnv>): Promise<OrgUnitRow> {
  const raw = c.req.query("scope");
  return unitInReach(c.env.DB, c.get("caller"), raw ? idParam(raw, "org_unit_not_found") : undefined);
}
