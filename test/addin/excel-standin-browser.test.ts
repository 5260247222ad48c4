// Browser side of the Excel stand-in: esbuild bundles the office.js replacement and the
// harness, and in Chromium the task pane (in the harness iframe) drives the harness's
// workbook, which the grid then shows. Pages are served with page.route, no server.

import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../e2e/browser.ts";
import { buildStandInBundles, type StandInBundles } from "../excel-standin/build.ts";

const ORIGIN = "http://standin.test";

// A minimal task pane: what the add-in's page does, reduced to a few Office.js calls.
const TASKPANE = `<!doctype html><html><head><meta charset="utf-8"><title>pane</title>
<script src="/vendor/office-js/office.js"></script></head><body><p id="out">…</p><script>
Office.onReady(async (info) => {
  const result = { host: info.host, language: Office.context.displayLanguage };
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getActiveWorksheet();
    sheet.getRange("A1:C1").values = [["Họ tên", "Đơn vị", "Điểm"]];
    const table = sheet.tables.add("A1:C1", true);
    table.rows.add(null, [["Nguyễn Văn An", "Xã A", 45], ["Trần Thị Bình", "Xã B", 92]]);
    const low = sheet.getRange("A2:C3").conditionalFormats.add(Excel.ConditionalFormatType.custom);
    low.custom.rule.formula = "=$C2<50";
    low.custom.format.fill.color = "#FFC7CE";
    sheet.freezePanes.freezeRows(1);
    const body = table.getDataBodyRange().load("values");
    await ctx.sync();
    result.rows = body.values.length;
    try {
      ctx.workbook.worksheets.getItem("Không có").load("name");
      await ctx.sync();
    } catch (e) {
      result.errorCode = e.code;
      result.isOfficeError = e instanceof OfficeExtension.Error;
    }
  });
  document.getElementById("out").textContent = JSON.stringify(result);
  document.body.dataset.done = "yes";
});
</script></body></html>`;

// A pane that asks which requirement set it runs against and tries an ExcelApi 1.9 member.
const TASKPANE_VERSIONS = `<!doctype html><html><head><meta charset="utf-8"><title>versions</title>
<script src="/vendor/office-js/office.js"></script></head><body><p id="out">…</p><script>
Office.onReady(async () => {
  const result = { supports19: Office.context.requirements.isSetSupported("ExcelApi", "1.9") };
  await Excel.run(async (ctx) => {
    try {
      const autoFilter = ctx.workbook.worksheets.getActiveWorksheet().autoFilter.load("enabled");
      await ctx.sync();
      result.autoFilter = autoFilter.enabled;
    } catch (e) {
      result.autoFilter = e.message;
    }
  });
  document.getElementById("out").textContent = JSON.stringify(result);
  document.body.dataset.done = "yes";
});
</script></body></html>`;

let dir: string;
let bundles: StandInBundles;
let browser: Browser;

let context: BrowserContext;

async function serve(): Promise<void> {
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const files: Record<string, [string, string]> = {
      "/harness.html": [bundles.harnessHtml, "text/html"],
      "/excel-standin-harness.js": [bundles.harnessJs, "text/javascript"],
      "/vendor/office-js/office.js": [bundles.officeJs, "text/javascript"],
    };
    if (url.pathname === "/taskpane.html") return route.fulfill({ body: TASKPANE, contentType: "text/html; charset=utf-8" });
    if (url.pathname === "/taskpane-versions.html") return route.fulfill({ body: TASKPANE_VERSIONS, contentType: "text/html; charset=utf-8" });
    const file = files[url.pathname];
    if (!file) return route.fulfill({ status: 404, body: "not found" });
    return route.fulfill({ body: await readFile(file[0]), contentType: `${file[1]}; charset=utf-8` });
  });
}

async function openPage(): Promise<Page> {
  return context.newPage();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "excel-standin-"));
  bundles = await buildStandInBundles(dir);
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1200, height: 700 } });
  await serve();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// Chromium shares two cores with the other test projects: give each page its time.
describe("Excel stand-in in the browser", { timeout: 30_000 }, () => {
  it("bundles both entries for Chromium without Node modules", async () => {
    const office = await readFile(bundles.officeJs, "utf8");
    const harness = await readFile(bundles.harnessJs, "utf8");
    const html = await readFile(bundles.harnessHtml, "utf8");
    for (const code of [office, harness]) {
      expect(code).toContain("Excel stand-in (NOT Microsoft Excel)");
      expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    }
    expect(html).toContain("<title>Excel stand-in harness (not Excel)</title>");
    expect(html).toContain('id="taskpane"');
    expect(html).toContain("./excel-standin-harness.js");
  });

  it("runs the task pane in the harness iframe against the harness workbook and renders it", async () => {
    const page = await openPage();
    try {
      await page.goto(`${ORIGIN}/harness.html?pane=/taskpane.html`);
      expect(await page.title()).toBe("Excel stand-in harness (not Excel)");
      const pane = page.frameLocator("#taskpane");
      await pane.locator("body[data-done=yes]").waitFor({ timeout: 10_000 });
      const result = JSON.parse((await pane.locator("#out").textContent()) ?? "{}");
      expect(result).toEqual({ host: "Excel", language: "vi-VN", rows: 2, errorCode: "ItemNotFound", isOfficeError: true });
      // The pane's viewport is 320 px wide, like Excel's default task pane.
      expect(await pane.locator("body").evaluate(() => window.innerWidth)).toBe(320);

      const state = await page.evaluate(() => {
        const s = (window as unknown as { excelStandIn: { workbook: { tableRows(n: string): unknown[][]; sheets: { frozenRows: number }[] }; counters: { syncCount: number }; renderCount: number } }).excelStandIn;
        return { rows: s.workbook.tableRows("Table1"), frozen: s.workbook.sheets[0]!.frozenRows, syncs: s.counters.syncCount, renders: s.renderCount };
      });
      expect(state.rows).toEqual([
        ["Nguyễn Văn An", "Xã A", 45],
        ["Trần Thị Bình", "Xã B", 92],
      ]);
      expect(state.frozen).toBe(1);
      expect(state.syncs).toBe(2);
      expect(state.renders).toBeGreaterThan(1);

      const header = page.locator("#grid td.table-header", { hasText: "Họ tên" });
      await expect(header.evaluate((el) => getComputedStyle(el).fontWeight)).resolves.toBe("700");
      const lowScore = page.locator("#grid td.cf", { hasText: "Nguyễn Văn An" });
      await expect(lowScore.evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe("rgb(255, 199, 206)");
      // Set EXCEL_STANDIN_SCREENSHOT=/some/file.png to keep a picture of the harness.
      await page.screenshot({ path: process.env["EXCEL_STANDIN_SCREENSHOT"] ?? path.join(dir, "harness.png") });
    } finally {
      await page.close();
    }
  });

  it("emulates ExcelApi 1.8 unless the harness asks for another set, with the table generated into the bundle", async () => {
    const office = await readFile(bundles.officeJs, "utf8");
    // The requirement-set table is data in the bundle (Range.getVisibleView: ExcelApi 1.3).
    expect(office).toMatch(/"getVisibleView": ?\[3\]/);
    for (const [query, expected] of [
      ["", { supports19: false, autoFilter: "Excel stand-in: Worksheet.autoFilter needs ExcelApi 1.9; this stand-in emulates ExcelApi 1.8" }],
      ["&excelApi=1.9", { supports19: true, autoFilter: false }],
    ] as const) {
      const page = await openPage();
      try {
        await page.goto(`${ORIGIN}/harness.html?pane=/taskpane-versions.html${query}`);
        const pane = page.frameLocator("#taskpane");
        await pane.locator("body[data-done=yes]").waitFor({ timeout: 10_000 });
        expect(JSON.parse((await pane.locator("#out").textContent()) ?? "{}")).toEqual(expected);
      } finally {
        await page.close();
      }
    }
  });

  it("lets a test act as the officer on the harness workbook, in the harness's locale", async () => {
    const page = await openPage();
    try {
      await page.goto(`${ORIGIN}/harness.html?locale=vi-VN`);
      const state = await page.evaluate(() => {
        type Wb = {
          locale: string;
          sheets: unknown[];
          setValues(s: string, a: string, v: unknown[][]): void;
          addTable(sheet: unknown, rect: object, headers: boolean, name: string): unknown;
          filterTable(t: string, c: string, v: string[]): void;
          typeCell(s: string, a: string, v: unknown): void;
          hiddenRowNumbers(s: string): number[];
          cell(s: string, a: string): { value: unknown; text: string };
        };
        const wb = (window as unknown as { excelStandIn: { workbook: Wb } }).excelStandIn.workbook;
        wb.setValues("Sheet1", "A1", [["Họ tên", "Ngày sinh"], ["An", ""], ["Bình", ""]]);
        wb.addTable(wb.sheets[0], { row: 0, col: 0, rows: 3, cols: 2 }, true, "CanBo");
        wb.typeCell("Sheet1", "B2", "25/3/2023");
        wb.filterTable("CanBo", "Họ tên", ["Bình"]);
        return { locale: wb.locale, hidden: wb.hiddenRowNumbers("Sheet1"), date: wb.cell("Sheet1", "B2") };
      });
      expect(state).toEqual({ locale: "vi-VN", hidden: [2], date: expect.objectContaining({ value: 45010, text: "25/03/2023" }) });
      await page.locator("#grid tr.hidden-row").first().waitFor({ timeout: 10_000 });
      expect(await page.locator("#grid tr.hidden-row").count()).toBe(1);
      expect(await page.locator("#grid td", { hasText: "Bình" }).count()).toBe(1);
      expect(await page.locator("#grid td", { hasText: "An" }).count()).toBe(0);
    } finally {
      await page.close();
    }
  });

  it("creates its own workbook when loaded outside the harness", async () => {
    const page = await openPage();
    try {
      await page.goto(`${ORIGIN}/taskpane.html`);
      await page.locator("body[data-done=yes]").waitFor({ timeout: 10_000 });
      const rows = await page.evaluate(() => (window as unknown as { excelStandIn: { workbook: { tableRows(n: string): unknown[][] } } }).excelStandIn.workbook.tableRows("Table1").length);
      expect(rows).toBe(2);
    } finally {
      await page.close();
    }
  });
});
