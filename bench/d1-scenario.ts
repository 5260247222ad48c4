import path from "node:path";
import { CALLS_HEADER, DELAY_HEADER } from "./d1-probe-headers.ts";
import { benchWorker, type BenchWorker } from "./support.ts";
import type { DemoOfficer } from "../worker/demo/seed.ts";
import { DEMO_CAMPAIGN } from "../worker/demo/area.ts";

// What an officer's requests cost in D1 round trips, on the demo area through the real
// worker with its D1 binding wrapped by bench/d1-probe-entry.ts. Shared by the `d1`
// (round trips) and `latency` (round trips at a distance) suites.

export interface Measured {
  status: number;
  roundTrips: number;
  ms: number;
  body: unknown;
}

export interface Scenario {
  worker: BenchWorker;
  campaignId: number;
  clerk: DemoOfficer;
  judge: DemoOfficer;
  approver: DemoOfficer;
  villages: number[];
  request(officer: DemoOfficer, method: string, p: string, body?: unknown, delayMs?: number): Promise<Measured>;
}

export async function scenario(): Promise<Scenario> {
  const worker = await benchWorker({ entrypoint: path.join(import.meta.dirname, "d1-probe-entry.ts") });
  try {
    // The commune whose clerk, judge and approver all work there (xã Hà Giang in the demo).
    const clerk = worker.officers.find((o) => o.roles.includes("clerk") && worker.officers.some((j) => j.roles.includes("judge") && j.scopeId === o.scopeId))!;
    const judge = worker.officers.find((o) => o.roles.includes("judge") && o.scopeId === clerk.scopeId)!;
    const approver = worker.officers.find((o) => o.roles.includes("approver") && o.scopeId === clerk.scopeId)!;
    const request = async (officer: DemoOfficer, method: string, p: string, body?: unknown, delayMs = 0): Promise<Measured> => {
      const headers: Record<string, string> = { authorization: `Bearer ${officer.token}`, [DELAY_HEADER]: String(delayMs) };
      if (body !== undefined) headers["content-type"] = "application/json";
      const t = performance.now();
      const res = await fetch(`${worker.url}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      const ms = performance.now() - t;
      const roundTrips = Number(res.headers.get(CALLS_HEADER));
      if (!Number.isInteger(roundTrips)) throw new Error(`${p}: no ${CALLS_HEADER} (is the probe entry running?)`);
      return { status: res.status, roundTrips, ms, body: text.startsWith("{") || text.startsWith("[") ? JSON.parse(text) : text };
    };
    // The demo's 2023 campaign, whose levels the forms below use (the 2026 one lists first).
    const campaigns = (await request(clerk, "GET", "/campaigns")).body as { id: number; year: number }[];
    const campaign = campaigns.find((c) => c.year === DEMO_CAMPAIGN.year)!;
    const units = (await request(clerk, "GET", "/org-units")).body as { id: number; kind: string }[];
    return {
      worker,
      campaignId: campaign.id,
      clerk,
      judge,
      approver,
      villages: units.filter((u) => u.kind === "village").map((u) => u.id),
      request,
    };
  } catch (err) {
    await worker.dispose();
    throw err;
  }
}

/** `count` new registrations on the given villages, as the add-in sends them. */
export function newRegistrations(count: number, villages: readonly number[], tag: string) {
  return Array.from({ length: count }, (_, i) => ({
    id: crypto.randomUUID(),
    baseVersion: 0,
    orgUnitId: villages[i % villages.length]!,
    kind: i % 4 === 0 ? "individual" : "collective",
    unitName: i % 4 === 0 ? null : `Chi hội Cựu chiến binh thôn số ${i % 50}`,
    personName: i % 4 === 0 ? `Nguyễn Văn Thắng ${tag}-${i}` : null,
    position: i % 4 === 0 ? "Chi hội trưởng" : null,
    modelName: `Dân vận khéo trong vận động nhân dân hiến đất làm đường, mô hình ${tag}-${i}`,
    field: ["economy", "culture_society", "defense_security", "political_system"][i % 4],
    level: "grassroots",
    expectedBenefit: (i % 7) * 150_000_000,
    startDate: "2023-03-01",
    endDate: "2023-11-30",
    submittedAt: "2023-03-20",
  }));
}

/** A push of `items` new registrations and the pull that comes back with it: one sync request. */
export async function pushAndPull(s: Scenario, items: number, cursor: string, tag: string, delayMs = 0) {
  const registrations = newRegistrations(items, s.villages, tag);
  const m = await s.request(s.clerk, "POST", "/sync", { campaignId: s.campaignId, cursor, registrations, scores: [] }, delayMs);
  const answer = m.body as { results: { outcome: string }[]; cursor: string };
  const created = answer.results?.filter((r) => r.outcome === "created").length;
  if (created !== items) throw new Error(`sync of ${items}: ${created} created (${m.status})`);
  return { ...m, cursor: answer.cursor, ids: registrations.map((r) => r.id) };
}

export function must(m: Measured, what: string): Measured {
  if (m.status !== 200) throw new Error(`${what}: ${m.status} ${JSON.stringify(m.body).slice(0, 300)}`);
  return m;
}
