import { call, type Api } from "../api/client.ts";
import { readDetailsSheet, writeDetailsSheet, writeReportDocument } from "../host/report-sheet.ts";
import { detailsFromRows, detailsToRows, type DetailsMemory } from "./details.ts";
import { reportSheet } from "./layout.ts";
import { resolveDocumentDetails } from "../../shared/report-document.ts";
import type { ReportTable } from "../../shared/reports.ts";
import { documentRequestSchema, reportSchema, type DocumentDetails } from "../../shared/schemas/report.ts";
import type * as z from "zod";

export interface ReportChoice {
  campaignId: number;
  scope: number;
  depth: number;
  /** The day the figures stand at (YYYY-MM-DD); absent: now. */
  asOf?: string;
}

export interface PulledReports {
  tables: number;
  /** Whether Excel took the page setup; if not, the officer sets it when printing. */
  printSetup: boolean;
}

/**
 * "Lấy báo cáo": each chosen table into its own sheet, as the official document with the
 * details chosen (blank ones take their defaults, the preparer being `officerName`);
 * other sheets are left alone.
 */
export async function pullReports(
  api: Api,
  choice: ReportChoice,
  tables: readonly ReportTable[],
  details: DocumentDetails = {},
  officerName?: string,
): Promise<PulledReports> {
  let printSetup = true;
  for (const table of tables) {
    const query = { scope: String(choice.scope), depth: String(choice.depth), format: "json", ...(choice.asOf ? { asOf: choice.asOf } : {}) };
    const report = reportSchema.parse(await call(api.api.v1.campaigns[":id"].reports[":table"].$get({ param: { id: String(choice.campaignId), table }, query })));
    const layout = reportSheet(table, report, resolveDocumentDetails(report, details, officerName));
    const written = await writeReportDocument(layout.sheet, layout.doc, layout.charts);
    printSetup &&= written.printSetup;
  }
  return { tables: tables.length, printSetup };
}

/**
 * A short-lived link to the table as XLSX (the document, ready to print, with the details
 * chosen) or CSV, opened outside the pane (no token in it).
 */
export async function downloadLink(api: Api, choice: ReportChoice, table: ReportTable, format: "csv" | "xlsx", details: DocumentDetails = {}): Promise<string> {
  const request = { ...choice, table, format, ...details };
  const { url } = await call(api.api.v1.downloads.$post({ json: request }));
  return url;
}

/** A printed document (PRODUCT.md "Reports"): one model's form, the forms of a scope, a judge's own scoring sheet. */
export type PrintedDocumentRequest = z.input<typeof documentRequestSchema>;

/** A short-lived link to a printed document as XLSX, opened outside the pane (no token in it). */
export async function documentLink(api: Api, request: PrintedDocumentRequest): Promise<string> {
  const { url } = await call(api.api.v1.downloads.$post({ json: request }));
  return url;
}

/** The document details this workbook remembers, by scope. */
export async function rememberedDetails(): Promise<DetailsMemory> {
  return detailsFromRows(await readDetailsSheet());
}

export async function keepDetails(memory: DetailsMemory): Promise<void> {
  await writeDetailsSheet(detailsToRows(memory));
}
