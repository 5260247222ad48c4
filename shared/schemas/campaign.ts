import * as z from "zod";
import { rubricSchema } from "./rubric.ts";
import { codeName, isoDate, nameText, positiveId } from "./text.ts";

export const levelSchema = z.object({ code: codeName, label: nameText });

/** Levels of a campaign: at most ten, each code once (a code names one level whatever its label). */
export const levelsSchema = z
  .array(levelSchema)
  .min(1)
  .max(10)
  .refine((levels) => new Set(levels.map((l) => l.code)).size === levels.length, { params: { code: "duplicate" }, message: "duplicate" });

/** Kinds of unit expected to register: each once, in the order given. */
export const expectedKindsSchema = z
  .array(codeName)
  .max(20)
  .transform((kinds) => [...new Set(kinds)]);

/** Who last changed a campaign after its creation, when, and which of its keys. */
export const lastChangeSchema = z.object({
  officerName: z.string(),
  at: z.iso.datetime(),
  fields: z.array(z.string()),
});
export type LastChange = z.infer<typeof lastChangeSchema>;

/** A campaign (one yearly plan) as `GET /campaigns` lists it. */
export const campaignSchema = z.object({
  id: positiveId,
  orgUnitId: positiveId,
  year: z.int().min(2000).max(2100),
  title: nameText,
  planRef: z.string().nullable(),
  /** The last day that counts as on time, where no implementing plan says otherwise. */
  deadline: isoDate,
  levels: z.array(levelSchema).min(1),
  expectedKinds: z.array(codeName),
  registrationOpen: z.boolean(),
  rubric: rubricSchema,
  lastChange: lastChangeSchema.nullable(),
});
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * A unit's own plan carrying out a higher campaign (the commune's 97-KH/ĐU under the
 * district's 113-KH/ĐU): its reference and its deadline, which applies to the unit and
 * everything under it unless a nearer plan says otherwise.
 */
export const campaignPlanSchema = z.object({
  orgUnitId: positiveId,
  orgUnitName: z.string(),
  planRef: nameText,
  deadline: isoDate,
});
export type CampaignPlan = z.infer<typeof campaignPlanSchema>;

/**
 * `GET /campaigns/:id` and the admin routes' answers: the campaign with the implementing
 * plans on the caller's chain (the scope and the units above it) and in the caller's
 * subtree, parents before children.
 */
export const campaignDetailSchema = campaignSchema.extend({ plans: z.array(campaignPlanSchema) });
export type CampaignDetail = z.infer<typeof campaignDetailSchema>;
