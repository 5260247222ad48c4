import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { call, json, officer } from "./helpers.ts";

async function subtreeOf(token: string): Promise<OrgUnit[]> {
  const res = await call("/api/v1/org-units", { token });
  expect(res.status).toBe(200);
  return json<OrgUnit[]>(res);
}

describe("GET /api/v1/org-units", () => {
  it("gives a commune officer exactly the commune's subtree, parents before children", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const units = await subtreeOf(clerk.token);
    expect(units[0]).toMatchObject({ id: clerk.scopeId, name: "Xã Hà Giang", kind: "commune" });
    const seen = new Set<number>();
    for (const u of units) {
      if (u.id !== clerk.scopeId) expect(seen.has(u.parentId!)).toBe(true);
      seen.add(u.id);
    }
    expect(units.map((u) => u.name)).toEqual(expect.arrayContaining(["Thôn Trung Chính", "Công an xã", "Hội Nông dân xã"]));
    expect(units.every((u) => u.id === clerk.scopeId || u.parentId === clerk.scopeId)).toBe(true);
  });

  it("never lists another commune's units", async () => {
    const haGiang = await officer("clerk", "Xã Hà Giang");
    const haLinh = await officer("clerk", "Xã Hà Lĩnh");
    const a = new Set((await subtreeOf(haGiang.token)).map((u) => u.id));
    const b = await subtreeOf(haLinh.token);
    expect(b.length).toBeGreaterThan(1);
    expect(b.filter((u) => a.has(u.id))).toEqual([]);
  });

  it("gives the province admin the whole tree: 2 districts, 6 communes", async () => {
    const admin = await officer("admin");
    const units = await subtreeOf(admin.token);
    expect(units.filter((u) => u.kind === "district")).toHaveLength(2);
    expect(units.filter((u) => u.kind === "commune")).toHaveLength(6);
    expect(units.filter((u) => u.kind === "village").length).toBeGreaterThanOrEqual(6 * 3);
  });
});

describe("the order of GET /api/v1/org-units", () => {
  it("keeps siblings in the order they were added when their ids pass from two digits to three", async () => {
    const admin = await officer("admin");
    const { results } = await env.DB.prepare("SELECT max(id) AS top FROM org_units").all<{ top: number }>();
    // Enough villages that ids run past 99 (and past 999 if the area is already bigger).
    const width = String(results[0]!.top).length;
    const count = 10 ** width - results[0]!.top + 3;
    const units = [
      { code: "ORD-XA", name: "Xã Thứ Tự", kind: "commune", parentCode: "392" },
      ...Array.from({ length: count }, (_, i) => ({ code: `ORD-${i}`, name: `Thôn ${i}`, kind: "village", parentCode: "ORD-XA" })),
    ];
    expect((await call("/api/v1/admin/org-units", { token: admin.token, body: { units } })).status).toBe(200);
    const listed = (await subtreeOf(admin.token)).filter((u) => u.name === "Xã Thứ Tự" || u.name.startsWith("Thôn ") && /^Thôn \d+$/.test(u.name));
    expect(listed.map((u) => u.name)).toEqual(["Xã Thứ Tự", ...units.slice(1).map((u) => u.name)]);
    expect(String(listed.at(-1)!.id).length).toBe(width + 1);
  });
});
