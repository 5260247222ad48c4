import { z } from "zod";
import { rubricSchema } from "./rubric.ts";
import { codeName, isoDate, nameText, positiveId } from "./text.ts";

export const levelSchema = z.object({ code: codeName, label: nameText });

/** A campaign (one yearly plan) as `GET /campaigns[/:id]` answers it. */
export const campaignSchema = z.object({
  id: positiveId,
  orgUnitId: positiveId,
  year: z.int().min(2000).max(2100),
  title: nameText,
  planRef: z.string().nullable(),
  deadline: isoDate,
  levels: z.array(levelSchema).min(1),
  expectedKinds: z.array(codeName),
  registrationOpen: z.boolean(),
  rubric: rubricSchema,
});
export type Campaign = z.infer<typeof campaignSchema>;
