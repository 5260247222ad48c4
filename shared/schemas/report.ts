import * as z from "zod";
import { optionalNameText } from "./text.ts";

// A report table as `GET /campaigns/:id/reports/:table` answers it (PRODUCT.md "API",
// "Reports"): what the add-in writes into a sheet and the downloads render, and the
// input of the official document both draw (shared/report-document.ts).

export type ReportValue = string | number | boolean | null;
/** One row of a table, keyed by column key; a row with a `heading` is a sub-heading (below). */
export type ReportRow = Record<string, ReportValue>;

export interface ReportColumn {
  key: string;
  label: string;
  /** How downloads and the sheet format the column; absent means text. */
  type?: "text" | "integer" | "number" | "money" | "boolean";
  /**
   * The label of the group this column sits under in a two-row header ("Lĩnh vực",
   * "Cấp"…). Adjacent columns with the same group share one merged cell above their own
   * labels; a column without one spans both header rows.
   */
  group?: string;
  /**
   * At most this many characters wide in the printed document (text wraps), where the
   * default bounds would make a wide table print too small.
   */
  maxWidth?: number;
  /**
   * false: left out of the printed document (the XLSX and the add-in's official sheet)
   * because it cannot fit a page one page wide (a model's account of 4,000 characters);
   * JSON and CSV still carry it.
   */
  print?: boolean;
}

/**
 * The row key that marks a sub-heading row: `{ heading: "Thôn Yên Bái" }` stands above
 * the rows that follow it (the `list` table groups its rows by unit). Such a row has no
 * STT, is not counted, and its other keys are ignored; no column may use this key.
 */
export const HEADING_KEY = "heading";

export function headingOf(row: ReportRow): string | null {
  const heading = row[HEADING_KEY];
  return typeof heading === "string" && heading !== "" ? heading : null;
}

/** The plan a scope's figures are collected under: the nearest implementing plan at or above the scope. */
export interface ReportPlan {
  planRef: string;
  /** The unit that issued the plan ("Đảng ủy xã Hà Giang"). */
  orgUnitName: string;
  deadline: string;
}

export interface Report {
  title: string;
  /** `parentName`: the unit above the scope (null at the top of the tree), the document's default body above. */
  scope: { id: number; name: string; kind: string; parentName?: string | null };
  generatedAt: string;
  /**
   * The moment the figures stand at, as the ISO instant the table was rebuilt at (a
   * requested `YYYY-MM-DD` is the end of that day in Vietnam: 2025-06-30 is
   * 2025-06-30T16:59:59.999Z); null means now (`generatedAt`). Optional here only so
   * that reports made before it render; the worker always sends it, as it does
   * `campaign` and `plan`.
   */
  asOf?: string | null;
  campaign?: { title: string; year: number; planRef: string | null };
  /** The implementing plan of the scope, when there is one; null falls back to `campaign.planRef`. */
  plan?: ReportPlan | null;
  columns: ReportColumn[];
  rows: ReportRow[];
  totals?: ReportRow;
  /** What the table counts and leaves out (deleted, withdrawn), said plainly. */
  notes: string[];
}

const reportValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const reportRow = z.record(z.string(), reportValue);

/** A report as the API answers it in JSON, checked where it is read (the add-in), so the shape above is a contract, not a cast. */
export const reportSchema: z.ZodType<Report> = z.object({
  title: z.string(),
  scope: z.object({ id: z.number(), name: z.string(), kind: z.string(), parentName: z.string().nullable().optional() }),
  generatedAt: z.string(),
  asOf: z.string().nullable().optional(),
  campaign: z.object({ title: z.string(), year: z.number(), planRef: z.string().nullable() }).optional(),
  plan: z.object({ planRef: z.string(), orgUnitName: z.string(), deadline: z.string() }).nullable().optional(),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      type: z.enum(["text", "integer", "number", "money", "boolean"]).optional(),
      group: z.string().optional(),
      maxWidth: z.number().optional(),
      print: z.boolean().optional(),
    }),
  ),
  rows: z.array(reportRow),
  totals: reportRow.optional(),
  notes: z.array(z.string()),
});

/**
 * Who issues the document, where, and who signs it: chosen by the officer (the pane
 * remembers them per workbook), each at most 300 characters on one line; blank or absent
 * takes the default of `resolveDocumentDetails`. The XLSX download takes them as query
 * parameters, and `POST /downloads` in its body, under these names.
 */
export const documentDetailsSchema = z.object({
  /** The body above the issuer, top left ("ĐẢNG ỦY HUYỆN HÀ TRUNG", "UBND HUYỆN HÀ TRUNG"). */
  bodyAbove: optionalNameText.optional(),
  /** The issuing unit, top left, bold ("UBND XÃ HÀ GIANG"). */
  issuer: optionalNameText.optional(),
  /** The place in "Hà Giang, ngày … tháng … năm …". */
  place: optionalNameText.optional(),
  /** The officer who made the table (NGƯỜI LẬP BIỂU). */
  preparer: optionalNameText.optional(),
  /** The head who signs it (THỦ TRƯỞNG ĐƠN VỊ); blank leaves a dotted line. */
  head: optionalNameText.optional(),
});
export type DocumentDetails = z.input<typeof documentDetailsSchema>;

/** A printed document as `POST /downloads` names it (`document` tells it from a report table). */
export const documentRequestSchema = z.discriminatedUnion("document", [
  z.object({ document: z.literal("form"), registrationId: z.uuid() }),
  z.object({ document: z.literal("forms"), campaignId: z.int().positive(), scope: z.int().positive().optional() }),
  z.object({ document: z.literal("scoring"), campaignId: z.int().positive() }),
]);
export type DocumentRequest = z.infer<typeof documentRequestSchema>;
