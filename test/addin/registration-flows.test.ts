import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { REGISTRATION_TABLES, type ColumnKey } from "../../addin/registrations/columns.ts";
import { checkRegistrations, keepServerCopy, layoutTables, resendMine, syncRegistrations, type RegistrationContext } from "../../addin/registrations/flows.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { FakeSyncServer } from "./fake-server.ts";
import { CAMPAIGN_2023, rowContext } from "./fixtures.ts";

const campaign: Campaign = CAMPAIGN_2023;
const ctx: RegistrationContext = { campaign, rows: rowContext() };
const collective = REGISTRATION_TABLES.collective;
const col = (key: ColumnKey) => collective.columns.findIndex((c) => c.key === key);

/** A row as a clerk types it, in the collective table's column order. */
function typed(i: number, over: Partial<Record<ColumnKey, string | number>> = {}): (string | number)[] {
  const cells: Partial<Record<ColumnKey, string | number>> = {
    orgUnit: "Thôn Trung Chính",
    unitName: `Chi bộ thôn số ${i}`,
    address: "Thôn Trung Chính",
    modelName: `Mô hình dân vận khéo số ${i}`,
    field: i % 2 ? "VH-XH" : "Kinh tế",
    expectedBenefit: "45 triệu",
    period: "Quý II/2023",
    level: "Cấp cơ sở",
    submittedAt: 45005,
    ...over,
  };
  return collective.columns.filter((c) => !c.hidden).map((c) => cells[c.key] ?? "");
}

const excel = useStandInExcel();

async function typeRows(n: number, bad = new Set<number>()) {
  await layoutTables(ctx);
  const rows = Array.from({ length: n }, (_, i) => typed(i, bad.has(i) ? { field: "Nông nghiệp" } : {}));
  excel.workbook.setValues(collective.sheet, "A5", rows);
}

describe("Tạo bảng đăng ký", () => {
  it("lays out both forms as tables with headers, dropdowns, formats, hidden bookkeeping and a frozen header", async () => {
    await layoutTables(ctx);
    for (const spec of Object.values(REGISTRATION_TABLES)) {
      expect(excel.workbook.tableHeaders(spec.table)).toEqual(spec.columns.map((c) => c.header));
      const sheet = excel.workbook.sheet(spec.sheet);
      expect(sheet.frozenRows).toBe(4);
    }
    expect(excel.workbook.validationAt(collective.sheet, "F5")?.rule).toMatchObject({ type: "List", source: "=DanhMuc!$B$1:$B$4" });
    expect(excel.workbook.validationAt(collective.sheet, "B5")?.prompt?.message).toMatch(/Chọn đơn vị/);
    // The day handed in is Text: an English Excel would read 2/3/2023 as 3 February.
    expect(["G5", "H5", "K5"].map((a) => excel.workbook.cell(collective.sheet, a).numberFormat)).toEqual(["#,##0", "@", "@"]);
    const sheet = excel.workbook.sheet(collective.sheet);
    const hidden = ["Mã đăng ký (ẩn)", "Phiên bản (ẩn)", "Dấu đồng bộ (ẩn)", "Ô lỗi (ẩn)"].map((h) => excel.workbook.tableHeaders(collective.table).indexOf(h));
    expect(hidden.map((i) => sheet.hiddenColumns.has(i))).toEqual([true, true, true, true]);
    expect(sheet.hiddenColumns.has(0)).toBe(false);
    expect(excel.workbook.rangeValues("DanhMuc", "B1:B4").flat()).toEqual(["Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị"]);
  });

  it("keeps every row when run again on a workbook that has the tables", async () => {
    await typeRows(3);
    await layoutTables(ctx);
    expect(excel.workbook.tableRows(collective.table).map((r) => r[col("modelName")])).toEqual([
      "Mô hình dân vận khéo số 0",
      "Mô hình dân vận khéo số 1",
      "Mô hình dân vận khéo số 2",
    ]);
  });
});

describe("Kiểm tra", () => {
  it("marks each bad cell and says why in the status column, naming the column", async () => {
    await typeRows(3, new Set([1]));
    const summary = await checkRegistrations(ctx);
    expect(summary.collective).toEqual({ rows: 3, valid: 2, invalid: 1 });
    const rows = excel.workbook.tableRows(collective.table);
    expect(rows[0]![0]).toBe("Chưa gửi – hợp lệ");
    expect(rows[1]![0]).toMatch(/^Lỗi – 2\. Lĩnh vực: Không hiểu lĩnh vực “Nông nghiệp”/);
    expect(rows[1]![col("errorMask")]).toBe("|field|");
    // The conditional format paints exactly the bad cell.
    expect(excel.workbook.conditionalFormatAt(collective.sheet, "F6")?.fillColor).toBe("#FDE7E9");
    expect(excel.workbook.conditionalFormatAt(collective.sheet, "F5")).toBeNull();
    expect(excel.workbook.conditionalFormatAt(collective.sheet, "E6")).toBeNull();
  });

  it.each([10, 5000])("uses the same number of Excel round trips for %i rows", async (n) => {
    await typeRows(n, new Set([3]));
    excel.counters.reset();
    await checkRegistrations(ctx);
    expect(excel.counters.syncCount).toBe(3);
    expect(excel.counters.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
    // 5,000 rows through the stand-in take seconds on a busy 2-core machine: the count is the test, not the time.
  }, 60_000);
});

describe("Đồng bộ", () => {
  it("sends valid rows, marks them synced, leaves the bad one marked, and sends nothing the second time", async () => {
    const server = new FakeSyncServer();
    const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
    await typeRows(3, new Set([2]));
    const report = await syncRegistrations(api, ctx);
    expect(report.counts).toMatchObject({ sent: 2, accepted: 2, refused: 0 });
    const rows = excel.workbook.tableRows(collective.table);
    expect(rows.map((r) => String(r[0]).split(" –")[0])).toEqual(["Đã đồng bộ", "Đã đồng bộ", "Lỗi"]);
    expect(rows[0]![col("version")]).toBe(1);
    expect(server.records.size).toBe(2);

    const again = await syncRegistrations(api, ctx);
    expect(again.counts.sent).toBe(0);
    expect(server.requests.at(-1)!.registrations).toEqual([]);
  });

  it("sends a tombstone for a row deleted from the table", async () => {
    const server = new FakeSyncServer();
    const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
    await typeRows(2);
    await syncRegistrations(api, ctx);
    const id = String(excel.workbook.tableRows(collective.table)[0]![col("id")]);
    await Excel.run(async (c) => {
      c.workbook.tables.getItem(collective.table).getDataBodyRange().getRow(0).delete(Excel.DeleteShiftDirection.up);
      await c.sync();
    });
    const report = await syncRegistrations(api, ctx);
    expect(server.requests.at(-1)!.registrations).toEqual([{ id, baseVersion: 1, deleted: true }]);
    expect(report.counts.accepted).toBe(1);
    expect(server.records.get(id)!.deleted).toBe(true);
  });

  it("loses nothing when the server cannot be reached: rows say they wait, and go next time", async () => {
    const server = new FakeSyncServer();
    const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
    await typeRows(2);
    server.offline = true;
    const failed = await syncRegistrations(api, ctx);
    expect(failed.offline?.code).toBe("offline");
    expect(excel.workbook.tableRows(collective.table).map((r) => r[0])).toEqual([
      "Chưa gửi – sẽ gửi ở lần đồng bộ sau",
      "Chưa gửi – sẽ gửi ở lần đồng bộ sau",
    ]);
    server.offline = false;
    const ok = await syncRegistrations(api, ctx);
    expect(ok.counts.accepted).toBe(2);
    expect(server.records.size).toBe(2);
  });

  it.each([10, 5000])("uses the same number of Excel round trips for %i rows", async (n) => {
    const server = new FakeSyncServer();
    const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
    await typeRows(n, new Set([1]));
    excel.counters.reset();
    await syncRegistrations(api, ctx);
    expect(excel.counters.syncCount).toBe(5);
    expect(excel.counters.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
  }, 60_000);
});

describe("conflicts", () => {
  async function conflicted() {
    const server = new FakeSyncServer();
    const api = createApi("http://127.0.0.1:1", "dvk_x", server.fetch);
    await typeRows(1);
    await syncRegistrations(api, ctx);
    const id = String(excel.workbook.tableRows(collective.table)[0]![col("id")]);
    // Someone else edits the registration on the server; this workbook edits it too.
    const theirs = { ...server.records.get(id)!, modelName: "Bản đã sửa ở huyện", version: 2 };
    server.records.set(id, theirs);
    excel.workbook.setValues(collective.sheet, "E5", [["Bản sửa ở xã"]]);
    const report = await syncRegistrations(api, ctx);
    return { server, api, id, report };
  }

  it("reports a row changed on both sides and keeps the officer's text until a side is chosen", async () => {
    const { report, id } = await conflicted();
    expect(report.conflicts).toHaveLength(1);
    expect(report.conflicts[0]).toMatchObject({ id, server: { modelName: "Bản đã sửa ở huyện" }, local: { modelName: "Bản sửa ở xã" } });
    const row = excel.workbook.tableRows(collective.table)[0]!;
    expect(row[0]).toMatch(/^Xung đột/);
    expect(row[col("modelName")]).toBe("Bản sửa ở xã");
  });

  it("giữ bản trên máy chủ: the row takes the server's copy and is clean", async () => {
    const { report, server, api } = await conflicted();
    await keepServerCopy(report.conflicts[0]!, ctx);
    const row = excel.workbook.tableRows(collective.table)[0]!;
    expect([row[0], row[col("modelName")], row[col("version")]]).toEqual(["Đã đồng bộ", "Bản đã sửa ở huyện", 2]);
    expect((await syncRegistrations(api, ctx)).counts.sent).toBe(0);
    expect(server.records.size).toBe(1);
  });

  it("gửi lại bản của tôi: the officer's copy replaces the server's", async () => {
    const { report, server, api, id } = await conflicted();
    const after = await resendMine(api, report.conflicts[0]!, ctx);
    expect(after.counts).toMatchObject({ sent: 1, accepted: 1, conflicts: 0 });
    expect(server.records.get(id)).toMatchObject({ modelName: "Bản sửa ở xã", version: 3 });
    expect(excel.workbook.tableRows(collective.table)[0]![0]).toBe("Đã đồng bộ");
  });
});
