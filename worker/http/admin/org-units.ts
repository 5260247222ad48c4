import { Hono } from "hono";
import { requireOfficer, requireRole } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { planOrgUnits } from "../../admin/plan-org-units.ts";
import { problem } from "../../problems.ts";
import { nextOrgUnitId, orgUnitStatements, readByCodes } from "../../sql/org-units.ts";
import { jsonBody } from "../../validate.ts";
import type { D1Database } from "../../cf-types.ts";
import type { Caller } from "../../env.ts";
import { MAX_ORG_UNITS_PER_REQUEST, orgUnitsRequestSchema } from "../../../shared/schemas/admin.ts";

function codesOf(items: readonly unknown[]): string[] {
  const codes = new Set<string>();
  for (const item of items) {
    for (const key of ["code", "parentCode"] as const) {
      const v = (item as Record<string, unknown> | null)?.[key];
      if (typeof v === "string" && v.trim()) codes.add(v.trim());
    }
  }
  return [...codes];
}

async function upsert(db: D1Database, caller: Caller, items: readonly unknown[]) {
  const plan = planOrgUnits({
    items,
    stored: await readByCodes(db, codesOf(items)),
    scopePath: caller.scopePath,
    nextId: await nextOrgUnitId(db),
  });
  const statements = orgUnitStatements(db, plan.writes, plan.moves, caller.id, new Date().toISOString());
  if (statements.length) await db.batch(statements);
  return plan.results;
}

export const adminOrgUnits = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("admin"))
  .post("/", ...jsonBody(orgUnitsRequestSchema), async (c) => {
    const { units } = c.req.valid("json");
    if (units.length > MAX_ORG_UNITS_PER_REQUEST) {
      throw problem("too_many_items", {
        message: `Mỗi lần gửi tối đa ${MAX_ORG_UNITS_PER_REQUEST.toLocaleString("vi-VN")} đơn vị; lần này có ${units.length.toLocaleString("vi-VN")}. Hãy chia danh sách thành ${Math.ceil(units.length / MAX_ORG_UNITS_PER_REQUEST)} lần gửi (đơn vị cấp trên gửi trước).`,
      });
    }
    const caller = c.get("caller");
    let results;
    try {
      results = await upsert(c.env.DB, caller, units);
    } catch (err) {
      // Ids are chosen before the write; another admin's list landing in between takes
      // them, the whole batch rolls back, and planning again over fresh data settles it.
      if (!/UNIQUE|constraint/i.test(String(err))) throw err;
      results = await upsert(c.env.DB, caller, units);
    }
    return c.json({ results });
  });
