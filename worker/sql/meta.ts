import type { D1Database } from "../cf-types.ts";

/** The last applied migration, from the table `wrangler d1 migrations apply` keeps. */
export async function migrationLevel(db: D1Database): Promise<string | null> {
  const row = await db.prepare(`SELECT name FROM d1_migrations ORDER BY id DESC LIMIT 1`).first<{ name: string }>();
  return row?.name ?? null;
}

/** ANALYZE where the statistics are stale (the planner's choice of covering indexes depends on them). */
export async function optimizePlanner(db: D1Database): Promise<void> {
  await db.prepare("PRAGMA optimize").run();
}
