import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { buildScoringSheets, syncScores } from "../../addin/scoring/flows.ts";
import { SCORING_TABLES, scoringColumns, type ScoringSheetData } from "../../addin/scoring/sheet.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";

const campaign: Campaign = {
  id: 1, orgUnitId: 1, year: 2023, title: "Kế hoạch 2023", planRef: null, deadline: "2023-03-25",
  levels: [...DEFAULT_LEVELS], expectedKinds: [], registrationOpen: true, rubric: DEFAULT_RUBRIC, lastChange: null,
};
const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

/** A stand-in for the worker's scoring endpoints (the real ones are tested in workerd and the browser). */
function fakeServer(models: number) {
  const sheets = new Map<string, { criteria: Record<string, number>; comment: string | null; version: number }>();
  const data = (): ScoringSheetData => ({
    campaignId: 1,
    rubric: DEFAULT_RUBRIC,
    models: Array.from({ length: models }, (_, i) => ({
      registrationId: uuid(i),
      kind: i % 4 === 0 ? "individual" : "collective",
      field: ["economy", "culture_society", "defense_security", "political_system"][i % 4]!,
      level: "grassroots",
      modelName: `Mô hình ${i}`,
      unitName: `Chi hội ${i}`,
      personName: i % 4 === 0 ? `Nguyễn Văn ${i}` : null,
      position: i % 4 === 0 ? "Bí thư chi bộ" : null,
      address: "Thôn Trung Chính",
      expectedBenefit: 50_000_000,
      periodText: "Năm 2023",
      startDate: "2023-01-01",
      endDate: "2023-12-31",
      participants: 120,
      description: `Thuyết minh mô hình ${i}: mục đích, cách làm, kết quả.`,
      orgUnitName: "Thôn Trung Chính",
      reviewState: "registered",
      myScore: sheets.has(uuid(i)) ? { ...sheets.get(uuid(i))!, deleted: false } : null,
      summary: sheets.has(uuid(i))
        ? { judges: 2, mean: 80, median: 80, spread: 25, flagged: true, rating: "good" }
        : null,
    })),
  });
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.pathname.endsWith("/scoring")) return Response.json(data());
    if (url.pathname.endsWith("/attachments/links")) {
      // Model 1 has one file, model 2 two; the others none.
      const files = [
        { registrationId: uuid(1), name: "Xác nhận của xã.pdf" },
        { registrationId: uuid(2), name: "Biên bản họp thôn.pdf" },
        { registrationId: uuid(2), name: "Ảnh hiện trường.jpg" },
      ].filter((f) => (JSON.parse(String(init?.body)) as { registrationIds: string[] }).registrationIds.includes(f.registrationId));
      const links = files.map((f, i) => ({ id: `10000000-0000-4000-8000-00000000000${i}`, ...f, size: 200_000, contentType: "application/pdf", url: `http://127.0.0.1:1/api/v1/downloads/t/${i}`, expiresAt: "2026-12-08T00:00:00.000Z" }));
      return Response.json({ links, missing: [] }, { status: 201 });
    }
    const body = JSON.parse(String(init?.body));
    const scoreResults = body.scores.map((s: { registrationId: string; criteria: Record<string, number>; comment?: string }) => {
      const version = (sheets.get(s.registrationId)?.version ?? 0) + 1;
      sheets.set(s.registrationId, { criteria: s.criteria, comment: s.comment ?? null, version });
      return { registrationId: s.registrationId, outcome: version === 1 ? "created" : "updated", version };
    });
    return Response.json({ results: [], scoreResults, changes: [], cursor: "0", more: false });
  };
  return { api: createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch), sheets };
}

const excel = useStandInExcel();

const c = scoringColumns(DEFAULT_RUBRIC.collective);
const table = SCORING_TABLES.collective;
/** The sheet address of a scoring column's first data row (the table starts at A, its header on row 4). */
const at = (column: number, row = 5) => `${String.fromCharCode(65 + column)}${row}`;

describe("the judge's scoring sheet", () => {
  it("is built from the rubric: a column per criterion with its maximum, grouped by field, details locked", async () => {
    await buildScoringSheets(fakeServer(8).api, campaign);
    const headers = excel.workbook.tableHeaders(table.table);
    expect(c.criteria.map((i) => headers[i])).toEqual(DEFAULT_RUBRIC.collective.map((k) => `${k.label} (tối đa ${k.max})`));
    // What the judge needs to score, beside the criteria, read-only.
    expect([c.address, c.level, c.period, c.benefit, c.participants, c.description].map((i) => headers[i])).toEqual([
      "Địa chỉ", "Cấp đăng ký", "Thời gian thực hiện", "Giá trị dự kiến làm lợi (đồng)", "Số người tham gia", "Thuyết minh mô hình",
    ]);
    const first = excel.workbook.tableRows(table.table)[0]!;
    expect([first[c.address], first[c.level], first[c.period], first[c.benefit], first[c.participants]]).toEqual(["Thôn Trung Chính", "Cấp cơ sở", "Năm 2023", 50_000_000, 120]);
    expect(first[c.description]).toMatch(/^Thuyết minh mô hình \d+: mục đích, cách làm, kết quả\.$/);
    expect(excel.workbook.cell(table.sheet, at(c.description)).locked).toBe(true);
    expect(headers[c.total]).toBe("Tổng (tối đa 100)");
    const rows = excel.workbook.tableRows(table.table);
    expect(rows.map((r) => r[c.field])).toEqual(["Văn hóa - Xã hội", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị", "Xây dựng hệ thống chính trị"]);
    expect(excel.workbook.tableRows(SCORING_TABLES.individual.table)).toHaveLength(2);
    const sheet = excel.workbook.sheet(table.sheet);
    expect(sheet.protection.protected).toBe(true);
    expect(excel.workbook.cell(table.sheet, at(c.criteria[0]!)).locked).toBe(false);
    expect(excel.workbook.cell(table.sheet, at(c.model)).locked).toBe(true);
    expect(excel.workbook.validationAt(table.sheet, at(c.criteria[0]!))?.rule).toMatchObject({ type: "Custom" });
  });

  it("totals and rates with its own formulas, half points allowed, a zero failing", async () => {
    await buildScoringSheets(fakeServer(4).api, campaign);
    const rate = (points: number[]) => {
      excel.workbook.sheet(table.sheet).protection.protected = false;
      excel.workbook.setValues(table.sheet, at(c.criteria[0]!), [points]);
      return [excel.workbook.cell(table.sheet, at(c.total)).value, excel.workbook.cell(table.sheet, at(c.rating)).value];
    };
    expect(rate([20, 20, 20, 20, 10])).toEqual([90, "Xuất sắc"]);
    expect(rate([20, 20, 20, 10, 19.5])).toEqual([89.5, "Tốt"]);
    expect(rate([15, 15, 15, 15, 15])).toEqual([75, "Tốt"]);
    expect(rate([10, 10, 10, 10, 9.5])).toEqual([49.5, "Không đạt"]);
    expect(rate([0, 20, 20, 20, 20])).toEqual([80, "Không đạt"]);
    expect(excel.workbook.unsupportedFormulas).toEqual([]);
  });

  it.each([10, 2000])("builds in a constant number of Excel round trips for %i models", async (n) => {
    excel.counters.reset();
    await buildScoringSheets(fakeServer(n).api, campaign);
    // Three for each of the two kinds' sheets, two for the list of evidence files.
    expect(excel.counters.syncCount).toBe(8);
    expect(excel.counters.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
  });

  it("links each model's evidence: one file opens itself, several lead to the list of files", async () => {
    await buildScoringSheets(fakeServer(8).api, campaign);
    const rows = excel.workbook.tableRows(table.table);
    const row = (i: number) => rows.findIndex((r) => r[c.id] === uuid(i));
    const one = excel.workbook.cell(table.sheet, at(c.evidence, 5 + row(1)));
    expect(one.value).toBe("Xác nhận của xã.pdf");
    expect(one.hyperlink).toMatchObject({ address: "http://127.0.0.1:1/api/v1/downloads/t/0" });
    const two = excel.workbook.cell(table.sheet, at(c.evidence, 5 + row(2)));
    expect(two.value).toBe("2 tệp – xem danh sách");
    expect(two.hyperlink?.documentReference).toMatch(/^'Minh chứng chấm điểm'!A\d+$/);
    const target = Number(two.hyperlink!.documentReference!.split("!A")[1]);
    expect(excel.workbook.rangeValues("Minh chứng chấm điểm", `A${target}:B${target + 1}`)).toEqual([
      ["Mô hình 2", "Biên bản họp thôn.pdf"],
      ["Mô hình 2", "Ảnh hiện trường.jpg"],
    ]);
    expect(excel.workbook.cell("Minh chứng chấm điểm", `B${target + 1}`).hyperlink).toMatchObject({ address: "http://127.0.0.1:1/api/v1/downloads/t/2" });
    expect(excel.workbook.cell(table.sheet, at(c.evidence, 5 + row(3))).value).toBe("");
  });

  it("sends complete sheets only, and writes the council's figures beside the judge's own", async () => {
    const server = fakeServer(4);
    await buildScoringSheets(server.api, campaign);
    excel.workbook.sheet(table.sheet).protection.protected = false;
    excel.workbook.setValues(table.sheet, at(c.criteria[0]!), [[18, 17.5, 16, 19, 15]]);
    excel.workbook.setValues(table.sheet, at(c.criteria[0]!, 6), [[18, 17.5]]);
    const report = await syncScores(server.api, campaign);
    expect(report).toMatchObject({ sent: 1, accepted: 1, refused: 0 });
    const rows = excel.workbook.tableRows(table.table);
    expect(rows[0]![c.status]).toBe("Đã đồng bộ");
    expect([rows[0]![c.judges], rows[0]![c.mean], rows[0]![c.flagged], rows[0]![c.councilRating]]).toEqual([2, 80, "Cần xem lại", "Tốt"]);
    expect(rows[1]![c.status]).toBe("Chưa đủ điểm (2/5 tiêu chí), chưa gửi");
    expect((await syncScores(server.api, campaign)).sent).toBe(0);
    // A rebuild keeps points typed and not yet sent.
    await buildScoringSheets(server.api, campaign);
    expect(excel.workbook.tableRows(table.table)[1]!.slice(c.criteria[0]!, c.criteria[0]! + 2)).toEqual([18, 17.5]);
  });
});
