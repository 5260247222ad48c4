import { launchChromium } from "../test/e2e/browser.ts";

// CI's first question: can the browser tests start a Chromium on this machine?
const browser = await launchChromium();
console.log(`chromium ${browser.version()} starts`);
await browser.close();
