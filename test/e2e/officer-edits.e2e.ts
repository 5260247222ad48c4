import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { click, connectAs, openHarness, openOnNewComputer, serverRegistrations, standInContext, suiteBrowser, useDemoCampaign } from "./harness.ts";

// The issue as a clerk met it, in the real pane against the real worker: lay out Tập thể,
// sync, insert an STT column at the left, edit one model, add one row, sort, filter,
// delete a row under the filter — and the server holds exactly what the sheet shows.

const baseUrl = inject("baseUrl");
const officers = inject("officers");
const clerk = officers.find((o) => o.roles.includes("clerk") && o.scopeName === "Xã Hà Giang")!;
const admin = officers.find((o) => o.roles.includes("admin"))!;

/** Every registration the clerk's scope holds, as the server has it now, by id. */
async function onServer(): Promise<Map<string, { id: string; modelName: string; deleted: boolean }>> {
  return new Map((await serverRegistrations(baseUrl, clerk.token)).map((r) => [r.id, r]));
}

describe("what a clerk does to the sheet never corrupts a sync", () => {
  const browser = suiteBrowser();
  let context: BrowserContext;
  beforeAll(async () => {
    context = await standInContext(browser(), baseUrl);
  });

  it("STT column, an edit, a new row, a sort, a filter and a deletion under it: the server holds exactly the sheet", async () => {
    const h = await openHarness(context, baseUrl);
    await connectAs(h, clerk);
    await useDemoCampaign(h);
    await click(h, "layout-button", /Đã tạo hai bảng/);
    await click(h, "sync-button", /Đồng bộ xong/);
    // In the form's column order: …, 5. Cấp, Số người tham gia, Thuyết minh, Đại diện, Ngày nộp.
    const typed = ["Đường hoa thôn (STT 1)", "Quỹ khuyến học (STT 2)", "Tổ hòa giải (STT 3)"].map((name, i) => [
      "Thôn Trung Chính", `Chi hội số ${i}`, "Thôn Trung Chính", name, i === 1 ? "Văn hóa - Xã hội" : "Kinh tế", "10 triệu", "Năm 2023", "Cấp cơ sở", "", "", "", "20/3/2023",
    ]);
    await h.workbook((wb, rows) => wb.setValues("Tập thể", `B${5 + wb.tableRows("DangKy_TapThe").length}`, rows), typed);
    await click(h, "sync-button", /Đồng bộ xong/);
    const before = await onServer();

    // The clerk's own column, an edit, a new row typed with its STT, a sort.
    await h.workbook((wb) => {
      wb.insertTableColumn("DangKy_TapThe", 0, "STT");
      const n = wb.tableRows("DangKy_TapThe").length;
      wb.setValues("Tập thể", "A5", Array.from({ length: n }, (_, i) => [i + 1]));
      const headers: string[] = wb.tableHeaders("DangKy_TapThe");
      const model = headers.indexOf("1. Tên mô hình, điển hình");
      const row = wb.tableRows("DangKy_TapThe").findIndex((r: unknown[]) => r[model] === "Quỹ khuyến học (STT 2)");
      wb.typeCell("Tập thể", `${String.fromCharCode(65 + model)}${5 + row}`, "Quỹ khuyến học (đã sửa)");
      wb.setValues("Tập thể", `A${5 + n}`, [[n + 1, "", "Thôn Trung Chính", "Chi đoàn", "Thôn Trung Chính", "Thanh niên tình nguyện (mới)", "VH-XH", "", "Quý III/2023", "Cấp cơ sở", "", "", "", "21/3/2023"]]);
      wb.sortTable("DangKy_TapThe", "1. Tên mô hình, điển hình", "desc");
    }, null);
    await click(h, "sync-button", /Đồng bộ xong/);
    const afterEdit = await onServer();
    const changed = [...afterEdit.values()].filter((r) => before.get(r.id)?.modelName !== r.modelName || before.get(r.id)?.deleted !== r.deleted);
    expect(changed.map((r) => r.modelName).sort()).toEqual(["Quỹ khuyến học (đã sửa)", "Thanh niên tình nguyện (mới)"]);
    expect([...afterEdit.values()].filter((r) => r.deleted && !before.get(r.id)?.deleted)).toEqual([]);
    const sheet = await h.workbook((wb) => wb.tableRecords("DangKy_TapThe").map((r: Record<string, unknown>) => [r["STT"], r["Trạng thái"], r["1. Tên mô hình, điển hình"]]), null);
    for (const [stt, status] of sheet) {
      expect(typeof stt === "number" || stt === "").toBe(true);
      expect(status).toBe("Đã đồng bộ");
    }

    // Filter to one field; delete one visible row; sync: only that one is deleted.
    const victim = await h.workbook((wb) => {
      wb.filterTable("DangKy_TapThe", "2. Lĩnh vực", ["Kinh tế"]);
      const records = wb.tableRecords("DangKy_TapThe");
      const row = records.findIndex((r: Record<string, unknown>) => r["1. Tên mô hình, điển hình"] === "Tổ hòa giải (STT 3)");
      wb.deleteSheetRows("Tập thể", `${5 + row}:${5 + row}`);
      return records[row]["Mã đăng ký (ẩn)"];
    }, null);
    await click(h, "sync-button", /Đồng bộ xong/);
    const afterDelete = await onServer();
    const deleted = [...afterDelete.values()].filter((r) => r.deleted && !afterEdit.get(r.id)?.deleted);
    expect(deleted.map((r) => r.id)).toEqual([victim]);
    // The server holds exactly the sheet: every live registration of the sheet, nothing else of this workbook.
    const ids = await h.workbook((wb) => wb.tableRecords("DangKy_TapThe").map((r: Record<string, unknown>) => r["Mã đăng ký (ẩn)"]), null);
    for (const id of ids) expect(afterDelete.get(id)?.deleted).toBe(false);
    expect(await h.workbook((wb) => wb.hiddenRowNumbers("Tập thể").length, null)).toBeGreaterThan(0);
  });

  it("the area's list pulled and sent back unchanged answers Không đổi on every row", async () => {
    const h = await openOnNewComputer(browser(), baseUrl);
    await connectAs(h, admin);
    await h.pane.locator("#admin").waitFor({ state: "visible" });
    await click(h, "units-pull", /Đã đưa \d+ đơn vị/);
    await h.workbook((wb) => wb.insertTableColumn("DanhMucDonVi", 0, "STT"), null);
    await click(h, "units-send", /Đã gửi danh mục/);
    const statuses: string[] = await h.workbook((wb) => wb.tableRecords("DanhMucDonVi").map((r: Record<string, unknown>) => r["Trạng thái"]), null);
    expect(statuses.length).toBeGreaterThan(10);
    expect(new Set(statuses)).toEqual(new Set(["Không đổi"]));
    await h.page.context().close();
  });
});
