import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import { subtreeRange } from "./org-units.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { scorePushSchema } from "../../shared/schemas/score.ts";
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

/** A sheet's points as stored, read back through the schema they were pushed with. */
const parseCriteria = (text: string): Record<string, number> => scorePushSchema.shape.criteria.parse(JSON.parse(text));

export function toScoreRecord(r: ScoreRow): ScoreRecord {
  return {
    registrationId: r.registration_id,
    criteria: parseCriteria(r.criteria),
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

// ---- A judge's scoring sheet ----

export interface ScoringRow {
  id: string;
  kind: "collective" | "individual";
  field: string;
  level: string;
  model_name: string;
  unit_name: string | null;
  person_name: string | null;
  position: string | null;
  address: string | null;
  expected_benefit: number | null;
  start_date: string | null;
  end_date: string | null;
  period_text: string | null;
  description: string | null;
  participants: number | null;
  org_unit_id: number;
  org_unit_name: string;
  unit_path: string;
  review_state: string;
  /** The judge's own points, if the judge has a sheet for it. */
  criteria: Record<string, number> | null;
  comment: string | null;
  score_version: number | null;
  score_deleted: number | null;
  judges: number | null;
  mean: number | null;
  median: number | null;
  spread: number | null;
  flagged: number | null;
  rating: string | null;
}

/**
 * What a judge's scoring sheet is built from: every live registration of the campaign
 * in the judge's scope with what the judge reads to score it (the form's items and the
 * model's account), the judge's own sheet for it if any, and its consolidated score.
 * One query however many models; grouped by field, as councils score.
 */
export async function scoringRows(db: D1Database, campaignId: number, scopePath: string, judgeId: number): Promise<ScoringRow[]> {
  const [from, to] = subtreeRange(scopePath);
  const { results } = await db
    .prepare(
      `SELECT r.id, r.kind, r.field, r.level, r.model_name, r.unit_name, r.person_name, r.position, r.address,
         r.expected_benefit, r.start_date, r.end_date, r.period_text, r.description, r.participants, r.org_unit_id, u.name AS org_unit_name,
         u.path AS unit_path, r.review_state, sc.criteria, sc.comment, sc.version AS score_version, sc.deleted AS score_deleted,
         sm.judges, sm.mean, sm.median, sm.spread, sm.flagged, sm.rating
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
       LEFT JOIN scores sc ON sc.registration_id = r.id AND sc.judge_id = ?4
       LEFT JOIN score_summaries sm ON sm.registration_id = r.id
       WHERE r.campaign_id = ?1 AND r.deleted = 0 AND r.review_state <> 'withdrawn' AND u.path >= ?2 AND u.path < ?3
       ORDER BY r.field, r.kind, u.path, r.model_name`,
    )
    .bind(campaignId, from, to, judgeId)
    .all<Omit<ScoringRow, "criteria"> & { criteria: string | null }>();
  return results.map((r) => ({ ...r, criteria: r.criteria === null ? null : parseCriteria(r.criteria) }));
}
