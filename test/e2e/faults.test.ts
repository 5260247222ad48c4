import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareLocalDatabase } from "../../scripts/local-db.ts";
import { startWranglerDev, type WranglerDev } from "../../scripts/wrangler-dev.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";

// The worker process is killed in the middle of pushes and started again on the same
// database; clients retry until answered. Nothing may be half-written: every
// registration whole, once, with one audit entry.

let dir: string;
let dev: WranglerDev;
let clerk: DemoOfficer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "dvk-faults-"));
  const officers = await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "officers.json") });
  clerk = officers.find((o) => o.roles.includes("clerk"))!;
  dev = await startWranglerDev({ persistTo: dir });
});

afterAll(async () => {
  await dev?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function push(url: string, body: string): Promise<{ outcome: string }[]> {
  const res = await fetch(`${url}/api/v1/sync`, {
    method: "POST",
    headers: { authorization: `Bearer ${clerk.token}`, "content-type": "application/json" },
    body,
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as { results: { outcome: string }[] }).results;
}

describe("a worker killed mid-push", () => {
  it("leaves nothing half-written; the retries complete every batch exactly once", async () => {
    const headers = { authorization: `Bearer ${clerk.token}` };
    const [campaign] = await (await fetch(`${dev.url}/api/v1/campaigns`, { headers })).json();
    const units = await (await fetch(`${dev.url}/api/v1/org-units`, { headers })).json();
    const villages = units.filter((u: { kind: string }) => u.kind === "village").map((u: { id: number }) => u.id);
    const batches = Array.from({ length: 4 }, (_, b) =>
      JSON.stringify({
        campaignId: campaign.id,
        pull: false,
        registrations: Array.from({ length: 1000 }, (_, i) => ({
          id: crypto.randomUUID(), baseVersion: 0, orgUnitId: villages[i % villages.length], kind: "collective",
          unitName: `Chi hội ${i}`, modelName: `fault-${b}-${i}`, field: "culture_society", level: "grassroots",
          expectedBenefit: i, startDate: "2023-03-01", endDate: "2023-12-31", submittedAt: "2023-03-21",
        })),
      }),
    );
    let crashes = 0;
    for (const [b, body] of batches.entries()) {
      // Kill the worker a few milliseconds into the request, then bring it back.
      const inFlight = push(dev.url, body).catch(() => null);
      await new Promise((r) => setTimeout(r, 5 + b * 15));
      await dev.kill();
      crashes++;
      await inFlight;
      dev = await startWranglerDev({ persistTo: dir, port: dev.port });
      const results = await push(dev.url, body);
      expect(results.every((r) => r.outcome === "created" || r.outcome === "unchanged")).toBe(true);
    }
    expect(crashes).toBe(4);
    await dev.stop();

    const base = path.join(dir, "v3", "d1");
    const file = (await readdir(base, { recursive: true })).find((f) => f.endsWith(".sqlite") && !f.endsWith("metadata.sqlite"))!;
    const db = new Database(path.join(base, file), { readonly: true });
    const stored = db.prepare("SELECT count(*) AS n, count(DISTINCT model_name) AS names FROM registrations WHERE model_name LIKE 'fault-%'").get();
    const whole = db
      .prepare("SELECT count(*) AS n FROM registrations WHERE model_name LIKE 'fault-%' AND field = 'culture_society' AND level = 'grassroots' AND version = 1 AND deleted = 0 AND submitted_at = '2023-03-21'")
      .get();
    const audited = db
      .prepare(
        "SELECT count(*) AS n FROM audit_log a JOIN registrations r ON r.id = a.entity_id WHERE a.entity = 'registration' AND r.model_name LIKE 'fault-%'",
      )
      .get();
    db.close();
    expect(stored).toEqual({ n: 4000, names: 4000 });
    expect(whole).toEqual({ n: 4000 });
    expect(audited).toEqual({ n: 4000 });
    dev = await startWranglerDev({ persistTo: dir, port: dev.port });
  });
});
