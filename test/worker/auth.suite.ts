import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateToken, hashToken } from "../../worker/tokens.ts";
import { call, demo, json, officer } from "./helpers.ts";

describe("bearer tokens", () => {
  it("refuses a request without a token as 401 token_missing", async () => {
    const res = await call("/api/v1/me");
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual({ code: "token_missing", message: expect.stringMatching(/mã truy cập/i) });
  });

  it.each([
    ["a malformed header", { authorization: "Token abc" }],
    ["a malformed token", { authorization: "Bearer not-a-token" }],
    ["a well-formed token nobody holds", { authorization: `Bearer ${generateToken()}` }],
  ])("refuses %s as 401 token_invalid", async (_name, headers) => {
    await demo();
    const res = await call("/api/v1/me", { headers });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe("token_invalid");
  });

  it("refuses a revoked token as 401 token_revoked, from the next request on", async () => {
    const clerk = await officer("clerk");
    const hash = await hashToken(clerk.token);
    expect((await call("/api/v1/me", { token: clerk.token })).status).toBe(200);
    await env.DB.prepare("UPDATE officers SET revoked_at = '2026-01-01T00:00:00Z' WHERE token_hash = ?1").bind(hash).run();
    const res = await call("/api/v1/me", { token: clerk.token });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe("token_revoked");
    await env.DB.prepare("UPDATE officers SET revoked_at = NULL WHERE token_hash = ?1").bind(hash).run();
  });

  it("refuses an expired token as 401 token_expired", async () => {
    const viewer = await officer("viewer");
    const hash = await hashToken(viewer.token);
    await env.DB.prepare("UPDATE officers SET expires_at = '2020-01-01T00:00:00Z' WHERE token_hash = ?1").bind(hash).run();
    const res = await call("/api/v1/me", { token: viewer.token });
    expect(res.status).toBe(401);
    expect((await json(res)).code).toBe("token_expired");
    await env.DB.prepare("UPDATE officers SET expires_at = NULL WHERE token_hash = ?1").bind(hash).run();
  });

  it("stores only the SHA-256 of each token", async () => {
    const officers = await demo();
    const { results } = await env.DB.prepare("SELECT token_hash FROM officers").all<{ token_hash: string }>();
    const stored = new Set(results.map((r) => r.token_hash));
    for (const o of officers) {
      expect(stored.has(o.token)).toBe(false);
      expect(stored.has(await hashToken(o.token))).toBe(true);
    }
  });
});

describe("GET /api/v1/me", () => {
  it("names the officer, the roles and the scope", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const res = await call("/api/v1/me", { token: clerk.token });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      officer: { id: expect.any(Number), name: clerk.name },
      roles: ["clerk"],
      scope: { id: clerk.scopeId, name: "Xã Hà Giang", kind: "commune" },
      unit: { id: clerk.unitId, name: "Xã Hà Giang", kind: "commune" },
    });
  });
});
