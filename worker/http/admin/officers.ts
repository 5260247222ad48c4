import { Hono } from "hono";
import { requireOfficer, requireRole } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { problem } from "../../problems.ts";
import { createOfficer, getOfficer, listOfficers, revokeOfficer } from "../../sql/officers.ts";
import { getOrgUnit, isInSubtree } from "../../sql/org-units.ts";
import { generateToken, hashToken } from "../../tokens.ts";
import { jsonBody, pathId, pathParams } from "../../validate.ts";
import { officerCreateSchema } from "../../../shared/schemas/admin.ts";

export const adminOfficers = new Hono<AppEnv>()
  .use(requireOfficer, requireRole("admin"))
  .get("/", async (c) => c.json(await listOfficers(c.env.DB, c.get("caller").scopePath)))
  .post("/", ...jsonBody(officerCreateSchema), async (c) => {
    const body = c.req.valid("json");
    const caller = c.get("caller");
    const [scope, unit] = await Promise.all([getOrgUnit(c.env.DB, body.scopeId), getOrgUnit(c.env.DB, body.unitId)]);
    if (!scope || !unit) throw problem("org_unit_not_found");
    // Nobody hands out more than he or she holds.
    if (!isInSubtree(scope.path, caller.scopePath) || !isInSubtree(unit.path, caller.scopePath)) {
      throw problem("forbidden_scope", { message: "Phạm vi hoặc đơn vị công tác của cán bộ mới phải nằm trong phạm vi quản trị của bạn." });
    }
    const now = new Date().toISOString();
    if (body.expiresAt && body.expiresAt <= now) {
      throw problem("invalid_request", { message: "Ngày hết hạn của mã truy cập phải ở tương lai." });
    }
    const token = generateToken();
    const id = await createOfficer(
      c.env.DB,
      { name: body.name, roles: [...new Set(body.roles)], scopeId: scope.id, unitId: unit.id, tokenHash: await hashToken(token), expiresAt: body.expiresAt ?? null },
      caller.id,
      now,
    );
    // The only time the token is ever sent: the server keeps its hash.
    return c.json({ id, token }, 201);
  })
  .post("/:id/revoke", pathParams({ id: pathId }, { id: "not_found" }), async (c) => {
    const caller = c.get("caller");
    const officer = await getOfficer(c.env.DB, c.req.valid("param").id);
    if (!officer) throw problem("not_found", { message: "Không có cán bộ này." });
    if (!isInSubtree(officer.scopePath, caller.scopePath)) throw problem("forbidden_scope");
    await revokeOfficer(c.env.DB, officer.id, caller.id, new Date().toISOString());
    const { scopePath: _, ...listing } = (await getOfficer(c.env.DB, officer.id))!;
    return c.json(listing);
  });
