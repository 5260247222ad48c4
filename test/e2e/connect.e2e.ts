import type { BrowserContext } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { connectAs, openHarness, openOnNewComputer, standInContext, suiteBrowser } from "./harness.ts";

describe("the task pane in the Excel stand-in harness", () => {
  const browser = suiteBrowser();
  let context: BrowserContext;
  const baseUrl = inject("baseUrl");
  beforeAll(async () => {
    context = await standInContext(browser(), baseUrl);
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

  it("remembers the officer on this computer only: the pane reopened here is connected, another computer's is not", async () => {
    const clerk = inject("officers").find((o) => o.roles.includes("clerk"))!;
    const computer = await standInContext(browser(), baseUrl);
    await connectAs(await openHarness(computer, baseUrl), clerk);
    const reopened = await openHarness(computer, baseUrl);
    await reopened.pane.locator("#officer").waitFor({ state: "visible" });
    expect(await reopened.pane.locator("#officer-name").innerText()).toBe(clerk.name);
    // Every test that seats two officers side by side (admin, scoring, evidence) rests on this.
    const other = await openOnNewComputer(browser(), baseUrl);
    await other.pane.locator("#connect").waitFor({ state: "visible" });
    expect(await other.pane.locator("#officer").isVisible()).toBe(false);
    await computer.close();
    await other.page.context().close();
  });

  it("says plainly when a token is refused", async () => {
    const h = await openHarness(context, baseUrl);
    await h.pane.locator("#disconnect-button").click().catch(() => {});
    await h.pane.locator("#token").fill("dvk_khongphaimatoken");
    await h.pane.locator("#connect-button").click();
    expect(await h.status(/Mã truy cập/)).toMatch(/không đúng/);
  });
});
