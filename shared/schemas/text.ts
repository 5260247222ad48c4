import * as z from "zod";
import { MAX_NAME, MAX_TEXT } from "../vocabulary.ts";

// Text as it arrives from cells and forms: NFC so that the same words typed on two
// keyboards compare equal, trimmed, and bounded by PRODUCT.md's maxima (checked after
// trimming). zod's in-place steps keep this cheap on 1,000-row pushes.

/** Lone surrogates cannot be stored as UTF-8; C0 controls (other than line breaks and tabs) never belong in a form. */
const MALFORMED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const wellFormed = (s: string) => !MALFORMED.test(s);
const malformed = { params: { code: "invalid_value" }, message: "malformed" } as const;

/** A name on one line: line breaks pasted from a cell (Alt+Enter) or Word become spaces. */
const oneLine = () =>
  z
    .string()
    .overwrite((s) => s.normalize("NFC").replace(/\s+/g, " ").trim())
    .refine(wellFormed, malformed);

export const nameText = oneLine().min(1).max(MAX_NAME);
/** Absent, null and blank all mean "not given", stored as null. */
export const optionalNameText = oneLine()
  .max(MAX_NAME)
  .nullish()
  .transform((s) => s || null);
/**
 * Several lines of prose (an account, a description): line breaks kept, Windows ones
 * made plain so the same text from two machines compares equal; absent, null and
 * blank all mean "not given", stored as null.
 */
export const optionalLongText = (max: number) =>
  z
    .string()
    .overwrite((s) => s.normalize("NFC").replace(/\r\n?/g, "\n").trim())
    .max(max)
    .refine(wellFormed, malformed)
    .nullish()
    .transform((s) => s || null);
export const freeText = z.string().normalize("NFC").trim().max(MAX_TEXT).refine(wellFormed, malformed);
export const isoDate = z.iso.date();
export const positiveId = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
/** Org-unit and level kinds: data chosen by admins, kept to a safe code alphabet. */
export const codeName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/);
