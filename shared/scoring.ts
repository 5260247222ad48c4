// The consolidation rules of PRODUCT.md "Scoring", in plain arithmetic: the reference
// the database's set-based summaries are tested against, and what the add-in shows.
import type { Rubric, RatingCode } from "./schemas/rubric.ts";
import type { Kind } from "./vocabulary.ts";

export interface JudgeScore {
  total: number;
  anyZero: boolean;
}

export interface Consolidated {
  judges: number;
  mean: number;
  median: number;
  min: number;
  max: number;
  spread: number;
  flagged: boolean;
  zeroMajority: boolean;
  rating: RatingCode;
}

export function maxTotal(rubric: Rubric, kind: Kind): number {
  return rubric[kind].reduce((sum, c) => sum + c.max, 0);
}

/**
 * The rating of a mean total: the first threshold (highest first) the mean reaches out
 * of 100, unless most judges gave some criterion 0 (the seed requires all elements).
 * Compared as sum × 100 ≥ min × n × max, so half points never meet rounding.
 */
export function ratingOf(sum: number, judges: number, max: number, zeroMajority: boolean, rubric: Rubric): RatingCode {
  if (zeroMajority) return "fail";
  for (const r of rubric.ratings) if (sum * 100 >= r.min * judges * max) return r.code;
  return "fail";
}

/** One registration's consolidated score from its judges' score sheets (at least one). */
export function consolidate(scores: readonly JudgeScore[], rubric: Rubric, kind: Kind): Consolidated {
  const totals = scores.map((s) => s.total).sort((a, b) => a - b);
  const n = totals.length;
  const sum = totals.reduce((a, b) => a + b, 0);
  const median = n % 2 ? totals[(n - 1) / 2]! : (totals[n / 2 - 1]! + totals[n / 2]!) / 2;
  const min = totals[0]!;
  const max = totals[n - 1]!;
  const top = maxTotal(rubric, kind);
  const zeroMajority = scores.filter((s) => s.anyZero).length * 2 > n;
  return {
    judges: n,
    mean: sum / n,
    median,
    min,
    max,
    spread: max - min,
    // Spreads are multiples of half a point; the margin only absorbs float noise in the limit.
    flagged: max - min - rubric.flagSpread * top > 1e-9,
    zeroMajority,
    rating: ratingOf(sum, n, top, zeroMajority, rubric),
  };
}

/** Ranks by mean, highest first; equal means share a rank (1, 2, 2, 4). */
export function ranks(means: readonly number[]): number[] {
  return means.map((m) => 1 + means.filter((x) => x > m).length);
}

/** Points a judge may give: 0 to the criterion's maximum, in whole or half points. */
export function isValidPoints(points: number, max: number): boolean {
  return Number.isFinite(points) && points >= 0 && points <= max && Number.isInteger(points * 2);
}
