import type { Campaign } from "../../shared/schemas/campaign.ts";

/** Every report table's JSON (PRODUCT.md "API"): what the add-in writes into a sheet and the downloads render. */
export interface ReportColumn {
  key: string;
  label: string;
  /** How downloads and the sheet format the column. */
  type?: "text" | "integer" | "number" | "money" | "boolean";
}

export interface Report {
  title: string;
  scope: { id: number; name: string; kind: string };
  generatedAt: string;
  columns: ReportColumn[];
  rows: Record<string, string | number | boolean | null>[];
  totals?: Record<string, string | number | boolean | null>;
  /** What the table counts and leaves out (deleted, withdrawn), said plainly. */
  notes: string[];
}

export interface ReportInput {
  campaign: Campaign;
  scope: { id: number; name: string; kind: string; path: string; depth: number };
  /** Group by units this many levels below the scope (1: its children). */
  depth: number;
}

/** What every table starts with: its title, the scope it covers, the moment it was read. */
export function reportHeading(input: ReportInput, title: string): Pick<Report, "title" | "scope" | "generatedAt"> {
  return { title, scope: { id: input.scope.id, name: input.scope.name, kind: input.scope.kind }, generatedAt: new Date().toISOString() };
}
