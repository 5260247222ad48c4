import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { listSubtree, toOrgUnit } from "../sql/org-units.ts";

export const orgUnits = new Hono<AppEnv>().use(requireOfficer).get("/", async (c) => {
  const rows = await listSubtree(c.env.DB, c.get("caller").scopePath);
  return c.json(rows.map(toOrgUnit));
});
