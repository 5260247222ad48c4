import * as z from "zod";
import { freeText, isoDate, nameText, optionalNameText } from "./text.ts";
import { AWARD_FORMS, REVIEW_STATES, MAX_SYNC_ITEMS, type AwardForm, type ReviewState } from "../vocabulary.ts";

/** The review states a move may carry an award to: the proposal, and the commendation itself. */
export const AWARD_STATES: readonly ReviewState[] = ["proposed", "commended"];

/**
 * A commendation: its form, who grants it ("Chủ tịch UBND xã Hà Giang"), and the
 * decision once there is one. Absent and null decision items are stored as null.
 */
export const awardSchema = z.object({
  form: z.enum(AWARD_FORMS),
  issuer: nameText,
  decisionNo: optionalNameText,
  decisionDate: isoDate.nullish().transform((d) => d ?? null),
});
export interface Award {
  form: AwardForm;
  issuer: string;
  decisionNo: string | null;
  decisionDate: string | null;
}

/** `award: null` says the same as no award: the move leaves the stored award as it is. */
const optionalAward = awardSchema.nullish().transform((a) => a ?? undefined);

export const reviewChangeSchema = z.object({ to: z.enum(REVIEW_STATES), note: freeText.optional(), award: optionalAward });
export const reviewUndoSchema = z.object({ note: freeText.optional() });
export const bulkReviewSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(MAX_SYNC_ITEMS),
  to: z.enum(REVIEW_STATES),
  note: freeText.optional(),
  /** One award for every id of the request. */
  award: optionalAward,
});
