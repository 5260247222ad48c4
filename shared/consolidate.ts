// The consolidation rules of PRODUCT.md "Scoring", in plain arithmetic: how a report as
// of a past moment consolidates the score sheets it rebuilt from the audit log, and the
// oracle the database's set-based summaries (score_summaries, kept exact at every score
// change) are tested against. The rating itself is the one rule of rating.ts.
import { isZeroMajority, ratingOf } from "./rating.ts";
import type { Rubric, RatingCode } from "./schemas/rubric.ts";
import { maxTotal } from "./scoring.ts";
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

/** One registration's consolidated score from its judges' score sheets (at least one). */
export function consolidate(scores: readonly JudgeScore[], rubric: Rubric, kind: Kind): Consolidated {
  const totals = scores.map((s) => s.total).sort((a, b) => a - b);
  const n = totals.length;
  const sum = totals.reduce((a, b) => a + b, 0);
  const median = n % 2 ? totals[(n - 1) / 2]! : (totals[n / 2 - 1]! + totals[n / 2]!) / 2;
  const min = totals[0]!;
  const max = totals[n - 1]!;
  const top = maxTotal(rubric, kind);
  const zeros = scores.filter((s) => s.anyZero).length;
  return {
    judges: n,
    mean: sum / n,
    median,
    min,
    max,
    spread: max - min,
    // Spreads are multiples of half a point; the margin only absorbs float noise in the limit.
    flagged: max - min - rubric.flagSpread * top > 1e-9,
    zeroMajority: isZeroMajority(zeros, n),
    rating: ratingOf(rubric, { sum, judges: n, zeros, max: top }),
  };
}

/** Ranks by mean, highest first; equal means share a rank (1, 2, 2, 4). */
export function ranks(means: readonly number[]): number[] {
  return means.map((m) => 1 + means.filter((x) => x > m).length);
}
