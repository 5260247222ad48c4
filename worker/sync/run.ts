import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import {
  currentSeqStatement,
  encodeWrite,
  pullStatement,
  readByIds,
  reserveSeq,
  selectByIds,
  toPullPage,
  toRecord,
  upsertChunk,
  type RegistrationRow,
  type RowWithPath,
} from "../sql/registrations.ts";
import { packByBytes } from "../sql/json-params.ts";
import { selectUnitPaths } from "../sql/org-units.ts";
import { encodeScoreWrite, selectJudgeScores, summaryStatements, upsertScores, type ScoreRow } from "../sql/scores.ts";
import { claimedId, planRegistrations, settle, type RegistrationResult } from "./plan-registrations.ts";
import { planScores, settleScore, type ScoreResult } from "./plan-scores.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";
import { vietnamToday } from "../../shared/vietnam-time.ts";

export interface SyncInput {
  caller: Caller;
  campaignId: number;
  /** The campaign check, possibly still under way: its read leaves with the sync's first (worker/d1-session.ts). */
  campaign: Campaign | Promise<Campaign>;
  registrations: readonly unknown[];
  scores: readonly unknown[];
  cursor: number;
  pull: boolean;
}

export interface SyncOutcome {
  results: RegistrationResult[];
  scoreResults: ScoreResult[];
  changes: RegistrationRecord[];
  cursor: number;
  more: boolean;
}

const scoreIdOf = (item: unknown) => {
  const id = (item as { registrationId?: unknown } | null)?.registrationId;
  return typeof id === "string" && id.length <= 64 ? id : null;
};

/** A sync with nothing to push: the campaign check and the pull leave together, one round trip. */
async function pullOnly(db: D1Database, input: SyncInput): Promise<SyncOutcome> {
  const [, pulled] = await Promise.all([
    input.campaign,
    input.pull ? db.batch<Record<string, unknown>>([pullStatement(db, input.campaignId, input.caller.scopePath, input.cursor, []), currentSeqStatement(db)]) : null,
  ]);
  const page = pulled
    ? toPullPage(pulled[0]!.results as unknown as RegistrationRow[], (pulled[1]!.results[0] as { value: number }).value)
    : { rows: [], more: false, cursor: input.cursor };
  return { results: [], scoreResults: [], changes: page.rows.map(toRecord), cursor: Math.max(page.cursor, input.cursor), more: page.more };
}

/**
 * One sync: read what the items touch (one round trip, with the campaign check), decide
 * each item, then write every accepted change (audited by trigger), the consolidated
 * scores they move and the pull in one D1 batch — one transaction, so a failure leaves
 * nothing half-written.
 */
export async function runSync(db: D1Database, input: SyncInput): Promise<SyncOutcome> {
  if (input.registrations.length + input.scores.length === 0) return pullOnly(db, input);
  const { caller } = input;
  const regIds = input.registrations.map(claimedId).filter((id): id is string => id !== null);
  const scoreIds = input.scores.map(scoreIdOf).filter((id): id is string => id !== null);
  const unitIds = [...new Set(input.registrations.map((i) => (i as { orgUnitId?: unknown } | null)?.orgUnitId))].filter(
    (u): u is number => Number.isSafeInteger(u),
  );
  const [campaign, [storedRows, units, storedScores]] = await Promise.all([
    input.campaign,
    db.batch<Record<string, unknown>>([
      selectByIds(db, [...regIds, ...scoreIds]),
      selectUnitPaths(db, unitIds),
      selectJudgeScores(db, caller.id, scoreIds),
    ]),
  ]);
  const stored = new Map((storedRows!.results as unknown as RowWithPath[]).map((r) => [r.id, r]));
  const unitPaths = new Map((units!.results as { id: number; path: string }[]).map((u) => [u.id, u.path]));
  const myScores = new Map((storedScores!.results as unknown as ScoreRow[]).map((s) => [s.registration_id, s]));

  const now = new Date();
  const at = now.toISOString();
  const regPlan = planRegistrations({ caller, campaign, items: input.registrations, stored, unitPaths, today: vietnamToday(now) });
  const scorePlan = planScores({ caller, campaign, items: input.scores, registrations: stored, stored: myScores });

  const statements: D1PreparedStatement[] = [];
  const regUpserts: number[] = [];
  const scoreUpserts: number[] = [];
  if (regPlan.writes.length) {
    statements.push(reserveSeq(db, regPlan.writes.length));
    for (const chunk of packByBytes(regPlan.writes, encodeWrite)) {
      regUpserts.push(statements.length);
      statements.push(upsertChunk(db, chunk, regPlan.writes.length, campaign.id, caller.id, at));
    }
  }
  if (scorePlan.writes.length) {
    statements.push(reserveSeq(db, scorePlan.writes.length));
    for (const chunk of packByBytes(scorePlan.writes, encodeScoreWrite)) {
      scoreUpserts.push(statements.length);
      statements.push(upsertScores(db, chunk, scorePlan.writes.length, campaign.id, caller.id, at));
    }
    statements.push(...summaryStatements(db, campaign.id, scorePlan.writes.map((w) => w.registrationId), campaign.rubric));
  }
  const pullAt = statements.length;
  if (input.pull) statements.push(pullStatement(db, campaign.id, caller.scopePath, input.cursor, regIds), currentSeqStatement(db));
  const outcome = statements.length ? await db.batch<Record<string, unknown>>(statements) : [];

  // Writes a concurrent request overtook are settled against what is stored now.
  const landedRegs = new Set(regUpserts.flatMap((i) => (outcome[i]!.results as { id: string }[]).map((r) => r.id)));
  const landedScores = new Set(scoreUpserts.flatMap((i) => (outcome[i]!.results as { registration_id: string }[]).map((r) => r.registration_id)));
  const lateRegs = regPlan.writes.filter((w) => !landedRegs.has(w.id)).map((w) => w.id);
  const lateScores = scorePlan.writes.filter((w) => !landedScores.has(w.registrationId)).map((w) => w.registrationId);
  const regsNow = new Map((await readByIds(db, lateRegs)).map((r) => [r.id, r]));
  const scoresNow = lateScores.length
    ? new Map(((await selectJudgeScores(db, caller.id, lateScores).all<ScoreRow>()).results).map((s) => [s.registration_id, s]))
    : new Map<string, ScoreRow>();
  const results = regPlan.results.slice();
  for (const w of regPlan.writes) results[w.index] = settle(w, landedRegs.has(w.id), regsNow.get(w.id));
  const scoreResults = scorePlan.results.slice();
  for (const w of scorePlan.writes) scoreResults[w.index] = settleScore(w, landedScores.has(w.registrationId), scoresNow.get(w.registrationId));

  const page = input.pull
    ? toPullPage(outcome[pullAt]!.results as unknown as RegistrationRow[], (outcome[pullAt + 1]!.results[0] as { value: number }).value)
    : { rows: [], more: false, cursor: input.cursor };
  return {
    results: results as RegistrationResult[],
    scoreResults: scoreResults as ScoreResult[],
    changes: page.rows.map(toRecord),
    cursor: Math.max(page.cursor, input.cursor),
    more: page.more,
  };
}
