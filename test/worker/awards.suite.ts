import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, countRows, sync, unitId } from "./registrations.ts";
import { reviewStatements } from "../../worker/sql/reviews.ts";

// Commendations (PRODUCT.md "API"): a move to "proposed" or "commended" may carry the
// award, which is stored, audited in the move's entry, undone with the move, shown on
// the review sheet and listed in Biểu 5.

let clerk: DemoOfficer;
let approver: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  approver = await officer("approver", "Xã Hà Giang");
  village = await unitId("Thôn Trung Chính");
});

async function model() {
  const item = collective(village);
  await sync(clerk, { registrations: [item] });
  return item.id;
}

const move = async (id: string, body: Record<string, unknown>) => {
  const res = await call(`/api/v1/registrations/${id}/review`, { token: approver.token, body });
  return { status: res.status, body: await json(res) };
};
const undo = async (id: string) => json(await call(`/api/v1/registrations/${id}/review/undo`, { token: approver.token, body: {} }));
const bulk = async (body: Record<string, unknown>) => (await json(await call("/api/v1/review", { token: approver.token, body }))).results;
const stored = async (id: string) =>
  (await env.DB.prepare("SELECT review_state, award FROM registrations WHERE id = ?1").bind(id).first<{ review_state: string; award: string | null }>())!;

const PROPOSAL = { form: "giay_khen", issuer: "Chủ tịch UBND xã Hà Giang" };
const DECISION = { ...PROPOSAL, decisionNo: "125/QĐ-UBND", decisionDate: "2023-11-15" };

describe("an award carried by a review move", () => {
  it("is stored with a move to proposed, kept by the move to commended, amended when the decision arrives, and undone move by move", async () => {
    const id = await model();
    await move(id, { to: "exemplary" });
    const proposed = await move(id, { to: "proposed", note: "Đề nghị Giấy khen", award: PROPOSAL });
    expect(proposed).toEqual({
      status: 200,
      body: { id, outcome: "updated", reviewState: "proposed", award: { ...PROPOSAL, decisionNo: null, decisionDate: null } },
    });
    // Commended at the meeting; the decision's number comes a week later.
    expect((await move(id, { to: "commended", note: "Họp hội đồng" })).body.award).toEqual({ ...PROPOSAL, decisionNo: null, decisionDate: null });
    const amended = await move(id, { to: "commended", note: "Có quyết định", award: DECISION });
    expect(amended.body).toEqual({ id, outcome: "updated", reviewState: "commended", award: DECISION });
    // The same award again (a replay) changes nothing and writes nothing.
    expect((await move(id, { to: "commended", award: DECISION })).body.outcome).toBe("unchanged");
    expect((await move(id, { to: "commended" })).body.outcome).toBe("unchanged");

    const history = await json(await call(`/api/v1/registrations/${id}/history`, { token: approver.token }));
    const reviews = history.filter((h: { entity: string }) => h.entity === "review");
    expect(reviews.map((r: { after: { reviewState: string; award: unknown } }) => [r.after.reviewState, r.after.award])).toEqual([
      ["exemplary", null],
      ["proposed", { ...PROPOSAL, decisionNo: null, decisionDate: null }],
      ["commended", { ...PROPOSAL, decisionNo: null, decisionDate: null }],
      ["commended", DECISION],
    ]);
    expect(reviews[3].before).toEqual({ reviewState: "commended", award: { ...PROPOSAL, decisionNo: null, decisionDate: null } });

    expect(await undo(id)).toMatchObject({ reviewState: "commended", award: { ...PROPOSAL, decisionNo: null } });
    expect(await undo(id)).toMatchObject({ reviewState: "proposed", award: { ...PROPOSAL, decisionNo: null } });
    expect(await undo(id)).toMatchObject({ reviewState: "exemplary", award: null });
    expect(await stored(id)).toEqual({ review_state: "exemplary", award: null });
  });

  it("is refused, item by item with a stable code, on a move to any other state", async () => {
    const id = await model();
    const single = await move(id, { to: "recognized", award: PROPOSAL });
    expect(single.status).toBe(400);
    expect(single.body).toMatchObject({ code: "invalid_request", errors: [{ path: "award", code: "award_not_allowed" }] });
    expect(single.body.message).toBe(
      "Khen thưởng: chỉ ghi kèm khi chuyển sang “Đề nghị khen thưởng” hoặc “Đã khen thưởng”, không ghi được khi chuyển sang “Được công nhận”.",
    );
    expect(await stored(id)).toEqual({ review_state: "registered", award: null });
    const results = await bulk({ ids: [id, await model()], to: "withdrawn", award: PROPOSAL });
    expect(results.map((r: { outcome: string; errors: { code: string }[] }) => [r.outcome, r.errors[0]!.code])).toEqual([
      ["invalid", "award_not_allowed"],
      ["invalid", "award_not_allowed"],
    ]);
  });

  it("applies one award to every id of a bulk move, refusing only the ids that cannot move", async () => {
    const [a, b, c] = [await model(), await model(), await model()];
    await move(b, { to: "recognized" });
    await move(c, { to: "not_recognized" });
    const results = await bulk({ ids: [a, b, c], to: "proposed", note: "Đề nghị khen", award: { form: "bieu_duong", issuer: "Ban Thường vụ Đảng ủy xã" } });
    const award = { form: "bieu_duong", issuer: "Ban Thường vụ Đảng ủy xã", decisionNo: null, decisionDate: null };
    expect(results.map((r: { outcome: string; award: unknown }) => [r.outcome, r.award])).toEqual([
      ["updated", award],
      ["updated", award],
      ["invalid", null],
    ]);
    for (const id of [a, b]) expect(JSON.parse((await stored(id)).award!)).toEqual(award);
    expect(await stored(c)).toEqual({ review_state: "not_recognized", award: null });
  });

  it("refuses a malformed award whole, naming each item in Vietnamese", async () => {
    const id = await model();
    const bad = await move(id, { to: "proposed", award: { form: "khen", issuer: "", decisionDate: "15/11/2023" } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([
      "award.form:invalid_value",
      "award.issuer:required",
      "award.decisionDate:invalid_date",
    ]);
    expect(bad.body.errors[0].message).toBe("Hình thức khen thưởng: phải là một trong: Biểu dương; Giấy khen; Bằng khen.");
    expect(bad.body.errors[1].message).toMatch(/^Cơ quan\/người khen thưởng: /);
    expect(await stored(id)).toEqual({ review_state: "registered", award: null });
  });

  it("lands a change only on the award it was decided from, so a concurrent amendment is never overwritten", async () => {
    const id = await model();
    await move(id, { to: "commended", award: PROPOSAL });
    const decidedOn = (await stored(id)).award;
    // Another approver's amendment lands between this one's read and its write.
    await move(id, { to: "commended", award: { ...PROPOSAL, decisionNo: "1/QĐ" } });
    const late = { id, from: "commended", to: "commended", awardFrom: decidedOn, awardTo: JSON.stringify({ ...DECISION }), note: "", action: "review" as const };
    const officerId = (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(approver.name).first<{ id: number }>())!.id;
    const batch = await env.DB.batch<{ id: string }>(reviewStatements(env.DB, [late], officerId, new Date().toISOString()));
    expect(batch[1]!.results).toEqual([]);
    expect(JSON.parse((await stored(id)).award!).decisionNo).toBe("1/QĐ");
    expect(await countRows("SELECT count(*) n FROM audit_log WHERE entity = 'review' AND entity_id = ?1", id)).toBe(2);
  });
});

describe("where awards show", () => {
  it("puts each model's award on the review sheet", async () => {
    const id = await model();
    const plain = await model();
    await move(id, { to: "proposed", award: DECISION });
    const sheet = await json(await call(`/api/v1/campaigns/${await campaignId()}/review-sheet`, { token: approver.token }));
    expect(sheet.find((r: { registrationId: string }) => r.registrationId === id)).toMatchObject({ reviewState: "proposed", award: DECISION });
    expect(sheet.find((r: { registrationId: string }) => r.registrationId === plain)).toMatchObject({ reviewState: "registered", award: null });
  });

  it("lists form, issuer, decision number and date with the level in Biểu 5, and flags a commended model without a decision number", async () => {
    const decided = await model();
    const undecided = await model();
    const proposed = await model();
    await move(decided, { to: "commended", award: { ...DECISION, form: "bang_khen", issuer: "Chủ tịch UBND tỉnh" } });
    await move(undecided, { to: "commended", award: PROPOSAL });
    await move(proposed, { to: "proposed", award: PROPOSAL });
    const report = await json(await call(`/api/v1/campaigns/${await campaignId()}/reports/commendations`, { token: clerk.token }));
    const row = (id: string) => report.rows.find((r: { registrationId: string }) => r.registrationId === id);
    expect(row(decided)).toMatchObject({
      levelLabel: "Cấp cơ sở",
      awardForm: "bang_khen",
      awardFormLabel: "Bằng khen",
      awardIssuer: "Chủ tịch UBND tỉnh",
      awardDecisionNo: "125/QĐ-UBND",
      awardDecisionDate: "2023-11-15",
      awardDecisionDateLabel: "15/11/2023",
      missingDecision: false,
      remark: null,
    });
    expect(row(undecided)).toMatchObject({ awardFormLabel: "Giấy khen", awardDecisionNo: null, missingDecision: true, remark: "Chưa có số quyết định khen thưởng" });
    // A proposal has no decision yet, and that is not a fault.
    expect(row(proposed)).toMatchObject({ reviewStateLabel: "Đề nghị khen thưởng", awardFormLabel: "Giấy khen", missingDecision: false, remark: null });
    const columns = report.columns.map((c: { key: string }) => c.key);
    expect(columns).toEqual(expect.arrayContaining(["levelLabel", "awardFormLabel", "awardIssuer", "awardDecisionNo", "awardDecisionDateLabel", "remark"]));
    const flagged = report.rows.filter((r: { missingDecision: boolean }) => r.missingDecision).length;
    expect(report.notes).toContain(
      `Có ${flagged} mô hình đã khen thưởng nhưng chưa có số quyết định khen thưởng (ghi ở cột Ghi chú); cần bổ sung trước khi gửi.`,
    );
  });
});
