import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "./org-units.ts";

export interface ReviewSheetRow {
  id: string;
  org_unit_name: string;
  kind: string;
  field: string;
  level: string;
  model_name: string;
  unit_name: string | null;
  person_name: string | null;
  review_state: string;
  award: string | null;
  judges: number | null;
  mean: number | null;
  spread: number | null;
  flagged: number | null;
  rating: string | null;
}

/** Every live registration in the scope with its state and consolidated score: what an approver decides on. */
export async function reviewSheetRows(db: D1Database, campaignId: number, scopePath: string): Promise<ReviewSheetRow[]> {
  const [from, to] = subtreeRange(scopePath);
  const { results } = await db
    .prepare(
      `SELECT r.id, u.name AS org_unit_name, r.kind, r.field, r.level, r.model_name, r.unit_name, r.person_name, r.review_state, r.award,
         sm.judges, sm.mean, sm.spread, sm.flagged, sm.rating
       FROM registrations r JOIN org_units u ON u.id = r.org_unit_id
       LEFT JOIN score_summaries sm ON sm.registration_id = r.id
       WHERE r.campaign_id = ?1 AND r.deleted = 0 AND u.path >= ?2 AND u.path < ?3
       ORDER BY r.field, coalesce(sm.mean, -1) DESC, r.model_name`,
    )
    .bind(campaignId, from, to)
    .all<ReviewSheetRow>();
  return results;
}
