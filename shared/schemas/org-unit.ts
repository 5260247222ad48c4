import * as z from "zod";
import { codeName, nameText, positiveId } from "./text.ts";

/** An org unit as the API lists it; `/org-units` lists parents before children. */
export const orgUnitSchema = z.object({
  id: positiveId,
  parentId: positiveId.nullable(),
  name: nameText,
  kind: codeName,
  code: z.string().min(1).max(64),
});
export type OrgUnit = z.infer<typeof orgUnitSchema>;
