import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../shared/schemas/rubric.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";

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
