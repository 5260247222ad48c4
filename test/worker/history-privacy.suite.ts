import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { collective, sync, unitId } from "./registrations.ts";
import { collectiveScore, makeOfficer } from "./scoring-helpers.ts";

// History privacy (PRODUCT.md "API"): in GET /registrations/:id/history a score entry
// names its judge and shows the points only to admins and approvers whose scope holds
// the registration, and to that judge; everyone else sees that a council member
// scored, and when. The route × role matrix (access-matrix.test.ts) checks the same
// rule on its own registration; this file covers every kind of caller and entry.

interface Entry {
  at: string;
  officer: { id: number; name: string } | null;
  entity: string;
  action: string;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  summary: string | null;
}

let judgeA: DemoOfficer;
let judgeB: DemoOfficer;
let registrationId: string;
let scoredAt: Record<string, string[]>;

const historyFor = async (who: DemoOfficer): Promise<Entry[]> => {
  const res = await call(`/api/v1/registrations/${registrationId}/history`, { token: who.token });
  expect(res.status).toBe(200);
  return json(res);
};
const scoreEntries = (entries: Entry[]) => entries.filter((e) => e.entity === "score");
const officerId = async (who: DemoOfficer) =>
  (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1 AND scope_id = ?2").bind(who.name, who.scopeId).first<{ id: number }>())!.id;

beforeAll(async () => {
  const clerk = await officer("clerk", "Xã Hà Giang");
  [judgeA, judgeB] = [await officer("judge", "Xã Hà Giang"), await makeOfficer("Giám khảo thứ hai", ["judge"], "Xã Hà Giang")];
  const item = collective(await unitId("Thôn Trung Chính"));
  registrationId = item.id;
  await sync(clerk, { registrations: [item] });
  await sync(judgeA, { scores: [collectiveScore(item.id, [18, 17, 16, 19, 15], 0, "Cách làm sáng tạo")] });
  await sync(judgeB, { scores: [collectiveScore(item.id, [12, 11, 10, 13, 14])] });
  await sync(judgeB, { scores: [collectiveScore(item.id, [13, 11, 10, 13, 14], 1)] });
  await sync(judgeB, { scores: [{ ...collectiveScore(item.id, [13, 11, 10, 13, 14], 2), deleted: true }] });
  await call(`/api/v1/registrations/${item.id}/review`, { token: (await officer("approver", "Xã Hà Giang")).token, body: { to: "evaluated", note: "Đã chấm xong" } });
  const rows = await env.DB.prepare("SELECT officer_id, at FROM audit_log WHERE entity = 'score' AND entity_id = ?1 ORDER BY id").bind(item.id).all<{ officer_id: number; at: string }>();
  scoredAt = {};
  for (const r of rows.results) (scoredAt[r.officer_id] ??= []).push(r.at);
});

function expectShown(e: Entry, judge: DemoOfficer) {
  expect(e.officer?.name).toBe(judge.name);
  expect(typeof e.after?.total).toBe("number");
  expect(e.summary).toBeNull();
}

function expectHidden(e: Entry, ...judges: DemoOfficer[]) {
  expect(e).toEqual({
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    officer: null,
    entity: "score",
    action: e.action,
    version: null,
    before: null,
    after: null,
    note: null,
    summary: expect.stringMatching(/^Thành viên hội đồng đã /),
  });
  const text = JSON.stringify(e);
  for (const j of judges) expect(text).not.toContain(j.name);
}

describe("GET /registrations/:id/history: who sees a judge's name and points", () => {
  it("shows every score with its judge and points to an approver and an admin whose scope holds the registration", async () => {
    for (const who of [await officer("approver", "Xã Hà Giang"), await officer("approver", "Huyện Hà Trung"), await officer("admin")]) {
      const scores = scoreEntries(await historyFor(who));
      expect(scores.map((e) => [e.officer?.name, e.action])).toEqual([
        [judgeA.name, "create"],
        [judgeB.name, "create"],
        [judgeB.name, "update"],
        [judgeB.name, "delete"],
      ]);
      expect(scores[0]!.after).toMatchObject({ total: 85, comment: "Cách làm sáng tạo" });
    }
  });

  it("shows a judge his or her own scores, and of the others only that a council member scored, and when", async () => {
    const a = scoreEntries(await historyFor(judgeA));
    expectShown(a[0]!, judgeA);
    for (const e of a.slice(1)) expectHidden(e, judgeB);
    expect(a.slice(1).map((e) => e.at)).toEqual(scoredAt[await officerId(judgeB)]);
    expect(a.slice(1).map((e) => e.summary)).toEqual([
      "Thành viên hội đồng đã chấm",
      "Thành viên hội đồng đã sửa phiếu chấm",
      "Thành viên hội đồng đã rút phiếu chấm",
    ]);
    // No officer id, name or points of the other judge anywhere in the answer.
    const whole = JSON.stringify(await historyFor(judgeA));
    expect(whole).not.toContain(judgeB.name);
    expect(whole).not.toContain(`"id":${await officerId(judgeB)}`);

    const b = scoreEntries(await historyFor(judgeB));
    expectHidden(b[0]!, judgeA);
    for (const e of b.slice(1)) expectShown(e, judgeB);
  });

  it("hides every judge's name and points from clerks, viewers and a clerk who also judges but did not score this one", async () => {
    const callers = [await officer("clerk", "Xã Hà Giang"), await officer("viewer", "Xã Hà Giang"), await makeOfficer("Thư ký kiêm giám khảo", ["clerk", "judge"], "Xã Hà Giang")];
    for (const who of callers) {
      const entries = await historyFor(who);
      const scores = scoreEntries(entries);
      expect(scores).toHaveLength(4);
      for (const e of scores) expectHidden(e, judgeA, judgeB);
      expect(scores.map((e) => e.at)).toEqual([...scoredAt[await officerId(judgeA)]!, ...scoredAt[await officerId(judgeB)]!].sort());
      // Edits and review moves stay as they were, with who and the note.
      expect(entries.find((e) => e.entity === "review")).toMatchObject({ officer: { name: expect.any(String) }, note: "Đã chấm xong", summary: null });
      expect(entries.find((e) => e.entity === "registration")?.officer).not.toBeNull();
    }
  });
});
