import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { DETAILS_SHEET } from "../../addin/host/report-sheet.ts";
import { cleanDetails, defaultDetails, detailsFromRows, detailsToRows, remember } from "../../addin/reports/details.ts";
import { downloadLink, keepDetails, pullReports, rememberedDetails } from "../../addin/reports/flows.ts";
import { REPORT_NAMES } from "../../shared/reports.ts";
import type { Report } from "../../shared/schemas/report.ts";
import { useStandInExcel } from "./standin.ts";

// Who issues a document and who signs it: chosen in the pane, drawn into the sheet, sent
// with the downloads, and remembered in the workbook (per scope).

const excel = useStandInExcel();

const report: Report = {
  title: "Tổng hợp theo lĩnh vực và cấp",
  scope: { id: 7, name: "Xã Hà Giang", kind: "commune", parentName: "Huyện Hà Trung" },
  generatedAt: "2026-07-02T03:00:00.000Z",
  asOf: "2026-06-30",
  columns: [{ key: "field", label: "Lĩnh vực" }, { key: "grassroots", label: "Cấp cơ sở", type: "integer" }],
  rows: [{ field: "Kinh tế", grassroots: 3 }],
  notes: [],
};

/** A server that answers every request with `body` and keeps what was asked. */
function recordingApi(body: unknown) {
  const seen: { url: URL; method: string; json: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const text = await request.text();
    seen.push({ url: new URL(request.url), method: request.method, json: text ? JSON.parse(text) : null });
    return Response.json(body, { status: request.method === "POST" ? 201 : 200 });
  };
  return { api: createApi("http://127.0.0.1:1", "dvk_secret_token", fetch as typeof globalThis.fetch), seen };
}

describe("the document details", () => {
  it("default to the scope, its parent, its place name and the officer; only the officer's own choices are remembered", () => {
    const defaults = defaultDetails({ name: "Xã Hà Giang", parentName: "Huyện Hà Trung" }, "Vũ Thị Lan");
    expect(defaults).toEqual({ bodyAbove: "Huyện Hà Trung", issuer: "Xã Hà Giang", place: "Hà Giang", preparer: "Vũ Thị Lan", head: "" });
    const entered = cleanDetails({ bodyAbove: " Huyện  Hà Trung ", issuer: "UBND xã Hà Giang", place: "Hà Giang", preparer: "Vũ Thị Lan", head: "Lê Văn Bình\n" });
    expect(entered).toEqual({ bodyAbove: "Huyện Hà Trung", issuer: "UBND xã Hà Giang", place: "Hà Giang", preparer: "Vũ Thị Lan", head: "Lê Văn Bình" });
    const memory = remember(new Map([[9, { head: "Ai đó" }]]), 7, entered, defaults);
    expect([...memory]).toEqual([[9, { head: "Ai đó" }], [7, { issuer: "UBND xã Hà Giang", head: "Lê Văn Bình" }]]);
    // Back to the defaults: the scope is forgotten.
    expect([...remember(memory, 7, cleanDetails({ issuer: "Xã Hà Giang" }), defaults)]).toEqual([[9, { head: "Ai đó" }]]);
    expect(cleanDetails({ head: "x".repeat(400) }).head).toHaveLength(300);
  });

  it("are kept in a very hidden sheet of the workbook, as text, and read back", async () => {
    const memory = new Map([[7, { issuer: "=UBND xã Hà Giang", head: "Lê Văn Bình" }], [12, { place: "00917" }]]);
    await keepDetails(memory);
    const sheet = excel.workbook.sheet(DETAILS_SHEET);
    expect(sheet.visibility).toBe("VeryHidden");
    expect(excel.workbook.rangeValues(DETAILS_SHEET, "A1:C3")).toEqual(detailsToRows(memory));
    expect(excel.workbook.cell(DETAILS_SHEET, "B1").formula).toBeNull();
    expect([...(await rememberedDetails())]).toEqual([...memory]);
    // Fewer choices later: nothing of the old rows stays.
    await keepDetails(new Map([[7, { head: "Nguyễn Văn An" }]]));
    expect([...(await rememberedDetails())]).toEqual([[7, { head: "Nguyễn Văn An" }]]);
  });

  it("read nothing from a workbook without them, and skip rows that are not theirs", async () => {
    expect([...(await rememberedDetails())]).toEqual([]);
    expect([...detailsFromRows([["7", "head", "A"], ["x", "head", "B"], ["8", "token", "C"], ["9", "place", " "]])]).toEqual([[7, { head: "A" }]]);
  });

  it("shape the sheet the pane draws; the figures' day goes in the query, the details do not", async () => {
    const { api, seen } = recordingApi(report);
    await pullReports(api, { campaignId: 1, scope: 7, depth: 1, asOf: "2026-06-30" }, ["matrix"], { issuer: "UBND xã Hà Giang", head: "Lê Văn Bình" }, "Vũ Thị Lan");
    expect(seen).toHaveLength(1);
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ scope: "7", depth: "1", format: "json", asOf: "2026-06-30" });
    const sheet = REPORT_NAMES.matrix;
    // Place, date and names are lines of the closing block's one cell per side (shared/kept-together.ts).
    const values = excel.workbook.rangeValues(sheet, "A1:D30").flat().flatMap((v) => String(v).split("\n"));
    for (const text of ["HUYỆN HÀ TRUNG", "UBND XÃ HÀ GIANG", "Số liệu tính đến ngày 30/06/2026", "Hà Giang, ngày 02 tháng 7 năm 2026", "Vũ Thị Lan", "Lê Văn Bình"]) {
      expect(values, text).toContain(text);
    }
  });

  it("go with the downloads, with the day of the figures", async () => {
    const { api, seen } = recordingApi({ url: "http://127.0.0.1:1/api/v1/downloads/t", expiresAt: "2026-07-02T03:10:00.000Z" });
    const url = await downloadLink(api, { campaignId: 1, scope: 7, depth: 2, asOf: "2026-12-31" }, "units", "xlsx", { place: "Hà Trung", head: "Lê Văn Bình" });
    expect(url).toBe("http://127.0.0.1:1/api/v1/downloads/t");
    expect(seen.map((s) => [s.method, s.url.pathname, s.json])).toEqual([
      ["POST", "/api/v1/downloads", { campaignId: 1, scope: 7, depth: 2, asOf: "2026-12-31", table: "units", format: "xlsx", place: "Hà Trung", head: "Lê Văn Bình" }],
    ]);
  });
});
