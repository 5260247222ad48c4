import { describe, expect, inject, it } from "vitest";
import { suiteBrowser } from "./harness.ts";

describe("the task pane opened in a plain browser", () => {
  const browser = suiteBrowser();

  it("loads the served office.js, says it must be opened from Excel, and offers nothing else", async () => {
    const page = await browser().newPage({ viewport: { width: 320, height: 640 } });
    const officeJs: number[] = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/vendor/office-js/office.js")) officeJs.push(r.status());
    });
    await page.goto(`${inject("baseUrl")}/taskpane.html`);
    await page.locator("#outside-excel").waitFor({ state: "visible" });
    expect(await page.locator("#outside-excel").innerText()).toMatch(/Hãy mở từ Excel/);
    expect(officeJs).toEqual([200]);
    expect(await page.locator("#connect").isVisible()).toBe(false);
    expect(await page.locator("#officer").isVisible()).toBe(false);
    // Nothing overflows the pane's narrow width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.close();
  });
});
