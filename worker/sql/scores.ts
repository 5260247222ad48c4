import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { ratingSql, ratingThresholds, zeroMajoritySql } from "../../shared/rating.ts";
import { maxTotal } from "../../shared/scoring.ts";

export interface ScoreRow {
  registration_id: string;
  judge_id: number;
  campaign_id: number;
  criteria: string;
  total: number;
  any_zero: number;
  comment: string | null;
  version: number;
  deleted: number;
}

export interface ScoreRecord {
  registrationId: string;
  criteria: Record<string, number>;
  comment: string | null;
  total: number;
  version: number;
  deleted: boolean;
}

export function toScoreRecord(r: ScoreRow): ScoreRecord {
  return {
    registrationId: r.registration_id,
    criteria: JSON.parse(r.criteria) as Record<string, number>,
    comment: r.comment,
    total: r.total,
    version: r.version,
    deleted: r.deleted === 1,
  };
}

/** A judge's stored score sheets for the given registrations. */
export function selectJudgeScores(db: D1Database, judgeId: number, registrationIds: readonly string[]): D1PreparedStatement {
  return db
    .prepare(
      `SELECT registration_id, judge_id, campaign_id, criteria, total, any_zero, comment, version, deleted FROM scores
       WHERE judge_id = ?1 AND registration_id IN (SELECT value FROM json_each(?2))`,
    )
    .bind(judgeId, JSON.stringify(registrationIds));
}

export interface ScoreWrite {
  registrationId: string;
  criteria: Record<string, number>;
  total: number;
  anyZero: boolean;
  comment: string | null;
  deleted: boolean;
  version: number;
  seqOffset: number;
}

export function encodeScoreWrite(w: ScoreWrite): string {
  return JSON.stringify([w.registrationId, w.version, w.seqOffset, JSON.stringify(w.criteria), w.total, w.anyZero ? 1 : 0, w.comment, w.deleted ? 1 : 0]);
}

/** Version-guarded upsert of a chunk of one judge's score sheets; RETURNING says which landed. */
export function upsertScores(
  db: D1Database,
  chunk: string,
  reserved: number,
  campaignId: number,
  judgeId: number,
  now: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO scores (registration_id, judge_id, campaign_id, criteria, total, any_zero, comment, version, seq, deleted, created_at, updated_at)
       SELECT j.value ->> 0, ?4, ?3, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 1,
         (SELECT value FROM counters WHERE name = 'change_seq') - ?2 + (j.value ->> 2), j.value ->> 7, ?5, ?5
       FROM json_each(?1) j
       WHERE true
       ON CONFLICT (registration_id, judge_id) DO UPDATE SET
         criteria = excluded.criteria, total = excluded.total, any_zero = excluded.any_zero, comment = excluded.comment,
         version = excluded.version, seq = excluded.seq, deleted = excluded.deleted, updated_at = excluded.updated_at
       WHERE scores.version = excluded.version - 1
       RETURNING registration_id, version`,
    )
    .bind(chunk, reserved, campaignId, judgeId, now);
}

/**
 * Rewrites the consolidated scores of the given registrations from their judges'
 * sheets, set-based, inside the same transaction as the score changes: number of
 * judges, mean and median of totals, spread, flag, the any-zero majority and the
 * rating, whose expression is generated from the shared rule (shared/rating.ts) with
 * the rubric's thresholds bound as JSON.
 */
export function summaryStatements(db: D1Database, campaignId: number, registrationIds: readonly string[], rubric: Rubric): D1PreparedStatement[] {
  const ids = JSON.stringify(registrationIds);
  const terms = { sum: "sum_total", judges: "judges", zeros: "zeros", max: "max_total" };
  return [
    db.prepare(`DELETE FROM score_summaries WHERE registration_id IN (SELECT value FROM json_each(?1))`).bind(ids),
    db
      .prepare(
        `INSERT INTO score_summaries (registration_id, campaign_id, judges, mean, median, min_total, max_total, spread, flagged, zero_majority, rating)
         SELECT registration_id, ?2, judges, sum_total / judges, median, lo, hi, hi - lo,
           (hi - lo) - ?3 * max_total > 1e-9, ${zeroMajoritySql(terms)}, ${ratingSql("?6", terms)}
         FROM (
           SELECT s.registration_id, count(*) AS judges, sum(s.total) AS sum_total, min(s.total) AS lo, max(s.total) AS hi,
             sum(s.any_zero) AS zeros,
             avg(CASE WHEN s.rn IN ((s.cnt + 1) / 2, (s.cnt + 2) / 2) THEN s.total END) AS median,
             CASE r.kind WHEN 'individual' THEN ?5 ELSE ?4 END AS max_total
           FROM (
             SELECT registration_id, total, any_zero,
               row_number() OVER (PARTITION BY registration_id ORDER BY total) AS rn,
               count(*) OVER (PARTITION BY registration_id) AS cnt
             FROM scores WHERE deleted = 0 AND registration_id IN (SELECT value FROM json_each(?1))
           ) s JOIN registrations r ON r.id = s.registration_id
           GROUP BY s.registration_id
         )`,
      )
      .bind(ids, campaignId, rubric.flagSpread, maxTotal(rubric, "collective"), maxTotal(rubric, "individual"), ratingThresholds(rubric)),
  ];
}
