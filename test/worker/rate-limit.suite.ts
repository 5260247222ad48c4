import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index.ts";
import { generateToken } from "../../worker/tokens.ts";
import { BASE, officer } from "./helpers.ts";

/** A limiter that lets `allowed` calls through per key, then refuses (the real binding is tested against wrangler dev). */
function limiter(allowed: number) {
  const seen = new Map<string, number>();
  return {
    keys: seen,
    async limit({ key }: { key: string }) {
      seen.set(key, (seen.get(key) ?? 0) + 1);
      return { success: seen.get(key)! <= allowed };
    },
  };
}

describe("the per-token rate limit", () => {
  it("answers 429 with Retry-After once a token is over its limit, and counts each token apart", async () => {
    const clerk = await officer("clerk");
    const viewer = await officer("viewer");
    const fake = limiter(3);
    const get = (token: string) =>
      worker.fetch(new Request(`${BASE}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } }), { ...env, RATE_LIMITER: fake } as never);
    for (let i = 0; i < 3; i++) expect((await get(clerk.token)).status).toBe(200);
    const refused = await get(clerk.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.json()).toEqual({ code: "rate_limited", message: expect.stringMatching(/chờ/) });
    expect((await get(viewer.token)).status).toBe(200);
  });

  it("slows down guessing: unknown tokens count against the caller's address", async () => {
    const fake = limiter(2);
    const guess = () =>
      worker.fetch(
        new Request(`${BASE}/api/v1/me`, { headers: { authorization: `Bearer ${generateToken()}`, "cf-connecting-ip": "203.0.113.7" } }),
        { ...env, RATE_LIMITER: fake } as never,
      );
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(401);
    expect((await guess()).status).toBe(429);
    expect([...fake.keys.keys()]).toEqual(["ip:203.0.113.7"]);
  });
});
