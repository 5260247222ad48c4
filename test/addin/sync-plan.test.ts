import { describe, expect, it } from "vitest";
import { REGISTRATION_TABLES, type ColumnKey } from "../../addin/registrations/columns.ts";
import { checkRow } from "../../addin/registrations/check.ts";
import { applySync, planPush, type SyncState } from "../../addin/registrations/sync-plan.ts";
import type { Cell } from "../../shared/parse.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";
import { rowContext } from "./fixtures.ts";

const spec = REGISTRATION_TABLES.collective;
const ctx = rowContext();
const cells = (over: Partial<Record<ColumnKey, Cell>>): Cell[] =>
  spec.columns.map(
    (c) =>
      ({
        orgUnit: "Thôn Trung Chính",
        unitName: "Chi bộ thôn",
        modelName: "Mô hình A",
        field: "KT",
        period: "Năm 2023",
        level: "cơ sở",
        ...over,
      })[c.key as string] ?? "",
  );
const emptyState = (): SyncState => ({ campaignId: 1, cursor: null, known: new Map() });
let n = 0;
const newId = () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`;

function record(over: Partial<RegistrationRecord>): RegistrationRecord {
  return {
    id: newId(),
    campaignId: 1,
    orgUnitId: 11,
    kind: "collective",
    unitName: "Chi hội phụ nữ",
    address: null,
    personName: null,
    position: null,
    modelName: "Mô hình từ nơi khác",
    field: "culture_society",
    level: "district",
    expectedBenefit: 45_000_000,
    startDate: "2023-04-01",
    endDate: "2023-06-30",
    periodText: "Quý II/2023",
    description: null,
    participants: null,
    representative: null,
    submittedAt: "2023-03-25",
    version: 1,
    deleted: false,
    reviewState: "registered",
    updatedAt: "2023-03-25T00:00:00Z",
    ...over,
  };
}

describe("planning a push", () => {
  it("sends new and changed valid rows, skips clean and invalid ones, gives new rows ids", () => {
    const synced = cells({ modelName: "Đã gửi" });
    const hash = checkRow(spec, synced, ctx).hash!;
    const clean = cells({ modelName: "Đã gửi", id: newId(), version: 1, syncedHash: hash });
    const edited = cells({ modelName: "Sửa sau khi gửi", id: newId(), version: 1, syncedHash: hash });
    const bad = cells({ field: "Nông nghiệp" });
    const fresh = cells({});
    const plan = planPush({ collective: [clean, edited, bad, fresh, cells({ orgUnit: "", unitName: "", modelName: "", field: "", period: "", level: "" })], individual: [] }, emptyState(), ctx, newId);
    expect(plan.items.map((i) => ("deleted" in i ? "tomb" : i.modelName))).toEqual(["Sửa sau khi gửi", "Mô hình A"]);
    expect(plan.assignedIds.map((a) => a.index)).toEqual([2, 3]);
    expect(plan.items[0]).toMatchObject({ baseVersion: 1 });
  });

  it("turns rows gone from the tables, and rows emptied, into tombstones", () => {
    const gone = newId();
    const emptied = cells({ orgUnit: "", unitName: "", modelName: "", field: "", period: "", level: "", id: newId(), version: 3 });
    const state = emptyState();
    state.known.set(gone, { kind: "individual", version: 2 });
    const plan = planPush({ collective: [emptied], individual: [] }, state, ctx, newId);
    expect(plan.items).toEqual([
      { id: emptied[spec.columns.findIndex((c) => c.key === "id")], baseVersion: 3, deleted: true },
      { id: gone, baseVersion: 2, deleted: true },
    ]);
  });
});

describe("applying a sync's answers", () => {
  it("marks accepted rows synced, keeps refusals and conflicts on their rows, and brings in changes from elsewhere", () => {
    const a = cells({ modelName: "A" });
    const b = cells({ modelName: "B" });
    const plan = planPush({ collective: [a, b], individual: [] }, emptyState(), ctx, newId);
    const [ia, ib] = plan.items.map((i) => i.id);
    const remote = record({});
    const app = applySync(
      plan,
      [
        { id: ia!, outcome: "created", version: 1 },
        { id: ib!, outcome: "invalid", version: null, errors: [{ path: "level", code: "unknown_level", message: "Cấp đăng ký: không đúng." }] },
      ],
      [remote],
      emptyState(),
      "42",
      ctx,
    );
    expect(app.updates.get(ia!)).toMatchObject({ status: "Đã đồng bộ", version: 1, syncedHash: plan.sentHash.get(ia!) });
    expect(app.updates.get(ib!)!.status).toMatch(/^Lỗi – 5\. Đăng ký mô hình cấp: Cấp đăng ký: không đúng\./);
    expect(app.updates.get(ib!)!.errorMask).toBe("|level|");
    expect(app.appends.collective).toHaveLength(1);
    const appended = app.appends.collective[0]!;
    const at = (k: ColumnKey) => appended[spec.columns.findIndex((c) => c.key === k)];
    expect([at("orgUnit"), at("field"), at("period"), at("level"), at("id"), at("version")]).toEqual([
      "Thôn Đông Môn",
      "Văn hóa - Xã hội",
      "Quý II/2023",
      "Cấp huyện",
      remote.id,
      1,
    ]);
    // What was written reads back as the same content: the row is clean.
    expect(checkRow(spec, appended, ctx).clean).toBe(true);
    expect(app.state).toMatchObject({ cursor: "42" });
    expect([...app.state.known.keys()].sort()).toEqual([ia, remote.id].sort());
  });

  it("overwrites an unchanged row with a remote edit, removes it on a remote delete, and flags a row changed on both sides", () => {
    const base = cells({ modelName: "Gốc" });
    const hash = checkRow(spec, base, ctx).hash!;
    const [idClean, idGone, idDirty] = [newId(), newId(), newId()];
    const clean = cells({ modelName: "Gốc", id: idClean, version: 1, syncedHash: hash });
    const gone = cells({ modelName: "Gốc", id: idGone, version: 1, syncedHash: hash });
    const dirty = cells({ modelName: "Sửa dở", field: "Nông nghiệp", id: idDirty, version: 1, syncedHash: hash });
    const plan = planPush({ collective: [clean, gone, dirty], individual: [] }, emptyState(), ctx, newId);
    expect(plan.items).toEqual([]);
    const app = applySync(
      plan,
      [],
      [record({ id: idClean, version: 2, modelName: "Sửa ở xã" }), record({ id: idGone, version: 2, deleted: true }), record({ id: idDirty, version: 2 })],
      emptyState(),
      "50",
      ctx,
    );
    expect(app.updates.get(idClean)!.content!.get("modelName")).toBe("Sửa ở xã");
    expect(app.updates.get(idClean)!.version).toBe(2);
    expect(app.deletions).toEqual(new Set([idGone]));
    expect(app.conflicts.map((c) => c.id)).toEqual([idDirty]);
    expect(app.updates.get(idDirty)!.status).toMatch(/^Xung đột/);
  });
});
