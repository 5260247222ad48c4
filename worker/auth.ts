import { createMiddleware } from "hono/factory";
import type { RateLimit } from "./cf-types.ts";
import type { AppEnv, Caller } from "./env.ts";
import { problem } from "./problems.ts";
import { findCallerByTokenHash, toCaller, tokenProblem } from "./sql/officers.ts";
import { hashToken, isWellFormedToken } from "./tokens.ts";
import type { Role } from "../shared/vocabulary.ts";

/** Every route but /health: the bearer token names the officer and his or her scope. */
export const requireOfficer = createMiddleware<AppEnv>(async (c, next) => {
  // A route nested under another that checks (/campaigns/:id/reports under /campaigns)
  // meets this twice: the officer is looked up, and counted by the limiter, once.
  if (c.get("caller")) return next();
  const header = c.req.header("authorization");
  if (!header) throw problem("token_missing");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const token = match?.[1];
  // A malformed token cannot match a stored hash: refuse it without a database read.
  if (!token || !isWellFormedToken(token)) throw problem("token_invalid");
  const row = await findCallerByTokenHash(c.env.DB, await hashToken(token));
  if (!row) {
    // Guessing tokens costs a slot of the caller's address, like any request of a token.
    await throttle(c.env.RATE_LIMITER, `ip:${c.req.header("cf-connecting-ip") ?? "local"}`);
    throw problem("token_invalid");
  }
  const refused = tokenProblem(row);
  if (refused) throw problem(refused);
  const caller = toCaller(row);
  await throttle(c.env.RATE_LIMITER, `officer:${caller.id}`);
  c.set("caller", caller);
  await next();
});

/** Seconds a refused client should wait: the limiter's window. */
export const RATE_WINDOW_SECONDS = 60;

async function throttle(limiter: RateLimit | undefined, key: string): Promise<void> {
  if (!limiter) return;
  const { success } = await limiter.limit({ key });
  if (!success) throw problem("rate_limited", { headers: { "retry-after": String(RATE_WINDOW_SECONDS) } });
}

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
