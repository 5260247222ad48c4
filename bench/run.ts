import { readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { quietWrangler } from "../scripts/wrangler-env.ts";

// `npm run bench`: every bench/*.bench.ts in turn; each returns its figures, measured
// against a baseline taken in the same run, and they land in bench/results.json.
quietWrangler();
const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = (await readdir(dir)).filter((f) => f.endsWith(".bench.ts")).sort();

// A partial run (`npm run bench -- sync`) keeps the other suites' last figures.
const previous = only.length
  ? (JSON.parse(await readFile(path.join(dir, "results.json"), "utf8").catch(() => "{}")) as Record<string, unknown>)
  : {};
const results: Record<string, unknown> = {
  ...previous,
  generatedAt: new Date().toISOString(),
  machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` },
};
for (const file of files) {
  // `sections`: keys of the suite's figures that stand at the top of results.json (reports' `storage`).
  const suite = (await import(path.join(dir, file))) as { name: string; sections?: readonly string[]; run(): Promise<Record<string, unknown>> };
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`bench ${suite.name} …`);
  const started = performance.now();
  const figures = await suite.run();
  for (const section of suite.sections ?? []) {
    results[section] = figures[section];
    delete figures[section];
  }
  results[suite.name] = figures;
  console.log(figures, ...(suite.sections ?? []).map((s) => ({ [s]: results[s] })));
  console.log(`bench ${suite.name}: ${Math.round((performance.now() - started) / 1000)} s`);
}
await writeFile(path.join(dir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log(`Figures written to ${path.relative(process.cwd(), path.join(dir, "results.json"))}`);
