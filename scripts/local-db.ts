import { execFile } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { getPlatformProxy } from "wrangler";
import type { D1Database } from "../worker/cf-types.ts";
import { seedDemoActivity, type DemoActivity } from "../worker/demo/activity.ts";
import { seedDemo, type DemoOfficer } from "../worker/demo/seed.ts";
import { QUIET_WRANGLER_ENV } from "./wrangler-env.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WRANGLER_BIN = path.join(ROOT, "node_modules/.bin/wrangler");
const run = promisify(execFile);

export interface LocalDatabaseOptions {
  /** Where the local D1 lives; wrangler's default (.wrangler/state) when absent. */
  persistTo?: string;
  /** Where the demo officers and their tokens are written. */
  officersFile: string;
  /** Told what the demo's officers did (its campaigns, and demo items left as an officer changed them). */
  onActivity?: (activity: DemoActivity) => void;
}

/**
 * Applies the migrations with wrangler itself (as a deploy would) and seeds the demo
 * once (the area and officers, then what the officers did with it); returns the demo
 * officers with tokens that work against this database.
 */
export async function prepareLocalDatabase(opts: LocalDatabaseOptions): Promise<DemoOfficer[]> {
  await applyLocalMigrations(opts.persistTo);

  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(ROOT, "wrangler.toml"),
    persist: opts.persistTo ? { path: path.join(opts.persistTo, "v3") } : true,
    remoteBindings: false,
  });
  try {
    const officers = await seedDemo(proxy.env.DB, await readKnownTokens(opts.officersFile));
    // Written before the activity: its tokens already work, and a failure below must not lose them.
    await mkdir(path.dirname(opts.officersFile), { recursive: true });
    await writeFile(opts.officersFile, `${JSON.stringify(officers, null, 2)}\n`, { mode: 0o600 });
    // Always run, told or not: `onActivity?.(await …)` would skip the seeding when no one listens.
    const activity = await seedDemoActivity(proxy.env.DB, officers);
    opts.onActivity?.(activity);
    return officers;
  } finally {
    await proxy.dispose();
  }
}

/** Applies the migrations not yet applied to the local D1, with wrangler itself (as a deploy would). */
export async function applyLocalMigrations(persistTo?: string): Promise<void> {
  const persistArgs = persistTo ? ["--persist-to", persistTo] : [];
  await run(WRANGLER_BIN, ["d1", "migrations", "apply", "DB", "--local", ...persistArgs], {
    cwd: ROOT,
    // CI=true answers wrangler's "continue?" prompt; nothing else here depends on it.
    env: { ...process.env, ...QUIET_WRANGLER_ENV, CI: "true" },
  });
}

async function readKnownTokens(file: string): Promise<string[]> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { token?: unknown }[];
    return parsed.map((o) => o.token).filter((t): t is string => typeof t === "string");
  } catch {
    return [];
  }
}
