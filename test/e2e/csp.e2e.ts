import type { BrowserContext, Frame } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { connectAs, openHarness, standInContext, suiteBrowser } from "./harness.ts";

// Every frame records the policy violations it sees. Init scripts are injected by the
// browser itself, so the page's own policy does not stop them.
const RECORD_VIOLATIONS = () => {
  const seen: string[] = [];
  (window as any).__cspViolations = seen;
  document.addEventListener("securitypolicyviolation", (e) => {
    const source = e.sourceFile ? new URL(e.sourceFile).pathname : "";
    seen.push(`${e.effectiveDirective} ${e.blockedURI} ${source}`.trim());
  });
};


const violations = (frame: Frame) => frame.evaluate(() => [...((window as any).__cspViolations as string[])]);

describe("the task pane's Content-Security-Policy", () => {
  const browser = suiteBrowser();
  const baseUrl = inject("baseUrl");

  it("is in force: an injected inline script does not run and another origin cannot be called", async () => {
    const page = await browser().newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await page.goto(`${baseUrl}/taskpane.html`);
    await page.locator("#outside-excel").waitFor({ state: "visible" });
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true";
      document.head.append(script);
      const elsewhere = await fetch("http://127.0.0.1:9/").then(
        () => "answered",
        () => "refused",
      );
      return { inline: (window as any).__inlineRan === true, elsewhere };
    });
    expect(ran).toEqual({ inline: false, elsewhere: "refused" });
    const seen = await violations(page.mainFrame());
    expect(seen).toEqual(expect.arrayContaining(["script-src-elem inline", "connect-src http://127.0.0.1:9/"]));
  });

  it("lets Microsoft's office.js and the files it loads run outside Excel: and no policy report at all", async () => {
    const page = await browser().newPage();
    await page.addInitScript(RECORD_VIOLATIONS);
    await page.goto(`${baseUrl}/taskpane.html`);
    await page.locator("#outside-excel").waitFor({ state: "visible" });
    // zod runs jitless (addin/taskpane.ts), so not even its eval probe is reported.
    expect(await violations(page.mainFrame())).toEqual([]);
  });

  it("lets the pane connect inside the stand-in harness: and no policy report at all", async () => {
    const context: BrowserContext = await standInContext(browser(), baseUrl);
    await context.addInitScript(RECORD_VIOLATIONS);
    const h = await openHarness(context, baseUrl);
    await connectAs(h, inject("officers").find((o) => o.roles.includes("clerk"))!);
    const pane = h.page.frames().find((f) => new URL(f.url()).pathname === "/taskpane.html")!;
    expect(await violations(pane)).toEqual([]);
  });
});

