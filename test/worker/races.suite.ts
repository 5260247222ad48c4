import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";
import type { D1Database } from "../../worker/cf-types.ts";
import { campaignInReach } from "../../worker/reach.ts";
import { findCallerByTokenHash, toCaller } from "../../worker/sql/officers.ts";
import { runSync } from "../../worker/sync/run.ts";
import { hashToken } from "../../worker/tokens.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

type Batch = { results: Record<string, unknown>[] }[];

/**
 * env.DB as one client's request sees it: its n-th `batch` first waits for `gates[n]`,
 * then runs on the real D1; every batch is logged in `events` and kept in `batches`.
 */
function clientDb(name: string, events: string[], gates: Promise<void>[], done: (() => void)[]) {
  const batches: Batch[] = [];
  const db = new Proxy(env.DB, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: Parameters<typeof target.batch>[0]) => {
          const n = batches.length;
          batches.push([]);
          await gates[n];
          const result = (await target.batch(statements)) as unknown as Batch;
          batches[n] = result;
          events.push(`${name} batch ${n}`);
          done[n]?.();
          return result;
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: db as unknown as D1Database, batches };
}

/** Ids the statements of a write batch returned: the rows that landed (RETURNING id). */
const landedIds = (batch: Batch) => new Set(batch.flatMap((r) => r.results.map((row) => row.id)).filter((id) => typeof id === "string"));

describe("two clients editing the same 500 rows from the same base version at once", () => {
  it("lands the first write whole; the overtaken one is settled as a conflict with the server copy; each change audited once", async () => {
    const clerk = await officer("clerk", "Xã Hà Giang");
    const village = await unitId("Thôn Trung Chính");
    const other = await unitId("Thôn Đông Môn");
    const rows = Array.from({ length: 500 }, () => collective(village));
    await sync(clerk, { registrations: rows, pull: false });
    // Each client changes several items at once, so a mix of both would show.
    const versionA = (r: (typeof rows)[number]) => ({ ...r, baseVersion: 1, modelName: `A ${r.id}`, field: "economy", expectedBenefit: 1, orgUnitId: village, level: "district" });
    const versionB = (r: (typeof rows)[number]) => ({ ...r, baseVersion: 1, modelName: `B ${r.id}`, field: "political_system", expectedBenefit: 2, orgUnitId: other, level: "province" });

    // The interleaving is made, not hoped for: A writes only once B has read (so both plan
    // from version 1), and B writes only once A's write has landed.
    const caller = toCaller((await findCallerByTokenHash(env.DB, await hashToken(clerk.token)))!);
    const campaign = await campaignInReach(env.DB, caller, await campaignId());
    const events: string[] = [];
    const bHasRead = deferred();
    const aHasWritten = deferred();
    const clientA = clientDb("A", events, [Promise.resolve(), bHasRead.promise], [() => {}, aHasWritten.resolve]);
    const clientB = clientDb("B", events, [Promise.resolve(), aHasWritten.promise], [bHasRead.resolve]);
    const push = (db: D1Database, registrations: unknown[]) => runSync(db, { caller, campaignId: campaign.id, campaign, registrations, scores: [], cursor: 0, pull: false });
    const [a, b] = await Promise.all([push(clientA.db, rows.map(versionA)), push(clientB.db, rows.map(versionB))]);

    expect(events.indexOf("B batch 0")).toBeLessThan(events.indexOf("A batch 1"));
    expect(events.indexOf("A batch 1")).toBeLessThan(events.indexOf("B batch 1"));
    // Both read version 1 and planned a write for every row; only A's landed. B's upsert
    // returned none of its rows, so each was read again and settled against A's copy.
    const ids = rows.map((r) => r.id);
    expect(ids.every((id) => landedIds(clientA.batches[1]!).has(id))).toBe(true);
    expect(ids.filter((id) => landedIds(clientB.batches[1]!).has(id))).toEqual([]);
    expect(a.results).toEqual(ids.map((id) => ({ id, outcome: "updated", version: 2 })));
    rows.forEach((r, k) => {
      expect(b.results[k]).toMatchObject({ id: r.id, outcome: "conflict", version: 2, current: { modelName: `A ${r.id}`, field: "economy", level: "district", version: 2 } });
    });

    const { results } = await env.DB.prepare(
      "SELECT id, model_name, field, expected_benefit, org_unit_id, level, version FROM registrations WHERE id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(ids))
      .all<{ id: string; model_name: string; field: string; expected_benefit: number; org_unit_id: number; level: string; version: number }>();
    expect(results).toHaveLength(500);
    for (const row of results) {
      expect(row).toEqual({ id: row.id, model_name: `A ${row.id}`, field: "economy", expected_benefit: 1, org_unit_id: village, level: "district", version: 2 });
    }
    const audit = await env.DB.prepare(
      "SELECT entity_id, count(*) AS n FROM audit_log WHERE entity = 'registration' AND action = 'update' AND entity_id IN (SELECT value FROM json_each(?1)) GROUP BY entity_id",
    )
      .bind(JSON.stringify(ids))
      .all<{ n: number }>();
    expect(audit.results).toHaveLength(500);
    expect(audit.results.every((r) => r.n === 1)).toBe(true);
  });
});
