import { once } from "node:events";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareLocalDatabase } from "../../scripts/local-db.ts";
import { startWranglerDev, type WranglerDev } from "../../scripts/wrangler-dev.ts";
import { demoCampaign } from "./harness.ts";
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

interface InFlight {
  /** Settles once the whole body has been handed to the worker's socket. */
  sent: Promise<void>;
  /** The worker's answer, or null if the connection died without one. */
  answer: Promise<{ status: number; results: { outcome: string }[] } | null>;
}

/** A push over node:http, which (unlike fetch) says when the request has left in full. */
function pushInFlight(url: string, body: string): InFlight {
  const req = request(`${url}/api/v1/sync`, {
    method: "POST",
    headers: { authorization: `Bearer ${clerk.token}`, "content-type": "application/json" },
  });
  const answer = new Promise<{ status: number; results: { outcome: string }[] } | null>((resolve) => {
    req.on("error", () => resolve(null));
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", () => resolve(null));
      res.on("aborted", () => resolve(null));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve(res.statusCode === 200 ? { status: 200, results: JSON.parse(text).results } : { status: res.statusCode!, results: [] });
      });
    });
  });
  req.end(body);
  return { sent: once(req, "finish").then(() => undefined), answer };
}

describe("a worker killed mid-push", () => {
  it("leaves nothing half-written; the retries complete every batch exactly once", async () => {
    const headers = { authorization: `Bearer ${clerk.token}` };
    const campaign = demoCampaign(await (await fetch(`${dev.url}/api/v1/campaigns`, { headers })).json());
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
    // Pushes sent in full that got no answer: the kill cut them off while the worker had
    // them. Each batch is one D1 transaction, so its retry
    // finds it either not written at all (every item "created") or written in full
    // before the answer was lost (every item "unchanged"), never a mix.
    let interrupted = 0;
    for (const [b, body] of batches.entries()) {
      // Kill the worker a few milliseconds after the request has left, then bring it back.
      const first = pushInFlight(dev.url, body);
      await first.sent;
      await new Promise((r) => setTimeout(r, b * 15));
      await dev.kill();
      const answer = await first.answer;
      if (answer === null) interrupted++;
      else expect(answer.status, `batch ${b}: answered before the kill`).toBe(200);

      dev = await startWranglerDev({ persistTo: dir, port: dev.port });
      const outcomes = new Set((await push(dev.url, body)).map((r) => r.outcome));
      expect([...outcomes], `batch ${b} retried`).toEqual([answer ? "unchanged" : expect.stringMatching(/^(created|unchanged)$/)]);
    }
    expect(interrupted, "pushes the kill cut off while the worker had them").toBeGreaterThanOrEqual(1);
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
    // Five starts of wrangler dev: a minute on a quiet machine, more on a busy one.
  }, 240_000);
});
