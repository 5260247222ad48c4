import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.ts";
import { DEMO_CODES } from "../../worker/demo/area.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { dueSnapshots, SNAPSHOT_MARGIN_MS, SNAPSHOTS_PER_RUN } from "../../worker/reports/snapshots.ts";
import { insertCampaign } from "../../worker/sql/campaigns.ts";
import { insertMissingOrgUnits } from "../../worker/sql/org-units.ts";
import { encodeWrite, reserveSeq, upsertChunk, type RegistrationSnapshot } from "../../worker/sql/registrations.ts";
import { snapshotOf } from "../../worker/sql/report-snapshots.ts";
import { reviewStatements } from "../../worker/sql/reviews.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { endOfVietnamDay } from "../../shared/vietnam-time.ts";
import { defaultExpectedKinds, DEFAULT_LEVELS, type Field } from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";

// Half-year snapshots (0010_half_year_snapshots.sql): the daily run writes down 30/6 and
// 31/12 of each campaign's year once passed, and the counting tables as of those
// moments read them. That they equal the rebuild cell for cell, at any moment, is
// reports-asof.property.test.ts; here, that the run writes the right ones, and that the
// tables do read them. The history is written through the worker's own statements with
// chosen moments in 2025 (as in the property test), so the run's clock decides.

const HALF = endOfVietnamDay("2025-06-30");
const YEAR = endOfVietnamDay("2025-12-31");
const COUNTED = ["units", "matrix", "missing"] as const;

let admin: DemoOfficer;
let campaignId: number;
let district: number;

async function runScheduledAt(scheduledTime: number): Promise<string> {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime, cron: "40 19 * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    return String(log.mock.calls.at(-1)?.[0]);
  } finally {
    log.mockRestore();
  }
}

async function snapshotsOfCampaign(): Promise<{ at: string; registrations: number }[]> {
  const { results } = await env.DB.prepare(
    `SELECT s.at, (SELECT count(*) FROM snapshot_registrations r WHERE r.snapshot_id = s.id) AS registrations
     FROM report_snapshots s WHERE s.campaign_id = ?1 ORDER BY s.at`,
  )
    .bind(campaignId)
    .all<{ at: string; registrations: number }>();
  return results;
}

const report = async (table: string, asOf: string) =>
  json(await call(`/api/v1/campaigns/${campaignId}/reports/${table}?scope=${district}&depth=1&asOf=${asOf}`, { token: admin.token }));
const figures = (r: { rows: unknown; totals: unknown }) => ({ rows: r.rows, totals: r.totals });

beforeAll(async () => {
  admin = await officer("admin");
  const clerkId = (await env.DB.prepare("SELECT id FROM officers ORDER BY id LIMIT 1").first<{ id: number }>())!.id;
  await insertMissingOrgUnits(env.DB, [
    { code: "SNAP", name: "Huyện Chốt Số", kind: "district", parentCode: DEMO_CODES.province },
    { code: "SNAP-1", name: "Xã Đầu Năm", kind: "commune", parentCode: "SNAP" },
    { code: "SNAP-2", name: "Xã Cuối Năm", kind: "commune", parentCode: "SNAP" },
  ]);
  const ids = new Map(
    (await env.DB.prepare("SELECT code, id FROM org_units WHERE code LIKE 'SNAP%'").all<{ code: string; id: number }>()).results.map((u) => [u.code, u.id]),
  );
  district = ids.get("SNAP")!;
  campaignId = (await insertCampaign(
    env.DB,
    { orgUnitId: district, year: 2025, title: "Kế hoạch chốt số 2025", planRef: null, deadline: "2025-03-25", levels: [...DEFAULT_LEVELS], expectedKinds: [...defaultExpectedKinds(2025)], rubric: DEFAULT_RUBRIC },
    clerkId,
    "2025-01-05T02:00:00.000Z",
  ))!;
  const form = (unit: string, field: Field, submittedAt: string, deleted = false): RegistrationSnapshot => ({
    orgUnitId: ids.get(unit)!, kind: "collective", unitName: `Chi hội ${unit}`, address: null, personName: null, position: null,
    modelName: `Mô hình ${unit} ${field}`, field, level: "district", expectedBenefit: 1_000_000, startDate: null, endDate: null,
    periodText: "Năm 2025", representative: null, submittedAt, description: null, participants: 20, deleted,
  });
  const write = async (id: string, f: RegistrationSnapshot, version: number, now: string) => {
    const chunk = `[${encodeWrite({ id, snapshot: f, version, seqOffset: 1 })}]`;
    await env.DB.batch([reserveSeq(env.DB, 1), upsertChunk(env.DB, chunk, 1, campaignId, clerkId, now)]);
  };
  const [a, b, c, d] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
  // By 30/6: three forms, one withdrawn. After it: one moves to the other field, one more is filed.
  await write(a, form("SNAP-1", "economy", "2025-03-01"), 1, "2025-03-02T03:00:00.000Z");
  await write(b, form("SNAP-1", "culture_society", "2025-03-20"), 1, "2025-03-21T03:00:00.000Z");
  await write(c, form("SNAP-2", "economy", "2025-04-02"), 1, "2025-04-03T03:00:00.000Z");
  await env.DB.batch(reviewStatements(env.DB, [{ id: c, from: "registered", to: "withdrawn", awardFrom: null, awardTo: null, note: "rút", action: "review" }], clerkId, "2025-05-10T03:00:00.000Z"));
  await write(a, form("SNAP-1", "defense_security", "2025-03-01"), 2, "2025-08-01T03:00:00.000Z");
  await write(d, form("SNAP-2", "economy", "2025-09-01"), 1, "2025-09-02T03:00:00.000Z");
});

describe("half-year snapshots", () => {
  it("the daily run writes each passed half-year end once, an hour after it at the earliest", async () => {
    expect(await snapshotsOfCampaign()).toEqual([]);
    await runScheduledAt(Date.parse(HALF) + SNAPSHOT_MARGIN_MS - 60_000);
    expect(await snapshotsOfCampaign()).toEqual([]);

    const line = await runScheduledAt(Date.parse(HALF) + SNAPSHOT_MARGIN_MS + 60_000);
    expect(line).toContain(`campaign ${campaignId} at ${HALF}`);
    // Live at 30/6: the three forms, the withdrawn one among them (its column counts it).
    expect(await snapshotsOfCampaign()).toEqual([{ at: HALF, registrations: 3 }]);

    await runScheduledAt(Date.parse(YEAR) + 3 * 3_600_000);
    await runScheduledAt(Date.parse(YEAR) + 4 * 3_600_000);
    expect(await snapshotsOfCampaign()).toEqual([
      { at: HALF, registrations: 3 },
      { at: YEAR, registrations: 4 },
    ]);
  });

  it("the counting tables as of 30/6 read the snapshot, and equal the rebuild", async () => {
    const read = Object.fromEntries(await Promise.all(COUNTED.map(async (t) => [t, figures(await report(t, "2025-06-30"))] as const)));
    const units = read.units as { rows: Record<string, unknown>[]; totals: Record<string, unknown> };
    expect(units.totals).toMatchObject({ total: 2, economy: 1, culture_society: 1, defense_security: 0, withdrawn: 1 });
    expect(units.rows.map((r) => [r.orgUnitName, r.total])).toEqual([["Xã Đầu Năm", 2], ["Xã Cuối Năm", 0]]);

    // Changed under the tables' feet, the snapshot shows through: they read it, not the log.
    const snapshot = (await snapshotOf(env.DB, campaignId, HALF).first<{ id: number }>())!.id;
    await env.DB.prepare("UPDATE snapshot_registrations SET field = 'political_system' WHERE snapshot_id = ?1").bind(snapshot).run();
    expect((await report("units", "2025-06-30")).totals).toMatchObject({ total: 2, economy: 0, political_system: 2 });
    expect((await report("matrix", "2025-06-30")).totals).toMatchObject({ total: 2 });
    expect((await report("matrix", "2025-06-30")).rows.find((r: { field: string }) => r.field === "political_system")).toMatchObject({ total: 2 });
    await env.DB.prepare("DELETE FROM snapshot_registrations WHERE snapshot_id = ?1 AND org_unit_id = (SELECT id FROM org_units WHERE code = 'SNAP-1')").bind(snapshot).run();
    expect((await report("missing", "2025-06-30")).rows.map((r: { code: string }) => r.code)).toContain("SNAP-1");

    // Without it the same moment is rebuilt from the log, and comes out as the snapshot had it.
    await env.DB.prepare("DELETE FROM report_snapshots WHERE id = ?1").bind(snapshot).run();
    for (const t of COUNTED) expect(figures(await report(t, "2025-06-30")), t).toEqual(read[t]);
    // The next run writes it again.
    await runScheduledAt(Date.parse(YEAR) + 5 * 3_600_000);
    expect(await snapshotsOfCampaign()).toEqual([
      { at: HALF, registrations: 3 },
      { at: YEAR, registrations: 4 },
    ]);
    for (const t of COUNTED) expect(figures(await report(t, "2025-06-30")), t).toEqual(read[t]);
  });

  it("a run writes the newest due moments first, a few at a time, and skips those written", () => {
    const now = new Date(Date.parse(endOfVietnamDay("2026-01-01")));
    const due = dueSnapshots(
      [
        { id: 1, year: 2023, taken: JSON.stringify([endOfVietnamDay("2023-06-30")]) },
        { id: 2, year: 2025, taken: "[]" },
        { id: 3, year: 2024, taken: "[]" },
        { id: 4, year: 2026, taken: "[]" },
      ],
      now,
    );
    expect(due).toEqual([
      { campaignId: 2, at: endOfVietnamDay("2025-12-31") },
      { campaignId: 2, at: endOfVietnamDay("2025-06-30") },
      { campaignId: 3, at: endOfVietnamDay("2024-12-31") },
      { campaignId: 3, at: endOfVietnamDay("2024-06-30") },
    ]);
    expect(due).toHaveLength(SNAPSHOTS_PER_RUN);
    expect(dueSnapshots([{ id: 1, year: 2023, taken: "[]" }], now).map((d) => d.at)).toEqual([endOfVietnamDay("2023-12-31"), endOfVietnamDay("2023-06-30")]);
  });
});
