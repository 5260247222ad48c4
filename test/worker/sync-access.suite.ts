import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { insertMissingOrgUnits } from "../../worker/sql/org-units.ts";
import { demo } from "./helpers.ts";
import { collective, countRows, sync, unitId } from "./registrations.ts";

type Expect = "created" | "forbidden" | 403;

// Every role against a unit inside and outside its scope. The province admin's
// "outside" is a second province; everyone else's is the neighbouring commune.
const MATRIX: { who: string; role: string; inside: Expect; outside: Expect }[] = [
  { who: "Trần Quốc Hưng", role: "admin (province)", inside: "created", outside: "forbidden" },
  { who: "Nguyễn Thị Hoa", role: "clerk (Hà Giang)", inside: "created", outside: "forbidden" },
  { who: "Lê Văn Bình", role: "judge (Hà Giang)", inside: "forbidden", outside: "forbidden" },
  { who: "Hoàng Văn Sơn", role: "approver (Hà Giang)", inside: "forbidden", outside: "forbidden" },
  { who: "Vũ Thị Lan", role: "viewer (Hà Giang)", inside: 403, outside: 403 },
];

let officers: DemoOfficer[];
let haGiangVillage: number;
let haLinhVillage: number;
let otherProvinceUnit: number;

beforeAll(async () => {
  officers = await demo();
  haGiangVillage = await unitId("Thôn Trung Chính");
  haLinhVillage = await unitId("Thôn 1 Hà Lĩnh");
  await insertMissingOrgUnits(env.DB, [
    { code: "OTHER-01", name: "Tỉnh khác", kind: "province", parentCode: null },
    { code: "OTHER-01-X", name: "Xã ngoài", kind: "commune", parentCode: "OTHER-01" },
  ]);
  otherProvinceUnit = await unitId("Xã ngoài");
});

const by = (name: string) => officers.find((o) => o.name === name)!;

describe.each(MATRIX)("sync as $role", ({ who, inside, outside }) => {
  it.each([
    ["inside", () => haGiangVillage, inside],
    ["outside", () => (who === "Trần Quốc Hưng" ? otherProvinceUnit : haLinhVillage), outside],
  ] as const)("pushing a registration %s its scope: %s", async (_where, unit, expected) => {
    const item = collective(unit());
    const { status, body } = await sync(by(who), { registrations: [item] });
    if (expected === 403) {
      expect(status).toBe(403);
      expect(body.code).toBe("forbidden_role");
    } else {
      expect(status).toBe(200);
      expect(body.results[0].outcome).toBe(expected);
      if (expected === "forbidden") expect(body.results[0].errors[0].message).toBeTruthy();
    }
    expect(await countRows("SELECT count(*) n FROM registrations WHERE id = ?1", item.id)).toBe(expected === "created" ? 1 : 0);
  });
});

describe("a commune's token and another commune's registrations", () => {
  it("can neither overwrite, delete nor see them, even knowing their id", async () => {
    const haLinhClerk = by("Bùi Văn Tâm");
    const theirs = collective(haLinhVillage);
    expect((await sync(haLinhClerk, { registrations: [theirs] })).body.results[0].outcome).toBe("created");

    const clerk = by("Nguyễn Thị Hoa");
    const hijack = await sync(clerk, { registrations: [{ ...theirs, baseVersion: 1, orgUnitId: haGiangVillage, modelName: "chiếm" }] });
    expect(hijack.body.results[0]).toMatchObject({ outcome: "forbidden", version: null });
    expect(hijack.body.results[0].current).toBeUndefined();
    const del = await sync(clerk, { registrations: [{ id: theirs.id, baseVersion: 1, deleted: true }] });
    expect(del.body.results[0].outcome).toBe("forbidden");
    const row = await env.DB.prepare("SELECT model_name, deleted, version FROM registrations WHERE id = ?1").bind(theirs.id).first();
    expect(row).toEqual({ model_name: theirs.modelName, deleted: 0, version: 1 });

    let cursor: string | null = null;
    for (;;) {
      const { body } = await sync(clerk, { cursor });
      expect(body.changes.some((c: { id: string }) => c.id === theirs.id)).toBe(false);
      cursor = body.cursor;
      if (!body.more) break;
    }
  });
});
