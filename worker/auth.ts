import { createMiddleware } from "hono/factory";
import type { AppEnv, Caller } from "./env.ts";
import { problem } from "./problems.ts";
import { findCallerByTokenHash } from "./sql/officers.ts";
import { hashToken, isWellFormedToken } from "./tokens.ts";
import type { Role } from "../shared/vocabulary.ts";

/** Every route but /health: the bearer token names the officer and his or her scope. */
export const requireOfficer = createMiddleware<AppEnv>(async (c, next) => {
  const header = c.req.header("authorization");
  if (!header) throw problem("token_missing");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  // A malformed token cannot match a stored hash: refuse it without a database read.
  if (!token || !isWellFormedToken(token)) throw problem("token_invalid");
  const row = await findCallerByTokenHash(c.env.DB, await hashToken(token));
  if (!row) throw problem("token_invalid");
  if (row.revoked_at) throw problem("token_revoked");
  if (row.expires_at && row.expires_at <= new Date().toISOString()) throw problem("token_expired");
  const caller: Caller = {
    id: row.id,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    scopeId: row.scope_id,
    scopePath: row.scope_path,
    scopeName: row.scope_name,
    scopeKind: row.scope_kind,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    unitName: row.unit_name,
    unitKind: row.unit_kind,
  };
  c.set("caller", caller);
  await next();
});

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

/** Refuses the request unless the caller holds one of `roles`. */
export function requireRole(...roles: Role[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!hasRole(c.get("caller"), ...roles)) throw problem("forbidden_role");
    await next();
  });
}
