import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { applyLocalMigrations, prepareLocalDatabase, ROOT } from "../scripts/local-db.ts";
import { startLocalWorker } from "../scripts/local-worker.ts";
import { unitsAsOfQuery, unitsQuery, type UnitsQuery } from "../worker/sql/report-units.ts";
import { endOfVietnamDay } from "../shared/vietnam-time.ts";
import { loadNational, type NationalData } from "./national-load.ts";
import { nationalUnits, YEARS } from "./national.ts";
import { median, round } from "./support.ts";

export const name = "reports";
/** Where the bytes of the national database go stands at the top of results.json. */
export const sections = ["storage"] as const;

const RUNS = 20;
/** The as-of table rebuilt from the audit log takes seconds: fewer runs. */
const AS_OF_RUNS = 10;

async function d1File(dir: string): Promise<string> {
  const base = path.join(dir, "v3", "d1");
  const files = (await readdir(base, { recursive: true })).filter((f) => f.endsWith(".sqlite") && !f.endsWith("metadata.sqlite"));
  if (files.length !== 1) throw new Error(`expected one D1 file under ${base}, found ${files.join(", ")}`);
  return path.join(base, files[0]!);
}

/** Where the bytes are: each table with its indexes, from SQLite's own page accounting. */
function storage(file: string, registrations: number) {
  const db = new Database(file, { readonly: true });
  try {
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const pages = db.pragma("page_count", { simple: true }) as number;
    const free = db.pragma("freelist_count", { simple: true }) as number;
    const owner = new Map(
      (db.prepare("SELECT name, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all() as { name: string; tbl_name: string }[]).map((r) => [r.name, r.tbl_name]),
    );
    const byTable: Record<string, number> = {};
    for (const r of db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as { name: string; bytes: number }[]) {
      const table = owner.get(r.name) ?? r.name;
      byTable[table] = (byTable[table] ?? 0) + r.bytes;
    }
    const bytes = pages * pageSize;
    const audit = byTable.audit_log ?? 0;
    const auditRows = (db.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
    return {
      databaseBytes: bytes,
      freeBytes: free * pageSize,
      bytesPerRegistration: Math.round(bytes / registrations),
      auditBytesPerRegistration: Math.round(audit / registrations),
      auditShare: round(audit / bytes, 3),
      auditEntries: auditRows,
      registrationsTableShare: round((byTable.registrations ?? 0) / bytes, 3),
      scoresShare: round(((byTable.scores ?? 0) + (byTable.score_summaries ?? 0)) / bytes, 3),
      orgUnitsShare: round((byTable.org_units ?? 0) / bytes, 3),
      snapshotsBytes: (byTable.snapshot_registrations ?? 0) + (byTable.report_snapshots ?? 0),
    };
  } finally {
    db.close();
  }
}

// better-sqlite3 names its parameters; D1's ?N become @pN with the same values.
const named = (sql: string) => sql.replace(/\?(\d+)/g, "@p$1");
const namedBinds = (q: UnitsQuery) => Object.fromEntries(q.binds.map((v, i) => [`p${i + 1}`, v]));

/** The median time of a statement on better-sqlite3, after `warm` runs left out. */
function rawMedian(db: Database.Database, q: UnitsQuery, runs: number, warm: number): number {
  const stmt = db.prepare(named(q.sql));
  const binds = namedBinds(q);
  const times: number[] = [];
  for (let i = 0; i < runs + warm; i++) {
    const start = performance.now();
    stmt.all(binds);
    if (i >= warm) times.push(performance.now() - start);
  }
  return median(times);
}

/**
 * Reports on five years of the whole country (bench/national-load.ts: 500,000
 * registrations with their edits, deletions, score sheets and review moves, all
 * audited), through HTTP on the real worker: the last year's units table for the
 * largest province by commune and for the country by province, and the country as of
 * 30/6 of the year before: rebuilt from the audit log, then read from the snapshot the
 * daily run writes (timed too), each against the same statement on better-sqlite3 over
 * the same file in the same run; then where the bytes are.
 */
export async function run(): Promise<Record<string, unknown>> {
  // BENCH_NATIONAL_DIR keeps the loaded database there and reuses it on the next run:
  // the reports can be timed again without loading for ten minutes.
  const kept = process.env.BENCH_NATIONAL_DIR;
  const dir = kept ?? (await mkdtemp(path.join(os.tmpdir(), "dvk-national-")));
  const loaded = path.join(dir, "national.json");
  try {
    let t = performance.now();
    let migrateMs = 0;
    let loadMs = 0;
    let data: NationalData;
    try {
      data = JSON.parse(await readFile(loaded, "utf8")) as NationalData;
    } catch {
      await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "officers.json") });
      migrateMs = performance.now() - t;
      t = performance.now();
      data = await loadNational(await d1File(dir));
      loadMs = performance.now() - t;
      if (kept) await writeFile(loaded, JSON.stringify({ ...data, migrateMs, loadMs }));
    }
    if (kept && !loadMs) {
      ({ migrateMs, loadMs } = data as NationalData & { migrateMs: number; loadMs: number });
      // A database kept from an earlier run gets the migrations written since.
      await applyLocalMigrations(dir);
    }
    const file = await d1File(dir);
    // The daily run below writes the half-year snapshots again, so the rebuild is timed first and every run does the same work.
    {
      const db = new Database(file);
      db.exec("DELETE FROM snapshot_registrations; DELETE FROM report_snapshots;");
      db.close();
    }

    // The real worker, with one more route that runs its daily upkeep (bench/upkeep-entry.ts).
    const worker = await startLocalWorker({ persistTo: dir, entrypoint: path.join(ROOT, "bench/upkeep-entry.ts") });
    const headers = { authorization: `Bearer ${data.token}` };
    const get = async (p: string) => {
      // A stale kept-alive socket after a long idle gap can fail once (d1-measured.md).
      try {
        return await fetch(`${worker.url}/api/v1${p}`, { headers });
      } catch {
        return fetch(`${worker.url}/api/v1${p}`, { headers });
      }
    };
    const campaignId = data.reportCampaign.id;
    // As of a day: the last campaign is dated ahead of the clock (a moment after today is
    // refused), so the one before it, as of 30/6 of its year: after its forms, edits and
    // deletions, before its score sheets and decisions, all of which are taken back.
    const asOfCampaign = data.campaigns.at(-2)!;
    const asOfDay = `${asOfCampaign.year}-06-30`;
    const timed = async (query: string, campaign = campaignId, runs = RUNS) => {
      const times: number[] = [];
      let body: { rows: unknown[]; totals: unknown } = { rows: [], totals: null };
      for (let i = 0; i < runs + 2; i++) {
        const start = performance.now();
        const res = await get(`/campaigns/${campaign}/reports/units?${query}`);
        if (!res.ok) throw new Error(`units report ${query}: ${res.status} ${await res.text()}`);
        body = (await res.json()) as typeof body;
        if (i >= 2) times.push(performance.now() - start);
      }
      return { ms: median(times), rows: body.rows.length, figures: JSON.stringify([body.rows, body.totals]) };
    };
    const asOfQuery = `scope=${data.scopes.country}&depth=1&asOf=${asOfDay}`;
    let province: Awaited<ReturnType<typeof timed>>;
    let national: Awaited<ReturnType<typeof timed>>;
    let rebuilt: Awaited<ReturnType<typeof timed>>;
    let asOf: Awaited<ReturnType<typeof timed>>;
    let snapshotRunMs: number;
    try {
      province = await timed(`scope=${data.scopes.province}&depth=1`);
      national = await timed(`scope=${data.scopes.country}&depth=1`);
      // As of 30/6 before the daily run has written it down: rebuilt from the audit log.
      rebuilt = await timed(asOfQuery, asOfCampaign.id, AS_OF_RUNS);
      // The daily run, as the cron calls it today: it writes the newest half-year ends that have passed.
      const start = performance.now();
      const upkeep = await fetch(`${worker.url}/api/__bench/upkeep`, { method: "POST" });
      if (!upkeep.ok) throw new Error(`the daily upkeep: ${upkeep.status} ${await upkeep.text()}`);
      snapshotRunMs = performance.now() - start;
      asOf = await timed(asOfQuery, asOfCampaign.id);
    } finally {
      await worker.dispose();
    }
    if (asOf.figures !== rebuilt.figures) throw new Error("the national table as of 30/6 differs between its snapshot and its rebuild");

    // The same statements on the same file, with better-sqlite3.
    const db = new Database(file, { readonly: true });
    const unit = (id: number) => db.prepare("SELECT path, depth FROM org_units WHERE id = ?").get(id) as { path: string; depth: number };
    const scopeRow = unit(data.scopes.province);
    const q = unitsQuery(campaignId, scopeRow.path, scopeRow.depth + 1, data.reportCampaign.deadline);
    const rawMs = rawMedian(db, q, RUNS, 2);
    // And the national table as of the day: rebuilt, and from the snapshot the daily run wrote.
    const root = unit(data.scopes.country);
    const at = endOfVietnamDay(asOfDay);
    const asOfDeadline = `${asOfCampaign.year}-03-25`;
    const rawRebuiltMs = rawMedian(db, unitsAsOfQuery(asOfCampaign.id, root.path, root.depth + 1, asOfDeadline, { at, plans: [] }), AS_OF_RUNS, 1);
    const snapshots = db
      .prepare(
        `SELECT s.campaign_id AS campaignId, s.at, (SELECT count(*) FROM snapshot_registrations r WHERE r.snapshot_id = s.id) AS registrations
         FROM report_snapshots s ORDER BY s.at DESC`,
      )
      .all() as { campaignId: number; at: string; registrations: number }[];
    const snapshotId = (db.prepare("SELECT id FROM report_snapshots WHERE campaign_id = ? AND at = ?").get(asOfCampaign.id, at) as { id: number } | undefined)?.id;
    if (snapshotId === undefined) throw new Error(`the daily run wrote no snapshot of campaign ${asOfCampaign.id} at ${at}`);
    const rawAsOfMs = rawMedian(db, unitsQuery(asOfCampaign.id, root.path, root.depth + 1, asOfDeadline, { id: snapshotId, plans: [] }), RUNS, 2);
    if (process.env.BENCH_PLAN) {
      console.log(db.prepare(`EXPLAIN QUERY PLAN ${named(q.sql)}`).all(namedBinds(q)));
    }
    db.close();
    return {
      campaigns: YEARS.length,
      registrations: data.registrations,
      units: nationalUnits().length,
      ...Object.fromEntries(Object.entries(data.counts).filter(([k]) => k !== "registrations")),
      plans: data.plans,
      migrateAndSeedMs: round(migrateMs, 0),
      loadMs: round(loadMs, 0),
      loadBreakdownMs: Object.fromEntries(Object.entries(data.loadMs).map(([k, v]) => [k, round(v, 0)])),
      provinceRows: province.rows,
      unitsMedianMs: round(province.ms),
      nationalRows: national.rows,
      nationalMedianMs: round(national.ms),
      asOfDay,
      asOfYear: asOfCampaign.year,
      asOfNationalRows: asOf.rows,
      asOfNationalMedianMs: round(asOf.ms),
      asOfRawSqliteMedianMs: round(rawAsOfMs),
      asOfRatioToRaw: round(asOf.ms / rawAsOfMs),
      asOfRebuildNationalMedianMs: round(rebuilt.ms),
      asOfRebuildRawSqliteMedianMs: round(rawRebuiltMs),
      snapshotRunMs: round(snapshotRunMs, 0),
      snapshotsWritten: snapshots,
      rawSqliteMedianMs: round(rawMs),
      ratioToRaw: round(province.ms / rawMs),
      storage: { fileBytes: (await stat(file)).size, ...storage(file, data.registrations) },
    };
  } finally {
    if (!kept) await rm(dir, { recursive: true, force: true });
  }
}
