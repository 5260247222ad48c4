// How the Excel stand-in reads what is typed or written, per the workbook's regional
// settings: a person's typing follows the locale (Vietnamese Windows: 25/3/2023 is a date,
// "1.500.000" a number, "1,5" one and a half); the API always reads en-US (office-js#1559).

import { describe, expect, it } from "vitest";
import { createExcelApi } from "../excel-standin/office-api.ts";
import { StandInWorkbook } from "../excel-standin/workbook.ts";

const MARCH_25_2023 = 45010;

describe("typed input in a vi-VN workbook", () => {
  it("reads d/m/yyyy dates, dots as thousands and the comma as decimal mark", () => {
    const wb = new StandInWorkbook({ locale: "vi-VN" });
    wb.setValues("Sheet1", "A1", [["25/3/2023"], ["1.500.000"], ["1,5"], ["12,5%"], ["3/25/2023"], ["1.5"], ["31/2/2023"], ["1/2/29"], ["1/2/30"], ["0912.345.678"]]);
    expect(wb.rangeValues("Sheet1", "A1:A10").map((r) => r[0])).toEqual([MARCH_25_2023, 1500000, 1.5, 0.125, "3/25/2023", "1.5", "31/2/2023", 47150, 10990, "0912.345.678"]);
    // The short date the API reports as m/d/yyyy shows as dd/mm/yyyy, numbers with vi-VN separators.
    expect(wb.cell("Sheet1", "A1")).toMatchObject({ numberFormat: "m/d/yyyy", text: "25/03/2023" });
    expect(wb.cell("Sheet1", "A3").text).toBe("1,5");
    wb.setValues("Sheet1", "B1", [[2500000.5]]);
    expect(wb.cell("Sheet1", "B1").text).toBe("2500000,5");
  });

  it("types one cell with typeCell, and a Text-formatted cell keeps what was typed", async () => {
    const wb = new StandInWorkbook({ locale: "vi-VN" });
    const Excel = createExcelApi(wb);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C:C").numberFormat = "@" as never;
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D1").numberFormat = [["#,##0"]];
    });
    wb.typeCell("Sheet1", "C1", "25/3/2023");
    wb.typeCell("Sheet1", "C2", "1.500.000");
    wb.typeCell("Sheet1", "D1", "1.500.000");
    expect(wb.rangeValues("Sheet1", "C1:D2")).toEqual([
      ["25/3/2023", 1500000],
      ["1.500.000", ""],
    ]);
    expect(wb.cell("Sheet1", "D1").text).toBe("1.500.000");
  });

  it("reads values written through the API as en-US, whatever the locale", async () => {
    const wb = new StandInWorkbook({ locale: "vi-VN" });
    const Excel = createExcelApi(wb);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A5").values = [["25/3/2023"], ["3/25/2023"], ["1,5"], ["1.5"], ["1,500,000"]];
    });
    expect(wb.rangeValues("Sheet1", "A1:A5").map((r) => r[0])).toEqual(["25/3/2023", MARCH_25_2023, "1,5", 1.5, 1500000]);
  });
});

describe("typed input in an en-US workbook (the default)", () => {
  it("reads m/d/yyyy dates, commas as thousands and the dot as decimal mark", () => {
    const wb = new StandInWorkbook();
    expect(wb.locale).toBe("en-US");
    wb.setValues("Sheet1", "A1", [["3/25/2023"], ["25/3/2023"], ["1,500,000"], ["1.5"], ["3-25-2023"], ["2023-03-25"], ["1,5"]]);
    expect(wb.rangeValues("Sheet1", "A1:A7").map((r) => r[0])).toEqual([MARCH_25_2023, "25/3/2023", 1500000, 1.5, MARCH_25_2023, MARCH_25_2023, "1,5"]);
    expect(wb.cell("Sheet1", "A1")).toMatchObject({ numberFormat: "m/d/yyyy", text: "3/25/2023" });
    expect(() => new StandInWorkbook({ locale: "fr-FR" as never })).toThrowError(/locale must be one of en-US, vi-VN/);
  });

  it("keeps typed text in a Text-formatted cell", async () => {
    const wb = new StandInWorkbook();
    await createExcelApi(wb).run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A2").numberFormat = [["@"], ["@"]];
    });
    wb.setValues("Sheet1", "A1", [["3/25/2023"], ["1,500,000"]]);
    expect(wb.rangeValues("Sheet1", "A1:A2")).toEqual([["3/25/2023"], ["1,500,000"]]);
  });
});
