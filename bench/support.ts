import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { prepareLocalDatabase } from "../scripts/local-db.ts";
import { startLocalWorker, type LocalWorker } from "../scripts/local-worker.ts";
import type { DemoOfficer } from "../worker/demo/seed.ts";

export interface BenchWorker extends LocalWorker {
  dir: string;
  officers: DemoOfficer[];
}

/**
 * A migrated, seeded local worker in a throwaway directory; `entrypoint` runs another
 * entry around the worker (the D1 probe, bench/d1-probe-entry.ts).
 */
export async function benchWorker(opts: { entrypoint?: string } = {}): Promise<BenchWorker> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dvk-bench-"));
  const officers = await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "officers.json") });
  const worker = await startLocalWorker({ persistTo: dir, ...opts });
  return {
    ...worker,
    dir,
    officers,
    dispose: async () => {
      await worker.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Times `fn` `n` times after `warmup` untimed runs; milliseconds. */
export async function timeRuns(n: number, fn: () => Promise<unknown>, warmup = 3): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

export const round = (x: number, digits = 2) => Number(x.toFixed(digits));
