import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { REGISTRATION_TABLES, type ColumnKey } from "../../addin/registrations/columns.ts";
import { checkRegistrations, layoutTables, syncRegistrations, type RegistrationContext } from "../../addin/registrations/flows.ts";
import { REGISTRY_SHEET } from "../../addin/host/owned-tables.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { FakeSyncServer } from "./fake-server.ts";
import { CAMPAIGN_2023, rowContext } from "./fixtures.ts";

// What clerks do to the registration sheets between syncs — insert an STT column, move,
// rename and hide columns, sort, filter, type and delete under a filter, copy a row —
// through the same actions a person takes in Excel (the stand-in's officer helpers).
// Whatever they do, the server ends up holding exactly what the sheet shows.

const campaign: Campaign = CAMPAIGN_2023;
const ctx: RegistrationContext = { campaign, rows: rowContext() };
const spec = REGISTRATION_TABLES.collective;
const TABLE = spec.table;

const excel = useStandInExcel();

/** A row as a clerk types it, in the collective table's column order (status column first). */
function typed(i: number, over: Partial<Record<ColumnKey, string | number>> = {}): (string | number)[] {
  const cells: Partial<Record<ColumnKey, string | number>> = {
    orgUnit: "Thôn Trung Chính",
    unitName: `Chi bộ thôn số ${i}`,
    address: "Thôn Trung Chính",
    modelName: `Mô hình số ${i}`,
    field: i % 2 ? "VH-XH" : "Kinh tế",
    expectedBenefit: (i + 1) * 1_000_000,
    period: "Quý II/2023",
    level: "Cấp cơ sở",
    submittedAt: 45005,
    ...over,
  };
  return spec.columns.filter((c) => !c.hidden).map((c) => cells[c.key] ?? "");
}

/** The current cells of the table by header: the officer's columns included. */
function records(): Record<string, unknown>[] {
  return excel.workbook.tableRecords(TABLE);
}
const byModel = (name: string) => records().find((r) => r["1. Tên mô hình, điển hình"] === name)!;

/** Four registrations typed, laid out and synced once; the server holds them. */
async function synced(n = 4) {
  const server = new FakeSyncServer();
  const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
  await layoutTables(ctx);
  excel.workbook.setValues(spec.sheet, "A5", Array.from({ length: n }, (_, i) => typed(i)));
  await syncRegistrations(api, ctx);
  expect(server.records.size).toBe(n);
  server.requests.length = 0;
  return { server, api };
}

/** What the last sync request sent, id and the fields that tell rows apart. */
const sent = (server: FakeSyncServer) =>
  server.requests.flatMap((r) => r.registrations as Record<string, unknown>[]).map((r) => (r.deleted ? { id: r.id, deleted: true } : { id: r.id, modelName: r.modelName }));

describe("a clerk inserts an STT column at the left of the table, then works on", () => {
  it("sends exactly the edited row and the new row, writes statuses beside their rows and leaves the STT numbers alone", async () => {
    const { server, api } = await synced();
    excel.workbook.insertTableColumn(TABLE, 0, "STT");
    excel.workbook.setValues(spec.sheet, "A5", [[1], [2], [3], [4]]);
    // The edit lands in the model-name column, wherever it is now.
    const modelColumn = excel.workbook.tableHeaders(TABLE).indexOf("1. Tên mô hình, điển hình");
    excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + modelColumn)}6`, "Mô hình số 1 (sửa)");
    // A new row under the table, typed with the STT first.
    excel.workbook.setValues(spec.sheet, "A9", [[5, ...typed(9)]]);
    const report = await syncRegistrations(api, ctx);

    expect(report.counts).toMatchObject({ sent: 2, accepted: 2, refused: 0, conflicts: 0 });
    const ids = records().map((r) => r["Mã đăng ký (ẩn)"]);
    expect(sent(server).sort((a, b) => String(a.modelName).localeCompare(String(b.modelName)))).toEqual([
      { id: ids[1], modelName: "Mô hình số 1 (sửa)" },
      { id: ids[4], modelName: "Mô hình số 9" },
    ]);
    expect([...server.records.values()].filter((r) => r.deleted)).toEqual([]);
    expect(records().map((r) => r["STT"])).toEqual([1, 2, 3, 4, 5]);
    expect(records().map((r) => r["Trạng thái"])).toEqual(["Đã đồng bộ", "Đã đồng bộ", "Đã đồng bộ", "Đã đồng bộ", "Đã đồng bộ"]);
  });

  it("Kiểm tra writes each status on its own row, in three round trips", async () => {
    await synced();
    excel.workbook.insertTableColumn(TABLE, 0, "STT");
    excel.workbook.setValues(spec.sheet, "A5", [[1], [2], [3], [4]]);
    const fieldColumn = excel.workbook.tableHeaders(TABLE).indexOf("2. Lĩnh vực");
    excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + fieldColumn)}7`, "Nông nghiệp");
    excel.counters.reset();
    await checkRegistrations(ctx);
    expect(excel.counters.syncCount).toBe(3);
    const status = records().map((r) => String(r["Trạng thái"]).split(" –")[0]);
    expect(status).toEqual(["Đã đồng bộ", "Đã đồng bộ", "Lỗi", "Đã đồng bộ"]);
    expect(records().map((r) => r["STT"])).toEqual([1, 2, 3, 4]);
  });

  it("a second layout keeps the STT column and its numbers", async () => {
    await synced();
    excel.workbook.insertTableColumn(TABLE, 0, "STT");
    excel.workbook.setValues(spec.sheet, "A5", [[1], [2], [3], [4]]);
    await layoutTables(ctx);
    expect(excel.workbook.tableHeaders(TABLE)[0]).toBe("STT");
    expect(records().map((r) => r["STT"])).toEqual([1, 2, 3, 4]);
  });
});

describe("columns moved, renamed or hidden", () => {
  it("a moved column, a renamed header and a hidden column change nothing the server sees", async () => {
    const { server, api } = await synced();
    const headers = excel.workbook.tableHeaders(TABLE);
    excel.workbook.moveTableColumn(TABLE, headers.indexOf("2. Lĩnh vực"), headers.length - 1);
    excel.workbook.moveTableColumn(TABLE, excel.workbook.tableHeaders(TABLE).indexOf("Mã đăng ký (ẩn)"), 1);
    excel.workbook.renameHeader(TABLE, excel.workbook.tableHeaders(TABLE).indexOf("1. Tên mô hình, điển hình"), "Tên mô hình");
    excel.workbook.hideColumns(spec.sheet, "D:D");
    const report = await syncRegistrations(api, ctx);
    expect(report.counts).toMatchObject({ sent: 0, pulled: 0 });
    expect(sent(server)).toEqual([]);
    // And an edit through the renamed column still reaches its registration.
    const row = records().findIndex((r) => r["Tên mô hình"] === "Mô hình số 2");
    const column = excel.workbook.tableHeaders(TABLE).indexOf("Tên mô hình");
    excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + column)}${5 + row}`, "Mô hình số 2 (đổi)");
    await syncRegistrations(api, ctx);
    expect(sent(server)).toEqual([{ id: records()[row]!["Mã đăng ký (ẩn)"], modelName: "Mô hình số 2 (đổi)" }]);
    expect(excel.workbook.sheet(spec.sheet).hiddenColumns.has(3)).toBe(true);
  });

  it("stops before writing or sending anything when a column it needs is gone, naming it", async () => {
    const { server, api } = await synced();
    const before = excel.workbook.tableRows(TABLE);
    const fieldColumn = excel.workbook.tableHeaders(TABLE).indexOf("2. Lĩnh vực");
    excel.workbook.deleteSheetColumns(spec.sheet, `${String.fromCharCode(65 + fieldColumn)}:${String.fromCharCode(65 + fieldColumn)}`);
    const after = excel.workbook.tableRows(TABLE);
    await expect(syncRegistrations(api, ctx)).rejects.toThrow(/Không tìm thấy cột “2\. Lĩnh vực” trong bảng đăng ký Tập thể.*chưa ghi gì/);
    await expect(checkRegistrations(ctx)).rejects.toThrow(/“2\. Lĩnh vực”/);
    expect(server.requests).toEqual([]);
    expect(excel.workbook.tableRows(TABLE)).toEqual(after);
    expect(after[0]!.length).toBe(before[0]!.length - 1);
    // Laid out again, the column comes back (empty) and the rows say what is missing.
    await layoutTables(ctx);
    expect(excel.workbook.tableHeaders(TABLE)).toContain("2. Lĩnh vực");
  });

  it("finds its columns by header in a workbook laid out before it remembered them", async () => {
    const { server, api } = await synced();
    // An older workbook: no registry; the clerk moved the id column and added a column.
    excel.workbook.deleteSheet(excel.workbook.sheet(REGISTRY_SHEET));
    excel.workbook.moveTableColumn(TABLE, excel.workbook.tableHeaders(TABLE).indexOf("Mã đăng ký (ẩn)"), 0);
    excel.workbook.insertTableColumn(TABLE, 1, "Ghi chú");
    const report = await syncRegistrations(api, ctx);
    expect(report.counts.sent).toBe(0);
    expect(server.requests.flatMap((r) => r.registrations)).toEqual([]);
    expect(excel.workbook.sheet(REGISTRY_SHEET)).toBeTruthy();
  });
});

describe("sorted and filtered tables", () => {
  it("sorted descending, a sync sends nothing and every status lands on its own row", async () => {
    const { server, api } = await synced();
    excel.workbook.sortTable(TABLE, "1. Tên mô hình, điển hình", "desc");
    const order = records().map((r) => r["1. Tên mô hình, điển hình"]);
    expect(order).toEqual(["Mô hình số 3", "Mô hình số 2", "Mô hình số 1", "Mô hình số 0"]);
    const report = await syncRegistrations(api, ctx);
    expect(report.counts.sent).toBe(0);
    expect(sent(server)).toEqual([]);
    expect(records().map((r) => r["1. Tên mô hình, điển hình"])).toEqual(order);
    for (const r of records()) expect(server.records.get(String(r["Mã đăng ký (ẩn)"]))!.modelName).toBe(r["1. Tên mô hình, điển hình"]);
  });

  it("filtered to one field, an edit of a visible row changes only that registration, and the filter stays", async () => {
    const { server, api } = await synced();
    excel.workbook.filterTable(TABLE, "2. Lĩnh vực", ["Kinh tế"]);
    const hidden = excel.workbook.hiddenRowNumbers(spec.sheet);
    expect(hidden.length).toBe(2);
    const visible = excel.workbook.visibleTableRows(TABLE);
    expect(visible).toHaveLength(2);
    const row = records().findIndex((r) => r["1. Tên mô hình, điển hình"] === "Mô hình số 2");
    const column = excel.workbook.tableHeaders(TABLE).indexOf("1. Tên mô hình, điển hình");
    excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + column)}${5 + row}`, "Mô hình số 2 (lọc)");
    await syncRegistrations(api, ctx);
    expect(sent(server)).toEqual([{ id: records()[row]!["Mã đăng ký (ẩn)"], modelName: "Mô hình số 2 (lọc)" }]);
    expect(excel.workbook.hiddenRowNumbers(spec.sheet)).toEqual(hidden);
    expect(records().map((r) => String(r["Trạng thái"]))).toEqual(["Đã đồng bộ", "Đã đồng bộ", "Đã đồng bộ", "Đã đồng bộ"]);
    expect([...server.records.values()].map((r) => r.modelName).sort()).toEqual(["Mô hình số 0", "Mô hình số 1", "Mô hình số 2 (lọc)", "Mô hình số 3"]);
  });

  it("a row deleted under a filter is the only registration deleted; hidden rows count as present", async () => {
    const { server, api } = await synced();
    excel.workbook.filterTable(TABLE, "2. Lĩnh vực", ["VH-XH"]);
    const row = records().findIndex((r) => r["1. Tên mô hình, điển hình"] === "Mô hình số 3");
    const id = records()[row]!["Mã đăng ký (ẩn)"];
    excel.workbook.deleteSheetRows(spec.sheet, `${5 + row}:${5 + row}`);
    await syncRegistrations(api, ctx);
    expect(sent(server)).toEqual([{ id, deleted: true }]);
    expect([...server.records.values()].filter((r) => r.deleted).map((r) => r.id)).toEqual([id]);
    expect(records()).toHaveLength(3);
  });

  it("changes pulled from elsewhere land on their rows in a sorted, filtered table, and new ones are added", async () => {
    const { server, api } = await synced();
    excel.workbook.sortTable(TABLE, "1. Tên mô hình, điển hình", "desc");
    excel.workbook.filterTable(TABLE, "2. Lĩnh vực", ["Kinh tế"]);
    const [first] = [...server.records.values()].filter((r) => r.modelName === "Mô hình số 1");
    server.pending = [
      { ...first!, modelName: "Mô hình số 1 (huyện sửa)", version: first!.version + 1 },
      { ...first!, id: "00000000-0000-4000-8000-0000000000aa", modelName: "Mô hình mới từ huyện", version: 1 },
    ];
    await syncRegistrations(api, ctx);
    expect(byModel("Mô hình số 1 (huyện sửa)")["Mã đăng ký (ẩn)"]).toBe(first!.id);
    expect(byModel("Mô hình mới từ huyện")["Trạng thái"]).toBe("Đã đồng bộ");
    expect(records().map((r) => r["1. Tên mô hình, điển hình"])).toEqual(["Mô hình số 3", "Mô hình số 2", "Mô hình số 1 (huyện sửa)", "Mô hình số 0", "Mô hình mới từ huyện"]);
    // The filter is still on, applied to the rows as they are now: the two Kinh tế rows
    // show; the other field's, the edited one and the new one among them, stay hidden.
    expect(excel.workbook.visibleTableRows(TABLE).map((r) => r[spec.columns.findIndex((c) => c.key === "modelName")])).toEqual(["Mô hình số 2", "Mô hình số 0"]);
    expect(excel.workbook.hiddenRowNumbers(spec.sheet)).toHaveLength(3);
  });
});

describe("proof before tombstones", () => {
  it("a sheet holding synced registrations that disappears stops the sync; nothing is deleted", async () => {
    const { server, api } = await synced();
    excel.workbook.deleteSheet(excel.workbook.sheet(spec.sheet));
    await expect(syncRegistrations(api, ctx)).rejects.toThrow(/Không tìm thấy bảng đăng ký Tập thể/);
    expect(server.requests).toEqual([]);
    expect([...server.records.values()].filter((r) => r.deleted)).toEqual([]);
  });

  it("a row copied with its hidden id becomes a new registration; the original is untouched", async () => {
    const { server, api } = await synced();
    const original = excel.workbook.tableRows(TABLE)[0]!;
    excel.workbook.setValues(spec.sheet, "A9", [original.map((v, j) => (j === spec.columns.findIndex((c) => c.key === "modelName") ? "Bản sao có sửa" : v))]);
    const report = await syncRegistrations(api, ctx);
    expect(report.counts).toMatchObject({ sent: 1, accepted: 1 });
    const [created] = sent(server);
    expect(created!.modelName).toBe("Bản sao có sửa");
    expect(created!.id).not.toBe(original[spec.columns.findIndex((c) => c.key === "id")]);
    expect(server.records.size).toBe(5);
  });
});

describe("text stays text", () => {
  it("a unit typed by its 0-led code is read as that code, not a number", async () => {
    const { server, api } = await synced(1);
    const units = [...rowContext().units.labels];
    expect(units.length).toBeGreaterThan(0);
    const zeroLed = rowContext([{ id: 77, parentId: null, name: "Thôn Không Ba", kind: "village", code: "00917" }]);
    const column = excel.workbook.tableHeaders(TABLE).indexOf("Thuộc đơn vị");
    excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + column)}5`, "00917");
    await syncRegistrations(api, { campaign, rows: zeroLed });
    expect(excel.workbook.cell(spec.sheet, `${String.fromCharCode(65 + column)}5`).value).toBe("00917");
    expect(sent(server)).toHaveLength(1);
    expect(server.records.get(String(records()[0]!["Mã đăng ký (ẩn)"]))!.orgUnitId).toBe(77);
  });
});
