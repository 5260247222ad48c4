import { readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { benchWorker, median, round } from "./support.ts";
import { DEMO_CAMPAIGN } from "../worker/demo/area.ts";

export const name = "sync";

const ROWS = 10_000;
const BATCH = 1_000;
const ROUNDS = 3;

async function sequence<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
const FIELDS = ["economy", "culture_society", "defense_security", "political_system"] as const;

/** Registrations shaped like the samples: ~40/35/13/12% by field, a quarter individual. */
function registrations(unitIds: readonly number[]) {
  return Array.from({ length: ROWS }, (_, i) => {
    const individual = i % 4 === 0;
    return {
      id: crypto.randomUUID(),
      baseVersion: 0,
      orgUnitId: unitIds[i % unitIds.length]!,
      kind: individual ? "individual" : "collective",
      unitName: individual ? null : `Chi hội Cựu chiến binh thôn số ${i % 50}`,
      address: `Thôn số ${i % 50}, xã Hà Giang`,
      personName: individual ? `Nguyễn Văn Thắng ${i}` : null,
      position: individual ? "Chi hội trưởng" : null,
      modelName: `Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn, mô hình số ${i}`,
      field: FIELDS[[0, 0, 0, 0, 1, 1, 1, 2, 3, 3][i % 10]!]!,
      level: "grassroots",
      expectedBenefit: (i % 7) * 150_000_000,
      startDate: "2023-03-01",
      endDate: "2023-11-30",
      representative: "Trần Văn Bình",
      submittedAt: "2023-03-20",
    };
  });
}

/**
 * The same rows into the same schema with better-sqlite3: one transaction, one prepared
 * insert. `audit: false` drops the audit triggers first, the stricter baseline.
 */
async function rawSqliteRowsPerSecond(rows: ReturnType<typeof registrations>, audit: boolean): Promise<number> {
  const file = path.join(os.tmpdir(), `dvk-raw-${process.pid}.sqlite`);
  await rm(file, { force: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  const dir = path.join(import.meta.dirname, "../worker/migrations");
  for (const f of (await readdir(dir)).sort()) db.exec(await readFile(path.join(dir, f), "utf8"));
  db.exec(`INSERT INTO org_units (id, code, name, kind, path, depth) VALUES (1, 'X', 'X', 'commune', '/1/', 0);
    INSERT INTO campaigns (id, org_unit_id, year, title, deadline, levels, expected_kinds, rubric) VALUES (1, 1, 2023, 't', '2023-03-25', '[]', '[]', '{}');
    INSERT INTO officers (id, name, roles, scope_id, unit_id, token_hash) VALUES (1, 'o', '[]', 1, 1, 'h');`);
  if (!audit) db.exec(`DROP TRIGGER registrations_audit_insert; DROP TRIGGER registrations_audit_update;`);
  const insert = db.prepare(`INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, address, person_name,
    position, model_name, field, expected_benefit, start_date, end_date, level, representative, submitted_at, version, seq,
    deleted, created_at, created_by, updated_at, updated_by) VALUES (?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 0, ?, 1, ?, 1)`);
  const now = new Date().toISOString();
  const t = performance.now();
  db.transaction(() => {
    rows.forEach((r, i) =>
      insert.run(r.id, r.kind, r.unitName, r.address, r.personName, r.position, r.modelName, r.field,
        r.expectedBenefit, r.startDate, r.endDate, r.level, r.representative, r.submittedAt, i + 1, now, now),
    );
  })();
  const seconds = (performance.now() - t) / 1000;
  db.close();
  await rm(file, { force: true });
  return ROWS / seconds;
}

/**
 * 10,000 registrations pushed through the real worker and local D1 in requests of
 * 1,000, with validation, scope checks and the audit log as in production, against
 * better-sqlite3 writing the same rows into the same schema; median of three rounds.
 */
/** One round: a fresh worker and database (as the raw baseline gets a fresh file), 10,000 rows. */
async function workerRowsPerSecond(): Promise<number> {
  const worker = await benchWorker();
  try {
    const clerk = worker.officers.find((o) => o.roles.includes("clerk"))!;
    const headers = { authorization: `Bearer ${clerk.token}`, "content-type": "application/json" };
    const get = (p: string) => fetch(`${worker.url}${p}`, { headers }).then((r) => r.json());
    // The demo's 2023 campaign, whose levels the generated forms use (the 2026 one lists first).
    const campaign = ((await get("/api/v1/campaigns")) as { id: number; year: number }[]).find((c) => c.year === DEMO_CAMPAIGN.year)!;
    const units = ((await get("/api/v1/org-units")) as { id: number; kind: string }[]).filter((u) => u.kind === "village");
    const rows = registrations(units.map((u) => u.id));
    // Bodies are serialised before the clock starts: what is measured is the server's path.
    const bodies = Array.from({ length: ROWS / BATCH }, (_, b) =>
      JSON.stringify({ campaignId: campaign!.id, pull: false, registrations: rows.slice(b * BATCH, (b + 1) * BATCH) }),
    );
    const t = performance.now();
    for (const [b, body] of bodies.entries()) {
      const res = await fetch(`${worker.url}/api/v1/sync`, { method: "POST", headers, body });
      const answer = (await res.json()) as { results: { outcome: string }[] };
      const created = answer.results.filter((r) => r.outcome === "created").length;
      if (created !== BATCH) throw new Error(`batch ${b}: ${created} created of ${BATCH}`);
    }
    return ROWS / ((performance.now() - t) / 1000);
  } finally {
    await worker.dispose();
  }
}

/**
 * 10,000 registrations pushed through the real worker and local D1 in requests of
 * 1,000, with validation, scope checks and the audit log as in production, against
 * better-sqlite3 writing the same rows into the same schema. Each side runs three
 * rounds from an empty database and keeps the median: one round on a 2-core machine
 * swings by a fifth either way.
 */
export async function run(): Promise<Record<string, number>> {
  const rowsPerSecond = median(await sequence(ROUNDS, workerRowsPerSecond));
  const raw = median(await sequence(ROUNDS, () => rawSqliteRowsPerSecond(registrations([1]), false)));
  const rawWithAudit = median(await sequence(ROUNDS, () => rawSqliteRowsPerSecond(registrations([1]), true)));
  return {
    rows: ROWS,
    batch: BATCH,
    rounds: ROUNDS,
    rowsPerSecond: round(rowsPerSecond, 0),
    // The baseline the ratio uses: bare inserts, without the audit the worker also writes.
    rawSqliteRowsPerSecond: round(raw, 0),
    ratioToRaw: round(rowsPerSecond / raw, 3),
    rawSqliteWithAuditRowsPerSecond: round(rawWithAudit, 0),
    ratioToRawWithAudit: round(rowsPerSecond / rawWithAudit, 3),
  };
}
