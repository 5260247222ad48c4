import { describe, expect, inject, it } from "vitest";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { click, connectAs, demoCampaign, openOnNewComputer, suiteBrowser, useDemoCampaign } from "./harness.ts";

const baseUrl = inject("baseUrl");
const officers = inject("officers");
const by = (name: string) => officers.find((o) => o.name === name)!;
const clerk = by("Nguyễn Thị Hoa");
const judge = by("Lê Văn Bình");
const approver = by("Hoàng Văn Sơn");

async function api(token: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}


describe("a judge scores in the sheet; an approver recognises a model", () => {
  // The judge's computer and the approver's: two contexts of one browser.
  const browser = suiteBrowser();

  it("builds the scoring sheet, scores two models, syncs; the approver recognises one with a note and its history shows it", async () => {
    const campaign = demoCampaign(await api(clerk.token, "/campaigns"));
    const units = await api(clerk.token, "/org-units");
    const village = units.find((u: { name: string }) => u.name === "Thôn Đông Môn").id;
    const models = ["Mô hình chấm thử A", "Mô hình chấm thử B"].map((modelName) => ({
      id: crypto.randomUUID(), baseVersion: 0, orgUnitId: village, kind: "collective", unitName: "Chi hội phụ nữ thôn Đông Môn",
      modelName, field: "culture_society", level: "grassroots", expectedBenefit: null, startDate: "2023-04-01", endDate: "2023-12-31",
    }));
    const pushed = await api(clerk.token, "/sync", { campaignId: campaign.id, registrations: models, pull: false });
    expect(pushed.results.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "created"]);

    const j = await openOnNewComputer(browser(), baseUrl);
    await connectAs(j, judge);
    await useDemoCampaign(j);
    await click(j, "scoring-build", /Đã tạo phiếu chấm/);
    const rowOf = (name: string) =>
      j.workbook((wb, n) => 5 + wb.tableRecords("ChamDiem_TapThe").findIndex((r: Record<string, unknown>) => r["Tên mô hình"] === n), name);
    // Columns found by their headers, as the judge sees them (the rubric's first criterion, the comment).
    const firstCriterion = `${DEFAULT_RUBRIC.collective[0]!.label} (tối đa ${DEFAULT_RUBRIC.collective[0]!.max})`;
    const rowA = await rowOf("Mô hình chấm thử A");
    const rowB = await rowOf("Mô hình chấm thử B");
    expect(rowA).toBeGreaterThanOrEqual(5);
    await j.workbook((wb, [a, b, first]: [number, number, string]) => {
      const headers: string[] = wb.tableHeaders("ChamDiem_TapThe");
      const at = (header: string, row: number) => `${String.fromCharCode(65 + headers.indexOf(header))}${row}`;
      wb.setValues("Chấm điểm tập thể", at(first, a), [[19, 18.5, 18, 19, 17.5]]);
      wb.setValues("Chấm điểm tập thể", at("Nhận xét", a), [["Cách làm sáng tạo"]]);
      wb.setValues("Chấm điểm tập thể", at(first, b), [[12, 11, 10, 12, 10]]);
    }, [rowA, rowB, firstCriterion] as [number, number, string]);
    const record = (row: number) => j.workbook((wb, r) => wb.tableRecords("ChamDiem_TapThe")[r - 5], row);
    expect([(await record(rowA))["Tổng (tối đa 100)"], (await record(rowA))["Xếp loại của tôi"]]).toEqual([92, "Xuất sắc"]);
    await click(j, "scoring-sync", /Đồng bộ điểm xong/);
    const after = await record(rowA);
    expect(after["Trạng thái"]).toBe("Đã đồng bộ");
    expect([after["Số thành viên chấm"], after["Điểm TB hội đồng"], after["Xếp loại hội đồng"]]).toEqual([1, 92, "Xuất sắc"]);

    const a = await openOnNewComputer(browser(), baseUrl);
    await connectAs(a, approver);
    await useDemoCampaign(a);
    await click(a, "review-build", /Đã đưa \d+ mô hình/);
    const reviewRow = await a.workbook((wb) => 5 + wb.tableRows("XetDuyet").findIndex((r: unknown[]) => r[5] === "Mô hình chấm thử A"), null);
    expect(await a.workbook((wb, r) => wb.validationAt("Xét duyệt", `L${r}`)?.rule?.source, reviewRow)).toMatch(/^Đang thực hiện,.*Được công nhận,.*Hoàn tác lần chuyển trước$/);
    await a.workbook((wb, r) => wb.setValues("Xét duyệt", `L${r}`, [["Được công nhận", "Hội đồng họp ngày 20/11 thống nhất công nhận"]]), reviewRow);
    await click(a, "review-send", /Đã gửi xét duyệt/);
    const resultRow = await a.workbook((wb) => wb.tableRows("XetDuyet").find((r: unknown[]) => r[5] === "Mô hình chấm thử A"), null);
    expect([resultRow[0], resultRow[10], resultRow[11]]).toEqual(["Đã chuyển sang “Được công nhận”", "Được công nhận", ""]);

    const newRow = await a.workbook((wb) => 5 + wb.tableRows("XetDuyet").findIndex((r: unknown[]) => r[5] === "Mô hình chấm thử A"), null);
    await a.workbook((wb, r) => wb.select(wb.sheet("Xét duyệt"), { row: r - 1, col: 5, rows: 1, cols: 1 }), newRow);
    await click(a, "review-history", /Lịch sử: \d+ thay đổi/);
    const history = await a.pane.locator("#history-list li").allInnerTexts();
    expect(history.some((h) => /Nhập đăng ký/.test(h) && h.includes(clerk.name))).toBe(true);
    expect(history.some((h) => /Chấm điểm \(tổng 92\)/.test(h) && h.includes(judge.name))).toBe(true);
    expect(history.at(-1)).toMatch(new RegExp(`${approver.name}: Chuyển trạng thái Đã đăng ký → Được công nhận — “Hội đồng họp ngày 20/11 thống nhất công nhận”`));
  });
});
