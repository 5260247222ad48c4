import { mkdtemp, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, FrameLocator, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser.ts";
import { buildStandInBundles, type StandInBundles } from "../excel-standin/build.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";

let bundles: Promise<StandInBundles> | undefined;

function standInBundles(): Promise<StandInBundles> {
  bundles ??= mkdtemp(path.join(os.tmpdir(), "dvk-standin-")).then(buildStandInBundles);
  return bundles;
}

/**
 * A browser context in which the real task pane, served by the real worker, runs inside
 * the "Excel stand-in harness (not Excel)" page: the request for office.js is answered
 * with the stand-in's bundle, and the harness page itself is served beside the pane.
 */
export async function standInContext(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const b = await standInBundles();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const file = (p: string, type: string) => async (route: { fulfill(r: object): Promise<void> }) =>
    route.fulfill({ body: await readFile(p), contentType: `${type}; charset=utf-8` });
  const at = (pathname: string) => (url: URL) => url.origin === baseUrl && url.pathname === pathname;
  await context.route(at("/vendor/office-js/office.js"), file(b.officeJs, "text/javascript"));
  await context.route(at("/__standin/harness.html"), file(b.harnessHtml, "text/html"));
  await context.route(at("/__standin/excel-standin-harness.js"), file(b.harnessJs, "text/javascript"));
  return context;
}

/**
 * One Chromium for the calling describe: launched before its tests, closed after them
 * with every context and page it holds.
 */
export function suiteBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("the suite's browser is not launched yet");
    return browser;
  };
}

export interface Harness {
  page: Page;
  pane: FrameLocator;
  /** Runs `fn` against the harness's workbook (in the page), e.g. to type cells. */
  workbook<T, A>(fn: (wb: any, arg: A) => T, arg: A): Promise<T>;
  /** Waits until the pane's status line matches. */
  status(pattern: RegExp): Promise<string>;
}

/** A fresh workbook (a new harness page) with the task pane loaded beside it. */
export async function openHarness(context: BrowserContext, baseUrl: string): Promise<Harness> {
  const page = await context.newPage();
  // Should the page never finish loading, say which of its files never came.
  const waiting = new Set<string>();
  page.on("request", (r) => waiting.add(r.url()));
  page.on("requestfinished", (r) => waiting.delete(r.url()));
  page.on("requestfailed", (r) => waiting.delete(r.url()));
  try {
    await page.goto(`${baseUrl}/__standin/harness.html?pane=/taskpane.html`);
  } catch (err) {
    throw new Error(`the harness page did not load; still waiting for: ${[...waiting].join(", ") || "nothing"}`, { cause: err });
  }
  const pane = page.frameLocator("#taskpane");
  const harness: Harness = {
    page,
    pane,
    workbook: (fn, arg) =>
      page.evaluate(
        ({ source, arg }) => new Function("wb", "arg", `return (${source})(wb, arg);`)((window as any).excelStandIn.workbook, arg),
        { source: fn.toString(), arg },
      ),
    async status(pattern) {
      const line = pane.locator("#status");
      try {
        await line.filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
      } catch (err) {
        // Say what the pane said instead: an error message is the usual reason.
        throw new Error(`the pane's status never matched ${pattern}; it says: ${await line.innerText().catch(() => "(unreadable)")}`, { cause: err });
      }
      return line.innerText();
    },
  };
  return harness;
}

/**
 * A fresh workbook on a computer of its own: a context of `browser` (its storage, where
 * the pane keeps the officer's token, apart from every other).
 */
export async function openOnNewComputer(browser: Browser, baseUrl: string): Promise<Harness> {
  return openHarness(await standInContext(browser, baseUrl), baseUrl);
}

/** Fills the connect form with `officer`'s token and waits for the officer card. */
export async function connectAs(h: Harness, officer: DemoOfficer): Promise<void> {
  const form = h.pane.locator("#connect");
  await form.waitFor({ state: "visible" });
  await h.pane.locator("#token").fill(officer.token);
  await h.pane.locator("#connect-button").click();
  await h.pane.locator("#officer").waitFor({ state: "visible" });
}

/**
 * The demo's 2023 campaign (the seed plan's year, where its forms, scores and reviews
 * are): the one every browser test works in. The demo also has a 2026 campaign, which
 * the pane and the API list first.
 */
export const DEMO_YEAR = 2023;

/** The demo's 2023 campaign among those the API lists. */
export function demoCampaign<T extends { id: number; year: number }>(campaigns: readonly T[]): T {
  const found = campaigns.find((c) => c.year === DEMO_YEAR);
  if (!found) throw new Error(`no ${DEMO_YEAR} campaign among ${campaigns.length}`);
  return found;
}

/** Picks the demo's 2023 campaign in the pane's campaign list, as an officer would. */
export async function useDemoCampaign(h: Harness): Promise<void> {
  const select = h.pane.locator("#campaign");
  const value = await select.locator("option", { hasText: new RegExp(`^${DEMO_YEAR} · `) }).getAttribute("value");
  await select.selectOption(value!);
}

/** Clicks a pane button and waits for the status line to say it is done. */
/**
 * The links the pane has opened outside itself so far (Office.context.ui.openBrowserWindow,
 * which the stand-in records instead of opening the system browser).
 */
export async function recordOpenedLinks(h: Harness): Promise<() => Promise<string[]>> {
  const frame = (await (await h.page.locator("#taskpane").elementHandle())!.contentFrame())!;
  const already = await frame.evaluate(() => (window as unknown as { Office: { standInOpenedBrowserWindows: string[] } }).Office.standInOpenedBrowserWindows.length);
  return async () => (await frame.evaluate(() => [...(window as unknown as { Office: { standInOpenedBrowserWindows: string[] } }).Office.standInOpenedBrowserWindows])).slice(already);
}

export async function click(h: Harness, id: string, done: RegExp): Promise<string> {
  await h.pane.locator(`#${id}`).click();
  return h.status(done);
}

/** Every registration an officer's scope holds on the server now (paged pull from no cursor). */
type ServerRegistration = { id: string; modelName: string; deleted: boolean; submittedAt: string | null; description: string | null; participants: number | null };

export async function serverRegistrations(baseUrl: string, token: string): Promise<ServerRegistration[]> {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const campaign = demoCampaign(await (await fetch(`${baseUrl}/api/v1/campaigns`, { headers })).json());
  const all: ServerRegistration[] = [];
  let cursor: string | undefined;
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/sync`, { method: "POST", headers, body: JSON.stringify({ campaignId: campaign.id, cursor }) });
    const body = await res.json();
    all.push(...body.changes);
    cursor = body.cursor;
    if (!body.more) return all;
  }
}
