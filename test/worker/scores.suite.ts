import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, individual, sync, unitId } from "./registrations.ts";
import { collectiveScore, makeOfficer, pointsFor } from "./scoring-helpers.ts";

let clerk: DemoOfficer;
let judgeA: DemoOfficer;
let judgeB: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  judgeA = await officer("judge", "Xã Hà Giang");
  judgeB = (await makeOfficer("Giám khảo B", ["judge"], "Xã Hà Giang"));
  village = await unitId("Thôn Trung Chính");
});

async function model(over: Record<string, unknown> = {}, unit = village) {
  const item = collective(unit, over);
  const { body } = await sync(clerk, { registrations: [item] });
  expect(body.results[0].outcome).toBe("created");
  return item.id;
}

async function report(who: DemoOfficer = clerk, scope?: number) {
  const res = await call(`/api/v1/campaigns/${await campaignId()}/reports/scores${scope ? `?scope=${scope}` : ""}`, { token: who.token });
  expect(res.status).toBe(200);
  return json(res);
}

const rowOf = async (id: string) => (await report()).rows.find((r: { registrationId: string }) => r.registrationId === id);

describe("scores in the sync request", () => {
  it("creates a judge's sheet, answers a replay unchanged, and a stale edit as a conflict", async () => {
    const id = await model();
    const sheet = collectiveScore(id, [18, 17.5, 16, 19, 15], 0, "Mô hình tốt");
    const first = await sync(judgeA, { scores: [sheet] });
    expect(first.body.scoreResults).toEqual([{ registrationId: id, outcome: "created", version: 1 }]);
    expect((await sync(judgeA, { scores: [sheet] })).body.scoreResults[0]).toEqual({ registrationId: id, outcome: "unchanged", version: 1 });
    const edited = collectiveScore(id, [20, 17.5, 16, 19, 15], 1);
    expect((await sync(judgeA, { scores: [edited] })).body.scoreResults[0]).toMatchObject({ outcome: "updated", version: 2 });
    const stale = collectiveScore(id, [10, 10, 10, 10, 10], 1);
    const conflict = (await sync(judgeA, { scores: [stale] })).body.scoreResults[0];
    expect(conflict).toMatchObject({ outcome: "conflict", version: 2, current: { total: 87.5, criteria: { direction: 20 } } });
    const audit = await env.DB.prepare("SELECT count(*) n FROM audit_log WHERE entity = 'score' AND entity_id = ?1").bind(id).first<{ n: number }>();
    expect(audit!.n).toBe(2);
  });

  it("refuses sheets with a missing, negative, too high, non-half or unknown criterion, naming it", async () => {
    const id = await model();
    const bad = [
      { registrationId: id, baseVersion: 0, criteria: { direction: 10, actor: 10, participation: 10, method: 10 } },
      collectiveScore(id, [-1, 10, 10, 10, 10]),
      collectiveScore(id, [21, 10, 10, 10, 10]),
      collectiveScore(id, [7.3, 10, 10, 10, 10]),
      { ...collectiveScore(id, [10, 10, 10, 10, 10]), criteria: { ...collectiveScore(id, [10, 10, 10, 10, 10]).criteria, extra: 5 } },
    ];
    for (const sheet of bad) {
      const r = (await sync(judgeA, { scores: [sheet] })).body.scoreResults[0];
      expect(r.outcome).toBe("invalid");
      expect(r.errors[0].path).toMatch(/^criteria\./);
      expect(r.errors[0].message).toMatch(/tiêu chí/i);
    }
  });

  it("keeps the consolidated score exact when two judges score one model at once", async () => {
    const id = await model();
    const [a, b] = await Promise.all([
      sync(judgeA, { scores: [collectiveScore(id, [20, 20, 20, 20, 10])] }),
      sync(judgeB, { scores: [collectiveScore(id, [10, 10, 10, 10, 10])] }),
    ]);
    expect([a.body.scoreResults[0].outcome, b.body.scoreResults[0].outcome]).toEqual(["created", "created"]);
    expect(await rowOf(id)).toMatchObject({ judges: 2, mean: 70, median: 70, spread: 40, flagged: true, rating: "pass" });
  });

  it("takes a judge's withdrawn sheet out of the consolidation", async () => {
    const id = await model();
    await sync(judgeA, { scores: [collectiveScore(id, [20, 20, 20, 20, 20])] });
    await sync(judgeB, { scores: [collectiveScore(id, [10, 10, 10, 10, 10])] });
    expect((await rowOf(id)).judges).toBe(2);
    const withdrawn = await sync(judgeB, { scores: [{ registrationId: id, baseVersion: 1, criteria: {}, deleted: true }] });
    expect(withdrawn.body.scoreResults[0].outcome).toBe("deleted");
    expect(await rowOf(id)).toMatchObject({ judges: 1, mean: 100, rating: "excellent" });
  });
});

describe("ratings at their boundaries", () => {
  it.each([
    [49.5, "fail"],
    [50, "pass"],
    [74.5, "pass"],
    [75, "good"],
    [89.5, "good"],
    [90, "excellent"],
    [100, "excellent"],
  ])("a total of %d is %s", async (total, rating) => {
    const id = await model();
    await sync(judgeA, { scores: [collectiveScore(id, pointsFor(total))] });
    expect(await rowOf(id)).toMatchObject({ judges: 1, mean: total, rating });
  });

  it("fails a model most judges gave a 0 on some criterion, whatever its total", async () => {
    const id = await model();
    const judgeC = await makeOfficer("Giám khảo C", ["judge"], "Xã Hà Giang");
    await sync(judgeA, { scores: [collectiveScore(id, [0, 20, 20, 20, 20])] });
    await sync(judgeB, { scores: [collectiveScore(id, [20, 0, 20, 20, 20])] });
    await sync(judgeC, { scores: [collectiveScore(id, [20, 20, 20, 20, 20])] });
    expect(await rowOf(id)).toMatchObject({ judges: 3, mean: 260 / 3, rating: "fail" });
    const minority = await model();
    await sync(judgeA, { scores: [collectiveScore(minority, [0, 20, 20, 20, 20])] });
    await sync(judgeB, { scores: [collectiveScore(minority, [20, 20, 20, 20, 20])] });
    await sync(judgeC, { scores: [collectiveScore(minority, [20, 20, 20, 20, 20])] });
    expect(await rowOf(minority)).toMatchObject({ rating: "excellent" });
  });

  it("scores an individual model against the individual criteria", async () => {
    const item = individual(village);
    await sync(clerk, { registrations: [item] });
    const sheet = { registrationId: item.id, baseVersion: 0, criteria: { character: 27.5, achievement: 36, influence: 27 } };
    expect((await sync(judgeA, { scores: [sheet] })).body.scoreResults[0].outcome).toBe("created");
    expect(await rowOf(item.id)).toMatchObject({ kind: "individual", mean: 90.5, rating: "excellent" });
    const wrong = await sync(judgeB, { scores: [collectiveScore(item.id, [10, 10, 10, 10, 10])] });
    expect(wrong.body.scoreResults[0].outcome).toBe("invalid");
  });
});

describe("who may score what", () => {
  it("refuses a judge outside the scope, and anyone who is not a judge", async () => {
    const id = await model();
    const farJudge = await officer("judge", "Xã Vĩnh Hùng");
    expect((await sync(farJudge, { scores: [collectiveScore(id, pointsFor(80))] })).body.scoreResults[0]).toMatchObject({
      outcome: "forbidden",
      errors: [{ code: "out_of_scope" }],
    });
    expect((await sync(clerk, { scores: [collectiveScore(id, pointsFor(80))] })).body.scoreResults[0].outcome).toBe("forbidden");
  });

  it("recuses at every depth: own unit and units under it, but not from the top of one's scope", async () => {
    // A village with a hamlet group under it, and two judges: one working in the village, one at the commune.
    await call("/api/v1/admin/org-units", {
      token: (await officer("admin")).token,
      body: { units: [{ code: "HG-TC-TO1", name: "Tổ 1 Trung Chính", kind: "village", parentCode: "04861001" }] },
    });
    const inVillage = await makeOfficer("Giám khảo ở thôn", ["judge"], "Xã Hà Giang", "Thôn Trung Chính");
    const atTop = judgeA; // unit = the commune = top of scope
    const ownVillage = await model();
    const underVillage = await model({}, await unitId("Tổ 1 Trung Chính"));
    const otherVillage = await model({}, await unitId("Thôn Đông Môn"));
    const communeItself = await model({}, await unitId("Xã Hà Giang"));
    const outcome = async (j: DemoOfficer, id: string) => (await sync(j, { scores: [collectiveScore(id, pointsFor(80))] })).body.scoreResults[0].outcome;
    expect(await outcome(inVillage, ownVillage)).toBe("forbidden");
    expect(await outcome(inVillage, underVillage)).toBe("forbidden");
    expect(await outcome(inVillage, otherVillage)).toBe("created");
    expect(await outcome(atTop, ownVillage)).toBe("created");
    expect(await outcome(atTop, underVillage)).toBe("created");
    expect(await outcome(atTop, communeItself)).toBe("forbidden");
    // The scoring sheet leaves recused models out.
    const sheet = await json(await call(`/api/v1/campaigns/${await campaignId()}/scoring`, { token: inVillage.token }));
    const ids = sheet.models.map((m: { registrationId: string }) => m.registrationId);
    expect(ids).toContain(otherVillage);
    expect(ids).not.toContain(ownVillage);
    expect(ids).not.toContain(underVillage);
  });
});

describe("GET /campaigns/:id/scoring: what a judge reads to score", () => {
  it("gives each model its account, participants, period, benefit, level and address", async () => {
    const id = await model({
      description: "Mục đích: vận động hiến đất.\nCách làm: họp dân.\nKết quả: 2,5 km đường.",
      participants: 320,
      periodText: "Năm 2023 và những năm tiếp theo",
      startDate: "2023-01-01",
      endDate: null,
      expectedBenefit: 1_500_000_000,
      address: "Thôn Trung Chính, xã Hà Giang",
    });
    const sheet = await json(await call(`/api/v1/campaigns/${await campaignId()}/scoring`, { token: judgeA.token }));
    expect(sheet.models.find((m: { registrationId: string }) => m.registrationId === id)).toMatchObject({
      kind: "collective",
      level: "grassroots",
      modelName: collective(village).modelName,
      unitName: "Chi bộ thôn Trung Chính",
      address: "Thôn Trung Chính, xã Hà Giang",
      description: "Mục đích: vận động hiến đất.\nCách làm: họp dân.\nKết quả: 2,5 km đường.",
      participants: 320,
      periodText: "Năm 2023 và những năm tiếp theo",
      startDate: "2023-01-01",
      endDate: null,
      expectedBenefit: 1_500_000_000,
      myScore: null,
    });
  });

  it("reads the database the same number of times for one model as for many", async () => {
    const prepares = async () => {
      const spy = vi.spyOn(env.DB, "prepare");
      const res = await call(`/api/v1/campaigns/${await campaignId()}/scoring`, { token: judgeA.token });
      const models = (await json(res)).models.length;
      const n = spy.mock.calls.length;
      spy.mockRestore();
      return { models, n };
    };
    const before = await prepares();
    for (let i = 0; i < 30; i++) await model({ participants: i });
    const after = await prepares();
    expect(after.models).toBeGreaterThanOrEqual(before.models + 30);
    expect(before.n).toBeGreaterThan(0);
    expect(after.n).toBe(before.n);
  });
});
