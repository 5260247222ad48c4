import { describe, expect, it } from "vitest";
import { excelErrorMessage } from "../../addin/ui/excel-errors.ts";
import { installExcelGlobals, StandInWorkbook } from "../excel-standin/index.ts";

describe("Excel's refusals in Vietnamese", () => {
  it("turns a write into a protected sheet into a sentence that says what to do", async () => {
    const workbook = new StandInWorkbook();
    const { restore } = installExcelGlobals(workbook);
    try {
      workbook.sheet("Sheet1").protection.protected = true;
      const err = await Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [["x"]];
        await ctx.sync();
      }).catch((e: unknown) => e);
      expect(excelErrorMessage(err)).toMatch(/trang tính hoặc sổ tính đang bị khóa.*Bỏ bảo vệ trang tính/);
    } finally {
      restore();
    }
  });

  it("names the cell being edited, and falls back to plain advice for anything else; leaves other errors alone", () => {
    expect(excelErrorMessage({ name: "RichApi.Error", code: "InvalidOperationInCellEditMode", debugInfo: {} })).toMatch(/^Excel đang ở chế độ gõ vào một ô: hãy bấm Enter/);
    expect(excelErrorMessage({ name: "RichApi.Error", code: "GeneralException", debugInfo: {} })).toMatch(/^Excel báo lỗi khi làm việc với sổ tính/);
    expect(excelErrorMessage(new Error("Không kết nối được máy chủ."))).toBeNull();
    for (const text of [excelErrorMessage({ name: "RichApi.Error", code: "AccessDenied", debugInfo: {} })!]) expect(text).not.toMatch(/[A-Z][a-z]+[A-Z]/);
  });
});
