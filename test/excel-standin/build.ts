// Excel stand-in (NOT Excel): bundles the browser side for Chromium with esbuild —
// excel-standin-office.js (served instead of office.js in the task pane) and
// excel-standin-harness.js + harness.html (the page that hosts the pane beside a grid).
// Node-only module: tests and the e2e setup import it; the bundles never do.

import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { loadApiSetTable } from "./api-sets-data.ts";

export interface StandInBundles {
  /** Replacement for /vendor/office-js/office.js inside the task pane. */
  officeJs: string;
  /** Script of the harness page. */
  harnessJs: string;
  /** The harness page; expects excel-standin-harness.js next to it. */
  harnessHtml: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));

const BANNER = "/* Excel stand-in (NOT Microsoft Excel): an in-memory workbook behind an Office.js-shaped API, for tests only. */";

/**
 * api-sets-data.ts reads @types/office-js with Node's fs; in the bundle it becomes the
 * table itself, derived from the same .d.ts at bundle time.
 */
const apiSetsAtBundleTime: esbuild.Plugin = {
  name: "excel-standin-api-sets",
  setup(build) {
    build.onLoad({ filter: /[\\/]api-sets-data\.ts$/ }, () => ({
      contents: `// Generated at bundle time from @types/office-js by build.ts.\nconst TABLE = ${JSON.stringify(loadApiSetTable())};\nexport function loadApiSetTable() { return TABLE; }\n`,
      loader: "js",
    }));
  },
};

export async function buildStandInBundles(outDir: string): Promise<StandInBundles> {
  await mkdir(outDir, { recursive: true });
  await esbuild.build({
    entryPoints: {
      "excel-standin-office": path.join(here, "browser-entry.ts"),
      "excel-standin-harness": path.join(here, "harness-entry.ts"),
    },
    outdir: outDir,
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "chrome120",
    sourcemap: "inline",
    charset: "utf8",
    banner: { js: BANNER },
    plugins: [apiSetsAtBundleTime],
    logLevel: "silent",
  });
  const harnessHtml = path.join(outDir, "harness.html");
  await copyFile(path.join(here, "harness.html"), harnessHtml);
  return {
    officeJs: path.join(outDir, "excel-standin-office.js"),
    harnessJs: path.join(outDir, "excel-standin-harness.js"),
    harnessHtml,
  };
}
