import { describe, expect, it } from "vitest";
import { inRequests, ORG_UNIT_SHEET, orgUnitSheet, parseOrgUnitKind, unitsFromRows, unitStatus } from "../../addin/admin/org-unit-sheet.ts";
import { RUBRIC_SHEET, rubricFromRows, rubricSheet } from "../../addin/admin/rubric-sheet.ts";
import { layoutTableSheet } from "../../addin/host/tables.ts";
import { readOwnedRows } from "../../addin/host/table-rows.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { useStandInExcel } from "./standin.ts";
import { UNITS } from "./fixtures.ts";

const excel = useStandInExcel();

describe("the area's list as a sheet", () => {
  it("lays out the subtree with parent codes and reads it back as units to send", async () => {
    const layout = orgUnitSheet(UNITS, "Xã Hà Giang");
    await layoutTableSheet(layout);
    const rows = (await readOwnedRows(ORG_UNIT_SHEET))!.rows;
    expect(rows[1]).toEqual(["", "HG-TC", "Thôn Trung Chính", "Thôn", "HG"]);
    expect(unitsFromRows(rows)[1]!.unit).toEqual({ code: "HG-TC", name: "Thôn Trung Chính", kind: "village", parentCode: "HG" });
  });

  it("reads kinds by label in any spelling or by code, and keeps a new kind typed as a code", () => {
    expect(["Thôn", "thon", "village", "Tổ dân phố", "to dan pho", "Đoàn thể", "lang_nghe", "Làng nghề"].map(parseOrgUnitKind)).toEqual([
      "village",
      "village",
      "village",
      "residential_group",
      "residential_group",
      "mass_organization",
      "lang_nghe",
      null,
    ]);
    // A list laid out when kinds shared a label still reads.
    expect(["Thôn/Tổ dân phố", "Xã/Phường/Thị trấn", "xa/phuong/thi tran", "Phường", "Đặc khu"].map(parseOrgUnitKind)).toEqual(["village", "commune", "commune", "ward", "special_zone"]);
  });

  it("orders requests parents first across requests, whatever the order in the sheet", () => {
    const rows = [
      ["", "V2", "Thôn 2", "village", "X"],
      ["", "X", "Xã", "commune", "H"],
      ["", "V1", "Thôn 1", "village", "X"],
      ["", "H", "Huyện", "district", "T"],
      ["", "", "", "", ""],
    ];
    const requests = inRequests(unitsFromRows(rows), 2).map((r) => r.map((u) => u.unit.code));
    expect(requests).toEqual([["H", "X"], ["V2", "V1"]]);
  });

  it("writes each row's answer in words", () => {
    expect(unitStatus({ outcome: "created" })).toBe("Đã tạo");
    expect(unitStatus({ outcome: "invalid", errors: [{ message: "Không có đơn vị cấp trên mã “X”." }] })).toBe("Lỗi – Không có đơn vị cấp trên mã “X”.");
  });
});

describe("the rubric as a sheet", () => {
  it("round-trips the default rubric through the table", async () => {
    await layoutTableSheet(rubricSheet(DEFAULT_RUBRIC, "Kế hoạch 2023"));
    expect(rubricFromRows((await readOwnedRows(RUBRIC_SHEET))!.rows)).toEqual(DEFAULT_RUBRIC);
  });

  it("laying the sheet out again takes the new figures and leaves other sheets alone", async () => {
    excel.workbook.setValues("Sheet1", "A1", [["ghi chú của cán bộ"]]);
    await layoutTableSheet(rubricSheet(DEFAULT_RUBRIC, "Kế hoạch 2023"));
    await layoutTableSheet(rubricSheet({ ...DEFAULT_RUBRIC, flagSpread: 0.3 }, "Kế hoạch 2023"));
    expect(excel.workbook.rangeValues("Sheet1", "A1:A1")).toEqual([["ghi chú của cán bộ"]]);
    expect(rubricFromRows((await readOwnedRows(RUBRIC_SHEET))!.rows).flagSpread).toBe(0.3);
  });
});
