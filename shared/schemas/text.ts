import { z } from "zod";
import { MAX_NAME, MAX_TEXT } from "../vocabulary.ts";

// Text as it arrives from cells and forms: NFC so that the same words typed on two
// keyboards compare equal, trimmed, and bounded by PRODUCT.md's maxima.
const normalized = z.string().transform((s) => s.normalize("NFC").trim());

export const nameText = normalized.pipe(z.string().min(1).max(MAX_NAME));
export const optionalNameText = normalized.pipe(z.string().max(MAX_NAME)).optional();
export const freeText = normalized.pipe(z.string().max(MAX_TEXT));
export const isoDate = z.iso.date();
export const positiveId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Org-unit and level kinds: data chosen by admins, kept to a safe code alphabet. */
export const codeName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
