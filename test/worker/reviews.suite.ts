import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";
import { collectiveScore } from "./scoring-helpers.ts";

let clerk: DemoOfficer;
let approver: DemoOfficer;
let judge: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  approver = await officer("approver", "Xã Hà Giang");
  judge = await officer("judge", "Xã Hà Giang");
  village = await unitId("Thôn Trung Chính");
});

async function model() {
  const item = collective(village);
  await sync(clerk, { registrations: [item] });
  return item.id;
}

const move = async (id: string, to: string, note = "", who = approver) => {
  const res = await call(`/api/v1/registrations/${id}/review`, { token: who.token, body: { to, note } });
  return { status: res.status, body: await json(res) };
};

describe("review states", () => {
  it("moves forward, skipping steps, and refuses going back except by undo", async () => {
    const id = await model();
    expect(await move(id, "recognized", "Đạt yêu cầu, công nhận")).toEqual({ status: 200, body: { id, outcome: "updated", reviewState: "recognized", award: null } });
    const back = await move(id, "in_progress");
    expect(back.status).toBe(400);
    expect(back.body.message).toMatch(/Không chuyển được từ “Được công nhận” sang “Đang thực hiện”; chỉ chuyển tiếp sang: Tiêu biểu, Đề nghị khen thưởng, Đã khen thưởng, Đã rút đăng ký/);
    expect((await move(id, "proposed", "Đề nghị khen")).body.reviewState).toBe("proposed");
    const undo = await call(`/api/v1/registrations/${id}/review/undo`, { token: approver.token, body: { note: "Nhầm" } });
    expect((await json(undo)).reviewState).toBe("recognized");
    const undo2 = await call(`/api/v1/registrations/${id}/review/undo`, { token: approver.token, body: { note: "Nhầm nữa" } });
    expect((await json(undo2)).reviewState).toBe("registered");
    const none = await call(`/api/v1/registrations/${id}/review/undo`, { token: approver.token, body: {} });
    expect(none.status).toBe(400);
  });

  it("never recognises a not-recognised model without an undo; withdrawal is always possible", async () => {
    const id = await model();
    await move(id, "not_recognized", "Chưa đủ tiêu chí");
    expect((await move(id, "recognized")).status).toBe(400);
    expect((await move(id, "withdrawn", "Đơn vị xin rút")).body.reviewState).toBe("withdrawn");
    expect((await move(id, "registered")).status).toBe(400);
  });

  it("is for approvers only, inside their scope", async () => {
    const id = await model();
    expect((await move(id, "recognized", "", clerk)).status).toBe(403);
    expect((await move(id, "recognized", "", judge)).status).toBe(403);
    const farApprover = await officer("approver", "Huyện Hà Trung");
    expect((await move(id, "recognized", "", farApprover)).status).toBe(200);
    const theirs = collective(await unitId("Thôn 1 Hà Lĩnh"));
    await sync(await officer("clerk", "Xã Hà Lĩnh"), { registrations: [theirs] });
    expect((await move(theirs.id, "recognized")).status).toBe(403);
  });

  it("applies a bulk change item by item and reports each", async () => {
    const ids = [await model(), await model(), await model()];
    await move(ids[2]!, "not_recognized");
    const res = await call("/api/v1/review", { token: approver.token, body: { ids: [...ids, crypto.randomUUID()], to: "recognized", note: "Họp hội đồng ngày 15/11" } });
    const { results } = await json(res);
    expect(results.map((r: { outcome: string }) => r.outcome)).toEqual(["updated", "updated", "invalid", "not_found"]);
  });

  it("shows edits, scores and state changes in order, with who and the note", async () => {
    const id = await model();
    const item = { ...collective(village), id, baseVersion: 1, modelName: "Tên đã sửa" };
    await sync(clerk, { registrations: [item] });
    await sync(judge, { scores: [collectiveScore(id, [18, 18, 18, 18, 18])] });
    await move(id, "recognized", "Công nhận tại cuộc họp");
    const history = await json(await call(`/api/v1/registrations/${id}/history`, { token: clerk.token }));
    expect(history.map((h: { entity: string; action: string }) => `${h.entity}:${h.action}`)).toEqual([
      "registration:create",
      "registration:update",
      "score:create",
      "review:review",
    ]);
    expect(history[3]).toMatchObject({
      officer: { name: approver.name },
      before: { reviewState: "registered" },
      after: { reviewState: "recognized" },
      note: "Công nhận tại cuộc họp",
    });
    expect(history[1]).toMatchObject({ officer: { name: clerk.name }, after: { modelName: "Tên đã sửa" } });
    expect(history[1]!.before.modelName).not.toBe("Tên đã sửa");
  });

  it("reaches other clients in their next pull, without a new version", async () => {
    const id = await model();
    const before = await sync(judge, {});
    await move(id, "evaluated", "Đã chấm xong");
    const pulled = await sync(judge, { cursor: before.body.cursor });
    expect(pulled.body.changes).toEqual([expect.objectContaining({ id, reviewState: "evaluated", version: 1 })]);
    const sheet = await json(await call(`/api/v1/campaigns/${await campaignId()}/review-sheet`, { token: approver.token }));
    expect(sheet.find((r: { registrationId: string }) => r.registrationId === id)).toMatchObject({
      reviewState: "evaluated",
      nextStates: ["recognized", "not_recognized", "exemplary", "proposed", "commended", "withdrawn"],
    });
  });
});
