import { analyzeMetafile, build, type Metafile } from "esbuild";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { taskpaneBundleOptions } from "../scripts/build-addin.ts";

export const name = "addin";

/** One build of the pane in memory; the JavaScript file and what went into it. */
async function bundle(minify: boolean): Promise<{ js: Uint8Array; metafile: Metafile }> {
  const result = await build({ ...taskpaneBundleOptions(), minify, write: false, metafile: true });
  const js = result.outputFiles.find((f) => f.path.endsWith(".js"))!;
  return { js: js.contents, metafile: result.metafile };
}

/** Bytes that inputs under `prefix` contribute to the bundle. */
function bytesFrom(metafile: Metafile, prefix: string): number {
  const [output] = Object.values(metafile.outputs).filter((o) => o.entryPoint);
  return Object.entries(output!.inputs)
    .filter(([input]) => input.startsWith(prefix))
    .reduce((sum, [, { bytesInOutput }]) => sum + bytesInOutput, 0);
}

/**
 * What an officer's Excel downloads to open the pane: taskpane.js built exactly as
 * `npm run build` builds it (minified, source map linked, not inlined), gzipped as a
 * server sends it. Baseline in the same run: the same entry built without minifying.
 * `BENCH_ANALYZE=1` prints esbuild's account of what fills the bundle.
 */
export async function run(): Promise<Record<string, number>> {
  const served = await bundle(true);
  const plain = await bundle(false);
  if (process.env.BENCH_ANALYZE) console.log(await analyzeMetafile(served.metafile));
  const gzip = gzipSync(served.js).length;
  const plainGzip = gzipSync(plain.js).length;
  return {
    bundleBytes: served.js.length,
    bundleGzipBytes: gzip,
    bundleBrotliBytes: brotliCompressSync(served.js).length,
    unminifiedBytes: plain.js.length,
    unminifiedGzipBytes: plainGzip,
    ratioToUnminifiedGzip: Number((gzip / plainGzip).toFixed(3)),
    zodBytes: bytesFrom(served.metafile, "node_modules/zod/"),
    zodLocalesBytes: bytesFrom(served.metafile, "node_modules/zod/v4/locales/"),
    ownCodeBytes: bytesFrom(served.metafile, "addin/") + bytesFrom(served.metafile, "shared/"),
  };
}
