import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { click, connectAs, demoCampaign, openHarness, standInContext, useDemoCampaign } from "./harness.ts";

const baseUrl = inject("baseUrl");
const districtApprover = inject("officers").find((o) => o.name === "Phạm Minh Đức")!;


describe("an approver pulls the units table for a district", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("writes the same numbers the API gives, and a second pull replaces only that sheet", async () => {
    const h = await openHarness(await standInContext(browser, baseUrl), baseUrl);
    await connectAs(h, districtApprover);
    await useDemoCampaign(h);
    await h.pane.locator("#reports").waitFor({ state: "visible" });
    await h.workbook((wb) => wb.setValues("Sheet1", "A1", [["Ghi chú của tôi, đừng xóa"]]), null);
    // Only the units table this time.
    await h.pane.locator("#report-tables input[value=matrix]").uncheck();
    expect(await h.pane.locator("#report-scope option:checked").innerText()).toMatch(/^Huyện Hà Trung/);
    await click(h, "reports-pull", /Đã đưa 1 biểu/);

    const headers = { authorization: `Bearer ${districtApprover.token}` };
    const campaign = demoCampaign(await (await fetch(`${baseUrl}/api/v1/campaigns`, { headers })).json());
    const api = await (await fetch(`${baseUrl}/api/v1/campaigns/${campaign.id}/reports/units?scope=${districtApprover.scopeId}`, { headers })).json();
    const keys = api.columns.map((c: { key: string }) => c.key);
    const expected = api.rows.map((r: Record<string, unknown>) => keys.map((k: string) => r[k] ?? ""));
    const inSheet = await h.workbook((wb) => wb.tableRows("Bieu_units"), null);
    expect(inSheet).toEqual(expected);
    const totalsRow = 5 + Math.max(1, expected.length);
    expect(await h.workbook((wb, r) => wb.rangeValues("Biểu 1 - Theo đơn vị", `A${r}:B${r}`), totalsRow)).toEqual([["Tổng cộng", api.totals.total]]);

    // Something changes on the server; pulling again replaces the sheet's content.
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
    await click(h, "reports-pull", /Đã đưa 1 biểu/);
    const after = await h.workbook((wb) => wb.tableRows("Bieu_units"), null);
    const haGiang = (rows: unknown[][]) => rows.find((r) => r[0] === "Xã Hà Giang")!;
    expect(haGiang(after)[1]).toBe((haGiang(expected) as number[])[1]! + 1);
    expect(await h.workbook((wb) => wb.rangeValues("Sheet1", "A1:A1"), null)).toEqual([["Ghi chú của tôi, đừng xóa"]]);
    expect(await h.workbook((wb) => wb.charts("Biểu 1 - Theo đơn vị").length, null)).toBe(2);
  });
});
