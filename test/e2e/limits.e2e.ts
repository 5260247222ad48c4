import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");
const admin = inject("officers").find((o) => o.roles.includes("admin"))!;

describe("limits on the real worker (wrangler.toml)", () => {
  it("answers 429 with Retry-After once a token passes 600 requests in a minute", async () => {
    // A token of its own, so the other browser tests keep theirs.
    const [province] = await (await fetch(`${baseUrl}/api/v1/org-units`, { headers: { authorization: `Bearer ${admin.token}` } })).json();
    const minted = await fetch(`${baseUrl}/api/v1/admin/officers`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Người gửi dồn dập", roles: ["viewer"], scopeId: province.id, unitId: province.id }),
    });
    const { token } = await minted.json();
    const statuses: number[] = [];
    let limited: Response | null = null;
    // The binding counts in fixed windows on the clock's minutes (miniflare's ratelimit
    // worker: Math.floor(Date.now() / 60_000)), so a burst may straddle a new minute and
    // start counting again. The burst takes seconds, so it crosses one boundary at most,
    // and up to 1,300 requests put over 600 into one of its two windows.
    for (let i = 0; i < 1_300 && !limited; i += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })));
      for (const a of answers) {
        statuses.push(a.status);
        if (a.status === 429) limited ??= a;
        else await a.arrayBuffer();
      }
    }
    expect(limited).not.toBeNull();
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(550);
    expect(limited!.headers.get("retry-after")).toBe("60");
    expect(await limited!.json()).toEqual({ code: "rate_limited", message: expect.any(String) });
  }, 120_000);

  it("refuses a body over 8 MB with 413 and a request over 1,000 items with 413 saying how to split", async () => {
    const headers = { authorization: `Bearer ${admin.token}`, "content-type": "application/json" };
    const big = await fetch(`${baseUrl}/api/v1/sync`, { method: "POST", headers, body: `{"campaignId":1,"registrations":["${"x".repeat(9 * 1024 * 1024)}"]}` });
    expect(big.status).toBe(413);
    expect((await big.json()).code).toBe("payload_too_large");
    const many = await fetch(`${baseUrl}/api/v1/sync`, { method: "POST", headers, body: JSON.stringify({ campaignId: 1, registrations: Array.from({ length: 1001 }, () => ({})) }) });
    expect(many.status).toBe(413);
    expect((await many.json()).message).toMatch(/chia thành 2 lần gửi/);
  });
});
