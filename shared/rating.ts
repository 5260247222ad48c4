// The rating rule of PRODUCT.md "Scoring", defined once. It runs in three places: here
// (tests and anything in TypeScript), in the worker's set-based consolidation (SQL) and
// in the judge's own scoring sheet (an Excel formula). The two other forms are generated
// below from this module, never written by hand, and test/worker/rating-rule.suite.ts
// holds the three to the same answers on every threshold.
import type { RatingCode, Rubric } from "./schemas/rubric.ts";
import type { Kind } from "./vocabulary.ts";
import { maxTotal } from "./scoring.ts";

/** What a rating is decided from: one model's score sheets, or a judge's own sheet (one judge). */
export interface RatingBasis {
  /** The judges' totals added up. */
  sum: number;
  judges: number;
  /** Judges who gave some criterion 0. */
  zeros: number;
  /** The most a sheet can total (the rubric's maxima added up). */
  max: number;
}

/** The rating a zero earns, whatever the total (the seed requires every element). */
export const ZERO_RATING: RatingCode = "fail";
/** Its label when a rubric has no rating of that code. */
const ZERO_LABEL = "Không đạt";

/** Most judges gave some criterion 0. */
export function isZeroMajority(zeros: number, judges: number): boolean {
  return zeros * 2 > judges;
}

/** The mean total, out of 100, reaches `min`: compared as sum × 100 ≥ min × judges × max, so half points never meet float rounding. */
function reaches(sum: number, judges: number, max: number, min: number): boolean {
  return sum * 100 >= min * judges * max;
}

/**
 * The rating: "fail" when most judges gave some criterion 0; otherwise the first of the
 * rubric's ratings (listed highest first, down to 0) whose minimum the mean reaches.
 */
export function ratingOf(rubric: Pick<Rubric, "ratings">, b: RatingBasis): RatingCode {
  if (isZeroMajority(b.zeros, b.judges)) return ZERO_RATING;
  return rubric.ratings.find((r) => reaches(b.sum, b.judges, b.max, r.min))?.code ?? ZERO_RATING;
}

/** What officers read for a rating: the rubric's label; "fail" reads "Không đạt" in a rubric without it. */
export function ratingLabel(rubric: Pick<Rubric, "ratings">, code: RatingCode): string {
  return rubric.ratings.find((r) => r.code === code)?.label ?? (code === ZERO_RATING ? ZERO_LABEL : code);
}

// ---- SQL: the expression the consolidation evaluates for each model ----

/** SQL expressions (column names, placeholders) the rating is computed from; the caller's code, never data. */
export interface RatingSqlTerms {
  sum: string;
  judges: string;
  zeros: string;
  max: string;
}

/**
 * The rule as a SQL expression giving the rating code. `thresholds` is the placeholder
 * ("?6") to bind to `ratingThresholds(rubric)`: the rubric reaches SQL as a bound JSON
 * value read through json_each, never spliced into the statement's text.
 */
export function ratingSql(thresholds: `?${number}`, t: RatingSqlTerms): string {
  return `CASE WHEN ${zeroMajoritySql(t)} THEN '${ZERO_RATING}' ELSE coalesce(
    (SELECT threshold.value ->> 0 FROM json_each(${thresholds}) threshold
     WHERE (${t.sum}) * 100 >= (threshold.value ->> 1) * (${t.judges}) * (${t.max}) ORDER BY threshold.key LIMIT 1),
    '${ZERO_RATING}') END`;
}

/** `isZeroMajority` as a SQL expression (1 or 0). */
export function zeroMajoritySql(t: Pick<RatingSqlTerms, "zeros" | "judges">): string {
  return `(${t.zeros}) * 2 > (${t.judges})`;
}

/** The value bound to `ratingSql`'s placeholder: [code, min] for each rating, in the rubric's order. */
export function ratingThresholds(rubric: Pick<Rubric, "ratings">): string {
  return JSON.stringify(rubric.ratings.map((r) => [r.code, r.min]));
}

// ---- Excel: the formula of a judge's own rating (one judge) ----

const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The judge's own rating of one row as an Excel formula: blank until every criterion has
 * points; with one judge, a zero is a zero majority; else the first rating the total
 * reaches. `cells` are the criteria's cells one by one, in the rubric's order (a column
 * the judge inserts among them never counts); `total` is the row's total cell.
 */
export function ratingFormula(rubric: Rubric, kind: Kind, cells: readonly string[], total: string): string {
  const max = maxTotal(rubric, kind);
  const zero = quoted(ratingLabel(rubric, ZERO_RATING));
  // From the lowest up, so the highest is tested first. A last minimum of 0 is always
  // reached (totals are never negative): it is the chain's end, as in ratingOf.
  let chain = zero;
  [...rubric.ratings].reverse().forEach((r, i) => {
    const label = quoted(r.label);
    // sum × 100 ≥ min × judges × max with one judge.
    chain = i === 0 && r.min === 0 ? label : `IF(${total}*100>=${r.min}*${max},${label},${chain})`;
  });
  const zeroIn = `OR(${cells.map((c) => `${c}=0`).join(",")})`;
  return `=IF(COUNT(${cells.join(",")})<${cells.length},"",IF(${zeroIn},${zero},${chain}))`;
}
