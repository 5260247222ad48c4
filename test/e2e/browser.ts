import { existsSync } from "node:fs";
import chromium from "@sparticuz/chromium";
import { chromium as playwright, type Browser } from "playwright-core";

// Chromium's own calls home are refused on this network; turning them off keeps runs quiet and fast.
const QUIET = ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/**
 * Real Chromium: the one inside @sparticuz/chromium (so `npm ci && npm test` needs no
 * other install), or Debian's /usr/bin/chromium if that binary cannot run here.
 */
export async function launchChromium(): Promise<Browser> {
  try {
    return await playwright.launch({
      executablePath: await chromium.executablePath(),
      args: [...chromium.args, ...QUIET],
      headless: true,
    });
  } catch (err) {
    if (!existsSync("/usr/bin/chromium")) throw err;
    return playwright.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", ...QUIET],
      headless: true,
    });
  }
}
