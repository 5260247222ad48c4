import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { insertMissingOrgUnits } from "../../worker/sql/org-units.ts";
import { FIELDS, LEVEL_CODES, REVIEW_STATES, KINDS, DEFAULT_EXPECTED_KINDS } from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, sync } from "./registrations.ts";

// Random areas, registrations, deletions and review states; every cell of every table
// and every totals row against a plain recomputation in TypeScript from what was made.

interface Unit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  id?: number;
  depth?: number;
}
interface Reg {
  id: string;
  unit: number; // index into units
  kind: (typeof KINDS)[number];
  field: (typeof FIELDS)[number];
  level: (typeof LEVEL_CODES)[number];
  expectedBenefit: number | null;
  submittedAt: string;
  deleted: boolean;
  state: (typeof REVIEW_STATES)[number];
}

const KINDS_OF_UNITS = ["village", "department", "mass_organization", "agency", "other_kind"];
let run = 0;

const area = fc.array(fc.array(fc.record({ kind: fc.constantFrom(...KINDS_OF_UNITS), hamlets: fc.nat(2) }), { maxLength: 4 }), {
  minLength: 1,
  maxLength: 3,
});
const registration = fc.record({
  unitPick: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  field: fc.constantFrom(...FIELDS),
  level: fc.constantFrom(...LEVEL_CODES),
  expectedBenefit: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: null }),
  day: fc.integer({ min: -15, max: 15 }),
  deleted: fc.integer({ min: 0, max: 9 }).map((x) => x < 3),
  state: fc.constantFrom(...REVIEW_STATES),
});
/** Implementing plans on random units of the tree, each with its own deadline around the campaign's. */
const plansDrawn = fc.array(fc.record({ unitPick: fc.nat(), day: fc.integer({ min: -10, max: 10 }) }), { maxLength: 6, size: "max" });

let admin: DemoOfficer;
let cid: number;
beforeAll(async () => {
  admin = await officer("admin");
  cid = await campaignId();
});

function buildTree(shape: { kind: string; hamlets: number }[][]): Unit[] {
  run++;
  const district: Unit = { code: `P${run}`, name: `Huyện thử ${run}`, kind: "district", parentCode: "38" };
  const units: Unit[] = [district];
  shape.forEach((children, c) => {
    const commune: Unit = { code: `P${run}-X${c}`, name: `Xã thử ${run}.${c}`, kind: "commune", parentCode: district.code };
    units.push(commune);
    children.forEach((child, k) => {
      const unit: Unit = { code: `${commune.code}-${k}`, name: `Đơn vị ${run}.${c}.${k}`, kind: child.kind, parentCode: commune.code };
      units.push(unit);
      for (let h = 0; h < child.hamlets; h++) units.push({ code: `${unit.code}-T${h}`, name: `Tổ ${run}.${c}.${k}.${h}`, kind: "village", parentCode: unit.code });
    });
  });
  return units;
}

function isoDay(offset: number): string {
  return new Date(Date.UTC(2023, 2, 25 + offset)).toISOString().slice(0, 10);
}

describe("reports equal a plain recomputation", () => {
  it("units (depth 1 and 2), matrix, missing and commendations, every cell and every total", async () => {
    await fc.assert(
      fc.asyncProperty(area, fc.array(registration, { maxLength: 25, size: "max" }), plansDrawn, async (shape, drawn, planned) => {
        const units = buildTree(shape);
        await insertMissingOrgUnits(env.DB, units);
        for (const u of units) {
          const row = await env.DB.prepare("SELECT id, depth FROM org_units WHERE code = ?1").bind(u.code).first<{ id: number; depth: number }>();
          Object.assign(u, row);
        }
        const regs: Reg[] = drawn.map((d) => ({
          id: crypto.randomUUID(),
          unit: d.unitPick % units.length,
          kind: d.kind,
          field: d.field,
          level: d.level,
          expectedBenefit: d.expectedBenefit,
          submittedAt: isoDay(d.day),
          deleted: d.deleted,
          state: d.state,
        }));
        if (regs.length) {
          const pushed = await sync(admin, {
            pull: false,
            registrations: regs.map((r) => ({
              id: r.id, baseVersion: 0, orgUnitId: units[r.unit]!.id, kind: r.kind, unitName: "Đơn vị", personName: "Người", position: "Chức vụ",
              modelName: `Mô hình ${r.id.slice(0, 8)}`, field: r.field, level: r.level, expectedBenefit: r.expectedBenefit,
              startDate: "2023-01-01", endDate: "2023-12-31", submittedAt: r.submittedAt,
            })),
          });
          expect(pushed.body.results.every((x: { outcome: string }) => x.outcome === "created")).toBe(true);
          const tombs = regs.filter((r) => r.deleted).map((r) => ({ id: r.id, baseVersion: 1, deleted: true }));
          if (tombs.length) await sync(admin, { registrations: tombs, pull: false });
          for (const r of regs) await env.DB.prepare("UPDATE registrations SET review_state = ?2 WHERE id = ?1").bind(r.id, r.state).run();
        }
        // The last plan drawn for a unit is the one that stands.
        const plans = new Map<number, string>();
        for (const p of planned) plans.set(p.unitPick % units.length, isoDay(p.day));
        for (const [i, deadline] of plans) {
          const res = await call(`/api/v1/admin/campaigns/${cid}/plans/${units[i]!.id}`, { token: admin.token, method: "PUT", body: { planRef: `KH ${i}`, deadline } });
          expect(res.status).toBe(200);
        }
        const district = units[0]!;
        const get = async (table: string, depth = 1, scope = district) =>
          json(await call(`/api/v1/campaigns/${cid}/reports/${table}?scope=${scope.id}&depth=${depth}`, { token: admin.token }));

        // What counts: not deleted; withdrawn only in its own column.
        const liveRegs = regs.filter((r) => !r.deleted);
        const counted = liveRegs.filter((r) => r.state !== "withdrawn");
        const pathOf = (i: number): number[] => {
          const chain: number[] = [];
          for (let u: Unit | undefined = units[i]; u; u = units.find((x) => x.code === u!.parentCode)) chain.unshift(units.indexOf(u));
          return chain.filter((k) => k >= 0);
        };
        /** The nearest plan at or above the registration's unit, else the campaign's 25/3. */
        const deadlineOf = (r: Reg) => {
          const holder = pathOf(r.unit).reverse().find((i) => plans.has(i));
          return holder === undefined ? "2023-03-25" : plans.get(holder)!;
        };
        const figures = (rs: Reg[]) => {
          const live = rs.filter((r) => r.state !== "withdrawn");
          const n = (f: (r: Reg) => boolean) => live.filter(f).length;
          const row: Record<string, number> = {
            total: live.length,
            collective: n((r) => r.kind === "collective"),
            individual: n((r) => r.kind === "individual"),
            expectedBenefit: live.reduce((s, r) => s + (r.expectedBenefit ?? 0), 0),
            onTime: n((r) => r.submittedAt <= deadlineOf(r)),
            late: n((r) => r.submittedAt > deadlineOf(r)),
          };
          for (const f of FIELDS) row[f] = n((r) => r.field === f);
          for (const l of LEVEL_CODES) row[l] = n((r) => r.level === l);
          for (const s of REVIEW_STATES) row[s] = rs.filter((r) => r.state === s).length;
          return row;
        };

        // The district grouped one and two levels down, and its first commune (plans above it then hold for all of it).
        for (const [scope, depth] of [[0, 1], [0, 2], [1, 1]] as const) {
          const scopeUnit = units[scope]!;
          const report = await get("units", depth, scopeUnit);
          const target = scopeUnit.depth! + depth;
          const inScope = liveRegs.filter((r) => pathOf(r.unit).includes(scope));
          const expected: Record<string, Record<string, number>> = {};
          units.forEach((u, i) => {
            if (!pathOf(i).includes(scope)) return;
            if (u.depth === target) expected[u.name] = figures(liveRegs.filter((r) => pathOf(r.unit).includes(i)));
            if (u.depth! < target) {
              const own = liveRegs.filter((r) => r.unit === i);
              if (own.length) expected[`${u.name} (đăng ký trực tiếp)`] = figures(own);
            }
          });
          const actual = Object.fromEntries(
            report.rows.map((r: Record<string, unknown>) => [r.orgUnitName, Object.fromEntries(Object.keys(figures([])).map((k) => [k, r[k]]))]),
          );
          expect(actual).toEqual(expected);
          const totals = figures(inScope);
          expect(Object.fromEntries(Object.keys(totals).map((k) => [k, report.totals[k]]))).toEqual(totals);
          for (const r of [...report.rows, report.totals]) expect(r.onTime + r.late).toBe(r.total);
        }

        const matrix = await get("matrix");
        for (const row of matrix.rows) {
          for (const l of LEVEL_CODES) expect(row[l]).toBe(counted.filter((r) => r.field === row.field && r.level === l).length);
          expect(row.total).toBe(counted.filter((r) => r.field === row.field).length);
        }
        expect(matrix.totals.total).toBe(counted.length);

        const missing = await get("missing");
        const expectedMissing = units
          .filter((u, i) => DEFAULT_EXPECTED_KINDS.includes(u.kind) && !counted.some((r) => r.unit === i))
          .map((u) => u.id)
          .sort();
        expect(missing.rows.map((r: { orgUnitId: number }) => r.orgUnitId).sort()).toEqual(expectedMissing);

        const commendations = await get("commendations");
        expect(commendations.rows.map((r: { registrationId: string }) => r.registrationId).sort()).toEqual(
          liveRegs.filter((r) => ["exemplary", "proposed", "commended"].includes(r.state)).map((r) => r.id).sort(),
        );
      }),
      { numRuns: 15 },
    );
  }, 180_000);
});
