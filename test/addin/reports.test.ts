import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { pullReports } from "../../addin/reports/flows.ts";
import { REPORT_NAMES } from "../../shared/reports.ts";
import type { Report } from "../../worker/reports/types.ts";
import { FIELDS, REVIEW_STATES } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";

/** A units table as the worker shapes it (the worker's own tests check the figures). */
function unitsReport(n: number, stamp = 1): Report {
  const row = (i: number) => {
    const r: Record<string, string | number | null> = { orgUnitId: i + 1, orgUnitName: `Xã ${i}`, total: i + stamp, collective: i, individual: stamp, expectedBenefit: 1_000_000 * i, onTime: i, late: stamp };
    FIELDS.forEach((f, k) => (r[f] = k === 0 ? i + stamp : 0));
    for (const l of ["province", "district", "grassroots"]) r[l] = l === "grassroots" ? i + stamp : 0;
    REVIEW_STATES.forEach((s) => (r[s] = s === "registered" ? i + stamp : 0));
    return r;
  };
  const rows = Array.from({ length: n }, (_, i) => row(i));
  const totals: Record<string, string | number | null> = { orgUnitId: null, orgUnitName: "Tổng cộng" };
  for (const k of Object.keys(rows[0] ?? {})) if (k !== "orgUnitId" && k !== "orgUnitName") totals[k] = rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    title: "Tổng hợp đăng ký mô hình theo đơn vị",
    scope: { id: 2, name: "Huyện Hà Trung", kind: "district" },
    generatedAt: "2026-11-30T02:00:00.000Z",
    columns: [
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "total", label: "Tổng số mô hình", type: "integer" },
      ...FIELDS.map((f) => ({ key: f, label: f, type: "integer" as const })),
      { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
    ],
    rows,
    totals,
    notes: ["Không tính đăng ký đã xóa."],
  };
}

function api(report: () => Report) {
  const fetch = async () => Response.json(report());
  return createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch);
}

const excel = useStandInExcel();

const sheet = REPORT_NAMES.units;
const choice = { campaignId: 1, scope: 2, depth: 1 };

describe("a report in its own sheet", () => {
  it("has the title, scope and time, headers, VND format, a bold totals row, a frozen header and two charts", async () => {
    await pullReports(api(() => unitsReport(3)), choice, ["units"]);
    expect(excel.workbook.rangeValues(sheet, "A1:A2").flat()).toEqual(["Tổng hợp đăng ký mô hình theo đơn vị", expect.stringMatching(/^Phạm vi: Huyện Hà Trung · Trích xuất lúc /)]);
    expect(excel.workbook.tableHeaders("Bieu_units").slice(0, 2)).toEqual(["Đơn vị", "Tổng số mô hình"]);
    expect(excel.workbook.tableRows("Bieu_units").map((r) => r.slice(0, 2))).toEqual([["Xã 0", 1], ["Xã 1", 2], ["Xã 2", 3]]);
    expect(excel.workbook.cell(sheet, "G5").numberFormat).toBe("#,##0");
    expect(excel.workbook.rangeValues(sheet, "A8:B8")).toEqual([["Tổng cộng", 6]]);
    expect(excel.workbook.cell(sheet, "A8").bold).toBe(true);
    expect(excel.workbook.sheet(sheet).frozenRows).toBe(4);
    expect(excel.workbook.charts(sheet).map((c) => [c.type, c.title.text])).toEqual([
      ["ColumnStacked", "Số mô hình theo lĩnh vực của từng đơn vị"],
      ["BarClustered", "Phễu xét duyệt: số mô hình ở từng trạng thái"],
    ]);
  });

  it("a refresh replaces only that sheet's content and keeps the officer's other sheets", async () => {
    excel.workbook.setValues("Sheet1", "A1", [["ghi chú riêng"]]);
    await pullReports(api(() => unitsReport(5, 1)), choice, ["units"]);
    await pullReports(api(() => unitsReport(2, 10)), choice, ["units"]);
    expect(excel.workbook.tableRows("Bieu_units").map((r) => r[1])).toEqual([10, 11]);
    expect(excel.workbook.rangeValues(sheet, "A7:B7")).toEqual([["Tổng cộng", 21]]);
    expect(excel.workbook.rangeValues(sheet, "A9:A9")).toEqual([["Không tính đăng ký đã xóa."]]);
    expect(excel.workbook.charts(sheet)).toHaveLength(2);
    expect(excel.workbook.rangeValues("Sheet1", "A1:A1")).toEqual([["ghi chú riêng"]]);
  });

  it.each([10, 2000])("takes the same number of Excel round trips for %i rows", async (n) => {
    await pullReports(api(() => unitsReport(3)), choice, ["units"]);
    excel.counters.reset();
    await pullReports(api(() => unitsReport(n)), choice, ["units"]);
    expect(excel.counters.syncCount).toBe(3);
    expect(excel.counters.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
