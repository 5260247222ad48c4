import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoActivity, type DemoActivity } from "../../worker/demo/activity.ts";
import { sampleId } from "../../worker/demo/samples.ts";
import { seedDemo, type DemoOfficer } from "../../worker/demo/seed.ts";
import { subtreeRange, isInSubtree } from "../../worker/sql/org-units.ts";
import { call, json } from "./helpers.ts";

const TABLES = ["org_units", "campaigns", "campaign_plans", "officers", "registrations", "scores", "score_summaries", "audit_log"];

async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}

/** The whole demo, as `npm start` seeds it: the area and officers, then what they did. */
async function seedAll(tokens: readonly string[] = []): Promise<{ officers: DemoOfficer[]; activity: DemoActivity }> {
  const officers = await seedDemo(env.DB, tokens);
  return { officers, activity: await seedDemoActivity(env.DB, officers) };
}

describe("demo seed", () => {
  it("seeds once: a second run adds nothing and keeps the tokens it is given", async () => {
    const first = await seedAll();
    const counts = await Promise.all(TABLES.map(count));
    const second = await seedAll(first.officers.map((o) => o.token));
    expect(await Promise.all(TABLES.map(count))).toEqual(counts);
    expect(second.officers.map((o) => o.token)).toEqual(first.officers.map((o) => o.token));
    expect(second.activity).toEqual(first.activity);
    expect(second.activity.kept).toEqual([]);
  });

  it("gives an officer whose token was lost a new one and invalidates the old", async () => {
    const first = await seedDemo(env.DB);
    const again = await seedDemo(env.DB, first.slice(1).map((o) => o.token));
    expect(again[0]!.token).not.toBe(first[0]!.token);
    expect(again.slice(1).map((o) => o.token)).toEqual(first.slice(1).map((o) => o.token));
  });

  it("has every role, a province, two districts with three communes and an agency each", async () => {
    const officers = await seedDemo(env.DB);
    expect(new Set(officers.flatMap((o) => o.roles))).toEqual(new Set(["admin", "clerk", "judge", "approver", "viewer"]));
    const { results } = await env.DB.prepare(
      `SELECT p.kind AS parent, group_concat(u.kind) AS kinds FROM org_units u JOIN org_units p ON p.id = u.parent_id
       WHERE p.kind IN ('province', 'district') GROUP BY p.id ORDER BY p.depth, p.code`,
    ).all<{ parent: string; kinds: string }>();
    expect(results.map((r) => [r.parent, r.kinds.split(",").sort().join(",")])).toEqual([
      ["province", "district,district"],
      ["district", "agency,commune,commune,commune"],
      ["district", "agency,commune,commune,commune"],
    ]);
  });
});

describe("the sample forms in the demo", () => {
  it("files the valid rows of both sample forms under xã Hà Giang, read by the same parsers, each audited", async () => {
    await seedDemo(env.DB);
    const { results } = await env.DB.prepare(
      `SELECT r.kind, r.field, r.level, r.expected_benefit, r.start_date, r.end_date, r.period_text, u.name AS unit
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id WHERE r.id LIKE '5b9b1f6e-%' ORDER BY r.id`,
    ).all<Record<string, unknown>>();
    expect(results).toHaveLength(15);
    expect(results.filter((r) => r.kind === "individual")).toHaveLength(5);
    expect(results[0]).toMatchObject({ field: "economy", level: "grassroots", expected_benefit: 1_200_000_000, start_date: "2023-03-01", end_date: "2023-11-30", period_text: "Tháng 3/2023 - tháng 11/2023", unit: "Thôn Trung Chính" });
    expect(results[8]).toMatchObject({ start_date: "2023-04-01", end_date: "2023-04-01", period_text: "01/04/2023", unit: "Trạm Y tế xã" });
    const audited = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'registration' AND action = 'create' AND entity_id LIKE '5b9b1f6e-%'").first<{ n: number }>();
    expect(audited!.n).toBe(15);
  });
});

describe("the demo on first start", () => {
  let officers: DemoOfficer[];
  let activity: DemoActivity;
  const by = (name: string) => officers.find((o) => o.name === name)!;
  const year = (y: number) => activity.campaigns.find((c) => c.year === y)!.id;
  const report = async (who: string, table: string, query = "", y = 2023) => {
    const res = await call(`/api/v1/campaigns/${year(y)}/reports/${table}${query}`, { token: by(who).token });
    expect(res.status).toBe(200);
    return json(res);
  };

  beforeAll(async () => {
    ({ officers, activity } = await seedAll());
  });

  it("codes units in the official pattern, as text that keeps its leading zeros", async () => {
    const units = await json<{ code: unknown; kind: string; name: string }[]>(await call("/api/v1/org-units", { token: by("Trần Quốc Hưng").token }));
    const demo = units.filter((u) => typeof u.code === "string" && /^\d+$/.test(u.code));
    const pattern = (kind: string) => [...new Set(demo.filter((u) => u.kind === kind).map((u) => (u.code as string).replace(/\d/g, "9")))];
    expect(pattern("province")).toEqual(["99"]);
    expect(pattern("district")).toEqual(["999"]);
    expect(pattern("commune")).toEqual(["99999"]);
    expect(pattern("village")).toEqual(["99999999"]);
    expect(pattern("agency")).toEqual(["999999"]);
    expect(demo.find((u) => u.name === "Xã Hà Giang")!.code).toBe("04861");
    expect(demo.find((u) => u.name === "Thôn Trung Chính")!.code).toBe("04861001");
    // Every commune and every unit under one: 6 communes, 19 villages, 36 departments, 30 mass organisations.
    expect(demo.filter((u) => (u.code as string).startsWith("0"))).toHaveLength(91);
    // Through a report and its CSV: Hà Sơn registered nothing, so its units are all missing.
    const missing = await report("Trần Quốc Hưng", "missing", `?scope=${await unitIdOf("Xã Hà Sơn")}`);
    expect(missing.rows.map((r: { code: unknown }) => r.code)).toContain("04867001");
    const csv = await (await call(`/api/v1/campaigns/${year(2023)}/reports/missing?scope=${await unitIdOf("Xã Hà Sơn")}&format=csv`, { token: by("Trần Quốc Hưng").token })).text();
    expect(csv).toMatch(/,04867001\r\n/);
  });

  it("has the 2023 campaign with the district's and the commune's implementing plans, and a 2026 campaign of two levels", async () => {
    const campaigns = await json<{ year: number; planRef: string; levels: { code: string }[]; expectedKinds: string[] }[]>(
      await call("/api/v1/campaigns", { token: by("Vũ Thị Lan").token }),
    );
    expect(campaigns.map((c) => c.year)).toEqual([2026, 2023]);
    expect(campaigns[0]!.levels.map((l) => l.code)).toEqual(["province", "commune"]);
    expect(campaigns[0]!.expectedKinds).toEqual(expect.arrayContaining(["commune", "ward", "special_zone"]));
    expect(campaigns[1]!.levels.map((l) => l.code)).toEqual(["province", "district", "grassroots"]);
    const detail = await json(await call(`/api/v1/campaigns/${year(2023)}`, { token: by("Vũ Thị Lan").token }));
    expect(detail).toMatchObject({ deadline: "2023-03-25", planRef: "Kế hoạch số 01-KH/TU ngày 10/02/2023 (mẫu)" });
    expect(detail.plans.map((p: { orgUnitName: string; planRef: string; deadline: string }) => [p.orgUnitName, p.planRef, p.deadline])).toEqual([
      ["Huyện Hà Trung", "Kế hoạch số 113-KH/ĐU ngày 23/02/2023", "2023-03-28"],
      ["Xã Hà Giang", "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", "2023-03-31"],
    ]);
  });

  it("units: registrations in three communes and a district agency, both kinds, every review state, late ones by the nearest plan", async () => {
    const byUnit = await report("Trần Quốc Hưng", "units", "?depth=2");
    const row = (name: string) => byUnit.rows.find((r: { orgUnitName: string }) => r.orgUnitName === name);
    // Sample 14 is withdrawn: it counts in its own column only.
    expect(row("Xã Hà Giang")).toMatchObject({ total: 19, collective: 13, individual: 6, late: 2, withdrawn: 1 });
    expect(row("Xã Hà Lĩnh")).toMatchObject({ total: 3, late: 1 });
    expect(row("Xã Vĩnh Hùng")).toMatchObject({ total: 2, late: 1 });
    expect(row("Trung tâm Y tế huyện Hà Trung")).toMatchObject({ total: 2, collective: 1, individual: 1, late: 1 });
    expect(row("Xã Hà Sơn")).toMatchObject({ total: 0 });
    for (const state of ["registered", "in_progress", "evaluated", "recognized", "not_recognized", "exemplary", "proposed", "commended", "withdrawn"]) {
      expect(row("Xã Hà Giang")[state], state).toBeGreaterThan(0);
    }
    const matrix = await report("Trần Quốc Hưng", "matrix");
    expect(matrix.totals).toMatchObject({ total: byUnit.totals.total });
    for (const level of ["province", "district", "grassroots"]) expect(matrix.totals[level], level).toBeGreaterThan(0);
    const open = await env.DB.prepare("SELECT count(*) AS n FROM registrations WHERE end_date IS NULL AND period_text IS NOT NULL").first<{ n: number }>();
    expect(open!.n).toBeGreaterThanOrEqual(5);
    const accounts = await env.DB.prepare("SELECT count(*) AS n FROM registrations WHERE description IS NOT NULL AND participants IS NOT NULL").first<{ n: number }>();
    expect(accounts!.n).toBeGreaterThanOrEqual(15);
  });

  it("scores: two judges on most of xã Hà Giang's models, two flagged, a zero that fails a model, the commune's own not scored", async () => {
    const scores = await report("Vũ Thị Lan", "scores");
    expect(scores.rows).toHaveLength(16);
    expect(scores.rows.filter((r: { judges: number }) => r.judges === 2)).toHaveLength(15);
    expect(scores.rows.filter((r: { flagged: boolean }) => r.flagged).map((r: { registrationId: string }) => r.registrationId).sort()).toEqual([sampleId(5), sampleId(9)]);
    expect(scores.rows.find((r: { registrationId: string }) => r.registrationId === sampleId(8))).toMatchObject({ mean: 60, rating: "fail" });
    expect(scores.rows.map((r: { registrationId: string }) => r.registrationId)).not.toContain(sampleId(13));
    const judges = await env.DB.prepare("SELECT o.name, count(*) AS n FROM scores s JOIN officers o ON o.id = s.judge_id GROUP BY o.name ORDER BY o.name").all();
    expect(judges.results).toEqual([{ name: "Lê Văn Bình", n: 16 }, { name: "Đỗ Thị Thu", n: 15 }]);
  });

  it("missing: units expected to register that have not, xã Hà Giang's new school among them", async () => {
    const missing = await report("Vũ Thị Lan", "missing");
    expect(missing.rows.map((r: { orgUnitName: string; code: string }) => [r.orgUnitName, r.code])).toContainEqual(["Trường Trung học cơ sở xã", "04861106"]);
  });

  it("commendations: exemplary, proposed and commended, with their decisions, one commended without a decision flagged", async () => {
    const commendations = await report("Vũ Thị Lan", "commendations");
    const row = (id: string) => commendations.rows.find((r: { registrationId: string }) => r.registrationId === id);
    expect(commendations.rows).toHaveLength(7);
    expect(row(sampleId(1))).toMatchObject({ reviewState: "commended", awardFormLabel: "Giấy khen", awardIssuer: "Chủ tịch UBND xã Hà Giang", awardDecisionNo: "Quyết định số 215/QĐ-UBND", missingDecision: false });
    expect(row(sampleId(7))).toMatchObject({ reviewState: "commended", awardDecisionNo: null, missingDecision: true });
    expect(row(sampleId(2))).toMatchObject({ reviewState: "proposed", awardIssuer: "Chủ tịch UBND huyện Hà Trung" });
    expect(commendations.rows.filter((r: { missingDecision: boolean }) => r.missingDecision)).toHaveLength(1);
  });

  it("tells a model's whole story in its history: filed, its account added, two score sheets, six review moves", async () => {
    const history = await json<{ entity: string; action: string; officer: { name: string } | null }[]>(
      await call(`/api/v1/registrations/${sampleId(1)}/history`, { token: by("Hoàng Văn Sơn").token }),
    );
    expect(history.map((e) => `${e.entity}:${e.action}:${e.officer?.name}`)).toEqual([
      "registration:create:Nguyễn Thị Hoa",
      "registration:update:Nguyễn Thị Hoa",
      "score:create:Lê Văn Bình",
      "score:create:Đỗ Thị Thu",
      ...Array.from({ length: 6 }, () => "review:review:Hoàng Văn Sơn"),
    ]);
  });

  it("files a few forms of 2026 at the levels of the two-level government", async () => {
    const byUnit = await report("Trần Quốc Hưng", "units", "?depth=2", 2026);
    expect(byUnit.totals).toMatchObject({ total: 5, late: 1 });
    const levels = await env.DB.prepare("SELECT DISTINCT level FROM registrations WHERE campaign_id = ?1 ORDER BY level").bind(year(2026)).all();
    expect(levels.results).toEqual([{ level: "commune" }, { level: "province" }]);
  });
});

// Last: it changes the demo the tests above read.
describe("seeding again after officers changed the demo", () => {
  it("keeps a change an officer made to a demo item instead of putting the demo's back", async () => {
    const { officers } = await seedAll();
    const approver = officers.find((o) => o.name === "Hoàng Văn Sơn")!;
    // Sample 10 is under way in the demo; the approver took it back to "registered".
    const undone = await call(`/api/v1/registrations/${sampleId(10)}/review/undo`, { token: approver.token, body: { note: "Chưa triển khai" } });
    expect((await json(undone)).reviewState).toBe("registered");
    const withdrawn = await call(`/api/v1/registrations/${sampleId(6)}/review`, { token: approver.token, body: { to: "withdrawn", note: "Đơn vị rút" } });
    expect(withdrawn.status).toBe(200);
    const again = await seedAll(officers.map((o) => o.token));
    // Undone to "registered", sample 10 simply goes forward again; the withdrawn one stays withdrawn.
    expect(again.activity.kept).toEqual([`review ${sampleId(6)}`]);
    const states = await env.DB.prepare("SELECT id, review_state FROM registrations WHERE id IN (?1, ?2) ORDER BY id").bind(sampleId(6), sampleId(10)).all();
    expect(states.results).toEqual([{ id: sampleId(6), review_state: "withdrawn" }, { id: sampleId(10), review_state: "in_progress" }]);
  });
});

async function unitIdOf(name: string): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM org_units WHERE name = ?1").bind(name).first<{ id: number }>();
  return row!.id;
}

describe("subtree paths", () => {
  it("range-scans exactly the descendants", () => {
    const [from, to] = subtreeRange("/1/7/");
    for (const p of ["/1/7/", "/1/7/42/", "/1/7/9/3/"]) expect(p >= from && p < to && isInSubtree(p, "/1/7/")).toBe(true);
    for (const p of ["/1/70/", "/1/8/", "/1/", "/1/6/99/"]) expect(p >= from && p < to).toBe(false);
  });
});
