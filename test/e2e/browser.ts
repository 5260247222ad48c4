import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

// Chromium's own calls home are refused on this network; turning them off keeps runs quiet and fast.
const QUIET = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * @sparticuz/chromium's flags are tuned for AWS Lambda, which has one process to spare.
 * `--single-process` is one Chromium itself calls unsupported, and here it showed why:
 * the contexts of one browser shared localStorage (so two officers' panes saw one token),
 * and a page's load hung for good once in a CI run (as Sparticuz/chromium issue 87
 * reports of navigations under that flag). The tests run Chromium as a desktop does.
 */
const CHROMIUM_ARGS = [...chromium.args.filter((a) => a !== "--single-process"), ...QUIET];

/**
 * Real Chromium: the one inside @sparticuz/chromium (so `npm ci && npm test` needs no
 * other install), or Debian's /usr/bin/chromium if that binary cannot run here. One per
 * suite: each officer's computer is a context of it (storage, cookies and routes apart).
 */
export async function launchChromium(): Promise<Browser> {
  try {
    return await playwright.launch({ executablePath: await chromium.executablePath(), args: CHROMIUM_ARGS, headless: true });
  } catch (err) {
    if (!existsSync("/usr/bin/chromium")) throw err;
    return playwright.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", ...QUIET],
      headless: true,
    });
  }
}
