import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { hashToken } from "../../worker/tokens.ts";
import { call, json, officer } from "./helpers.ts";
import { unitId } from "./registrations.ts";

let admin: DemoOfficer;
beforeAll(async () => {
  admin = await officer("admin");
});

async function mint(body: Record<string, unknown>, who = admin) {
  const res = await call("/api/v1/admin/officers", { token: who.token, body });
  return { status: res.status, body: await json(res) };
}

describe("admin officers", () => {
  it("issues a random token once, stores only its hash, and the token works", async () => {
    const commune = await unitId("Xã Hà Sơn");
    const { status, body } = await mint({ name: "Cán bộ mới", roles: ["clerk"], scopeId: commune, unitId: commune });
    expect(status).toBe(201);
    expect(body).toEqual({ id: expect.any(Number), token: expect.stringMatching(/^dvk_[A-Za-z0-9_-]{43}$/) });
    const row = await env.DB.prepare("SELECT token_hash FROM officers WHERE id = ?1").bind(body.id).first<{ token_hash: string }>();
    expect(row!.token_hash).toBe(await hashToken(body.token));
    const me = await json(await call("/api/v1/me", { token: body.token }));
    expect(me).toMatchObject({ officer: { name: "Cán bộ mới" }, roles: ["clerk"], scope: { name: "Xã Hà Sơn" } });
    const list = await json(await call("/api/v1/admin/officers", { token: admin.token }));
    const listed = list.find((o: { id: number }) => o.id === body.id);
    expect(listed).toMatchObject({ name: "Cán bộ mới", roles: ["clerk"], scope: { name: "Xã Hà Sơn" }, revokedAt: null });
    expect(JSON.stringify(list)).not.toMatch(/dvk_|token/);
  });

  it("revokes: the token stops working on the very next request", async () => {
    const commune = await unitId("Xã Hà Sơn");
    const { body } = await mint({ name: "Sẽ thu hồi", roles: ["viewer"], scopeId: commune, unitId: commune });
    expect((await call("/api/v1/me", { token: body.token })).status).toBe(200);
    const revoke = await call(`/api/v1/admin/officers/${body.id}/revoke`, { token: admin.token, method: "POST" });
    expect((await json(revoke)).revokedAt).toMatch(/^20/);
    const after = await call("/api/v1/me", { token: body.token });
    expect(after.status).toBe(401);
    expect((await json(after)).code).toBe("token_revoked");
  });

  it("lets a token expire", async () => {
    const commune = await unitId("Xã Hà Sơn");
    const past = await mint({ name: "Hết hạn", roles: ["viewer"], scopeId: commune, unitId: commune, expiresAt: "2020-01-01T00:00:00Z" });
    expect(past.status).toBe(400);
    const soon = await mint({ name: "Sắp hết hạn", roles: ["viewer"], scopeId: commune, unitId: commune, expiresAt: "2099-01-01T00:00:00Z" });
    await env.DB.prepare("UPDATE officers SET expires_at = '2021-01-01T00:00:00Z' WHERE id = ?1").bind(soon.body.id).run();
    expect((await json(await call("/api/v1/me", { token: soon.body.token }))).code).toBe("token_expired");
  });

  it("never mints a scope wider than the admin's own", async () => {
    const communeId = await unitId("Xã Hà Giang");
    const communeAdmin = await mint({ name: "QT xã", roles: ["admin"], scopeId: communeId, unitId: communeId });
    const province = await unitId("Tỉnh Thanh Hóa (mẫu)");
    const wider = await mint({ name: "Lấn quyền", roles: ["admin"], scopeId: province, unitId: communeId }, { ...admin, token: communeAdmin.body.token });
    expect(wider.status).toBe(403);
    expect(wider.body.code).toBe("forbidden_scope");
    const other = await mint({ name: "Xã khác", roles: ["clerk"], scopeId: await unitId("Xã Hà Lĩnh"), unitId: await unitId("Xã Hà Lĩnh") }, { ...admin, token: communeAdmin.body.token });
    expect(other.status).toBe(403);
  });

  it("audits issuing and revoking", async () => {
    const commune = await unitId("Xã Hà Sơn");
    const { body } = await mint({ name: "Kiểm toán", roles: ["judge"], scopeId: commune, unitId: commune });
    await call(`/api/v1/admin/officers/${body.id}/revoke`, { token: admin.token, method: "POST" });
    const rows = await env.DB.prepare("SELECT action, after FROM audit_log WHERE entity = 'officer' AND entity_id = ?1 ORDER BY id").bind(String(body.id)).all<{ action: string; after: string }>();
    expect(rows.results.map((r) => r.action)).toEqual(["create", "revoke"]);
    expect(rows.results[0]!.after).not.toMatch(/dvk_/);
  });
});
