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
   * The moment the figures stand at (`YYYY-MM-DD`, the end of that day in Vietnam, or an
   * ISO date-time); null means `generatedAt`. Optional here only so that reports made
   * before it render; the worker always sends it, as it does `campaign` and `plan`.
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
