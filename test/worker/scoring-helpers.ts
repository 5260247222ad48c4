import { env } from "cloudflare:test";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { insertOfficer } from "../../worker/sql/officers.ts";
import { generateToken, hashToken } from "../../worker/tokens.ts";
import type { Role } from "../../shared/vocabulary.ts";
import { unitId } from "./registrations.ts";

/** A new officer with `roles`, scope and unit by unit name (unit defaults to the scope). */
export async function makeOfficer(name: string, roles: Role[], scopeName: string, unitName = scopeName): Promise<DemoOfficer> {
  const token = generateToken();
  const scopeId = await unitId(scopeName);
  const unit = await unitId(unitName);
  await insertOfficer(env.DB, { name, roles, scopeId, unitId: unit, tokenHash: await hashToken(token) });
  return { name, roles, scopeId, unitId: unit, scopeName, token };
}

/** A score sheet giving each default collective criterion the points listed (5 criteria). */
export function collectiveScore(registrationId: string, points: number[], baseVersion = 0, comment?: string) {
  const keys = ["direction", "actor", "participation", "method", "effectiveness"];
  return { registrationId, baseVersion, criteria: Object.fromEntries(keys.map((k, i) => [k, points[i]!])), ...(comment ? { comment } : {}) };
}

/** Five criteria summing to `total` (a multiple of 0.5, at most 100), none zero unless asked. */
export function pointsFor(total: number, zero = false): number[] {
  const points = [20, 20, 20, 20, 20];
  let excess = 100 - total;
  for (let i = 4; i >= 0 && excess > 0; i--) {
    const take = Math.min(excess, 19.5);
    points[i] = 20 - take;
    excess -= take;
  }
  if (zero) points[0] = 0;
  return points;
}
