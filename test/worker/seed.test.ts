import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { seedDemo } from "../../worker/demo/seed.ts";
import { subtreeRange, isInSubtree } from "../../worker/sql/org-units.ts";

async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}

describe("demo seed", () => {
  it("seeds once: a second run adds nothing and keeps the tokens it is given", async () => {
    const first = await seedDemo(env.DB);
    const tables = ["org_units", "campaigns", "officers", "registrations", "audit_log"];
    const counts = await Promise.all(tables.map(count));
    const second = await seedDemo(env.DB, first.map((o) => o.token));
    expect(await Promise.all(tables.map(count))).toEqual(counts);
    expect(second.map((o) => o.token)).toEqual(first.map((o) => o.token));
  });

  it("gives an officer whose token was lost a new one and invalidates the old", async () => {
    const first = await seedDemo(env.DB);
    const again = await seedDemo(env.DB, first.slice(1).map((o) => o.token));
    expect(again[0]!.token).not.toBe(first[0]!.token);
    expect(again.slice(1).map((o) => o.token)).toEqual(first.slice(1).map((o) => o.token));
  });

  it("has every role, a province, two districts and three communes in each", async () => {
    const officers = await seedDemo(env.DB);
    expect(new Set(officers.flatMap((o) => o.roles))).toEqual(new Set(["admin", "clerk", "judge", "approver", "viewer"]));
    const { results } = await env.DB.prepare(
      "SELECT p.kind AS parent, count(*) AS n FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.kind IN ('district','commune') GROUP BY p.id",
    ).all<{ parent: string; n: number }>();
    expect(results).toEqual([
      { parent: "province", n: 2 },
      { parent: "district", n: 3 },
      { parent: "district", n: 3 },
    ]);
  });
});

describe("the sample forms in the demo", () => {
  it("files the valid rows of both sample forms under xã Hà Giang, read by the same parsers, each audited", async () => {
    await seedDemo(env.DB);
    const { results } = await env.DB.prepare(
      `SELECT r.kind, r.field, r.level, r.expected_benefit, r.start_date, r.end_date, u.name AS unit
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id WHERE r.id LIKE '5b9b1f6e-%' ORDER BY r.id`,
    ).all<Record<string, unknown>>();
    expect(results).toHaveLength(15);
    expect(results.filter((r) => r.kind === "individual")).toHaveLength(5);
    expect(results[0]).toMatchObject({ field: "economy", level: "grassroots", expected_benefit: 1_200_000_000, start_date: "2023-03-01", end_date: "2023-11-30", unit: "Thôn Trung Chính" });
    expect(results[8]).toMatchObject({ start_date: "2023-04-01", end_date: "2023-04-01", unit: "Trạm Y tế xã" });
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'registration' AND entity_id LIKE '5b9b1f6e-%'").first<{ n: number }>();
    expect(audited!.n).toBe(15);
  });
});

describe("subtree paths", () => {
  it("range-scans exactly the descendants", () => {
    const [from, to] = subtreeRange("/1/7/");
    for (const p of ["/1/7/", "/1/7/42/", "/1/7/9/3/"]) expect(p >= from && p < to && isInSubtree(p, "/1/7/")).toBe(true);
    for (const p of ["/1/70/", "/1/8/", "/1/", "/1/6/99/"]) expect(p >= from && p < to).toBe(false);
  });
});
