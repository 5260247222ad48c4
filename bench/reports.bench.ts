import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { getPlatformProxy } from "wrangler";
import { prepareLocalDatabase, ROOT } from "../scripts/local-db.ts";
import { startLocalWorker } from "../scripts/local-worker.ts";
import type { D1Database } from "../worker/cf-types.ts";
import { unitsQuery } from "../worker/reports/units.ts";
import { ensureCampaign } from "../worker/sql/campaigns.ts";
import { getOrgUnitByCode, insertMissingOrgUnits } from "../worker/sql/org-units.ts";
import { insertOfficer } from "../worker/sql/officers.ts";
import { generateToken, hashToken } from "../worker/tokens.ts";
import { DEFAULT_RUBRIC } from "../shared/schemas/rubric.ts";
import { DEFAULT_EXPECTED_KINDS, DEFAULT_LEVELS } from "../shared/vocabulary.ts";
import { median, round } from "./support.ts";
import { nationalRegistrations, nationalUnits, ROOT_CODE } from "./national.ts";

export const name = "reports";

const REGISTRATIONS = 100_000;
const RUNS = 20;
/** Implementing plans: every commune of the largest province has its own, and one whole province does. */
const PLAN_DEADLINE = "2023-03-31";

/** The national root, its admin and a national campaign: what no API call can create (every call needs a token). */
async function bootstrap(dir: string): Promise<{ token: string; campaignId: number }> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: path.join(ROOT, "wrangler.toml"),
    persist: { path: path.join(dir, "v3") },
    remoteBindings: false,
  });
  try {
    const db = proxy.env.DB;
    await insertMissingOrgUnits(db, [{ code: ROOT_CODE, name: "Toàn quốc", kind: "country", parentCode: null }]);
    const root = (await getOrgUnitByCode(db, ROOT_CODE))!;
    const token = generateToken();
    await insertOfficer(db, { name: "Quản trị toàn quốc", roles: ["admin", "viewer"], scopeId: root.id, unitId: root.id, tokenHash: await hashToken(token) });
    const campaignId = await ensureCampaign(db, {
      orgUnitId: root.id, year: 2025, title: "Dân vận khéo toàn quốc (dữ liệu thử)", planRef: null, deadline: "2025-03-25",
      levels: DEFAULT_LEVELS, expectedKinds: DEFAULT_EXPECTED_KINDS, rubric: DEFAULT_RUBRIC,
    });
    return { token, campaignId };
  } finally {
    await proxy.dispose();
  }
}

async function d1File(dir: string): Promise<string> {
  const base = path.join(dir, "v3", "d1");
  const files = (await readdir(base, { recursive: true })).filter((f) => f.endsWith(".sqlite") && !f.endsWith("metadata.sqlite"));
  if (files.length !== 1) throw new Error(`expected one D1 file under ${base}, found ${files.join(", ")}`);
  return path.join(base, files[0]!);
}

/**
 * The units table at national scale, through HTTP on the real worker: the largest
 * province grouped by commune and the whole country grouped by province, against the
 * same statement on better-sqlite3 over the same database file, in the same run.
 */
export async function run(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "dvk-national-"));
  try {
    await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "officers.json") });
    const { token, campaignId } = await bootstrap(dir);
    const worker = await startLocalWorker({ persistTo: dir });
    const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const post = async (p: string, body: unknown) => {
      const res = await fetch(`${worker.url}/api/v1${p}`, { method: "POST", headers, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const get = async (p: string) => {
      // A stale kept-alive socket after a long idle gap can fail once (d1-measured.md).
      try {
        return await fetch(`${worker.url}/api/v1${p}`, { headers });
      } catch {
        return fetch(`${worker.url}/api/v1${p}`, { headers });
      }
    };
    let scopes: { province: number; country: number };
    let seedUnitsMs: number;
    let seedRegistrationsMs: number;
    let plans = 0;
    try {
      let t = performance.now();
      const units = nationalUnits().slice(1);
      for (let i = 0; i < units.length; i += 5000) await post("/admin/org-units", { units: units.slice(i, i + 5000) });
      seedUnitsMs = performance.now() - t;

      const tree = (await (await get("/org-units")).json()) as { id: number; code: string; kind: string }[];
      const leaves = tree.filter((u) => !["country", "province", "commune"].includes(u.kind)).map((u) => u.id);
      scopes = { province: tree.find((u) => u.code === "VN-01")!.id, country: tree.find((u) => u.code === ROOT_CODE)!.id };
      const regs = nationalRegistrations(REGISTRATIONS, leaves);
      t = performance.now();
      for (let i = 0; i < regs.length; i += 1000) await post("/sync", { campaignId, registrations: regs.slice(i, i + 1000), pull: false });
      seedRegistrationsMs = performance.now() - t;

      const put = async (unit: number) => {
        const res = await fetch(`${worker.url}/api/v1/admin/campaigns/${campaignId}/plans/${unit}`, {
          method: "PUT",
          headers,
          body: JSON.stringify({ planRef: `Kế hoạch thực hiện số ${unit}`, deadline: PLAN_DEADLINE }),
        });
        if (!res.ok) throw new Error(`plan ${unit}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
        plans++;
      };
      for (const u of tree.filter((u) => u.kind === "commune" && u.code.startsWith("VN-01-"))) await put(u.id);
      await put(tree.find((u) => u.code === "VN-02")!.id);
    } catch (err) {
      await worker.dispose();
      throw err;
    }

    const timed = async (scope: number) => {
      const times: number[] = [];
      let rows = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const t = performance.now();
        const res = await get(`/campaigns/${campaignId}/reports/units?scope=${scope}&depth=1`);
        const body = (await res.json()) as { rows: unknown[] };
        if (i >= 2) times.push(performance.now() - t);
        rows = body.rows.length;
      }
      return { ms: median(times), rows };
    };
    const province = await timed(scopes.province);
    const national = await timed(scopes.country);
    await worker.dispose();

    // The same statement on the same file, with better-sqlite3.
    const db = new Database(await d1File(dir), { readonly: true });
    const scopeRow = db.prepare("SELECT path, depth FROM org_units WHERE id = ?").get(scopes.province) as { path: string; depth: number };
    const q = unitsQuery(campaignId, scopeRow.path, scopeRow.depth + 1, "2025-03-25");
    // better-sqlite3 names its parameters; D1's ?N become @pN with the same values.
    const stmt = db.prepare(q.sql.replace(/\?(\d+)/g, "@p$1"));
    const binds = Object.fromEntries(q.binds.map((v, i) => [`p${i + 1}`, v]));
    const raw: number[] = [];
    for (let i = 0; i < RUNS + 2; i++) {
      const t = performance.now();
      stmt.all(binds);
      if (i >= 2) raw.push(performance.now() - t);
    }
    if (process.env.BENCH_PLAN) {
      console.log(db.prepare(`EXPLAIN QUERY PLAN ${q.sql.replace(/\?(\d+)/g, "@p$1")}`).all(binds));
    }
    db.close();
    const rawMs = median(raw);
    return {
      registrations: REGISTRATIONS,
      units: nationalUnits().length,
      seedUnitsMs: round(seedUnitsMs, 0),
      seedRegistrationsMs: round(seedRegistrationsMs, 0),
      plans,
      provinceRows: province.rows,
      unitsMedianMs: round(province.ms),
      nationalRows: national.rows,
      nationalMedianMs: round(national.ms),
      rawSqliteMedianMs: round(rawMs),
      ratioToRaw: round(province.ms / rawMs),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
