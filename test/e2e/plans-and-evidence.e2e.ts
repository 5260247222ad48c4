import { describe, expect, inject, it } from "vitest";
import { pdf } from "../pdf.ts";
import { click, connectAs, demoCampaign, openOnNewComputer, recordOpenedLinks, suiteBrowser, useDemoCampaign } from "./harness.ts";

// Issues 12 and 13 as officers meet them in the pane, against the real worker: a commune
// admin extends the commune's own deadline and the on-time count follows; the clerk's
// forms cite the commune's plan; the clerk attaches the commune's confirmation as a PDF
// to a model and prints its form; the judge's sheet links the file, the link opens
// without the token, and the judge prints his or her own sheet.

const baseUrl = inject("baseUrl");
const officers = inject("officers");
const communeAdmin = officers.find((o) => o.roles.includes("admin") && o.scopeName === "Xã Hà Giang")!;
const clerk = officers.find((o) => o.roles.includes("clerk") && o.scopeName === "Xã Hà Giang")!;
const judge = officers.find((o) => o.roles.includes("judge") && o.scopeName === "Xã Hà Giang")!;

const api = async (token: string, path: string) => (await fetch(`${baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } })).json();


describe("plans and evidence, from the pane", () => {
  const browser = suiteBrowser();

  it("a commune admin extends the commune's deadline; its clerk's forms cite the plan; on-time counts follow", async () => {
    const campaign = demoCampaign(await api(communeAdmin.token, "/campaigns"));
    const onTime = async () => {
      const report = await api(communeAdmin.token, `/campaigns/${campaign.id}/reports/units?scope=${communeAdmin.scopeId}`);
      return report.totals.onTime as number;
    };
    const before = await onTime();
    const h = await openOnNewComputer(browser(), baseUrl);
    await connectAs(h, communeAdmin);
    await useDemoCampaign(h);
    await h.pane.locator("#admin summary", { hasText: "Kế hoạch" }).click();
    // The panel follows the campaign picked: it reads the 2023 campaign's plans.
    await h.pane.locator("#unit-plan-about", { hasText: /Xã Hà Giang thực hiện theo Kế hoạch số 97-KH\/ĐU.*hạn nộp 31\/03\/2023/ }).waitFor();
    // The commune extends its deadline to the end of the year: every late form becomes on time.
    await h.pane.locator("#unit-plan-deadline").fill("2023-12-31");
    await click(h, "unit-plan-save", /Đã lưu: Xã Hà Giang thực hiện theo Kế hoạch số 97-KH\/ĐU/);
    const detail = await api(communeAdmin.token, `/campaigns/${campaign.id}`);
    expect(detail.plans.find((p: { orgUnitId: number }) => p.orgUnitId === communeAdmin.scopeId)).toMatchObject({ deadline: "2023-12-31" });
    const after = await onTime();
    expect(after).toBeGreaterThan(before);
    const report = await api(communeAdmin.token, `/campaigns/${campaign.id}/reports/units?scope=${communeAdmin.scopeId}`);
    expect(report.totals.late).toBe(0);
    // Put the demo's deadline back for the other tests.
    await h.pane.locator("#unit-plan-deadline").fill("2023-03-31");
    await click(h, "unit-plan-save", /Đã lưu/);
    expect(await onTime()).toBe(before);

    const c = await openOnNewComputer(browser(), baseUrl);
    await connectAs(c, clerk);
    await useDemoCampaign(c);
    await click(c, "layout-button", /Đã (tạo hai bảng|cập nhật bảng)/);
    expect(await c.workbook((wb) => wb.rangeValues("Tập thể", "A2:A2")[0][0], null)).toMatch(/^Thực hiện Kế hoạch số 97-KH\/ĐU.* của Xã Hà Giang · hạn nộp 31\/03\/2023$/);
    await c.page.context().close();
  });

  it("a clerk attaches a PDF to the selected model; the judge's sheet links it; the link opens without a token", async () => {
    // Each officer on a computer of his or her own (a context): a pane remembers its token in its browser.
    const c = await openOnNewComputer(browser(), baseUrl);
    await connectAs(c, clerk);
    await useDemoCampaign(c);
    await click(c, "layout-button", /Đã (tạo hai bảng|cập nhật bảng)/);
    await click(c, "sync-button", /Đồng bộ xong/);
    // A model the clerk's commune filed, which the judge may score (not of the judge's own unit).
    const target = await c.workbook((wb) => {
      const records = wb.tableRecords("DangKy_TapThe");
      const row = records.findIndex((r: Record<string, unknown>) => r["Trạng thái"] === "Đã đồng bộ" && r["Thuộc đơn vị"] === "Thôn Trung Chính");
      wb.select(wb.sheet("Tập thể"), { row: 4 + row, col: 4, rows: 1, cols: 1 });
      return { id: records[row]["Mã đăng ký (ẩn)"], name: records[row]["1. Tên mô hình, điển hình"] };
    }, null);
    await c.pane.locator("#evidence summary").click();
    await click(c, "evidence-show", /Minh chứng của dòng đang chọn/);
    await c.pane.locator("#evidence-files").setInputFiles({ name: "Xác nhận của xã.pdf", mimeType: "application/pdf", buffer: Buffer.from(pdf()) });
    await click(c, "evidence-upload", /Đã tải lên 1 tệp/);
    expect(await c.pane.locator("#evidence-list li").allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Xác nhận của xã\.pdf \(1 KB\)/)]));
    const files = await api(clerk.token, `/registrations/${target.id}/attachments`);
    expect(files.map((f: { name: string }) => f.name)).toContain("Xác nhận của xã.pdf");

    // The same row's registration form, to print and sign: an XLSX through a link without a token.
    const clerkOpened = await recordOpenedLinks(c);
    await c.pane.locator("#print summary").click();
    await click(c, "print-form", /Đã mở tệp Excel để in/);
    const [formUrl] = await clerkOpened();
    expect(formUrl).toMatch(/\/api\/v1\/downloads\/dvkdl_[A-Za-z0-9_-]{43}$/);
    const form = await fetch(formUrl!);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-type")).toMatch(/spreadsheetml/);
    expect(decodeURIComponent(form.headers.get("content-disposition") ?? "")).toContain(target.name.slice(0, 20));
    expect(Buffer.from(await form.arrayBuffer()).subarray(0, 2).toString()).toBe("PK");

    const j = await openOnNewComputer(browser(), baseUrl);
    await connectAs(j, judge);
    await useDemoCampaign(j);
    await click(j, "scoring-build", /Đã tạo phiếu chấm/);
    const judgeOpened = await recordOpenedLinks(j);
    await click(j, "scoring-print", /Đã mở tệp Excel để in/);
    const printed = await fetch((await judgeOpened())[0]!);
    expect(printed.status).toBe(200);
    expect(decodeURIComponent(printed.headers.get("content-disposition") ?? "")).toContain(`Phiếu chấm điểm - ${judge.name}`);
    const link = await j.workbook((wb, id) => {
      const headers: string[] = wb.tableHeaders("ChamDiem_TapThe");
      const row = wb.tableRecords("ChamDiem_TapThe").findIndex((r: Record<string, unknown>) => r["Mã đăng ký (ẩn)"] === id);
      return wb.cell("Chấm điểm tập thể", `${String.fromCharCode(65 + headers.indexOf("Minh chứng"))}${5 + row}`);
    }, target.id);
    expect(link.value).toBe("Xác nhận của xã.pdf");
    const url: string = link.hyperlink?.address ?? "";
    expect(url).toMatch(/\/api\/v1\/downloads\/[^/]+\/[0-9a-f-]{36}$/);
    const opened = await fetch(url);
    expect(opened.status).toBe(200);
    expect(opened.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await opened.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    await j.page.context().close();
    await c.page.context().close();
  });
});
