// The Excel stand-in's Worksheet.pageLayout (ExcelApi 1.9), Worksheet.names (1.4) and
// RangeFormat.useStandardHeight/useStandardWidth (1.7), as the report sheets use them.

import { afterEach, describe, expect, it } from "vitest";
import { installExcelGlobals } from "../excel-standin/office-api.ts";
import { defaultPageLayout } from "../excel-standin/model-types.ts";
import { StandInWorkbook } from "../excel-standin/workbook.ts";

let restore: () => void = () => {};
afterEach(() => restore());

function excelAt(apiVersion: string): StandInWorkbook {
  const workbook = new StandInWorkbook();
  restore = installExcelGlobals(workbook, { apiVersion }).restore;
  return workbook;
}

describe("Worksheet.pageLayout", () => {
  it("is missing below ExcelApi 1.9, as on Excel 2019", async () => {
    excelAt("1.8");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    await expect(Excel.run(async (context) => void context.workbook.worksheets.getItem("Sheet1").pageLayout)).rejects.toThrow(/Worksheet\.pageLayout needs ExcelApi 1\.9/);
  });

  it("sets and reads orientation, paper, fit to pages, margins, centring, footer, print area and title rows", async () => {
    const workbook = excelAt("1.9");
    expect(workbook.sheet("Sheet1").pageLayout).toEqual(defaultPageLayout());
    const read = await Excel.run(async (context) => {
      const layout = context.workbook.worksheets.getItem("Sheet1").pageLayout;
      layout.orientation = "Landscape";
      layout.paperSize = "A4";
      layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      layout.setPrintMargins("Inches", { left: 0.6, top: 0.5 });
      layout.rightMargin = 30;
      layout.centerHorizontally = true;
      layout.headersFooters.defaultForAllPages.centerFooter = "Trang &P/&N";
      layout.setPrintArea("$A$1:$E$24");
      layout.setPrintTitleRows("$8:$9");
      layout.load("orientation,paperSize,zoom,leftMargin,rightMargin,topMargin,bottomMargin,centerHorizontally");
      const footer = layout.headersFooters.defaultForAllPages.load("centerFooter");
      const area = layout.getPrintArea().load("address");
      const titles = layout.getPrintTitleRows().load("address");
      await context.sync();
      const { orientation, paperSize, zoom, leftMargin, rightMargin, topMargin, bottomMargin, centerHorizontally } = layout;
      return { orientation, paperSize, zoom, leftMargin, rightMargin, topMargin, bottomMargin, centerHorizontally, footer: footer.centerFooter, area: area.address, titles: titles.address };
    });
    expect(read).toEqual({
      orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      leftMargin: expect.closeTo(43.2, 6), rightMargin: 30, topMargin: 36, bottomMargin: 54, centerHorizontally: true,
      footer: "Trang &P/&N", area: "Sheet1!A1:E24", titles: "Sheet1!8:9",
    });
    expect(workbook.sheet("Sheet1").pageLayout).toMatchObject({ printArea: { row: 0, col: 0, rows: 24, cols: 5 }, printTitleRows: { first: 7, last: 8 } });
  });

  it("refuses what Excel refuses: title rows that are not whole rows, a scale out of 10..400, an unknown paper", async () => {
    excelAt("1.9");
    const attempt = (change: (layout: Excel.PageLayout) => void) =>
      Excel.run(async (context) => {
        change(context.workbook.worksheets.getItem("Sheet1").pageLayout);
        await context.sync();
      });
    await expect(attempt((l) => l.setPrintTitleRows("A8:C9"))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt((l) => (l.zoom = { scale: 5 }))).rejects.toMatchObject({ code: "InvalidArgument" });
    await expect(attempt((l) => (l.paperSize = "A9" as Excel.PaperType))).rejects.toMatchObject({ code: "InvalidArgument" });
    // No print area yet: getPrintArea fails, its OrNullObject form is null.
    await expect(attempt((l) => void l.getPrintArea().load("address"))).rejects.toMatchObject({ code: "ItemNotFound" });
    const none = await Excel.run(async (context) => {
      const area = context.workbook.worksheets.getItem("Sheet1").pageLayout.getPrintAreaOrNullObject().load("address");
      await context.sync();
      return area.isNullObject;
    });
    expect(none).toBe(true);
  });
});

describe("Worksheet.names", () => {
  it("holds names of that sheet only, hidden if asked, gone with the sheet", async () => {
    const workbook = excelAt("1.8");
    workbook.addSheet("Biểu");
    const seen = await Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem("Biểu");
      sheet.names.add("_DVK_BIEU", sheet.getRange("A1")).visible = false;
      context.workbook.worksheets.getItem("Sheet1").names.add("_DVK_BIEU", "=Sheet1!$A$1");
      const own = sheet.names.load("items/name,items/visible,items/scope");
      const book = context.workbook.names.load("items/name");
      await context.sync();
      return { own: own.items.map((n) => [n.name, n.visible, n.scope]), book: book.items.length };
    });
    expect(seen).toEqual({ own: [["_DVK_BIEU", false, "Worksheet"]], book: 0 });
    workbook.deleteSheet(workbook.sheet("Biểu"));
    expect(workbook.names.map((n) => n.scopeSheetId)).toEqual([workbook.sheet("Sheet1").id]);
  });
});

describe("RangeFormat.useStandardHeight and useStandardWidth", () => {
  it("give rows and columns back their standard size", async () => {
    const workbook = excelAt("1.8");
    const sheet = workbook.sheet("Sheet1");
    await Excel.run(async (context) => {
      const s = context.workbook.worksheets.getItem("Sheet1");
      s.getRange("3:4").format.rowHeight = 40;
      s.getRange("B:C").format.columnWidth = 90;
      await context.sync();
      s.getRange().format.useStandardHeight = true;
      s.getRange("B:B").format.useStandardWidth = true;
      await context.sync();
    });
    expect([sheet.rowHeights.size, [...sheet.columnWidths]]).toEqual([0, [[2, 90]]]);
  });
});
