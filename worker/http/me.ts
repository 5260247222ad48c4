import { Hono } from "hono";
import { requireOfficer } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import type { Me } from "../../shared/api.ts";

export const me = new Hono<AppEnv>().use(requireOfficer).get("/", (c) => {
  const caller = c.get("caller");
  const body: Me = {
    officer: { id: caller.id, name: caller.name },
    roles: caller.roles,
    scope: { id: caller.scopeId, name: caller.scopeName, kind: caller.scopeKind },
    unit: { id: caller.unitId, name: caller.unitName, kind: caller.unitKind },
  };
  return c.json(body);
});
