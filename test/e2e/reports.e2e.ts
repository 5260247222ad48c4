import { describe, expect, inject, it } from "vitest";
import { click, connectAs, demoCampaign, type Harness, openOnNewComputer, suiteBrowser, useDemoCampaign } from "./harness.ts";
import { displayValue } from "../../shared/report-document.ts";
import type { Report } from "../../shared/schemas/report.ts";

const baseUrl = inject("baseUrl");
const districtApprover = inject("officers").find((o) => o.name === "Phạm Minh Đức")!;
const SHEET = "Biểu 1 - Theo đơn vị";

/** The sheet's rows from the one holding "STT" in column A, as many as asked, columns A to `width`. */
async function sheetRows(h: Harness, width: number): Promise<unknown[][]> {
  return h.workbook(
    (wb, arg) => {
      const sheet = wb.sheet(arg.sheet);
      const used = sheet.usedRect(true);
      const values: unknown[][] = wb.rangeValues(arg.sheet, `A1:A${used.row + used.rows}`);
      const stt = values.findIndex((r) => r[0] === "STT");
      let last = "";
      for (let n = arg.width; n > 0; n = Math.floor((n - 1) / 26)) last = String.fromCharCode(65 + ((n - 1) % 26)) + last;
      return wb.rangeValues(arg.sheet, `A${stt + 1}:${last}${used.row + used.rows}`);
    },
    { sheet: SHEET, width },
  );
}

describe("an approver pulls the units table for a district", () => {
  const browser = suiteBrowser();

  it("writes the official document with the numbers the API gives, and a second pull replaces only that sheet", async () => {
    const h = await openOnNewComputer(browser(), baseUrl);
    await connectAs(h, districtApprover);
    await useDemoCampaign(h);
    await h.pane.locator("#reports").waitFor({ state: "visible" });
    await h.workbook((wb) => wb.setValues("Sheet1", "A1", [["Ghi chú của tôi, đừng xóa"]]), null);
    // The files: the document ready to print first, CSV second with why.
    expect(await h.pane.locator("#report-downloads li").first().locator("button").allInnerTexts()).toEqual(["Excel", "CSV"]);
    expect(await h.pane.locator("#report-csv-hint").innerText()).toMatch(/CSV dành cho chương trình khác: Excel cài tiếng Việt mở CSV thành một cột/);
    // The details are prefilled from the scope and the officer.
    expect(await h.pane.locator("#report-issuer").inputValue()).toBe("Huyện Hà Trung");
    expect(await h.pane.locator("#report-preparer").inputValue()).toBe("Phạm Minh Đức");
    // Only the units table this time; the harness is Excel 2019 (ExcelApi 1.8): the pane says how to print.
    await h.pane.locator("#report-tables input[value=matrix]").uncheck();
    expect(await h.pane.locator("#report-scope option:checked").innerText()).toMatch(/^Huyện Hà Trung/);
    const status = await click(h, "reports-pull", /Đã đưa 1 biểu/);
    expect(status).toMatch(/Khổ ngang và Vừa một trang chiều ngang/);

    const headers = { authorization: `Bearer ${districtApprover.token}` };
    const campaign = demoCampaign(await (await fetch(`${baseUrl}/api/v1/campaigns`, { headers })).json());
    const reportNow = async () => (await (await fetch(`${baseUrl}/api/v1/campaigns/${campaign.id}/reports/units?scope=${districtApprover.scopeId}`, { headers })).json()) as Report;
    const api = await reportNow();
    const columns = api.columns.filter((c) => c.key !== "stt");
    const expected = api.rows.map((r, i) => [i + 1, ...columns.map((c) => displayValue(c, r[c.key]) ?? "")]);
    const totals = ["", ...columns.map((c) => displayValue(c, api.totals![c.key]) ?? "")];
    // STT, then two header rows (grouped), then the rows and the totals, as the API gave them.
    const rows = await sheetRows(h, columns.length + 1);
    expect(rows[0]![0]).toBe("STT");
    expect(rows.slice(2, 2 + expected.length)).toEqual(expected);
    expect(rows[2 + expected.length]).toEqual(totals);
    const top = await h.workbook((wb, s) => wb.rangeValues(s, "A1:A8").flat().join("|") + "|" + wb.rangeValues(s, "A1:Z2").flat().join("|"), SHEET);
    for (const words of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "HUYỆN HÀ TRUNG", api.title.toUpperCase()]) expect(top).toContain(words);
    expect(top).toMatch(/Số liệu tính đến ngày \d\d\/\d\d\/\d{4}/);

    // Something changes on the server; the head is named; pulling again replaces the sheet.
    const clerk = inject("officers").find((o) => o.name === "Nguyễn Thị Hoa")!;
    const units = await (await fetch(`${baseUrl}/api/v1/org-units`, { headers: { authorization: `Bearer ${clerk.token}` } })).json();
    const res = await fetch(`${baseUrl}/api/v1/sync`, {
      method: "POST",
      headers: { authorization: `Bearer ${clerk.token}`, "content-type": "application/json" },
      body: JSON.stringify({
        campaignId: campaign.id,
        pull: false,
        registrations: [{
          id: crypto.randomUUID(), baseVersion: 0, orgUnitId: units.find((u: { name: string }) => u.name === "Thôn Yên Bái").id, kind: "collective",
          unitName: "Chi hội Cựu chiến binh thôn Yên Bái", modelName: "Cựu chiến binh giúp nhau phát triển kinh tế", field: "economy",
          level: "grassroots", expectedBenefit: 150_000_000, startDate: "2023-06-01", endDate: "2023-12-31", submittedAt: "2023-03-18",
        }],
      }),
    });
    expect((await res.json()).results[0].outcome).toBe("created");
    await h.pane.locator("#report-details summary").click();
    await h.pane.locator("#report-head").fill("Lê Thị Hồng Nhung");
    await click(h, "reports-pull", /Đã đưa 1 biểu/);
    const after = await sheetRows(h, columns.length + 1);
    const haGiang = (list: unknown[][]) => list.find((r) => r[1] === "Xã Hà Giang")!;
    expect(haGiang(after)[2]).toBe((haGiang(expected) as number[])[2]! + 1);
    expect(after.slice(2, 2 + expected.length).map((r) => r[1])).toEqual(expected.map((r) => r[1]));
    // The names close the signature blocks, each the last line of its side's one cell (shared/kept-together.ts).
    const names = (await h.workbook((wb, s) => wb.rangeValues(s, "A1:Z80").flat(), SHEET)).map((v: unknown) => String(v).split("\n").at(-1));
    expect(names).toContain("Lê Thị Hồng Nhung");
    expect(names).toContain("Phạm Minh Đức");
    expect(await h.workbook((wb) => wb.rangeValues("Sheet1", "A1:A1"), null)).toEqual([["Ghi chú của tôi, đừng xóa"]]);
    expect(await h.workbook((wb, s) => wb.charts(s).map((c: { title: { text: string } }) => c.title.text), SHEET)).toEqual([
      "Số mô hình theo lĩnh vực của từng đơn vị",
      "Kết quả xét duyệt: số mô hình ở từng trạng thái",
    ]);
    // The workbook remembers the head for this scope, in its very hidden sheet.
    expect(await h.workbook((wb) => [wb.sheet("_dvk_bieu").visibility, wb.rangeValues("_dvk_bieu", "A1:C1")], null)).toEqual([
      "VeryHidden",
      [[String(districtApprover.scopeId), "head", "Lê Thị Hồng Nhung"]],
    ]);

    // "6 tháng đầu năm" asks for the figures as they stood on 30 June of the campaign's year.
    await h.pane.locator("#report-asof").selectOption("half");
    const asked = h.page.waitForRequest((r) => r.url().includes("/reports/units"));
    await click(h, "reports-pull", /Đã đưa 1 biểu/);
    expect(new URL((await asked).url()).searchParams.get("asOf")).toBe(`${campaign.year}-06-30`);
  });
});
