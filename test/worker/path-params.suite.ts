import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";

// Every path id goes through one validator (worker/validate.ts pathParams): an id that
// cannot name anything is refused as the thing it fails to name, 404, like an unknown one.

let admin: DemoOfficer;
let cid: number;
let registrationId: string;

beforeAll(async () => {
  admin = await officer("admin");
  cid = await campaignId();
  const item = collective(await unitId("Thôn Trung Chính"));
  expect((await sync(admin, { registrations: [item], pull: false })).body.results[0].outcome).toBe("created");
  registrationId = item.id;
});

describe("malformed path ids", () => {
  // Each with a caller whose role may call it, so the id is what is refused.
  type Role = "admin" | "judge" | "approver";
  const routes: [string, Role, (bad: string) => { path: string; method?: string; body?: unknown }, string, string?][] = [
    ["GET /campaigns/:id", "admin", (bad) => ({ path: `/campaigns/${bad}` }), "campaign_not_found"],
    ["GET /campaigns/:id/scoring", "judge", (bad) => ({ path: `/campaigns/${bad}/scoring` }), "campaign_not_found"],
    ["GET /campaigns/:id/review-sheet", "approver", (bad) => ({ path: `/campaigns/${bad}/review-sheet` }), "campaign_not_found"],
    ["PATCH /admin/campaigns/:id", "admin", (bad) => ({ path: `/admin/campaigns/${bad}`, method: "PATCH", body: { title: "Tên mới" } }), "campaign_not_found"],
    ["POST /admin/campaigns/:id/registration", "admin", (bad) => ({ path: `/admin/campaigns/${bad}/registration`, body: { open: true } }), "campaign_not_found"],
    ["PUT /admin/campaigns/:id/plans/:orgUnitId", "admin", (bad) => ({ path: `/admin/campaigns/${cid}/plans/${bad}`, method: "PUT", body: { planRef: "KH", deadline: "2023-03-30" } }), "org_unit_not_found"],
    ["POST /admin/officers/:id/revoke", "admin", (bad) => ({ path: `/admin/officers/${bad}/revoke`, method: "POST" }), "not_found"],
    ["POST /registrations/:id/review", "approver", (bad) => ({ path: `/registrations/${bad}/review`, body: { to: "recognized" } }), "not_found", "Không có đăng ký này."],
    ["POST /registrations/:id/review/undo", "approver", (bad) => ({ path: `/registrations/${bad}/review/undo`, body: {} }), "not_found", "Không có đăng ký này."],
    ["GET /registrations/:id/history", "admin", (bad) => ({ path: `/registrations/${bad}/history` }), "not_found", "Không có đăng ký này."],
    ["GET /registrations/:id/attachments", "admin", (bad) => ({ path: `/registrations/${bad}/attachments` }), "registration_not_found"],
    ["GET /attachments/:id", "admin", (bad) => ({ path: `/attachments/${bad}` }), "attachment_not_found"],
  ];

  it.each(routes)("%s answers 404 with the code of what it names", async (_name, role, request, code, message) => {
    const who = await officer(role);
    for (const bad of ["abc", "0", "-1", "1e3", "12345678901234567", "00000000-0000-0000-0000-00000000000g"]) {
      const r = request(bad);
      const res = await call(`/api/v1${r.path}`, { token: who.token, method: r.method, body: r.body });
      expect(res.status, `${r.path}`).toBe(404);
      expect(await json(res)).toEqual({ code, message: message ?? expect.any(String) });
    }
  });

  it("reads a registration's id in capitals as the stored one", async () => {
    const res = await call(`/api/v1/registrations/${registrationId.toUpperCase()}/history`, { token: admin.token });
    expect(res.status).toBe(200);
    expect((await json<{ action: string }[]>(res)).map((e) => e.action)).toEqual(["create"]);
  });
});

describe("JSON read back from the database", () => {
  it("refuses to rate with a stored rubric its schema no longer accepts: a logged 500, no figure", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await env.DB.prepare(`UPDATE campaigns SET rubric = json_set(rubric, '$.ratings', json('[]')) WHERE id = ?1`).bind(cid).run();
    const res = await call(`/api/v1/campaigns/${cid}`, { token: admin.token });
    expect(res.status).toBe(500);
    expect(await json(res)).toMatchObject({ code: "internal" });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
