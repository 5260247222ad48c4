import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { buildReviewSheet, sendReview } from "../../addin/review/flows.ts";
import { REVIEW_TABLE } from "../../addin/review/sheet.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { CAMPAIGN_2023 } from "./fixtures.ts";

// The approver records commendations in the review table: the form, who grants it, the
// decision number and date, sent in bulk with the move — or later, when the decision comes.

const excel = useStandInExcel();
const me: Me = { officer: { id: 1, name: "Phê duyệt" }, roles: ["approver"], scope: { id: 3, name: "Xã Hà Giang", kind: "commune" }, unit: { id: 3, name: "Xã Hà Giang", kind: "commune" } };
const campaign: Campaign = CAMPAIGN_2023;
const id = (i: number) => `00000000-0000-4000-8000-00000000000${i}`;

function server() {
  const moves: Record<string, unknown>[] = [];
  const rows = [
    { registrationId: id(1), kind: "collective", field: "economy", orgUnitName: "Thôn A", name: null, modelName: "Mô hình A", judges: 2, mean: 92, rating: "excellent", flagged: false, reviewState: "exemplary", nextStates: ["proposed", "commended"], award: null },
    { registrationId: id(2), kind: "collective", field: "economy", orgUnitName: "Thôn B", name: null, modelName: "Mô hình B", judges: 2, mean: 91, rating: "excellent", flagged: false, reviewState: "exemplary", nextStates: ["proposed", "commended"], award: null },
    { registrationId: id(3), kind: "individual", field: "economy", orgUnitName: "Thôn C", name: "Nguyễn Văn C", modelName: "Mô hình C", judges: 2, mean: 95, rating: "excellent", flagged: false, reviewState: "commended", nextStates: [], award: { form: "giay_khen", issuer: "Chủ tịch UBND xã Hà Giang", decisionNo: null, decisionDate: null } },
  ];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input instanceof Request ? input.url : input));
    if (url.pathname.endsWith("/review-sheet")) return Response.json(rows);
    const body = JSON.parse(String(init!.body)) as { ids: string[]; to: string; award?: unknown };
    moves.push(body);
    return Response.json({ results: body.ids.map((i) => ({ id: i, outcome: "updated", reviewState: body.to, award: body.award ?? null })) });
  };
  return { api: createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch), moves };
}

const cellOf = (header: string, row: number) => `${String.fromCharCode(65 + excel.workbook.tableHeaders(REVIEW_TABLE).indexOf(header))}${5 + row}`;
const rowOf = (model: string) => excel.workbook.tableRecords(REVIEW_TABLE).findIndex((r) => r["Tên mô hình"] === model);

describe("awards in the approver's table", () => {
  it("shows each model's award, sends the same award with a bulk move, and amends an award when its decision arrives", async () => {
    const s = server();
    await buildReviewSheet(s.api, me, campaign);
    expect(excel.workbook.tableRecords(REVIEW_TABLE).find((r) => r["Tên mô hình"] === "Mô hình C")).toMatchObject({ "Hình thức khen thưởng": "Giấy khen", "Cấp khen / người ký": "Chủ tịch UBND xã Hà Giang", "Số quyết định": "" });
    for (const model of ["Mô hình A", "Mô hình B"]) {
      const row = rowOf(model);
      excel.workbook.typeCell("Xét duyệt", cellOf("Chuyển sang", row), "Đề nghị khen thưởng");
      excel.workbook.typeCell("Xét duyệt", cellOf("Hình thức khen thưởng", row), "Bằng khen");
      excel.workbook.typeCell("Xét duyệt", cellOf("Cấp khen / người ký", row), "Chủ tịch UBND tỉnh");
    }
    const c = rowOf("Mô hình C");
    excel.workbook.typeCell("Xét duyệt", cellOf("Số quyết định", c), "125/QĐ-UBND");
    excel.workbook.typeCell("Xét duyệt", cellOf("Ngày quyết định", c), "15/12/2023");
    const result = await sendReview(s.api, me, campaign);
    expect(result.refused).toBe(0);
    expect(s.moves).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ ids: [id(1), id(2)], to: "proposed", award: { form: "bang_khen", issuer: "Chủ tịch UBND tỉnh", decisionNo: null, decisionDate: null } }),
        expect.objectContaining({ ids: [id(3)], to: "commended", award: { form: "giay_khen", issuer: "Chủ tịch UBND xã Hà Giang", decisionNo: "125/QĐ-UBND", decisionDate: "2023-12-15" } }),
      ]),
    );
    expect(s.moves).toHaveLength(2);
  });

  it("refuses, on its row, an award for a move that cannot carry one, and an unreadable form", async () => {
    const s = server();
    await buildReviewSheet(s.api, me, campaign);
    const a = rowOf("Mô hình A");
    excel.workbook.typeCell("Xét duyệt", cellOf("Hình thức khen thưởng", a), "Huân chương");
    excel.workbook.typeCell("Xét duyệt", cellOf("Chuyển sang", a), "Đã khen thưởng");
    excel.workbook.typeCell("Xét duyệt", cellOf("Cấp khen / người ký", a), "Chủ tịch UBND xã");
    const b = rowOf("Mô hình B");
    excel.workbook.typeCell("Xét duyệt", cellOf("Hình thức khen thưởng", b), "Giấy khen");
    excel.workbook.typeCell("Xét duyệt", cellOf("Cấp khen / người ký", b), "Chủ tịch UBND xã");
    const result = await sendReview(s.api, me, campaign);
    expect(result.refused).toBe(2);
    expect(s.moves).toEqual([]);
    const records = excel.workbook.tableRecords(REVIEW_TABLE);
    expect(records.find((r) => r["Tên mô hình"] === "Mô hình A")!["Kết quả"]).toMatch(/^Lỗi – Hình thức khen thưởng: không hiểu “Huân chương”/);
    expect(records.find((r) => r["Tên mô hình"] === "Mô hình B")!["Kết quả"]).toMatch(/chỉ ghi khen thưởng khi chuyển sang/);
  });
});
