import { awardSchema, type Award } from "../../shared/schemas/review.ts";

/**
 * An award as the `award` column and the review audit keep it: JSON with its items in
 * one order, so the text read back is the text a later change is guarded on.
 */
export function awardText(award: Award | null | undefined): string | null {
  if (!award) return null;
  return JSON.stringify({ form: award.form, issuer: award.issuer, decisionNo: award.decisionNo ?? null, decisionDate: award.decisionDate ?? null });
}

/** The stored award, or null: what `awardText` wrote, read back through the schema it came in by. */
export function parseAward(text: string | null | undefined): Award | null {
  return text ? awardSchema.parse(JSON.parse(text)) : null;
}
