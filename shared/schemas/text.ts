import { z } from "zod";
import { MAX_NAME, MAX_TEXT } from "../vocabulary.ts";

// Text as it arrives from cells and forms: NFC so that the same words typed on two
// keyboards compare equal, trimmed, and bounded by PRODUCT.md's maxima (checked after
// trimming). zod's in-place string steps keep this cheap on 1,000-row pushes.
const normalized = () => z.string().normalize("NFC").trim();

export const nameText = normalized().min(1).max(MAX_NAME);
/** Absent, null and blank all mean "not given", stored as null. */
export const optionalNameText = normalized()
  .max(MAX_NAME)
  .nullish()
  .transform((s) => s || null);
export const freeText = normalized().max(MAX_TEXT);
export const isoDate = z.iso.date();
export const positiveId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Org-unit and level kinds: data chosen by admins, kept to a safe code alphabet. */
export const codeName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
