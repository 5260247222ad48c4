import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../shared/schemas/rubric.ts";
import { DEFAULT_EXPECTED_KINDS, DEFAULT_LEVELS, TWO_TIER_EXPECTED_KINDS, TWO_TIER_LEVELS } from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";
import { makeOfficer } from "./scoring-helpers.ts";

let admin: DemoOfficer;
beforeAll(async () => {
  admin = await officer("admin");
});

const put = async (id: number, rubric: unknown, who = admin) => {
  const res = await call(`/api/v1/admin/campaigns/${id}/rubric`, { token: who.token, method: "PUT", body: rubric });
  return { status: res.status, body: await json(res) };
};

async function newCampaign(title: string) {
  const province = await unitId("Tỉnh Thanh Hóa (mẫu)");
  const res = await call("/api/v1/admin/campaigns", {
    token: admin.token,
    body: { orgUnitId: province, year: 2024, title, planRef: "KH 01", deadline: "2024-03-31" },
  });
  return { status: res.status, body: await json(res) };
}

describe("admin campaigns", () => {
  it("opens a campaign with the default levels and rubric, and refuses the same title twice", async () => {
    const { status, body } = await newCampaign("Dân vận khéo 2024");
    expect(status).toBe(201);
    expect(body).toMatchObject({ year: 2024, deadline: "2024-03-31", registrationOpen: true, rubric: DEFAULT_RUBRIC });
    const again = await newCampaign("Dân vận khéo 2024");
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/đã có kế hoạch/);
  });

  it("validates a rubric: positive maxima, unique keys, ratings from high to low down to 0, flagSpread in (0, 1]", async () => {
    const { body: c } = await newCampaign("Tiêu chí thử");
    const bad: [string, Rubric][] = [
      ["max", { ...DEFAULT_RUBRIC, collective: [{ key: "a", label: "A", max: 0 }] }],
      ["keys", { ...DEFAULT_RUBRIC, individual: [{ key: "a", label: "A", max: 50 }, { key: "a", label: "B", max: 50 }] }],
      ["order", { ...DEFAULT_RUBRIC, ratings: [{ code: "pass", label: "Đạt", min: 50 }, { code: "good", label: "Tốt", min: 75 }, { code: "fail", label: "Không đạt", min: 0 }] }],
      ["floor", { ...DEFAULT_RUBRIC, ratings: [{ code: "pass", label: "Đạt", min: 50 }] }],
      ["spread", { ...DEFAULT_RUBRIC, flagSpread: 0 }],
      ["spread", { ...DEFAULT_RUBRIC, flagSpread: 1.5 }],
    ];
    for (const [what, rubric] of bad) {
      const r = await put(c.id, rubric);
      expect(r.status, what).toBe(400);
      expect(r.body.code).toBe("invalid_request");
      expect(r.body.errors.length, what).toBeGreaterThan(0);
    }
    const good = { ...DEFAULT_RUBRIC, flagSpread: 0.25, collective: DEFAULT_RUBRIC.collective.map((x) => ({ ...x, max: 10 })) };
    const ok = await put(c.id, good);
    expect(ok.status).toBe(200);
    expect(ok.body.rubric).toEqual(good);
  });

  it("once a judge has scored, lets only labels change", async () => {
    const id = await campaignId();
    const before = (await env.DB.prepare("SELECT rubric FROM campaigns WHERE id = ?1").bind(id).first<{ rubric: string }>())!.rubric;
    const item = collective(await unitId("Thôn Trung Chính"));
    await sync(await officer("clerk", "Xã Hà Giang"), { registrations: [item] });
    await env.DB.prepare(
      `INSERT INTO scores (registration_id, judge_id, campaign_id, criteria, total, any_zero, version, seq, created_at, updated_at)
       VALUES (?1, ?2, ?3, '{}', 80, 0, 1, 1, 'now', 'now')`,
    ).bind(item.id, (await env.DB.prepare("SELECT id FROM officers WHERE name = 'Lê Văn Bình'").first<{ id: number }>())!.id, id).run();
    const relabelled = { ...DEFAULT_RUBRIC, collective: DEFAULT_RUBRIC.collective.map((c) => ({ ...c, label: `${c.label} (sửa chữ)` })) };
    expect((await put(id, relabelled)).status).toBe(200);
    const rescaled = { ...DEFAULT_RUBRIC, collective: DEFAULT_RUBRIC.collective.map((c) => ({ ...c, max: 25 })) };
    const refused = await put(id, rescaled);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/chỉ được sửa tên/);
    expect(JSON.parse(before)).toEqual(DEFAULT_RUBRIC);
  });

  it("closes and reopens registration; a closed campaign refuses clerks' pushes", async () => {
    const id = await campaignId();
    const close = await call(`/api/v1/admin/campaigns/${id}/registration`, { token: admin.token, body: { open: false } });
    expect((await json(close)).registrationOpen).toBe(false);
    const clerk = await officer("clerk", "Xã Hà Giang");
    const pushed = await sync(clerk, { registrations: [collective(await unitId("Thôn Trung Chính"))] });
    expect(pushed.body.results[0]).toMatchObject({ outcome: "forbidden", errors: [{ code: "campaign_closed" }] });
    const reopen = await call(`/api/v1/admin/campaigns/${id}/registration`, { token: admin.token, body: { open: true } });
    expect((await json(reopen)).registrationOpen).toBe(true);
    const audit = await env.DB.prepare("SELECT group_concat(action) a FROM audit_log WHERE entity = 'campaign' AND entity_id = ?1").bind(String(id)).first<{ a: string }>();
    expect(audit!.a).toMatch(/close.*reopen/);
  });

  it("keeps a commune officer's hands off the province's campaign", async () => {
    const clerk = await officer("clerk");
    const res = await call(`/api/v1/admin/campaigns/${await campaignId()}/registration`, { token: clerk.token, body: { open: false } });
    expect(res.status).toBe(403);
  });
});

/** The campaign's audit entries after `afterId`, oldest first, JSON parsed. */
async function auditSince(id: number, afterId: number) {
  const { results } = await env.DB.prepare(
    "SELECT id, officer_id, action, before, after, at FROM audit_log WHERE entity = 'campaign' AND entity_id = ?1 AND id > ?2 ORDER BY id",
  )
    .bind(String(id), afterId)
    .all<{ id: number; officer_id: number; action: string; before: string | null; after: string | null; at: string }>();
  return results.map((r) => ({ ...r, before: r.before && JSON.parse(r.before), after: r.after && JSON.parse(r.after) }));
}
const lastAuditId = async () => (await env.DB.prepare("SELECT coalesce(max(id), 0) AS id FROM audit_log").first<{ id: number }>())!.id;
const officerId = async (name: string) => (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(name).first<{ id: number }>())!.id;

describe("defaults by year", () => {
  const create = async (year: number, extra: Record<string, unknown> = {}) => {
    const province = await unitId("Tỉnh Thanh Hóa (mẫu)");
    const res = await call("/api/v1/admin/campaigns", {
      token: admin.token,
      body: { orgUnitId: province, year, title: `Dân vận khéo ${year} (mặc định ${JSON.stringify(extra).length})`, deadline: `${year}-03-31`, ...extra },
    });
    expect(res.status).toBe(201);
    return json(res);
  };

  it("gives a 2025 campaign the two tiers (Cấp tỉnh, Cấp xã) and expects communes, wards and special zones", async () => {
    const c = await create(2025);
    expect(c.levels).toEqual([{ code: "province", label: "Cấp tỉnh" }, { code: "commune", label: "Cấp xã" }]);
    expect(c.levels).toEqual(TWO_TIER_LEVELS);
    expect(c.expectedKinds).toEqual(TWO_TIER_EXPECTED_KINDS);
    expect(c.expectedKinds).toEqual(expect.arrayContaining(["commune", "ward", "special_zone", "village", "residential_group", "department", "mass_organization", "agency"]));
    expect((await create(2026)).levels).toEqual(TWO_TIER_LEVELS);
  });

  it("keeps the three tiers for 2024 and earlier, and what the admin names in any year", async () => {
    for (const year of [2023, 2024]) {
      const c = await create(year);
      expect(c.levels).toEqual(DEFAULT_LEVELS);
      expect(c.expectedKinds).toEqual(DEFAULT_EXPECTED_KINDS);
    }
    const named = await create(2025, { levels: [{ code: "grassroots", label: "Cấp cơ sở" }], expectedKinds: ["village", "village", "agency"] });
    expect(named.levels).toEqual([{ code: "grassroots", label: "Cấp cơ sở" }]);
    expect(named.expectedKinds).toEqual(["village", "agency"]);
  });
});

describe("PATCH /admin/campaigns/:id", () => {
  const patch = async (id: number, body: unknown, who = admin) => {
    const res = await call(`/api/v1/admin/campaigns/${id}`, { token: who.token, method: "PATCH", body });
    return { status: res.status, body: await json(res) };
  };

  it("changes each field on its own, audits before and after, and shows the last change in the list and the campaign", async () => {
    const { body: c } = await newCampaign("Sửa sau khi ban hành");
    expect(c.lastChange).toBeNull();
    const adminId = await officerId(admin.name);
    const steps: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ title: "Sửa sau khi ban hành (lần 2)" }, { title: "Dân vận khéo 2024 sửa" }],
      [{ planRef: "Kế hoạch số 02-KH/TU" }, { planRef: "KH 01" }],
      [{ planRef: null }, { planRef: "Kế hoạch số 02-KH/TU" }],
      [{ deadline: "2024-04-15" }, { deadline: "2024-03-31" }],
      [{ expectedKinds: ["village", "residential_group"] }, { expectedKinds: ["village", "department", "mass_organization", "agency"] }],
    ];
    let title = c.title;
    for (const [change] of steps) {
      const mark = await lastAuditId();
      const res = await patch(c.id, change);
      expect(res.status, JSON.stringify(change)).toBe(200);
      expect(res.body).toMatchObject(change);
      const key = Object.keys(change)[0]!;
      expect(res.body.lastChange).toEqual({ officerName: admin.name, at: expect.any(String), fields: [key] });
      const [entry, ...more] = await auditSince(c.id, mark);
      expect(more).toEqual([]);
      const before = { title, planRef: res.body.planRef === null ? "Kế hoạch số 02-KH/TU" : "KH 01", deadline: "2024-03-31", expectedKinds: DEFAULT_EXPECTED_KINDS };
      expect(entry).toMatchObject({ officer_id: adminId, action: "update", before: { [key]: before[key as keyof typeof before] }, after: change });
      expect(entry!.at).toBe(res.body.lastChange.at);
      if (key === "title") title = change.title;
    }
    const listed = (await json<{ id: number; lastChange: unknown }[]>(await call("/api/v1/campaigns", { token: admin.token }))).find((x) => x.id === c.id);
    expect(listed!.lastChange).toEqual({ officerName: admin.name, at: expect.any(String), fields: ["expectedKinds"] });

    const several = await patch(c.id, { title, deadline: "2024-04-20", planRef: "Kế hoạch số 03-KH/TU" });
    expect(several.body.lastChange.fields).toEqual(["planRef", "deadline"]);
  });

  it("relabels a level keeping its code, adds one, drops an unused one, and changes nothing when nothing differs", async () => {
    const { body: c } = await newCampaign("Đổi cấp đăng ký");
    const levels = [{ code: "province", label: "Cấp tỉnh" }, { code: "grassroots", label: "Cấp xã, phường" }, { code: "village", label: "Cấp thôn" }];
    const res = await patch(c.id, { levels });
    expect(res.status).toBe(200);
    expect(res.body.levels).toEqual(levels);
    const [entry] = await auditSince(c.id, (await lastAuditId()) - 1);
    expect(entry).toMatchObject({ action: "update", before: { levels: DEFAULT_LEVELS }, after: { levels } });

    const mark = await lastAuditId();
    const same = await patch(c.id, { levels, deadline: c.deadline });
    expect(same.status).toBe(200);
    expect(same.body.lastChange).toEqual(res.body.lastChange);
    expect(await auditSince(c.id, mark)).toEqual([]);
  });

  it("refuses to drop a level still used by a registration, naming it and the count, and allows it once none uses it", async () => {
    const { body: c } = await newCampaign("Cấp đang dùng");
    const clerk = await officer("clerk", "Xã Hà Giang");
    const village = await unitId("Thôn Trung Chính");
    const items = [collective(village, { level: "district" }), collective(village, { level: "district" }), collective(village, { level: "grassroots" })];
    const pushed = await sync(clerk, { campaignId: c.id, registrations: items });
    expect(pushed.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "created", "created"]);
    const mark = await lastAuditId();
    const refused = await patch(c.id, { levels: [{ code: "province", label: "Cấp tỉnh" }, { code: "grassroots", label: "Cấp xã" }], deadline: "2024-05-01" });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("level_in_use");
    expect(refused.body.message).toMatch(/“Cấp huyện” còn 2 đăng ký/);
    const both = await patch(c.id, { levels: [{ code: "province", label: "Cấp tỉnh" }] });
    expect(both.body.message).toMatch(/“Cấp huyện” còn 2 đăng ký; “Cấp cơ sở” còn 1 đăng ký/);
    expect(await auditSince(c.id, mark)).toEqual([]);
    const stored = await env.DB.prepare("SELECT levels, deadline FROM campaigns WHERE id = ?1").bind(c.id).first<{ levels: string; deadline: string }>();
    expect({ levels: JSON.parse(stored!.levels), deadline: stored!.deadline }).toEqual({ levels: DEFAULT_LEVELS, deadline: "2024-03-31" });

    // Deleted registrations do not hold a level; withdrawn ones still do.
    await sync(clerk, { campaignId: c.id, registrations: items.slice(0, 2).map((i) => ({ id: i.id, baseVersion: 1, deleted: true })) });
    const ok = await patch(c.id, { levels: [{ code: "province", label: "Cấp tỉnh" }, { code: "grassroots", label: "Cấp xã" }] });
    expect(ok.status).toBe(200);
    expect(ok.body.levels.map((l: { code: string }) => l.code)).toEqual(["province", "grassroots"]);
  });

  it("refuses bad patches whole: unknown keys, nothing to change, duplicate level codes, a title the unit already uses, bad dates", async () => {
    const { body: c } = await newCampaign("Sửa sai");
    await newCampaign("Tên đã có");
    const mark = await lastAuditId();
    const cases: [unknown, number, string][] = [
      [{ titel: "x" }, 400, "invalid_request"],
      [{}, 400, "invalid_request"],
      [{ levels: [{ code: "a", label: "A" }, { code: "a", label: "B" }] }, 400, "invalid_request"],
      [{ levels: [] }, 400, "invalid_request"],
      [{ deadline: "31/03/2024" }, 400, "invalid_request"],
      [{ title: "Tên đã có" }, 409, "conflict"],
    ];
    for (const [body, status, code] of cases) {
      const res = await patch(c.id, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.body.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    }
    expect((await patch(c.id, {})).body.message).toMatch(/không có mục nào để sửa/);
    expect((await patch(c.id, { levels: [{ code: "a", label: "A" }, { code: "a", label: "B" }] })).body.message).toMatch(/Cấp đăng ký.*trùng/);
    expect(await auditSince(c.id, mark)).toEqual([]);
  });

  it("lets only an admin whose scope holds the campaign's unit change it", async () => {
    const id = await campaignId();
    const communeAdmin = await makeOfficer("Quản trị xã Hà Giang", ["admin"], "Xã Hà Giang");
    expect((await patch(id, { title: "Chiếm quyền" }, communeAdmin)).status).toBe(403);
    for (const role of ["clerk", "viewer", "approver", "judge"] as const) {
      const res = await patch(id, { title: "Chiếm quyền" }, await officer(role, "Xã Hà Giang"));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("forbidden_role");
    }
    expect((await patch(999999, { title: "x" })).status).toBe(404);
  });
});

describe("implementing plans", () => {
  const plan = async (id: number, unit: number, body: unknown, who = admin, method = "PUT") => {
    const res = await call(`/api/v1/admin/campaigns/${id}/plans/${unit}`, { token: who.token, method, body: method === "PUT" ? body : undefined });
    return { status: res.status, body: await json(res) };
  };

  it("sets, changes and removes a commune's plan, each audited with before and after, and a repeat changes nothing", async () => {
    const id = await campaignId();
    const commune = await unitId("Xã Hà Sơn");
    const adminId = await officerId(admin.name);
    const lastChange = (await json(await call(`/api/v1/campaigns/${id}`, { token: admin.token }))).lastChange;
    let mark = await lastAuditId();
    const set = await plan(id, commune, { planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-03-31" });
    expect(set.status).toBe(200);
    expect(set.body.plans).toContainEqual({ orgUnitId: commune, orgUnitName: "Xã Hà Sơn", planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-03-31" });
    expect(set.body.lastChange).toEqual(lastChange);
    expect(await auditSince(id, mark)).toEqual([
      expect.objectContaining({ officer_id: adminId, action: "plan_create", before: null, after: { orgUnitId: commune, planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-03-31" } }),
    ]);

    mark = await lastAuditId();
    expect((await plan(id, commune, { planRef: " Kế hoạch số 97-KH/ĐU ngày 08/03/2023 ", deadline: "2023-03-31" })).status).toBe(200);
    expect(await auditSince(id, mark)).toEqual([]);

    const changed = await plan(id, commune, { planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-04-05" });
    expect(changed.body.plans.find((p: { orgUnitId: number }) => p.orgUnitId === commune).deadline).toBe("2023-04-05");
    const removed = await plan(id, commune, undefined, admin, "DELETE");
    expect(removed.status).toBe(200);
    expect(removed.body.plans.some((p: { orgUnitId: number }) => p.orgUnitId === commune)).toBe(false);
    expect((await auditSince(id, mark)).map((e) => [e.action, e.before, e.after])).toEqual([
      ["plan_update", { orgUnitId: commune, planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-03-31" }, { orgUnitId: commune, planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-04-05" }],
      ["plan_delete", { orgUnitId: commune, planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-04-05" }, null],
    ]);
    const again = await plan(id, commune, undefined, admin, "DELETE");
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ code: "plan_not_found", message: expect.stringMatching(/Xã Hà Sơn chưa có kế hoạch thực hiện riêng/) });
  });

  it("lets a commune's own admin set its plan and its villages', but not another commune's", async () => {
    const id = await campaignId();
    const communeAdmin = await makeOfficer("Quản trị xã Hà Sơn", ["admin"], "Xã Hà Sơn");
    const ok = await plan(id, await unitId("Xã Hà Sơn"), { planRef: "KH 10", deadline: "2023-03-30" }, communeAdmin);
    expect(ok.status).toBe(200);
    expect(ok.body.plans.map((p: { orgUnitName: string }) => p.orgUnitName)).toEqual(["Xã Hà Sơn"]);
    expect((await plan(id, await unitId("Thôn 1 Hà Sơn"), { planRef: "KH thôn", deadline: "2023-03-29" }, communeAdmin)).status).toBe(200);
    const other = await plan(id, await unitId("Xã Hà Lĩnh"), { planRef: "KH 11", deadline: "2023-03-30" }, communeAdmin);
    expect(other.status).toBe(403);
    expect(other.body.code).toBe("forbidden_scope");
    expect((await plan(id, await unitId("Xã Hà Lĩnh"), undefined, communeAdmin, "DELETE")).status).toBe(403);
  });

  it("refuses a unit outside the campaign, the campaign's own unit, unknown ids, bad bodies and other roles", async () => {
    const { body: communeCampaign } = await call("/api/v1/admin/campaigns", {
      token: admin.token,
      body: { orgUnitId: await unitId("Xã Hà Giang"), year: 2024, title: "Kế hoạch riêng của xã", deadline: "2024-03-25" },
    }).then(async (r) => ({ body: await json(r) }));
    const outside = await plan(communeCampaign.id, await unitId("Xã Hà Lĩnh"), { planRef: "KH", deadline: "2024-03-30" });
    expect(outside.status).toBe(403);
    expect(outside.body).toEqual({ code: "unit_outside_campaign", message: expect.stringMatching(/Xã Hà Lĩnh không thuộc địa bàn của kế hoạch “Kế hoạch riêng của xã”/) });
    const own = await plan(communeCampaign.id, await unitId("Xã Hà Giang"), { planRef: "KH", deadline: "2024-03-30" });
    expect(own.status).toBe(400);
    expect(own.body.message).toMatch(/đơn vị ban hành kế hoạch/);

    const id = await campaignId();
    const village = await unitId("Thôn Trung Chính");
    expect((await plan(999999, village, { planRef: "KH", deadline: "2023-03-30" })).body.code).toBe("campaign_not_found");
    expect((await plan(id, 999999, { planRef: "KH", deadline: "2023-03-30" })).body.code).toBe("org_unit_not_found");
    expect((await plan(id, "abc" as unknown as number, { planRef: "KH", deadline: "2023-03-30" })).status).toBe(404);
    for (const body of [{ planRef: "", deadline: "2023-03-30" }, { planRef: "KH" }, { planRef: "KH", deadline: "30/3/2023" }, { planRef: "KH", deadline: "2023-03-30", extra: 1 }]) {
      const res = await plan(id, village, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe("invalid_request");
    }
    for (const role of ["clerk", "viewer", "approver", "judge"] as const) {
      const res = await plan(id, village, { planRef: "KH", deadline: "2023-03-30" }, await officer(role, "Xã Hà Giang"));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("forbidden_role");
    }
    const count = await env.DB.prepare("SELECT count(*) AS n FROM campaign_plans WHERE org_unit_id = ?1").bind(village).first<{ n: number }>();
    expect(count!.n).toBe(0);
  });
});
