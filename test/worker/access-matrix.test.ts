import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { ensureCampaign } from "../../worker/sql/campaigns.ts";
import { insertMissingOrgUnits } from "../../worker/sql/org-units.ts";
import { insertOfficer } from "../../worker/sql/officers.ts";
import { generateToken, hashToken } from "../../worker/tokens.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_EXPECTED_KINDS, DEFAULT_LEVELS, type Role } from "../../shared/vocabulary.ts";
import { call, demo, json } from "./helpers.ts";
import { campaignId, collective, unitId } from "./registrations.ts";
import { collectiveScore } from "./scoring-helpers.ts";

// Every route × every role × a resource inside and outside the caller's scope, and
// every route with no, a malformed, an expired and a revoked token.

type Where = "inside" | "outside";
interface World {
  campaign: number;
  otherCampaign: number;
  unit: Record<Where, number>;
  registration: Record<Where, string>;
  officer: Record<Where, number>;
  /** An evidence file of each place's registration. */
  attachment: Record<Where, string>;
  /** Files each DELETE may take, one per request. */
  disposable: Record<Where, string[]>;
}
interface Route {
  name: string;
  /** The request for a caller, against what is inside or outside that caller's scope. */
  request: (w: World, where: Where) => { path: string; method?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> };
  /** Expected status by role and place; a function may also check the body. */
  expect: (role: Role, where: Where) => number;
  check?: (body: any, role: Role, where: Where) => void;
  anonymous?: boolean;
}

const only = (roles: Role[], inside: number, outside: number, otherwise = 403) => (role: Role, where: Where) =>
  roles.includes(role) ? (where === "inside" ? inside : outside) : otherwise;
const everyone = (inside: number, outside: number) => (_role: Role, where: Where) => (where === "inside" ? inside : outside);

let n = 0;
const PDF = "%PDF-1.4\n%%EOF\n";
const ROUTES: Route[] = [
  { name: "GET /me", request: () => ({ path: "/me" }), expect: () => 200 },
  { name: "GET /org-units", request: () => ({ path: "/org-units" }), expect: () => 200 },
  { name: "GET /campaigns", request: () => ({ path: "/campaigns" }), expect: () => 200 },
  {
    name: "GET /campaigns/:id",
    request: (w, where) => ({ path: `/campaigns/${where === "inside" ? w.campaign : w.otherCampaign}` }),
    expect: everyone(200, 404),
  },
  {
    name: "POST /sync (a registration)",
    request: (w, where) => ({ path: "/sync", body: { campaignId: w.campaign, pull: false, registrations: [collective(w.unit[where])] } }),
    expect: only(["admin", "clerk", "judge", "approver"], 200, 200),
    check: (body, role, where) => {
      const writes = role === "admin" || role === "clerk";
      expect(body.results[0].outcome).toBe(writes && where === "inside" ? "created" : "forbidden");
    },
  },
  {
    name: "GET /campaigns/:id/reports/units",
    request: (w, where) => ({ path: `/campaigns/${w.campaign}/reports/units?scope=${w.unit[where]}` }),
    expect: everyone(200, 403),
  },
  {
    name: "GET /campaigns/:id/reports/scores?format=csv",
    request: (w, where) => ({ path: `/campaigns/${w.campaign}/reports/scores?format=csv&scope=${w.unit[where]}` }),
    expect: everyone(200, 403),
  },
  {
    name: "GET /campaigns/:id/reports/list?asOf=",
    request: (w, where) => ({ path: `/campaigns/${w.campaign}/reports/list?asOf=2024-06-30&scope=${w.unit[where]}` }),
    expect: everyone(200, 403),
  },
  { name: "GET /campaigns/:id/scoring", request: (w) => ({ path: `/campaigns/${w.campaign}/scoring` }), expect: only(["judge"], 200, 200) },
  {
    name: "GET /campaigns/:id/scoring/print",
    request: (w, where) => ({ path: `/campaigns/${where === "inside" ? w.campaign : w.otherCampaign}/scoring/print` }),
    expect: only(["judge"], 200, 404),
  },
  {
    name: "GET /campaigns/:id/forms",
    request: (w, where) => ({ path: `/campaigns/${w.campaign}/forms?scope=${w.unit[where]}` }),
    expect: everyone(200, 403),
  },
  {
    name: "GET /registrations/:id/form.xlsx",
    request: (w, where) => ({ path: `/registrations/${w.registration[where]}/form.xlsx` }),
    expect: everyone(200, 404),
  },
  {
    name: "GET /campaigns/:id/review-sheet",
    request: (w, where) => ({ path: `/campaigns/${w.campaign}/review-sheet?scope=${w.unit[where]}` }),
    expect: only(["approver"], 200, 403),
  },
  {
    name: "POST /registrations/:id/review",
    request: (w, where) => ({ path: `/registrations/${w.registration[where]}/review`, body: { to: "withdrawn", note: "thử" } }),
    expect: only(["approver"], 200, 403),
  },
  {
    name: "POST /registrations/:id/review/undo",
    // Runs after the route above withdrew the registration: the undo brings it back.
    request: (w, where) => ({ path: `/registrations/${w.registration[where]}/review/undo`, body: {} }),
    expect: only(["approver"], 200, 403),
  },
  {
    name: "GET /registrations/:id/history",
    request: (w, where) => ({ path: `/registrations/${w.registration[where]}/history` }),
    expect: everyone(200, 404),
    // The inside registration was scored by the commune's judge: name and points for
    // admins, approvers and that judge only (every other case: history-privacy.suite.ts).
    check: (body, role) => {
      const score = body.find((e: { entity: string }) => e.entity === "score");
      if (role === "admin" || role === "approver" || role === "judge") {
        expect(score).toMatchObject({ officer: { name: callers.judge.name }, after: { total: 85 }, summary: null });
      } else {
        expect(score).toMatchObject({ officer: null, before: null, after: null, version: null, summary: "Thành viên hội đồng đã chấm" });
      }
    },
  },
  {
    name: "POST /registrations/:id/attachments",
    request: (w, where) => ({
      path: `/registrations/${w.registration[where]}/attachments`,
      method: "POST",
      rawBody: PDF,
      headers: { "content-type": "application/pdf", "x-file-name": encodeURIComponent("Biên bản.pdf") },
    }),
    expect: only(["admin", "clerk"], 201, 403),
  },
  {
    name: "GET /registrations/:id/attachments",
    request: (w, where) => ({ path: `/registrations/${w.registration[where]}/attachments` }),
    expect: everyone(200, 404),
    check: (body) => expect(body.length).toBeGreaterThan(0),
  },
  {
    name: "GET /attachments/:id",
    request: (w, where) => ({ path: `/attachments/${w.attachment[where]}` }),
    expect: everyone(200, 404),
    check: (body) => expect(body).toBe(PDF),
  },
  {
    name: "POST /attachments/links",
    request: (w, where) => ({ path: "/attachments/links", body: { ids: [w.attachment[where]] } }),
    expect: everyone(201, 201),
    check: (body, _role, where) => {
      expect(body.links.length).toBe(where === "inside" ? 1 : 0);
      expect(body.missing.length).toBe(where === "inside" ? 0 : 1);
    },
  },
  {
    name: "DELETE /attachments/:id",
    request: (w, where) => ({ path: `/attachments/${w.disposable[where].pop()}`, method: "DELETE" }),
    expect: only(["admin", "clerk"], 204, 403),
  },
  {
    name: "POST /review (bulk)",
    request: (w, where) => ({ path: "/review", body: { ids: [w.registration[where]], to: "withdrawn" } }),
    expect: only(["approver"], 200, 200),
    check: (body, role, where) => {
      if (role === "approver") expect(body.results[0].outcome).toBe(where === "inside" ? "updated" : "forbidden");
    },
  },
  {
    name: "POST /downloads",
    request: (w, where) => ({ path: "/downloads", body: { campaignId: w.campaign, table: "units", scope: w.unit[where], format: "csv" } }),
    expect: everyone(201, 403),
  },
  {
    name: "POST /downloads (a registration's form)",
    request: (w, where) => ({ path: "/downloads", body: { document: "form", registrationId: w.registration[where] } }),
    expect: everyone(201, 404),
  },
  {
    name: "POST /downloads (a judge's scoring sheet)",
    request: (w, where) => ({ path: "/downloads", body: { document: "scoring", campaignId: where === "inside" ? w.campaign : w.otherCampaign } }),
    expect: only(["judge"], 201, 404),
  },
  {
    name: "POST /admin/org-units",
    request: (_w, where) => ({
      path: "/admin/org-units",
      body: { units: [{ code: `AM-${++n}`, name: "Thôn thử", kind: "village", parentCode: where === "inside" ? "04861" : "AM-OTHER-X" }] },
    }),
    expect: only(["admin"], 200, 200),
    check: (body, role, where) => {
      if (role === "admin") expect(body.results[0].outcome).toBe(where === "inside" ? "created" : "invalid");
    },
  },
  {
    name: "POST /admin/campaigns",
    request: (w, where) => ({ path: "/admin/campaigns", body: { orgUnitId: w.unit[where], year: 2030, title: `Kế hoạch ${++n}`, deadline: "2030-03-25" } }),
    expect: only(["admin"], 201, 403),
  },
  {
    name: "PUT /admin/campaigns/:id/rubric",
    request: (w, where) => ({ path: `/admin/campaigns/${where === "inside" ? w.campaign : w.otherCampaign}/rubric`, method: "PUT", body: DEFAULT_RUBRIC }),
    expect: only(["admin"], 200, 403),
  },
  {
    name: "POST /admin/campaigns/:id/registration",
    request: (w, where) => ({ path: `/admin/campaigns/${where === "inside" ? w.campaign : w.otherCampaign}/registration`, body: { open: true } }),
    expect: only(["admin"], 200, 403),
  },
  {
    name: "PATCH /admin/campaigns/:id",
    request: (w, where) => ({
      path: `/admin/campaigns/${where === "inside" ? w.campaign : w.otherCampaign}`,
      method: "PATCH",
      body: { planRef: `Kế hoạch số 113-KH/ĐU (sửa lần ${++n})` },
    }),
    expect: only(["admin"], 200, 403),
    check: (body, role) => {
      if (role === "admin") expect(body.lastChange).toMatchObject({ fields: ["planRef"] });
    },
  },
  {
    name: "PUT /admin/campaigns/:id/plans/:orgUnitId",
    request: (w, where) => ({
      path: `/admin/campaigns/${w.campaign}/plans/${w.unit[where]}`,
      method: "PUT",
      body: { planRef: "Kế hoạch số 97-KH/ĐU", deadline: "2023-03-31" },
    }),
    expect: only(["admin"], 200, 403),
    check: (body, role, where) => {
      if (role === "admin") expect(body.plans.map((p: { orgUnitId: number }) => p.orgUnitId)).toContain(world.province.unit[where]);
    },
  },
  {
    name: "DELETE /admin/campaigns/:id/plans/:orgUnitId",
    // Runs after the route above set the plan inside: deleting it takes it away again.
    request: (w, where) => ({ path: `/admin/campaigns/${w.campaign}/plans/${w.unit[where]}`, method: "DELETE" }),
    expect: only(["admin"], 200, 403),
    check: (body, role) => {
      if (role === "admin") expect(body.plans).toEqual([]);
    },
  },
  { name: "GET /admin/officers", request: () => ({ path: "/admin/officers" }), expect: only(["admin"], 200, 200) },
  {
    name: "POST /admin/officers",
    request: (w, where) => ({ path: "/admin/officers", body: { name: "Mới", roles: ["viewer"], scopeId: w.unit[where], unitId: w.unit[where] } }),
    expect: only(["admin"], 201, 403),
  },
  {
    name: "POST /admin/officers/:id/revoke",
    request: (w, where) => ({ path: `/admin/officers/${w.officer[where]}/revoke`, body: {} }),
    expect: only(["admin"], 200, 403),
  },
];

async function mint(name: string, roles: Role[], scopeId: number, extra: { expiresAt?: string } = {}): Promise<{ id: number; token: string }> {
  const token = generateToken();
  const id = await insertOfficer(env.DB, { name, roles, scopeId, unitId: scopeId, tokenHash: await hashToken(token), expiresAt: extra.expiresAt ?? null });
  return { id, token };
}

const world: Record<"province" | "commune", World> = {} as never;
const callers: Record<Role, DemoOfficer> = {} as never;
let expired: string;
let revoked: string;

beforeAll(async () => {
  const officers = await demo();
  for (const role of ["clerk", "judge", "approver", "viewer"] as Role[]) callers[role] = officers.find((o) => o.scopeName === "Xã Hà Giang" && o.roles.includes(role))!;
  callers.admin = officers.find((o) => o.roles.includes("admin"))!;
  await insertMissingOrgUnits(env.DB, [
    { code: "AM-OTHER", name: "Tỉnh ngoài", kind: "province", parentCode: null },
    { code: "AM-OTHER-X", name: "Xã ngoài tỉnh", kind: "commune", parentCode: "AM-OTHER" },
  ]);
  const otherProvince = await unitId("Tỉnh ngoài");
  const otherCampaign = await ensureCampaign(env.DB, {
    orgUnitId: otherProvince, year: 2023, title: "Kế hoạch tỉnh ngoài", planRef: null, deadline: "2023-03-25",
    levels: DEFAULT_LEVELS, expectedKinds: DEFAULT_EXPECTED_KINDS, rubric: DEFAULT_RUBRIC,
  });
  const campaign = await campaignId();
  const haGiang = await unitId("Xã Hà Giang");
  const haLinh = await unitId("Xã Hà Lĩnh");
  const otherCommune = await unitId("Xã ngoài tỉnh");
  // A registration in each place, filed by someone allowed there.
  const outsider = await mint("Quản trị tỉnh ngoài", ["admin"], otherProvince);
  const registration = async (token: string, unit: number, cid: number) => {
    const item = collective(unit);
    const res = await json(await call("/api/v1/sync", { token, body: { campaignId: cid, registrations: [item], pull: false } }));
    expect(res.results[0].outcome).toBe("created");
    return item.id;
  };
  const inHaGiang = await registration(callers.clerk.token, await unitId("Thôn Trung Chính"), campaign);
  const inHaLinh = await registration((officers.find((o) => o.scopeName === "Xã Hà Lĩnh"))!.token, await unitId("Thôn 1 Hà Lĩnh"), campaign);
  const inOther = await registration(outsider.token, otherCommune, otherCampaign);
  const file = async (token: string, registrationId: string) => {
    const res = await call(`/api/v1/registrations/${registrationId}/attachments`, {
      token,
      rawBody: PDF,
      headers: { "content-type": "application/pdf", "x-file-name": "minh-chung.pdf" },
    });
    expect(res.status).toBe(201);
    return (await json(res)).id as string;
  };
  const files = async (token: string, registrationId: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await file(token, registrationId));
    return ids;
  };
  const haLinhClerk = officers.find((o) => o.scopeName === "Xã Hà Lĩnh")!;
  // Each world's DELETE runs once per role in each place, and four more times inside with bad tokens.
  const attachment = { haGiang: await file(callers.clerk.token, inHaGiang), haLinh: await file(haLinhClerk.token, inHaLinh), other: await file(outsider.token, inOther) };
  const disposable = {
    haGiang: await files(callers.clerk.token, inHaGiang, 9),
    haLinh: await files(haLinhClerk.token, inHaLinh, 4),
    other: await files(outsider.token, inOther, 1),
  };
  const scored = await json(await call("/api/v1/sync", { token: callers.judge.token, body: { campaignId: campaign, pull: false, scores: [collectiveScore(inHaGiang, [18, 17, 16, 19, 15])] } }));
  expect(scored.scoreResults[0].outcome).toBe("created");
  world.commune = {
    campaign,
    otherCampaign,
    unit: { inside: haGiang, outside: haLinh },
    registration: { inside: inHaGiang, outside: inHaLinh },
    officer: { inside: (await mint("Trong xã", ["viewer"], haGiang)).id, outside: (await mint("Ngoài xã", ["viewer"], haLinh)).id },
    attachment: { inside: attachment.haGiang, outside: attachment.haLinh },
    disposable: { inside: disposable.haGiang, outside: disposable.haLinh },
  };
  world.province = {
    campaign,
    otherCampaign,
    unit: { inside: haGiang, outside: otherCommune },
    registration: { inside: inHaGiang, outside: inOther },
    officer: { inside: (await mint("Trong tỉnh", ["viewer"], haGiang)).id, outside: (await mint("Ngoài tỉnh", ["viewer"], otherProvince)).id },
    attachment: { inside: attachment.haGiang, outside: attachment.other },
    disposable: { inside: disposable.haGiang, outside: disposable.other },
  };
  expired = (await mint("Hết hạn", ["admin", "clerk", "judge", "approver", "viewer"], haGiang, { expiresAt: "2020-01-01T00:00:00Z" })).token;
  const r = await mint("Bị thu hồi", ["admin", "clerk", "judge", "approver", "viewer"], haGiang);
  await env.DB.prepare("UPDATE officers SET revoked_at = '2026-01-01T00:00:00Z' WHERE id = ?1").bind(r.id).run();
  revoked = r.token;
});

const ROLES: Role[] = ["admin", "clerk", "judge", "approver", "viewer"];

describe.each(ROUTES)("$name", (route) => {
  it.each(ROLES.flatMap((role) => (["inside", "outside"] as Where[]).map((where) => [role, where] as const)))(
    "as %s, %s the scope",
    async (role, where) => {
      const w = role === "admin" ? world.province : world.commune;
      const req = route.request(w, where);
      const res = await call(`/api/v1${req.path}`, {
        token: callers[role].token,
        method: req.method ?? (req.body ? "POST" : "GET"),
        body: req.body,
        rawBody: req.rawBody,
        headers: req.headers,
      });
      const expected = route.expect(role, where);
      const type = res.headers.get("content-type") ?? "";
      const body = type.startsWith("application/json") ? await json(res) : await res.text();
      expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(expected);
      if (expected >= 400) expect(body).toEqual({ code: expect.any(String), message: expect.any(String), ...(body.errors ? { errors: body.errors } : {}) });
      else route.check?.(body, role, where);
    },
  );

  it.each([
    ["no token", undefined, "token_missing"],
    ["a malformed token", "not-a-token", "token_invalid"],
    ["an expired token", () => expired, "token_expired"],
    ["a revoked token", () => revoked, "token_revoked"],
  ] as const)("refuses %s with 401", async (_name, token, code) => {
    const req = route.request(world.commune, "inside");
    const headers: Record<string, string> = { ...req.headers };
    if (token !== undefined) headers.authorization = `Bearer ${typeof token === "function" ? token() : token}`;
    const res = await call(`/api/v1${req.path}`, { method: req.method ?? (req.body ? "POST" : "GET"), body: req.body, rawBody: req.rawBody, headers });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({ code, message: expect.any(String) });
  });
});

describe("routes that need no token", () => {
  it("GET /health answers anyone", async () => {
    expect((await call("/api/v1/health")).status).toBe(200);
  });

  it("GET /downloads/:ticket answers only a live ticket", async () => {
    expect((await call(`/api/v1/downloads/${generateToken()}`)).status).toBe(404);
    expect((await call("/api/v1/downloads/nonsense")).status).toBe(404);
  });

  it("GET /downloads/:ticket/:attachmentId answers only a live ticket naming that file", async () => {
    expect((await call(`/api/v1/downloads/${generateToken()}/${world.commune.attachment.inside}`)).status).toBe(404);
    expect((await call(`/api/v1/downloads/nonsense/${world.commune.attachment.inside}`)).status).toBe(404);
  });
});
