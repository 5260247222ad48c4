import path from "node:path";
import { unstable_startWorker } from "wrangler";
import { ROOT } from "./local-db.ts";
import { quietWrangler } from "./wrangler-env.ts";

export interface LocalWorker {
  url: string;
  dispose(): Promise<void>;
}

/**
 * The real worker as `wrangler dev` runs it (assets, D1, workerd), on 127.0.0.1, for
 * end-to-end tests and benchmarks. `persistTo` must already be migrated.
 */
export async function startLocalWorker(opts: { persistTo: string; port?: number; entrypoint?: string }): Promise<LocalWorker> {
  quietWrangler();
  const worker = await unstable_startWorker({
    config: path.join(ROOT, "wrangler.toml"),
    // The bench's D1 probe wraps the worker (bench/d1-probe-entry.ts); everyone else runs wrangler.toml's `main`.
    ...(opts.entrypoint ? { entrypoint: opts.entrypoint } : {}),
    dev: {
      server: { hostname: "127.0.0.1", port: opts.port ?? 0 },
      persist: opts.persistTo,
      inspector: false,
      watch: false,
      liveReload: false,
      logLevel: "warn",
    },
  });
  await worker.ready;
  const url = (await worker.url).origin;
  return { url, dispose: () => worker.dispose() };
}
