import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { connectAs, openHarness, standInContext } from "./harness.ts";

describe("the task pane in the Excel stand-in harness", () => {
  let browser: Browser;
  let context: BrowserContext;
  const baseUrl = inject("baseUrl");
  beforeAll(async () => {
    browser = await launchChromium();
    context = await standInContext(browser, baseUrl);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("connects with a demo token and shows the officer, roles and scope the API returned", async () => {
    const clerk = inject("officers").find((o) => o.roles.includes("clerk"))!;
    const me = await (await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${clerk.token}` } })).json();

    const h = await openHarness(context, baseUrl);
    expect(await h.pane.locator("#server-url").inputValue()).toBe(baseUrl);
    await connectAs(h, clerk);
    expect(await h.pane.locator("#officer-name").innerText()).toBe(me.officer.name);
    expect(await h.pane.locator("#officer-roles").innerText()).toBe("Nhập đăng ký");
    expect(await h.pane.locator("#officer-scope").innerText()).toBe(`${me.scope.name} (Xã)`);
    expect(await h.status(/Đã kết nối/)).toContain(me.officer.name);
    // The token lives in the add-in's storage, not in the workbook.
    const inWorkbook = await h.workbook((wb) => JSON.stringify(wb.describe()), null);
    expect(inWorkbook).not.toContain(clerk.token);
    // The pane fits the task pane's 320 px.
    const overflow = await h.page.frames()[1]!.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
  });

  it("says plainly when a token is refused", async () => {
    const h = await openHarness(context, baseUrl);
    await h.pane.locator("#disconnect-button").click().catch(() => {});
    await h.pane.locator("#token").fill("dvk_khongphaimatoken");
    await h.pane.locator("#connect-button").click();
    expect(await h.status(/Mã truy cập/)).toMatch(/không đúng/);
  });
});
