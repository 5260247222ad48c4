import * as z from "zod";
import { codeName, freeText } from "./text.ts";

/** One judge's score sheet for one registration, as pushed in a sync request. */
export const scorePushSchema = z.object({
  registrationId: z.uuid(),
  baseVersion: z.int().min(0).max(Number.MAX_SAFE_INTEGER),
  criteria: z.record(codeName, z.number().min(0).max(1000)),
  comment: freeText.optional(),
  deleted: z.boolean().optional(),
});
export type ScorePush = z.infer<typeof scorePushSchema>;
