import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "./org-units.ts";

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
  criteria: string | null;
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
    .all<ScoringRow>();
  return results;
}
