import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { collective, sync } from "./registrations.ts";

let admin: DemoOfficer;

beforeAll(async () => {
  admin = await officer("admin");
});

async function upsert(units: unknown[], who: DemoOfficer = admin) {
  const res = await call("/api/v1/admin/org-units", { token: who.token, body: { units } });
  return { status: res.status, body: await json(res) };
}

const unitByCode = (code: string) =>
  env.DB.prepare("SELECT id, parent_id, name, kind, path, depth FROM org_units WHERE code = ?1").bind(code).first<{
    id: number;
    parent_id: number | null;
    name: string;
    kind: string;
    path: string;
    depth: number;
  }>();

describe("POST /api/v1/admin/org-units", () => {
  it("creates a commune and its villages in any order (children before their parent)", async () => {
    const { status, body } = await upsert([
      { code: "T1-V1", name: "Thôn Một", kind: "village", parentCode: "T1" },
      { code: "T1-V2", name: "Thôn Hai", kind: "village", parentCode: "T1" },
      { code: "T1", name: "Xã Thử Nghiệm", kind: "commune", parentCode: "392" },
    ]);
    expect(status).toBe(200);
    expect(body.results.map((r: { code: string; outcome: string }) => [r.code, r.outcome])).toEqual([
      ["T1-V1", "created"],
      ["T1-V2", "created"],
      ["T1", "created"],
    ]);
    const commune = await unitByCode("T1");
    const district = await unitByCode("392");
    const village = await unitByCode("T1-V1");
    expect(commune!.parent_id).toBe(district!.id);
    expect(commune!.path).toBe(`${district!.path}${commune!.id}/`);
    expect(village!.path).toBe(`${commune!.path}${village!.id}/`);
    expect(village!.depth).toBe(commune!.depth + 1);
    expect(body.results[2].id).toBe(commune!.id);
  });

  it("answers unchanged for the same list again, and keeps ids on a rename", async () => {
    const list = [{ code: "T2", name: "Xã Hai", kind: "commune", parentCode: "392" }];
    const first = await upsert(list);
    expect((await upsert(list)).body.results[0]).toEqual({ code: "T2", id: first.body.results[0].id, outcome: "unchanged" });
    const renamed = await upsert([{ ...list[0], name: "Phường Hai" }]);
    expect(renamed.body.results[0]).toEqual({ code: "T2", id: first.body.results[0].id, outcome: "updated" });
    expect((await unitByCode("T2"))!.name).toBe("Phường Hai");
  });

  it("moves a unit with its whole subtree, and its registrations go with it to the new area's clerks", async () => {
    await upsert([
      { code: "M1", name: "Xã Sẽ Chuyển", kind: "commune", parentCode: "392" },
      { code: "M1-V", name: "Thôn Sẽ Chuyển", kind: "village", parentCode: "M1" },
      { code: "M1-V-T", name: "Tổ Sẽ Chuyển", kind: "village", parentCode: "M1-V" },
    ]);
    const tổ = await unitByCode("M1-V-T");
    const item = collective(tổ!.id);
    expect((await sync(admin, { registrations: [item] })).body.results[0].outcome).toBe("created");

    const vinhLoc = await unitByCode("393");
    const { body } = await upsert([{ code: "M1", name: "Xã Sẽ Chuyển", kind: "commune", parentCode: "393" }]);
    expect(body.results[0].outcome).toBe("updated");
    const m1 = await unitByCode("M1");
    expect(m1!.path).toBe(`${vinhLoc!.path}${m1!.id}/`);
    const moved = await unitByCode("M1-V-T");
    expect(moved!.id).toBe(tổ!.id);
    expect(moved!.path.startsWith(m1!.path)).toBe(true);
    expect(moved!.depth).toBe(m1!.depth + 2);
    // The registration now belongs to Vĩnh Lộc's subtree, and comes up in its pull.
    const row = await env.DB.prepare(
      "SELECT u.path FROM registrations r JOIN org_units u ON u.id = r.org_unit_id WHERE r.id = ?1",
    ).bind(item.id).first<{ path: string }>();
    expect(row!.path.startsWith(vinhLoc!.path)).toBe(true);
  });

  it("refuses each bad row with its reason in Vietnamese while the good rows land", async () => {
    const { status, body } = await upsert([
      { code: "OK-1", name: "Xã Tốt", kind: "commune", parentCode: "392" },
      { code: "X-1", name: "Thôn Mồ Côi", kind: "village", parentCode: "KHONG-CO" },
      { code: "DUP", name: "Một", kind: "village", parentCode: "OK-1" },
      { code: "DUP", name: "Hai", kind: "village", parentCode: "OK-1" },
      { code: "C-A", name: "Vòng A", kind: "village", parentCode: "C-B" },
      { code: "C-B", name: "Vòng B", kind: "village", parentCode: "C-A" },
      { code: "E-1", name: "   ", kind: "village", parentCode: "OK-1" },
      { code: "CHILD-OF-BAD", name: "Con", kind: "village", parentCode: "X-1" },
      { code: "SELF", name: "Tự", kind: "village", parentCode: "SELF" },
    ]);
    expect(status).toBe(200);
    const outcome = Object.fromEntries(
      body.results.map((r: { code: string; outcome: string; errors?: { path: string; code: string; message: string }[] }, i: number) => [
        `${i}:${r.code}`,
        `${r.outcome}${r.errors ? `:${r.errors[0]!.path}:${r.errors[0]!.code}` : ""}`,
      ]),
    );
    expect(outcome).toEqual({
      "0:OK-1": "created",
      "1:X-1": "invalid:parentCode:unknown_org_unit",
      "2:DUP": "invalid:code:duplicate",
      "3:DUP": "invalid:code:duplicate",
      "4:C-A": "invalid:parentCode:invalid_value",
      "5:C-B": "invalid:parentCode:invalid_value",
      "6:E-1": "invalid:name:required",
      "7:CHILD-OF-BAD": "invalid:parentCode:unknown_org_unit",
      "8:SELF": "invalid:parentCode:invalid_value",
    });
    expect(body.results[4].errors[0].message).toMatch(/vòng lặp/);
    expect(body.results[7].errors[0].message).toMatch(/có lỗi ở dòng khác/);
    expect(await unitByCode("OK-1")).not.toBeNull();
    for (const code of ["X-1", "DUP", "C-A", "C-B", "E-1", "CHILD-OF-BAD", "SELF"]) expect(await unitByCode(code)).toBeNull();
  });

  it("refuses a move under one's own descendant as a cycle", async () => {
    await upsert([
      { code: "P", name: "Cha", kind: "commune", parentCode: "392" },
      { code: "P-C", name: "Con", kind: "village", parentCode: "P" },
    ]);
    const { body } = await upsert([{ code: "P", name: "Cha", kind: "commune", parentCode: "P-C" }]);
    expect(body.results[0]).toMatchObject({ outcome: "invalid", errors: [{ code: "invalid_value" }] });
    expect((await unitByCode("P"))!.parent_id).toBe((await unitByCode("392"))!.id);
  });

  it("keeps a commune admin inside the commune", async () => {
    const { token } = await json(
      await call("/api/v1/admin/officers", {
        token: admin.token,
        body: { name: "QT xã", roles: ["admin"], scopeId: (await unitByCode("04861"))!.id, unitId: (await unitByCode("04861"))!.id },
      }),
    );
    const communeAdmin = { ...admin, token };
    const { body } = await upsert(
      [
        { code: "HG-NEW", name: "Thôn Mới", kind: "village", parentCode: "04861" },
        { code: "HL-NEW", name: "Thôn Lấn", kind: "village", parentCode: "04864" },
        { code: "04864", name: "Đổi tên xã khác", kind: "commune", parentCode: "392" },
        { code: "04861", name: "Xã Hà Giang", kind: "commune", parentCode: "393" },
      ],
      communeAdmin,
    );
    expect(body.results.map((r: { outcome: string; errors?: { code: string }[] }) => `${r.outcome}${r.errors ? `:${r.errors[0]!.code}` : ""}`)).toEqual([
      "created",
      "invalid:out_of_scope",
      "invalid:out_of_scope",
      "invalid:out_of_scope",
    ]);
  });

  it("refuses more than 5,000 units whole, with 413 and how to split", async () => {
    const units = Array.from({ length: 5001 }, (_, i) => ({ code: `BIG-${i}`, name: `Thôn ${i}`, kind: "village", parentCode: "392" }));
    const { status, body } = await upsert(units);
    expect(status).toBe(413);
    expect(body.message).toMatch(/5\.000.*5\.001.*2 lần gửi/);
  });

  it("takes 5,000 villages of a province in one request", async () => {
    const units = Array.from({ length: 5000 }, (_, i) => ({ code: `V5K-${i}`, name: `Thôn số ${i}`, kind: "village", parentCode: "393" }));
    const { status, body } = await upsert(units);
    expect(status).toBe(200);
    expect(body.results.every((r: { outcome: string }) => r.outcome === "created")).toBe(true);
    const n = await env.DB.prepare("SELECT count(*) n FROM org_units WHERE code LIKE 'V5K-%'").first<{ n: number }>();
    expect(n!.n).toBe(5000);
  });

  it("is for admins only, and audits every change", async () => {
    const clerk = await officer("clerk");
    expect((await upsert([{ code: "Z", name: "Z", kind: "village", parentCode: "38" }], clerk)).status).toBe(403);
    await upsert([{ code: "AUD", name: "Thôn Kiểm", kind: "village", parentCode: "04861" }]);
    const unit = await unitByCode("AUD");
    const audit = await env.DB.prepare("SELECT officer_id, action, after FROM audit_log WHERE entity = 'org_unit' AND entity_id = ?1")
      .bind(String(unit!.id))
      .first<{ officer_id: number; action: string; after: string }>();
    expect(audit!.action).toBe("create");
    expect(JSON.parse(audit!.after)).toMatchObject({ code: "AUD", name: "Thôn Kiểm" });
  });
});
