import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { consolidate, ranks } from "../../shared/consolidate.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, sync, unitId } from "./registrations.ts";
import { collectiveScore, makeOfficer } from "./scoring-helpers.ts";

const halfPoint = fc.integer({ min: 0, max: 40 }).map((x) => x / 2);
const sheet = fc.array(halfPoint, { minLength: 5, maxLength: 5 });
const model = fc.array(sheet, { minLength: 1, maxLength: 4 });

let clerk: DemoOfficer;
let judges: DemoOfficer[];
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  judges = [];
  for (let i = 0; i < 4; i++) judges.push(await makeOfficer(`Giám khảo ${i}`, ["judge"], "Xã Hà Giang"));
  village = await unitId("Thôn Đông Môn");
});

describe("consolidated scores equal a plain recomputation", () => {
  it("for random score sets: judges, mean, median, spread, flag, rating and rank", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(model, { minLength: 1, maxLength: 4 }), async (models) => {
        const ids: string[] = [];
        const items = models.map(() => collective(village));
        await sync(clerk, { registrations: items });
        for (const [m, sheets] of models.entries()) {
          ids.push(items[m]!.id);
          for (const [j, points] of sheets.entries()) {
            const r = await sync(judges[j]!, { scores: [collectiveScore(items[m]!.id, points)] });
            expect(r.body.scoreResults[0].outcome).toBe("created");
          }
        }
        const report = await json(await call(`/api/v1/campaigns/${await campaignId()}/reports/scores`, { token: clerk.token }));
        const rows = report.rows.filter((r: { kind: string }) => r.kind === "collective");
        models.forEach((sheets, m) => {
          const expected = consolidate(
            sheets.map((p) => ({ total: p.reduce((a, b) => a + b, 0), anyZero: p.includes(0) })),
            DEFAULT_RUBRIC,
            "collective",
          );
          const row = rows.find((r: { registrationId: string }) => r.registrationId === ids[m]);
          expect(row).toMatchObject({
            judges: expected.judges,
            median: expected.median,
            spread: expected.spread,
            flagged: expected.flagged,
            rating: expected.rating,
          });
          expect(row.mean).toBeCloseTo(expected.mean, 9);
        });
        // Ranks in the scope: by mean, ties sharing a rank.
        expect(rows.map((r: { rank: number }) => r.rank)).toEqual(ranks(rows.map((r: { mean: number }) => r.mean)));
      }),
      { numRuns: 30 },
    );
  }, 120_000);
});
