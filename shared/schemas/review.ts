import { z } from "zod";
import { freeText } from "./text.ts";
import { REVIEW_STATES, MAX_SYNC_ITEMS } from "../vocabulary.ts";

export const reviewChangeSchema = z.object({ to: z.enum(REVIEW_STATES), note: freeText.optional() });
export const reviewUndoSchema = z.object({ note: freeText.optional() });
export const bulkReviewSchema = z.object({
  ids: z.array(z.uuid()).min(1).max(MAX_SYNC_ITEMS),
  to: z.enum(REVIEW_STATES),
  note: freeText.optional(),
});
