import * as z from "zod";
import { rubricSchema } from "./rubric.ts";
import { expectedKindsSchema, levelsSchema } from "./campaign.ts";
import { codeName, freeText, isoDate, nameText, optionalNameText, positiveId } from "./text.ts";
import { ROLES } from "../vocabulary.ts";

/** Official administrative codes and the codes of departments: trimmed, no spaces inside. */
export const unitCode = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._\-/]+$/u);

/** One row of the area's list, as pasted from the province's official list. */
export const orgUnitUpsertSchema = z.object({
  code: unitCode,
  name: nameText,
  kind: codeName,
  parentCode: unitCode.nullish().transform((c) => c ?? null),
});
export type OrgUnitUpsert = z.infer<typeof orgUnitUpsertSchema>;

/** A province's villages fit in one request. */
export const MAX_ORG_UNITS_PER_REQUEST = 5000;

export const orgUnitsRequestSchema = z.object({ units: z.array(z.unknown()) });

export const campaignCreateSchema = z.object({
  orgUnitId: positiveId,
  year: z.int().min(2000).max(2100),
  title: nameText,
  planRef: optionalNameText,
  deadline: isoDate,
  /** None: the defaults of the year (two tiers from 2025, shared/vocabulary.ts). */
  levels: levelsSchema.optional(),
  expectedKinds: expectedKindsSchema.optional(),
});

/** `PATCH /admin/campaigns/:id`: only what is given changes; a level keeps its code when its label changes. */
export const campaignPatchSchema = z
  .strictObject({
    title: nameText.optional(),
    /** Null or blank clears it; absent leaves it. */
    planRef: optionalNameText.optional(),
    deadline: isoDate.optional(),
    levels: levelsSchema.optional(),
    expectedKinds: expectedKindsSchema.optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { params: { code: "required" }, message: "nothing_to_change" });
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

/** `PUT /admin/campaigns/:id/plans/:orgUnitId`: the unit's own plan and its deadline. */
export const planUpsertSchema = z.strictObject({ planRef: nameText, deadline: isoDate });

export const registrationWindowSchema = z.object({ open: z.boolean() });

export const rubricUpdateSchema = rubricSchema;

export const officerCreateSchema = z.object({
  name: nameText,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  scopeId: positiveId,
  unitId: positiveId,
  /** ISO timestamp after which the token stops working; none: until revoked. */
  expiresAt: z.iso.datetime().nullish(),
  note: freeText.optional(),
});
