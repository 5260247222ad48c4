import { problem } from "../problems.ts";
import { parseAsOf } from "../../shared/reports.ts";
import { documentDetailsSchema } from "../../shared/schemas/report.ts";
import * as z from "zod";

/**
 * A report as the API and the download tickets take it; the document details (who
 * issues, where, who signs) only shape the XLSX.
 */
export const reportRequestSchema = z.object({
  campaignId: z.int().positive(),
  table: z.string(),
  scope: z.int().positive().optional(),
  depth: z.int().min(1).max(10).default(1),
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  /** The moment the figures stand at: `YYYY-MM-DD` (the end of that day in Vietnam) or an ISO date-time; checked by `buildReport`. */
  asOf: z.string().max(40).optional(),
  ...documentDetailsSchema.shape,
});
export type ReportRequest = z.infer<typeof reportRequestSchema>;

/**
 * The moment a request asks for, as an ISO instant (null: now); a malformed one, or one
 * after today in Vietnam, is refused with the reason.
 */
export function requestedMoment(asOf: string | undefined, now: Date): string | null {
  if (asOf === undefined || asOf.trim() === "") return null;
  const parsed = parseAsOf(asOf, now);
  if (!parsed.ok) throw problem("invalid_request", { message: parsed.message, errors: [{ path: "asOf", code: "invalid_value", message: parsed.message }] });
  return parsed.instant;
}
