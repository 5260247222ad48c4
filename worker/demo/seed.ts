import type { D1Database } from "../cf-types.ts";
import { DEMO_CAMPAIGN, DEMO_CODES, demoUnits } from "./area.ts";
import { seedSampleRegistrations } from "./samples.ts";
import { ensureCampaign } from "../sql/campaigns.ts";
import { findOfficer, insertOfficer, replaceTokenHash } from "../sql/officers.ts";
import { getOrgUnitByCode, insertMissingOrgUnits, recodeUnits } from "../sql/org-units.ts";
import { generateToken, hashToken } from "../tokens.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_EXPECTED_KINDS, DEFAULT_LEVELS, type Role } from "../../shared/vocabulary.ts";

export interface DemoOfficer {
  name: string;
  roles: Role[];
  scopeId: number;
  unitId: number;
  scopeName: string;
  token: string;
}

type DemoCode = (typeof DEMO_CODES)[keyof typeof DEMO_CODES];

// Tests find officers by role and scope name, the first match winning: new officers go at the end.
const OFFICERS: { name: string; roles: Role[]; scope: DemoCode }[] = [
  { name: "Trần Quốc Hưng", roles: ["admin", "viewer"], scope: DEMO_CODES.province },
  { name: "Phạm Minh Đức", roles: ["approver", "viewer"], scope: DEMO_CODES.districtHaTrung },
  { name: "Nguyễn Thị Hoa", roles: ["clerk"], scope: DEMO_CODES.communeHaGiang },
  { name: "Lê Văn Bình", roles: ["judge"], scope: DEMO_CODES.communeHaGiang },
  { name: "Đỗ Thị Thu", roles: ["judge"], scope: DEMO_CODES.communeHaGiang },
  { name: "Hoàng Văn Sơn", roles: ["approver"], scope: DEMO_CODES.communeHaGiang },
  { name: "Vũ Thị Lan", roles: ["viewer"], scope: DEMO_CODES.communeHaGiang },
  { name: "Bùi Văn Tâm", roles: ["clerk"], scope: DEMO_CODES.communeHaLinh },
  { name: "Ngô Thị Mai", roles: ["clerk", "judge"], scope: DEMO_CODES.communeVinhHung },
  // The district's own office files the forms of the district's agencies.
  { name: "Đinh Thị Nga", roles: ["clerk"], scope: DEMO_CODES.districtHaTrung },
  // The commune's own admin: sets the commune's implementing plan and deadline from the pane.
  { name: "Trịnh Văn Quang", roles: ["admin"], scope: DEMO_CODES.communeHaGiang },
];

/**
 * The first demo coded its units DEMO-38-…; they take their official-style codes in
 * place (same ids, so their registrations, officers and tokens stay), unless a unit
 * already holds the new code.
 */
async function recodeLegacyUnits(db: D1Database): Promise<void> {
  const pairs = demoUnits().flatMap((u) => (u.legacyCode ? [[u.legacyCode, u.code] as const] : []));
  await recodeUnits(db, pairs, new Date().toISOString());
}

/**
 * Seeds the demo area, the 2023 campaign, the officers and the sample forms of xã Hà
 * Giang, once: running it again changes nothing but keeps every officer's token valid.
 * `knownTokens` are the tokens printed last time (only their hashes are stored); an
 * officer whose token is lost gets a new one. What the officers then did with it —
 * plans, more forms, scores, reviews, a 2026 campaign — is demo/activity.ts.
 */
export async function seedDemo(db: D1Database, knownTokens: readonly string[] = []): Promise<DemoOfficer[]> {
  await recodeLegacyUnits(db);
  await insertMissingOrgUnits(db, demoUnits());
  const province = await mustUnit(db, DEMO_CODES.province);
  const campaignId = await ensureCampaign(db, {
    orgUnitId: province.id,
    ...DEMO_CAMPAIGN,
    levels: DEFAULT_LEVELS,
    expectedKinds: DEFAULT_EXPECTED_KINDS,
    rubric: DEFAULT_RUBRIC,
  });

  const byHash = new Map<string, string>();
  for (const t of knownTokens) byHash.set(await hashToken(t), t);

  const officers: DemoOfficer[] = [];
  let clerkId = 0;
  for (const spec of OFFICERS) {
    // Demo officers work at the top of their scope (the commune's own committee).
    const scope = await mustUnit(db, spec.scope);
    const existing = await findOfficer(db, spec.name, scope.id, scope.id);
    let token = existing && !existing.revoked_at ? byHash.get(existing.token_hash) : undefined;
    let id = existing?.id;
    if (!token) {
      token = generateToken();
      const tokenHash = await hashToken(token);
      if (existing) await replaceTokenHash(db, existing.id, tokenHash);
      else id = await insertOfficer(db, { name: spec.name, roles: spec.roles, scopeId: scope.id, unitId: scope.id, tokenHash });
    }
    if (spec.name === "Nguyễn Thị Hoa") clerkId = id!;
    officers.push({ name: spec.name, roles: spec.roles, scopeId: scope.id, unitId: scope.id, scopeName: scope.name, token });
  }
  await seedSampleRegistrations(db, campaignId, clerkId);
  return officers;
}

async function mustUnit(db: D1Database, code: string) {
  const unit = await getOrgUnitByCode(db, code);
  if (!unit) throw new Error(`demo unit ${code} missing after seeding`);
  return unit;
}
