import { cp, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const ADDIN_DIST = path.join(root, "dist/addin");

/** office.js loads these at run time from beside itself; the rest of the package is for other hosts. */
function isOfficeJsFileWeServe(rel: string): boolean {
  if (rel.endsWith(".debug.js") || rel.endsWith(".d.ts") || rel.endsWith("-vsdoc.js")) return false;
  return !/^(access|onenote|outlook|powerpoint|project|word)/.test(path.basename(rel));
}

/**
 * The pane's bundle as it is served: minified, with a linked source map so the pane's
 * DevTools show the TypeScript (the map is fetched only when DevTools open). The
 * `addin` bench measures exactly these options.
 */
export function taskpaneBundleOptions() {
  return {
    entryPoints: [path.join(root, "addin/taskpane.ts")],
    bundle: true,
    format: "iife",
    target: "es2020",
    minify: true,
    sourcemap: "linked",
    outfile: path.join(ADDIN_DIST, "taskpane.js"),
    logLevel: "warning",
  } satisfies BuildOptions;
}

/**
 * Builds the task pane into dist/addin: the bundle, its page and styles, icons, and a
 * copy of office.js so the pane works where Microsoft's CDN cannot be reached.
 */
export async function buildAddin(): Promise<void> {
  await rm(ADDIN_DIST, { recursive: true, force: true });
  await mkdir(ADDIN_DIST, { recursive: true });
  await build(taskpaneBundleOptions());
  for (const page of ["taskpane.html", "index.html"]) await cp(path.join(root, "addin", page), path.join(ADDIN_DIST, page));
  // Offered for download from the landing page (Excel on the web uploads it).
  await cp(path.join(root, "manifest.xml"), path.join(ADDIN_DIST, "manifest.xml"));
  await cp(path.join(root, "addin/taskpane.css"), path.join(ADDIN_DIST, "taskpane.css"));
  await cp(path.join(root, "addin/assets"), path.join(ADDIN_DIST, "assets"), { recursive: true });
  const officeJs = path.join(root, "node_modules/@microsoft/office-js/dist");
  const target = path.join(ADDIN_DIST, "vendor/office-js");
  await cp(officeJs, target, {
    recursive: true,
    filter: (src) => isOfficeJsFileWeServe(path.relative(officeJs, src)),
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await buildAddin();
  console.log(`Add-in built into ${path.relative(process.cwd(), ADDIN_DIST)}`);
}
