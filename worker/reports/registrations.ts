import type { D1Database } from "../cf-types.ts";
import { unitsById, type SnapshotColumn } from "../sql/history.ts";
import { linesAt, linesNow } from "../sql/report-rows.ts";
import { subtreeRange } from "../sql/org-units.ts";
import type { ReportInput } from "./types.ts";
import { consolidate } from "../../shared/consolidate.ts";
import type { RatingCode } from "../../shared/schemas/rubric.ts";
import type { Field, Kind, ReviewState } from "../../shared/vocabulary.ts";
import { scorePushSchema } from "../../shared/schemas/score.ts";
import * as z from "zod";

/** The score sheets a rebuilt registration had then: [judgeId, total, criteria], criteria as a judge's sheet is checked. */
const judgedSheetsSchema = z.array(z.tuple([z.number(), z.number(), scorePushSchema.shape.criteria]));

// The registrations a row-by-row table lists (scores, commendations, list), now or as
// of a moment: the live registrations of the scope with the items asked for, their
// unit, review state and award, and their consolidated score. Now, the consolidated
// score is the one kept exact at every score change (score_summaries); as of a moment,
// it is recomputed from the judges' sheets as they stood then, with the rubric then,
// by the same rules (shared/scoring.ts).

export interface RegistrationLine {
  id: string;
  org_unit_id: number;
  kind: Kind;
  field: Field;
  level: string;
  unit_name: string | null;
  address: string | null;
  person_name: string | null;
  position: string | null;
  model_name: string;
  expected_benefit: number | null;
  start_date: string | null;
  end_date: string | null;
  period_text: string | null;
  representative: string | null;
  submitted_at: string;
  description: string | null;
  participants: number | null;
  review_state: ReviewState;
  /** JSON as `awardText` writes it, or null. */
  award: string | null;
  unit_path: string;
  unit_depth: number;
  org_unit_name: string;
  org_unit_code: string;
  /** The consolidated score; judges 0 (and the rest null) when nobody has scored it. */
  judges: number;
  mean: number | null;
  median: number | null;
  spread: number | null;
  flagged: boolean;
  rating: RatingCode | null;
}

/** Every item of the form a line can carry. */
const ALL_ITEMS: readonly SnapshotColumn[] = [
  "kind", "field", "level", "unit_name", "address", "person_name", "position", "model_name", "expected_benefit", "start_date",
  "end_date", "period_text", "representative", "submitted_at", "description", "participants",
];

/**
 * The live registrations of the input's scope (withdrawn ones included) whose review state
 * is among `states` (all when absent), as they are now or stood at `input.asOf`. Lines
 * carry every item of the form; `scored` keeps only those with at least one score sheet.
 */
export async function registrationLines(
  db: D1Database,
  input: ReportInput,
  options: { states?: readonly ReviewState[]; scored?: boolean } = {},
): Promise<RegistrationLine[]> {
  const [from, to] = subtreeRange(input.scope.path);
  const states = JSON.stringify(options.states ?? null);
  if (!input.asOf) {
    const { results } = await linesNow(db, input.campaign.id, from, to, states, options.scored ?? false, ALL_ITEMS).all<Omit<RegistrationLine, "flagged"> & { flagged: number }>();
    return results.map((r) => ({ ...r, flagged: r.flagged === 1 }));
  }
  const { results } = await linesAt(db, input.campaign.id, from, to, states, options.scored ?? false, input.asOf, ALL_ITEMS).all<
    Omit<RegistrationLine, "judges" | "mean" | "median" | "spread" | "flagged" | "rating"> & { sheets: string | null }
  >();
  const { rubric } = input.campaign;
  return results.map(({ sheets, ...r }) => {
    const judged = sheets === null ? [] : judgedSheetsSchema.parse(JSON.parse(sheets));
    if (judged.length === 0) return { ...r, judges: 0, mean: null, median: null, spread: null, flagged: false, rating: null };
    const c = consolidate(
      judged.map(([, total, criteria]) => ({ total, anyZero: Object.values(criteria).some((p) => p === 0) })),
      rubric,
      r.kind,
    );
    return { ...r, judges: c.judges, mean: c.mean, median: c.median, spread: c.spread, flagged: c.flagged, rating: c.rating };
  });
}

/** Ranks by mean among lines of the same kind, highest first; equal means share a rank (1, 2, 2, 4). */
export function ranksByKind(lines: readonly { kind: Kind; mean: number | null }[]): number[] {
  const sorted = new Map<Kind, number[]>();
  for (const l of lines) if (l.mean !== null) sorted.set(l.kind, [...(sorted.get(l.kind) ?? []), l.mean]);
  for (const means of sorted.values()) means.sort((a, b) => b - a);
  return lines.map((l) => {
    if (l.mean === null) return 0;
    const means = sorted.get(l.kind)!;
    // The first position holding this mean, 1-based: how many are strictly higher, plus one.
    let lo = 0;
    let hi = means.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (means[mid]! > l.mean) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  });
}

/** SQLite's default (BINARY) order of text, for sorting as the database would. */
export function binaryOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A unit on the way down from a scope: its official code and its name. */
export interface Place {
  code: string;
  name: string;
}

/** Official codes compared as officials sort them: numbers as numbers ("2" before "10"). */
const byCode = (a: string, b: string) => a.localeCompare(b, "vi", { numeric: true }) || binaryOrder(a, b);

/**
 * Lines in the tree's order, as lists and printed forms go: by unit (a unit before the
 * units under it, siblings by official code), collective before individual within a
 * unit, then by the day handed in and the model's name. `below(path)` names the units
 * from under the scope down to the unit at `path` (empty for the scope itself). One more
 * read, for the units between the scope and the lines' own.
 */
export async function inTreeOrder(
  db: D1Database,
  scope: ReportInput["scope"],
  lines: readonly RegistrationLine[],
): Promise<{ sorted: RegistrationLine[]; below: (path: string) => Place[] }> {
  const places = new Map<number, Place>([[scope.id, { code: "", name: scope.name }]]);
  for (const l of lines) places.set(l.org_unit_id, { code: l.org_unit_code, name: l.org_unit_name });
  const chainOf = (path: string) => path.split("/").filter(Boolean).map(Number).slice(scope.depth);
  const unknown = [...new Set(lines.flatMap((l) => chainOf(l.unit_path)))].filter((id) => !places.has(id));
  if (unknown.length > 0) {
    const { results } = await unitsById(db, unknown).all<{ id: number; name: string; code: string }>();
    for (const u of results) places.set(u.id, { code: u.code, name: u.name });
  }
  const chains = new Map<string, Place[]>();
  const below = (path: string) => {
    let chain = chains.get(path);
    if (!chain) chains.set(path, (chain = chainOf(path).slice(1).map((id) => places.get(id)!)));
    return chain;
  };
  const compareUnits = (a: string, b: string) => {
    const [x, y] = [below(a), below(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = byCode(x[i]!.code, y[i]!.code);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  };
  const sorted = [...lines].sort(
    (a, b) =>
      compareUnits(a.unit_path, b.unit_path) ||
      binaryOrder(a.kind, b.kind) ||
      binaryOrder(a.submitted_at, b.submitted_at) ||
      binaryOrder(a.model_name, b.model_name) ||
      binaryOrder(a.id, b.id),
  );
  return { sorted, below };
}
