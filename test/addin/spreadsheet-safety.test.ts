import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { REGISTRATION_TABLES } from "../../addin/registrations/columns.ts";
import { layoutTables, syncRegistrations, type RegistrationContext } from "../../addin/registrations/flows.ts";
import { pullReports } from "../../addin/reports/flows.ts";
import { buildScoringSheets } from "../../addin/scoring/flows.ts";
import { SCORING_TABLES, scoringColumns } from "../../addin/scoring/sheet.ts";
import { REPORT_NAMES } from "../../shared/reports.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { FakeSyncServer } from "./fake-server.ts";
import { rowContext } from "./fixtures.ts";

// The add-in never writes a formula built from data: text from the server that Excel
// would run (=, +, -, @, tab first) lands as text. Only the rubric formulas it owns are formulas.

const HOSTILE = ["=HYPERLINK(\"http://evil\",\"bấm\")", "+SUM(1,2)", "-2+3", "@cmd", "\t=1+1"];
const campaign: Campaign = {
  id: 1, orgUnitId: 1, year: 2023, title: "Kế hoạch", planRef: null, deadline: "2023-03-25",
  levels: [...DEFAULT_LEVELS], expectedKinds: [], registrationOpen: true, rubric: DEFAULT_RUBRIC, lastChange: null,
};

const excel = useStandInExcel();

/** Every formula on a sheet, with its column index. */
function formulasIn(sheet: string): { col: number; formula: string }[] {
  const s = excel.workbook.sheet(sheet);
  const used = s.usedRect();
  const found: { col: number; formula: string }[] = [];
  if (!used) return found;
  for (let r = used.row; r < used.row + used.rows; r++) {
    for (let c = used.col; c < used.col + used.cols; c++) {
      const formula = s.formula(r, c);
      if (formula) found.push({ col: c, formula });
    }
  }
  return found;
}

describe("spreadsheet safety in the add-in", () => {
  it("writes pulled registrations with formula-looking names as text", async () => {
    const server = new FakeSyncServer();
    server.pending = HOSTILE.map((name, i) => ({
      id: `00000000-0000-4000-8000-00000000000${i}`, campaignId: 1, orgUnitId: 10, kind: "collective", unitName: name, address: null,
      personName: null, position: null, modelName: name, field: "economy", level: "grassroots", expectedBenefit: null,
      startDate: "2023-01-01", endDate: "2023-12-31", representative: name, submittedAt: "2023-03-20", version: 1, deleted: false,
      reviewState: "registered", updatedAt: "",
    })) as RegistrationRecord[];
    const ctx: RegistrationContext = { campaign, rows: rowContext() };
    await layoutTables(ctx);
    await syncRegistrations(createApi("http://127.0.0.1:1", "dvk_x", server.fetch), ctx);
    const spec = REGISTRATION_TABLES.collective;
    const col = spec.columns.findIndex((c) => c.key === "modelName");
    expect(excel.workbook.tableRows(spec.table).map((r) => r[col])).toEqual(HOSTILE);
    expect(formulasIn(spec.sheet)).toEqual([]);
  });

  it("writes report cells with formula-looking text as text", async () => {
    const report = {
      title: "=1+1", scope: { id: 1, name: "@scope", kind: "commune" }, generatedAt: "2026-11-30T00:00:00Z",
      columns: [{ key: "orgUnitName", label: "+Đơn vị" }, { key: "total", label: "Tổng", type: "integer" }],
      rows: HOSTILE.map((name, i) => ({ orgUnitName: name, total: i })), totals: { orgUnitName: "-Tổng", total: 10 }, notes: ["=note"],
    };
    const api = createApi("http://127.0.0.1:1", "dvk_x", (async () => Response.json(report)) as typeof fetch);
    await pullReports(api, { campaignId: 1, scope: 1, depth: 1 }, ["matrix"]);
    const sheet = REPORT_NAMES.matrix;
    // The document: issuer, title, the header, the rows (column B after STT), totals, notes.
    const values = excel.workbook.rangeValues(sheet, "A1:C40");
    expect(values.map((r) => r[1]).filter((v) => HOSTILE.includes(v as string))).toEqual(HOSTILE);
    for (const text of ["@SCOPE", "=1+1", "+Đơn vị", "-Tổng", "- =note"]) expect(values.flat(), text).toContain(text);
    expect(formulasIn(sheet)).toEqual([]);
  });
});

describe("the formulas the add-in owns", () => {
  it("are only the scoring sheet's total and rating, built from the rubric, even when names look like formulas", async () => {
    const data = {
      campaignId: 1,
      rubric: DEFAULT_RUBRIC,
      models: HOSTILE.map((name, i) => ({
        registrationId: `00000000-0000-4000-8000-00000000001${i}`, kind: "collective", field: "economy", level: "grassroots",
        modelName: name, unitName: name, personName: null, orgUnitName: name, reviewState: "registered", myScore: null, summary: null,
      })),
    };
    // Evidence files named like formulas too: the list and the links show them as text.
    const links = HOSTILE.map((name, i) => ({ id: `10000000-0000-4000-8000-00000000001${i}`, registrationId: data.models[0]!.registrationId, name, size: 1000, contentType: "application/pdf", url: `http://127.0.0.1:1/f/${i}`, expiresAt: "2026-12-08T00:00:00.000Z" }));
    const fetch = async (input: RequestInfo | URL) =>
      String(input instanceof Request ? input.url : input).endsWith("/attachments/links") ? Response.json({ links, missing: [] }, { status: 201 }) : Response.json(data);
    const api = createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch);
    await buildScoringSheets(api, campaign);
    expect(formulasIn("Minh chứng chấm điểm")).toEqual([]);
    expect(excel.workbook.tableRows("MinhChung_ChamDiem").map((r) => r[1])).toEqual(HOSTILE);
    const c = scoringColumns(DEFAULT_RUBRIC.collective);
    const formulas = formulasIn(SCORING_TABLES.collective.sheet);
    expect(formulas.length).toBe(HOSTILE.length * 2);
    expect(new Set(formulas.map((f) => f.col))).toEqual(new Set([c.total, c.rating]));
    expect(formulas.every((f) => !HOSTILE.some((h) => f.formula.includes(h.trim())))).toBe(true);
    expect(excel.workbook.tableRows(SCORING_TABLES.collective.table).map((r) => r[c.model]).sort()).toEqual([...HOSTILE].sort());
  });
});
