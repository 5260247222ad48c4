import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { evaluateFormula, type CellValue, type FormulaHost } from "../excel-standin/formula.ts";
import { ratingFormula, ratingLabel, ratingOf, ratingSql, ratingThresholds, type RatingBasis } from "../../shared/rating.ts";
import { DEFAULT_RUBRIC, rubricSchema, type Rubric } from "../../shared/schemas/rubric.ts";
import { maxTotal } from "../../shared/scoring.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

// The rating rule runs in three forms generated from shared/rating.ts: TypeScript, the SQL
// the consolidation evaluates in D1, and the Excel formula of a judge's own sheet (through
// the stand-in's evaluator). They must agree on every threshold: for each rating's
// minimum, totals just below, at and above it, with one to four judges and any number of
// them giving a zero.

/** Awkward on purpose: fractional maxima, a minimum (33.3) no half-point sum meets, quotes in a label, no "fail" rating. */
const ODD_RUBRIC: Rubric = rubricSchema.parse({
  collective: [
    { key: "a", label: "Tiêu chí A", max: 12.5 },
    { key: "b", label: "Tiêu chí B", max: 7.5 },
    { key: "c", label: "Tiêu chí C", max: 20 },
  ],
  individual: [
    { key: "x", label: "Tiêu chí X", max: 35 },
    { key: "y", label: "Tiêu chí Y", max: 35 },
  ],
  ratings: [
    { code: "excellent", label: "Rất “tốt” \"lắm\"", min: 87.5 },
    { code: "good", label: "Khá", min: 33.3 },
    { code: "pass", label: "Đạt", min: 0 },
  ],
  flagSpread: 0.25,
});

interface Case extends RatingBasis {
  kind: Kind;
}

const halfPoints = (x: number) => Math.round(x * 2) / 2;

/** Every boundary case of a rubric: sums around each minimum × judges × max / 100, on the half-point grid. */
function boundaryCases(rubric: Rubric): Case[] {
  const cases: Case[] = [];
  for (const kind of KINDS) {
    const max = maxTotal(rubric, kind);
    for (const r of rubric.ratings) {
      for (let judges = 1; judges <= 4; judges++) {
        const boundary = (r.min * judges * max) / 100;
        const below = Math.floor(boundary * 2) / 2;
        const above = Math.ceil(boundary * 2) / 2;
        const sums = new Set([below - 0.5, below, boundary, above, above + 0.5].filter((s) => s >= 0 && s <= judges * max && halfPoints(s) === s));
        for (const sum of sums) for (let zeros = 0; zeros <= judges; zeros++) cases.push({ kind, sum, judges, zeros, max });
      }
    }
  }
  return cases;
}

/** The rating codes D1 gives the generated expression for each case, in order. */
async function sqlRatings(rubric: Rubric, cases: readonly Case[]): Promise<string[]> {
  const expression = ratingSql("?1", { sum: "c.value ->> 0", judges: "c.value ->> 1", zeros: "c.value ->> 2", max: "c.value ->> 3" });
  const { results } = await env.DB.prepare(`SELECT ${expression} AS rating FROM json_each(?2) c ORDER BY c.key`)
    .bind(ratingThresholds(rubric), JSON.stringify(cases.map((c) => [c.sum, c.judges, c.zeros, c.max])))
    .all<{ rating: string }>();
  return results.map((r) => r.rating);
}

/** One judge's points summing to `total`, in half points within each maximum; a zero on the first criterion if asked; null if none exist. */
function pointsFor(maxima: readonly number[], total: number, zero: boolean): number[] | null {
  const floor = maxima.map((_, i): number => (zero && i === 0 ? 0 : 0.5));
  const ceiling = maxima.map((m, i) => (zero && i === 0 ? 0 : m));
  const points = [...floor];
  let left = total - floor.reduce((a, b) => a + b, 0);
  if (left < 0) return null;
  for (let i = 0; i < points.length && left > 0; i++) {
    const add = Math.min(left, ceiling[i]! - points[i]!);
    points[i] = points[i]! + add;
    left -= add;
  }
  return left === 0 ? points : null;
}

/** The judge's rating cell as Excel computes it: criteria in every other column from B (a judge's own columns between them), the total in column Z. */
function excelRating(rubric: Rubric, kind: Kind, points: readonly number[]): CellValue {
  const columns = points.map((_, i) => 1 + 2 * i);
  const letter = (col: number) => String.fromCharCode(65 + col);
  const cells = new Map<string, CellValue>(points.map((p, i) => [`0:${columns[i]}`, p]));
  cells.set("0:25", points.reduce((a, b) => a + b, 0));
  const host: FormulaHost = {
    cellValue: (_sheet, row, col) => cells.get(`${row}:${col}`) ?? "",
    usedRect: () => ({ row: 0, col: 0, rows: 1, cols: 26 }),
    sheetExists: () => true,
    resolveName: () => null,
  };
  const formula = ratingFormula(rubric, kind, columns.map((c) => `${letter(c)}1`), "Z1");
  const result = evaluateFormula(formula, host, { sheet: "Chấm điểm" });
  expect(result, formula).not.toHaveProperty("unsupported");
  return result.value;
}

describe.each([
  ["the default rubric", DEFAULT_RUBRIC],
  ["a rubric with fractional maxima and thresholds and no “fail” rating", ODD_RUBRIC],
])("the rating rule's three forms agree on %s", (_name, rubric) => {
  const cases = boundaryCases(rubric);

  it("TypeScript and the SQL evaluated by D1, for one to four judges", async () => {
    const expected = cases.map((c) => ratingOf(rubric, c));
    expect(await sqlRatings(rubric, cases)).toEqual(expected);
    // Every rating is met somewhere on the boundaries, zeros included.
    expect(new Set(expected)).toEqual(new Set([...rubric.ratings.map((r) => r.code), "fail"]));
  });

  it("TypeScript and the Excel formula of a judge's own sheet", () => {
    let compared = 0;
    for (const c of cases.filter((x) => x.judges === 1)) {
      const points = pointsFor(rubric[c.kind].map((k) => k.max), c.sum, c.zeros === 1);
      if (!points) continue; // No sheet totals this with (or without) a zero.
      expect(excelRating(rubric, c.kind, points), `${c.kind} ${points.join("+")}`).toBe(ratingLabel(rubric, ratingOf(rubric, c)));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(rubric.ratings.length * KINDS.length * 3);
  });

  it("the Excel formula stays blank until every criterion has points", () => {
    for (const kind of KINDS) {
      const maxima = rubric[kind].map((k) => k.max);
      const cells = maxima.map((_, i) => `${String.fromCharCode(66 + 2 * i)}1`);
      const values = new Map<string, CellValue>(maxima.slice(1).map((m, i) => [`0:${3 + 2 * i}`, m]));
      const host: FormulaHost = { cellValue: (_s, row, col) => values.get(`${row}:${col}`) ?? "", usedRect: () => null, sheetExists: () => true, resolveName: () => null };
      expect(evaluateFormula(ratingFormula(rubric, kind, cells, "Z1"), host, { sheet: "Chấm điểm" }).value).toBe("");
    }
  });
});
