// Tests of the Excel stand-in (test/excel-standin): the in-memory workbook that stands in
// for Microsoft Excel, and its Office.js-shaped API with Excel's load/sync discipline.

import { describe, expect, it } from "vitest";
import { createCounters, createExcelApi, createOfficeGlobal, installExcelGlobals, StandInExcelError, type StandInCounters } from "../excel-standin/office-api.ts";
import { StandInWorkbook } from "../excel-standin/workbook.ts";

function setup(options: Parameters<typeof createExcelApi>[2] = {}, sheets?: string[]) {
  const wb = new StandInWorkbook(sheets ? { sheets } : {});
  const counters = createCounters();
  const Excel = createExcelApi(wb, counters, options);
  return { wb, counters, Excel };
}

/** Runs a batch and returns the rejection (fails the test if it resolves). */
async function rejection(p: Promise<unknown>): Promise<StandInExcelError> {
  try {
    await p;
  } catch (e) {
    return e as StandInExcelError;
  }
  throw new Error("expected a rejection");
}

describe("load/sync discipline", () => {
  it("throws PropertyNotLoaded when reading before load + sync", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
      expect(() => range.values).toThrowError(/^PropertyNotLoaded:/);
      range.load("values");
      // Loaded but not yet synced: still unavailable.
      expect(() => range.values).toThrowError(/^PropertyNotLoaded:/);
      await ctx.sync();
      expect(range.values).toEqual([
        ["", ""],
        ["", ""],
      ]);
      // Only what was loaded is readable.
      let error: unknown;
      try {
        void range.address;
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ name: "RichApi.Error", code: "PropertyNotLoaded" });
    });
  });

  it("queues writes until sync and applies them in order", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.values = [[1]];
      range.values = [[2]];
      range.format.fill.color = "yellow";
      expect(wb.cell("Sheet1", "A1").value).toBe("");
      const pending = ctx.sync();
      // Not even applied synchronously inside sync(): Office.js answers asynchronously.
      expect(wb.cell("Sheet1", "A1").value).toBe("");
      await expect(pending).resolves.toBeUndefined();
      expect(wb.cell("Sheet1", "A1")).toMatchObject({ value: 2, fillColor: "#FFFF00" });
    });
  });

  it("flushes pending writes when the Excel.run batch resolves", async () => {
    const { wb, Excel, counters } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("C3").values = [["cuối"]];
    });
    expect(wb.cell("Sheet1", "C3").value).toBe("cuối");
    expect(counters).toMatchObject({ runCount: 1, syncCount: 1 });
  });

  it("loaded values are a snapshot taken at the sync", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["trước"]]);
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1");
      range.load("values");
      range.values = [["sau"]];
      range.load("text");
      await ctx.sync();
      expect(range.values).toEqual([["trước"]]);
      expect(range.text).toEqual([["sau"]]);
      wb.setValues("Sheet1", "A1", [["người dùng"]]);
      expect(range.values).toEqual([["trước"]]);
    });
  });

  it("accepts the load forms Office.js accepts", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [[1, 2]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const a = sheet.getRange("A1:B1").load("values, address");
      const b = sheet.getRange("A1").load(["rowIndex", "columnCount"]);
      const c = sheet.getRange("B1").load({ select: "rowCount", expand: "format/fill" });
      const d = sheet.getRange("A1").load("format/font/bold, format/fill/color");
      const e = sheet.getRange("A1").load({ format: { columnWidth: true, font: { italic: true } } } as never);
      const f = sheet.getRange("A1:B1").load();
      await ctx.sync();
      expect(a.address).toBe("Sheet1!A1:B1");
      expect(b.rowIndex).toBe(0);
      expect(b.columnCount).toBe(1);
      expect(c.rowCount).toBe(1);
      expect(c.format.fill.color).toBe("#FFFFFF");
      expect(d.format.font.bold).toBe(false);
      expect(d.format.fill.color).toBe("#FFFFFF");
      expect(e.format.columnWidth).toBe(48);
      expect(e.format.font.italic).toBe(false);
      expect(f.values).toEqual([[1, 2]]);
      expect(f.numberFormat).toEqual([["General", "General"]]);
      expect(() => f.format.fill.color).toThrowError(/^PropertyNotLoaded:/);
      expect(f.toJSON()).toMatchObject({ values: [[1, 2]], address: "Sheet1!A1:B1" });
    });
  });

  it("rejects the sync with ItemNotFound when a missing sheet, table or column is used", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên"], ["An"]]);
    await Excel.run(async (ctx) => {
      // Like Office.js, an unused getItem sends nothing and does not fail.
      ctx.workbook.worksheets.getItem("Không có");
      await ctx.sync();

      ctx.workbook.worksheets.getItem("Không có").load("name");
      const err = await rejection(ctx.sync());
      expect(err).toBeInstanceOf(StandInExcelError);
      expect(err.name).toBe("RichApi.Error");
      expect(err.code).toBe("ItemNotFound");
      expect(err.code).toBe(Excel.ErrorCodes.itemNotFound);

      ctx.workbook.tables.getItem("KhongCo").getRange().load("address");
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");

      ctx.workbook.worksheets.getActiveWorksheet().tables.add("A1:A2", true);
      await ctx.sync();
      ctx.workbook.tables.getItem("Table1").columns.getItem("Tuổi").getDataBodyRange().load("values");
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
    });
  });

  it("gives null objects from getItemOrNullObject", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Không có");
      const present = ctx.workbook.worksheets.getItemOrNullObject("Sheet1");
      const table = ctx.workbook.tables.getItemOrNullObject("T");
      missing.load("name");
      present.load("name");
      table.load("isNullObject");
      expect(() => missing.isNullObject).toThrowError(/^PropertyNotLoaded:/);
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(() => missing.name).toThrowError(/null object/);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Sheet1");
      expect(table.isNullObject).toBe(true);
      // Changing a null object fails the sync.
      missing.name = "X";
      expect((await rejection(ctx.sync())).code).toBe("ItemNotFound");
    });
  });

  it("rejects duplicate names: sheets with ItemAlreadyExists, tables with InvalidArgument", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add("sheet1");
      expect((await rejection(ctx.sync())).code).toBe("ItemAlreadyExists");
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.tables.add("A1:B3", true).name = "DanhSach";
      sheet.tables.add("D1:E3", true).name = "DanhSach";
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    expect(wb.tables.map((t) => t.name)).toEqual(["DanhSach", "Table2"]);
  });

  it("rejects a 2-D array of the wrong size with InvalidArgument; earlier writes stay applied, loads do not arrive", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1").values = [["ok"]];
      const loaded = sheet.getRange("A1").load("values");
      sheet.getRange("A2:B2").values = [[1, 2, 3]];
      sheet.getRange("A3").values = [["never"]];
      const err = await rejection(ctx.sync());
      expect(err.code).toBe("InvalidArgument");
      expect(err.debugInfo.errorLocation).toBe("Range.values");
      expect(() => loaded.values).toThrowError(/^PropertyNotLoaded:/);
      sheet.getRange("A4:A5").values = [[1]];
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    expect(wb.rangeValues("Sheet1", "A1:A3")).toEqual([["ok"], [""], [""]]);
  });

  it("applies a single value to every cell, and null elements leave cells unchanged", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["giữ", "giữ"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A2:B3").values = 7 as never;
      sheet.getRange("C1:C2").formulas = "=1+1" as never;
      sheet.getRange("D1:D2").numberFormat = "0.00" as never;
      sheet.getRange("A1:B1").values = [[null, "mới"]] as never;
    });
    expect(wb.rangeValues("Sheet1", "A1:C3")).toEqual([
      ["giữ", "mới", 2],
      [7, 7, 2],
      [7, 7, ""],
    ]);
    expect(wb.cell("Sheet1", "D2").numberFormat).toBe("0.00");
  });

  it("throws 'not implemented' for members the stand-in does not have", async () => {
    // ExcelApi 1.9, so that getSpecialCells (1.9) exists and only lacks an implementation.
    const { Excel } = setup({ apiVersion: "1.9" });
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1") as unknown as Record<string, unknown>;
      expect(() => range["getSpecialCells"]).toThrowError("Excel stand-in: Range.getSpecialCells is not implemented");
      expect(() => (range["formulasLocal"] = [["=1"]])).toThrowError("Excel stand-in: Range.formulasLocal (assignment) is not implemented");
      expect(() => (ctx.workbook.worksheets.getActiveWorksheet() as unknown as { load(s: string): void }).load("pivotTables")).toThrowError(/not implemented/);
      expect(() => (Excel as unknown as Record<string, unknown>)["PivotLayoutType"]).toThrowError("Excel stand-in: Excel.PivotLayoutType is not implemented");
      expect(() => (ctx.workbook.worksheets as unknown as Record<string, unknown>)["onChanged"]).toThrowError(/WorksheetCollection.onChanged is not implemented/);
      expect(() => (ctx.workbook.getSelectedRange().conditionalFormats as unknown as { add(t: string): void }).add("DataBar")).toThrowError(/not implemented/);
      // Read-only properties cannot be assigned.
      expect(() => ((range as { address: string }).address = "B2")).toThrowError(TypeError);
      // Promise resolution, JSON.stringify and test-runner probes are not "calls".
      expect(range["then"]).toBeUndefined();
      expect(JSON.stringify(Excel.ChartSeriesBy)).toBe('{"auto":"Auto","columns":"Columns","rows":"Rows"}');
    });
    expect(() => (Excel.run as unknown as (a: unknown, b: unknown) => void)({}, async () => {})).toThrowError(/not implemented/);
  });

  it("refuses objects used after their Excel.run and batches that do not return a promise", async () => {
    const { Excel } = setup();
    let leaked: Excel.Range | undefined;
    await Excel.run(async (ctx) => {
      leaked = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1");
    });
    expect(() => (leaked!.values = [[1]])).toThrowError(/after its Excel.run batch finished/);
    const err = await rejection(Excel.run((() => 42) as never));
    expect(err.code).toBe("RunMustReturnPromise");
  });

  it("gives ClientResult values only after sync", async () => {
    const { Excel } = setup(undefined, ["A", "B", "C"]);
    await Excel.run(async (ctx) => {
      const count = ctx.workbook.worksheets.getCount();
      expect(() => count.value).toThrowError(/ValueNotLoaded/);
      await ctx.sync();
      expect(count.value).toBe(3);
    });
  });

  it("supports new Excel.RequestContext() with sync()", async () => {
    const { wb, Excel } = setup();
    const ctx = new Excel.RequestContext();
    ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [["x"]];
    await ctx.sync();
    expect(wb.cell("Sheet1", "A1").value).toBe("x");
  });
});

describe("values", () => {
  it("stores what is written the way Excel converts it", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B1:B2").numberFormat = [["@"], ["@"]];
      sheet.getRange("A1:A7").values = [["0912345678"], ["'0123"], ["=SUM(5,6)"], ["true"], ["2024-05-01"], ["12%"], ["Đạt"]];
      sheet.getRange("B1:B2").values = [["0912345678"], ["=1+1"]];
      const r = sheet.getRange("A1:A7").load("values, formulas, valueTypes, text, numberFormat");
      await ctx.sync();
      expect(r.values).toEqual([[912345678], ["0123"], [11], [true], [45413], [0.12], ["Đạt"]]);
      expect(r.formulas[2]).toEqual(["=SUM(5,6)"]);
      expect(r.valueTypes.map((x) => x[0])).toEqual(["Double", "String", "Double", "Boolean", "Double", "Double", "String"]);
      // A date gets the short-date format, which the API reports as m/d/yyyy (office-js#229).
      expect(r.text.map((x) => x[0])).toEqual(["912345678", "0123", "11", "TRUE", "5/1/2024", "12%", "Đạt"]);
      expect(r.numberFormat[4]).toEqual(["m/d/yyyy"]);
    });
    // A cell formatted as text keeps leading zeros and does not evaluate "=".
    expect(wb.rangeValues("Sheet1", "B1:B2")).toEqual([["0912345678"], ["=1+1"]]);
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("C1").values = [[new Date()]] as never;
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("formats whole columns without materialising them", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("C:C").numberFormat = "@" as never;
      sheet.getRange("C:C").format.protection.locked = false;
      sheet.getRange("C5").values = [["0088"]];
      const col = sheet.getRange("C:C").load("address, rowCount, isEntireColumn");
      const fmt = sheet.getRange("C:C").format.protection.load("locked");
      await ctx.sync();
      expect(col.address).toBe("Sheet1!C:C");
      expect(col.rowCount).toBe(1_048_576);
      expect(col.isEntireColumn).toBe(true);
      expect(fmt.locked).toBe(false);
    });
    expect(wb.cell("Sheet1", "C5").value).toBe("0088");
    expect(wb.cell("Sheet1", "C900000").numberFormat).toBe("@");
    expect(wb.sheet("Sheet1").cells.size).toBe(1);
  });

  it("navigates ranges like Office.js", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "B2", [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const base = sheet.getRange("B2:D3");
      const ranges = {
        cell: base.getCell(1, 2),
        row: base.getRow(1),
        column: base.getColumn(0),
        resized: base.getResizedRange(1, -1),
        offset: base.getOffsetRange(2, 1),
        entireColumn: base.getEntireColumn(),
        entireRow: base.getEntireRow(),
        lastRow: base.getLastRow(),
        lastCell: base.getLastCell(),
        below: base.getRowsBelow(2),
        byIndexes: sheet.getRangeByIndexes(1, 1, 2, 3),
        used: sheet.getUsedRange(),
        qualified: sheet.getRange("Sheet1!A1"),
        rows: sheet.getRange("2:3"),
      };
      for (const r of Object.values(ranges)) r.load("address");
      const values = ranges.cell.load("values, rowIndex, columnIndex");
      await ctx.sync();
      expect(Object.fromEntries(Object.entries(ranges).map(([k, r]) => [k, r.address]))).toEqual({
        cell: "Sheet1!D3",
        row: "Sheet1!B3:D3",
        column: "Sheet1!B2:B3",
        resized: "Sheet1!B2:C4",
        offset: "Sheet1!C4:E5",
        entireColumn: "Sheet1!B:D",
        entireRow: "Sheet1!2:3",
        lastRow: "Sheet1!B3:D3",
        lastCell: "Sheet1!D3",
        below: "Sheet1!B4:D5",
        byIndexes: "Sheet1!B2:D3",
        used: "Sheet1!B2:D3",
        qualified: "Sheet1!A1",
        rows: "Sheet1!2:3",
      });
      expect(values.values).toEqual([[6]]);
      expect([values.rowIndex, values.columnIndex]).toEqual([2, 3]);
      base.getRow(5).load("address");
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      sheet.getRange("Other!A1").load("address");
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
  });

  it("reports an empty sheet's used range as A1, or as a null object", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const used = sheet.getUsedRange().load("address");
      const orNull = sheet.getUsedRangeOrNullObject(true).load("address");
      await ctx.sync();
      expect(used.address).toBe("Sheet1!A1");
      expect(orNull.isNullObject).toBe(true);
    });
  });

  it("inserts and deletes cells, moving formulas' references like Excel", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [[1], [2], [3], ["=SUM(A1:A3)"], ["=A3*10"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A2").insert(Excel.InsertShiftDirection.down).values = [[10]];
    });
    expect(wb.rangeFormulas("Sheet1", "A5:A6")).toEqual([["=SUM(A1:A4)"], ["=A4*10"]]);
    expect(wb.rangeValues("Sheet1", "A1:A6")).toEqual([[1], [10], [2], [3], [16], [30]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("4:4").delete(Excel.DeleteShiftDirection.up);
    });
    expect(wb.rangeFormulas("Sheet1", "A4:A5")).toEqual([["=SUM(A1:A3)"], ["=#REF!*10"]]);
    expect(wb.rangeValues("Sheet1", "A4:A5")).toEqual([[13], ["#REF!"]]);
  });

  it("clears contents, formats or both", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["a", "b", "c"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:C1").format.font.bold = true;
      sheet.getRange("A1").clear(Excel.ClearApplyTo.contents);
      sheet.getRange("B1").clear(Excel.ClearApplyTo.formats);
      sheet.getRange("C1").clear();
    });
    expect(["A1", "B1", "C1"].map((a) => [wb.cell("Sheet1", a).value, wb.cell("Sheet1", a).bold])).toEqual([
      ["", true],
      ["b", false],
      ["", false],
    ]);
  });
});

describe("formatting, sheets and protection", () => {
  it("round-trips fill, font, alignment, wrap, widths, hidden rows and columns", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Họ và tên đầy đủ của cán bộ", "x"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const a1 = sheet.getRange("A1");
      a1.format.fill.color = "#c6efce";
      a1.format.font.set({ bold: true, italic: true, color: "#9C0006", size: 12 });
      a1.format.wrapText = true;
      a1.format.horizontalAlignment = Excel.HorizontalAlignment.center;
      sheet.getRange("B:B").format.columnWidth = 120;
      sheet.getRange("C:C").columnHidden = true;
      sheet.getRange("3:3").rowHidden = true;
      sheet.getRange("D:D").format.autofitColumns();
      sheet.getRange("A:A").format.autofitColumns();
      const fmt = a1.format.load("wrapText, horizontalAlignment, columnWidth");
      const fill = a1.format.fill.load("color");
      const font = a1.format.font.load();
      const mixed = sheet.getRange("A1:B1").format.font.load("bold");
      const hidden = sheet.getRange("C1").load("columnHidden");
      await ctx.sync();
      expect(fill.color).toBe("#C6EFCE");
      expect(font.toJSON()).toMatchObject({ bold: true, italic: true, color: "#9C0006", size: 12, name: "Aptos Narrow" });
      expect(fmt.wrapText).toBe(true);
      expect(fmt.horizontalAlignment).toBe("Center");
      expect(mixed.bold).toBeNull();
      expect(hidden.columnHidden).toBe(true);
      a1.format.fill.clear();
      a1.format.fill.load("color");
      await ctx.sync();
      expect(fill.color).toBe("#FFFFFF");
      a1.format.fill.color = "not a colour";
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    const sheet = wb.sheet("Sheet1");
    expect(sheet.columnWidth(1)).toBe(120);
    expect(sheet.hiddenColumns.has(2)).toBe(true);
    expect(sheet.hiddenRows.has(2)).toBe(true);
    // Wrapped text does not widen the column; empty columns keep the default width.
    expect(sheet.columnWidth(0)).toBe(48);
    expect(sheet.columnWidth(3)).toBe(48);
  });

  it("sets borders per edge", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
      for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"]) {
        const border = range.format.borders.getItem(edge as Excel.BorderIndex);
        border.style = Excel.BorderLineStyle.continuous;
        border.color = "#000000";
      }
      const bottom = range.format.borders.getItem("EdgeBottom").load("style, weight");
      await ctx.sync();
      expect(bottom.style).toBe("Continuous");
      expect(bottom.weight).toBe("Thin");
    });
    expect(wb.cell("Sheet1", "A1")).toMatchObject({ borderTop: { style: "Continuous" }, borderBottom: { style: "Continuous" }, borderRight: { style: "Continuous" } });
    expect(wb.cell("Sheet1", "B2")).toMatchObject({ borderBottom: { style: "Continuous" }, borderRight: { style: "Continuous" }, borderTop: null });
  });

  it("manages sheets: add, rename, position, visibility, tab colour, activate, delete", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const data = sheets.add("Dữ liệu");
      const lists = sheets.add("Danh mục");
      data.position = 0;
      data.tabColor = "#217346";
      lists.visibility = Excel.SheetVisibility.veryHidden;
      data.activate();
      ctx.workbook.worksheets.getItem("Sheet1").name = "Hướng dẫn";
      sheets.load("items/name, items/position, items/visibility");
      const active = sheets.getActiveWorksheet().load("name");
      const first = sheets.getFirst(true).load("name");
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.position, s.visibility])).toEqual([
        ["Dữ liệu", 0, "Visible"],
        ["Hướng dẫn", 1, "Visible"],
        ["Danh mục", 2, "VeryHidden"],
      ]);
      expect(active.name).toBe("Dữ liệu");
      expect(first.name).toBe("Dữ liệu");
      sheets.getItem("Hướng dẫn").delete();
      await ctx.sync();
      // The last visible sheet cannot be hidden or deleted.
      sheets.getItem("Dữ liệu").visibility = "Hidden";
      expect((await rejection(ctx.sync())).code).toBe("InvalidOperation");
      sheets.add("Bad/Name");
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    expect(wb.sheets.map((s) => s.name)).toEqual(["Dữ liệu", "Danh mục"]);
    expect(wb.sheet("Dữ liệu").tabColor).toBe("#217346");
  });

  it("freezes panes", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.freezePanes.freezeRows(2);
      await ctx.sync();
      expect([wb.sheet("Sheet1").frozenRows, wb.sheet("Sheet1").frozenColumns]).toEqual([2, 0]);
      sheet.freezePanes.freezeAt(sheet.getRange("A1:B1"));
      const loc = sheet.freezePanes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(loc.address).toBe("Sheet1!A1:B1");
      sheet.freezePanes.unfreeze();
      const none = sheet.freezePanes.getLocationOrNullObject().load("address");
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
    });
  });

  it("protects sheets and honours per-cell locked flags", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("B2:B10").format.protection.locked = false;
      sheet.protection.protect({ allowFormatCells: false });
      const state = sheet.protection.load("protected, options");
      await ctx.sync();
      expect(state.protected).toBe(true);
      expect(state.options.allowInsertRows).toBe(false);
      sheet.getRange("B3").values = [["được phép"]];
      await ctx.sync();
      sheet.getRange("A1").values = [["bị khoá"]];
      expect((await rejection(ctx.sync())).code).toBe("AccessDenied");
      sheet.protection.protect();
      expect((await rejection(ctx.sync())).code).toBe("InvalidOperation");
    });
    expect(wb.cell("Sheet1", "B3").value).toBe("được phép");
    expect(wb.cell("Sheet1", "B3").locked).toBe(false);
    expect(wb.cell("Sheet1", "A1").locked).toBe(true);
    // The officer cannot type into locked cells either.
    expect(() => wb.setValues("Sheet1", "A1", [["x"]])).toThrowError(/protected/);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().protection.unprotect();
    });
    wb.setValues("Sheet1", "A1", [["x"]]);
    expect(wb.sheet("Sheet1").protection.protected).toBe(false);
  });
});

describe("data validation", () => {
  it("round-trips list, whole number and decimal rules with prompt and error alert", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "H1", [["Đạt"], ["Không đạt"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const list = sheet.getRange("A2:A100").dataValidation;
      list.rule = { list: { inCellDropDown: true, source: "Xuất sắc,Tốt,Khá,Trung bình" } };
      list.prompt = { showPrompt: true, title: "Xếp loại", message: "Chọn một mức trong danh sách" };
      list.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.stop, title: "Sai", message: "Chỉ chọn trong danh sách" };
      const score = sheet.getRange("B2:B100").dataValidation;
      score.rule = { wholeNumber: { operator: Excel.DataValidationOperator.between, formula1: 0, formula2: 100 } };
      sheet.getRange("C2:C100").dataValidation.rule = { decimal: { operator: "GreaterThanOrEqualTo", formula1: "0.5" } };
      sheet.getRange("D2:D100").dataValidation.rule = { list: { inCellDropDown: true, source: sheet.getRange("H1:H2") } };
      list.load("rule, prompt, errorAlert, type, ignoreBlanks");
      score.load("rule, type");
      const mixed = sheet.getRange("A2:B2").dataValidation.load("type, rule");
      const none = sheet.getRange("Z1").dataValidation.load("type, rule");
      const ranged = sheet.getRange("D5").dataValidation.load("rule");
      await ctx.sync();
      expect(list.rule).toEqual({ list: { inCellDropDown: true, source: "Xuất sắc,Tốt,Khá,Trung bình" } });
      expect(list.prompt).toEqual({ showPrompt: true, title: "Xếp loại", message: "Chọn một mức trong danh sách" });
      expect(list.errorAlert).toMatchObject({ style: "Stop", title: "Sai" });
      expect(list.type).toBe("List");
      expect(list.ignoreBlanks).toBe(true);
      expect(score.rule).toEqual({ wholeNumber: { operator: "Between", formula1: "=0", formula2: "=100" } });
      expect(score.type).toBe("WholeNumber");
      expect(mixed.type).toBe("Inconsistent");
      expect(mixed.rule).toBeNull();
      expect(none.type).toBe("None");
      expect(ranged.rule).toEqual({ list: { inCellDropDown: true, source: "=$H$1:$H$2" } });
    });
    expect(wb.validationAt("Sheet1", "A50")?.rule).toMatchObject({ type: "List" });
    expect(wb.validationAt("Sheet1", "A101")).toBeNull();
  });

  it("lets the officer paste invalid data and reports it, as Excel's Circle Invalid Data", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:A10").dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
      sheet.getRange("B1:B10").dataValidation.rule = { wholeNumber: { operator: "Between", formula1: 1, formula2: 10 } };
      sheet.getRange("C1:C10").dataValidation.rule = { custom: { formula: "=LEN(C1)<=5" } };
    });
    wb.setValues("Sheet1", "A1", [
      ["Có", 5, "ngắn"],
      ["Có thể", 11, "quá dài rồi"],
      ["", 2.5, ""],
    ]);
    expect(wb.validationErrors("Sheet1").map((p) => p.address)).toEqual(["A2", "B2", "B3", "C2"]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const ok = sheet.getRange("A1:C1").dataValidation.load("valid");
      const bad = sheet.getRange("A1:A3").dataValidation.load("valid");
      await ctx.sync();
      expect(ok.valid).toBe(true);
      expect(bad.valid).toBe(false);
      sheet.getRange("A1:A10").dataValidation.clear();
      const cleared = sheet.getRange("A1:A3").dataValidation.load("valid, type");
      await ctx.sync();
      expect(cleared.type).toBe("None");
      expect(cleared.valid).toBe(true);
    });
  });

  it("enforces Excel's limits on list sources and messages", async () => {
    const { Excel } = setup();
    await Excel.run(async (ctx) => {
      const dv = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").dataValidation;
      dv.rule = { list: { inCellDropDown: true, source: Array.from({ length: 40 }, (_, i) => `Đơn vị số ${i}`).join(",") } };
      expect((await rejection(ctx.sync())).message).toMatch(/255 characters/);
      dv.prompt = { showPrompt: true, title: "Tiêu đề dài hơn ba mươi hai ký tự rất nhiều", message: "" };
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      expect(() => (dv.rule = { date: undefined, wholeNumber: undefined, foo: {} } as never)).toThrowError(/not implemented/);
    });
  });
});

describe("conditional formats", () => {
  it("adds custom and cell-value rules and evaluates them per cell", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên", "Điểm"], ["An", 45], ["Bình", 80], ["Chi", 0]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const low = sheet.getRange("A2:B4").conditionalFormats.add(Excel.ConditionalFormatType.custom);
      low.custom.rule.formula = "=$B2<50";
      low.custom.format.fill.color = "#FFC7CE";
      low.custom.format.font.color = "#9C0006";
      const zero = sheet.getRange("B2:B4").conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      zero.cellValue.rule = { formula1: "=0", operator: "EqualTo" };
      zero.cellValue.format.font.bold = true;
      const cfs = sheet.getRange("B3").conditionalFormats;
      cfs.load("items/type, items/priority");
      const count = sheet.getRange("A1:B4").conditionalFormats.getCount();
      const rule = low.custom.rule.load("formula");
      await ctx.sync();
      expect(cfs.items.map((c) => [c.type, c.priority])).toEqual([
        ["Custom", 0],
        ["CellValue", 1],
      ]);
      expect(count.value).toBe(2);
      expect(rule.formula).toBe("=$B2<50");
      zero.custom.rule.load("formula");
      expect((await rejection(ctx.sync())).code).toBe("InvalidOperation");
    });
    expect(wb.conditionalFormatAt("Sheet1", "A2")).toEqual({ fillColor: "#FFC7CE", fontColor: "#9C0006", bold: null, italic: null });
    expect(wb.conditionalFormatAt("Sheet1", "A3")).toBeNull();
    expect(wb.conditionalFormatAt("Sheet1", "B4")).toEqual({ fillColor: "#FFC7CE", fontColor: "#9C0006", bold: true, italic: null });
    expect(wb.cell("Sheet1", "B2").conditional?.fillColor).toBe("#FFC7CE");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:B4").conditionalFormats.clearAll();
    });
    expect(wb.conditionalFormats("Sheet1")).toEqual([]);
  });
});

describe("tables", () => {
  it("creates a table, adds rows in one call and reads column bodies", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Họ tên", "Đơn vị", "Điểm"]]);
    wb.setValues("Sheet1", "A6", [["bên dưới"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const table = sheet.tables.add("A1:C1", true);
      table.name = "CanBo";
      table.style = "TableStyleMedium9";
      const emptyBody = table.getDataBodyRange().load("address, values");
      const emptyCount = table.rows.getCount();
      await ctx.sync();
      // An empty table still shows one empty row under the header.
      expect(emptyBody.address).toBe("Sheet1!A2:C2");
      expect(emptyBody.values).toEqual([["", "", ""]]);
      expect(emptyCount.value).toBe(0);

      table.rows.add(undefined, [
        ["Nguyễn Văn An", "Xã A", 85],
        ["Trần Thị Bình", "Xã B", 92],
        ["Lê Văn Chi", "Xã A", 78],
      ]);
      table.rows.add(0, [["Phạm Dũng", "Xã C", 60]]);
      const body = table.getDataBodyRange().load("address");
      const scores = table.columns.getItem("Điểm").getDataBodyRange().load("values");
      const columns = table.columns.load("items/name, items/index");
      table.rows.load("count");
      const header = table.getHeaderRowRange().load("values");
      table.load("name, style, showTotals, showHeaders");
      await ctx.sync();
      expect(body.address).toBe("Sheet1!A2:C5");
      expect(scores.values).toEqual([[60], [85], [92], [78]]);
      expect(columns.items.map((c) => c.name)).toEqual(["Họ tên", "Đơn vị", "Điểm"]);
      expect(table.rows.count).toBe(4);
      expect(header.values).toEqual([["Họ tên", "Đơn vị", "Điểm"]]);
      expect(table.toJSON()).toMatchObject({ name: "CanBo", style: "TableStyleMedium9", showTotals: false, showHeaders: true });
    });
    expect(wb.tableRows("CanBo")).toEqual([
      ["Phạm Dũng", "Xã C", 60],
      ["Nguyễn Văn An", "Xã A", 85],
      ["Trần Thị Bình", "Xã B", 92],
      ["Lê Văn Chi", "Xã A", 78],
    ]);
    expect(wb.tableRecords("CanBo")[0]).toEqual({ "Họ tên": "Phạm Dũng", "Đơn vị": "Xã C", "Điểm": 60 });
    // Cells below the table moved down as rows were inserted.
    expect(wb.cell("Sheet1", "A9").value).toBe("bên dưới");
  });

  it("shows a total row computed over the body and keeps it under added rows", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên", "Điểm"], ["An", 5], ["Bình", 7]]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.add("Sheet1!A1:B3", true);
      table.showTotals = true;
      table.rows.add(-1, [["Chi", 9]]);
      const total = table.getTotalRowRange().load("values, address");
      await ctx.sync();
      expect(total.address).toBe("Sheet1!A5:B5");
      expect(total.values).toEqual([["Total", 21]]);
    });
    expect(wb.table("Table1").showTotals).toBe(true);
  });

  it("extends column validation and formats to added rows", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.getRange("A1:B1").values = [["Tên", "Xếp loại"]];
      const table = sheet.tables.add("A1:B1", true);
      table.rows.add(undefined, [["An", "Tốt"]]);
      const col = table.columns.getItem("Xếp loại").getDataBodyRange();
      col.dataValidation.rule = { list: { inCellDropDown: true, source: "Tốt,Khá" } };
      col.format.fill.color = "#FFF2CC";
      await ctx.sync();
      table.rows.add(undefined, [
        ["Bình", "Khá"],
        ["Chi", "Kém"],
      ]);
    });
    expect(wb.validationAt("Sheet1", "B4")?.rule).toMatchObject({ type: "List", source: "Tốt,Khá" });
    expect(wb.cell("Sheet1", "B4").fillColor).toBe("#FFF2CC");
    expect(wb.validationErrors("Sheet1").map((p) => p.address)).toEqual(["B4"]);
  });

  it("adds columns, renames headers, deletes rows, resizes and deletes tables", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên", "Điểm"], ["An", 5], ["Bình", 7], ["Chi", 9]]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.add("A1:B4", true);
      table.columns.add(undefined, [["Ghi chú"], ["a"], ["b"], ["c"]]);
      table.columns.add(1, null as never, "Đơn vị");
      table.columns.getItem("Điểm").name = "Điểm số";
      table.rows.getItemAt(1).delete();
      table.rows.load("count");
      const row0 = table.rows.getItemAt(0).load("values, index");
      const missing = table.columns.getItemOrNullObject("Không có").load("name");
      await ctx.sync();
      expect(table.rows.count).toBe(2);
      expect(row0.values).toEqual([["An", "", 5, "a"]]);
      expect(missing.isNullObject).toBe(true);
      table.rows.add(undefined, [["thiếu cột"]]);
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    expect(wb.tableHeaders("Table1")).toEqual(["Tên", "Đơn vị", "Điểm số", "Ghi chú"]);
    expect(wb.tableRows("Table1")).toEqual([
      ["An", "", 5, "a"],
      ["Chi", "", 9, "c"],
    ]);
    // Typing a header renames the column; an emptied header gets the lowest unused ColumnN.
    wb.setValues("Sheet1", "D1", [[""]]);
    expect(wb.tableHeaders("Table1")[3]).toBe("Column1");
    // Table.resize is ExcelApi 1.13.
    const Excel113 = createExcelApi(wb, createCounters(), { apiVersion: "1.13" });
    await Excel113.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("Table1");
      table.resize("A1:B3");
      await ctx.sync();
      expect(wb.table("Table1").address()).toBe("Sheet1!A1:B3");
      table.delete();
    });
    expect(wb.tables).toEqual([]);
    expect(wb.rangeValues("Sheet1", "A1:B3")).toEqual([
      ["", ""],
      ["", ""],
      ["", ""],
    ]);
  });

  it("treats deleting whole body rows through a range as deleting table rows", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên", "Điểm"], ["An", 5], ["Bình", 7]]);
    wb.setValues("Sheet1", "A5", [["dưới bảng"]]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.add("A1:B3", true);
      table.getDataBodyRange().getRow(1).delete(Excel.DeleteShiftDirection.up);
      table.getDataBodyRange().getRow(0).delete(Excel.DeleteShiftDirection.up);
      const body = table.getDataBodyRange().load("address, values");
      const count = table.rows.getCount();
      await ctx.sync();
      // The last row leaves Excel's empty insert row behind.
      expect(body.address).toBe("Sheet1!A2:B2");
      expect(body.values).toEqual([["", ""]]);
      expect(count.value).toBe(0);
    });
    expect(wb.cell("Sheet1", "A4").value).toBe("dưới bảng");
  });

  it("creates headers when hasHeaders is false, shifting the data down", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["An", 5], ["Bình", 7]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.add("A1:B2", false);
    });
    expect(wb.rangeValues("Sheet1", "A1:B3")).toEqual([
      ["Column1", "Column2"],
      ["An", 5],
      ["Bình", 7],
    ]);
    expect(wb.tableRows("Table1")).toHaveLength(2);
  });

  it("grows when the officer types under it, not when the add-in writes there", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Tên"], ["An"]]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.add("A1:A2", true);
      table.getDataBodyRange().format.font.italic = true;
      table.getDataBodyRange().conditionalFormats.add(Excel.ConditionalFormatType.containsText).textComparison.rule = { operator: "Contains", text: "tay" };
      await ctx.sync();
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A3").values = [["API"]];
    });
    expect(wb.tableRows("Table1")).toEqual([["An"]]);
    wb.setValues("Sheet1", "A4", [["Gõ tay"]]);
    expect(wb.tableRows("Table1")).toEqual([["An"]]);
    // Typing directly under the last row grows the table by that row only.
    wb.setValues("Sheet1", "A3", [["Gõ tay"]]);
    expect(wb.tableRows("Table1")).toEqual([["An"], ["Gõ tay"]]);
    // The new row takes the column's formatting and rules.
    expect(wb.cell("Sheet1", "A3").italic).toBe(true);
    expect(wb.conditionalFormats("Sheet1")[0]!.address).toBe("A2:A3");
  });

  it("lists tables and refuses overlapping ones", async () => {
    const { wb, Excel } = setup();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      sheet.tables.add("A1:B3", true);
      sheet.tables.add("D1:E3", true);
      ctx.workbook.tables.load("items/name, count");
      await ctx.sync();
      expect(ctx.workbook.tables.items.map((t) => t.name)).toEqual(["Table1", "Table2"]);
      expect(ctx.workbook.tables.count).toBe(2);
      sheet.tables.add("B2:C4", true);
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      // Inserting cells that would split a table is refused too.
      sheet.getRange("A2:A3").insert("Down");
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
    });
    expect(wb.tables).toHaveLength(2);
  });
});

describe("charts", () => {
  it("adds a chart with title, position and legend, and derives its series", async () => {
    const { wb, Excel } = setup();
    wb.setValues("Sheet1", "A1", [["Đơn vị", "Đạt", "Không đạt"], ["Xã A", 10, 2], ["Xã B", 8, 4]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const chart = sheet.charts.add(Excel.ChartType.columnClustered, sheet.getRange("A1:C3"), Excel.ChartSeriesBy.columns);
      chart.title.text = "Kết quả thi đua";
      chart.setPosition("E2", "L18");
      chart.legend.position = Excel.ChartLegendPosition.bottom;
      chart.name = "KetQua";
      chart.axes.valueAxis.title.text = "Số cán bộ";
      const series = chart.series.load("items/name, count");
      sheet.charts.load("items/name, items/chartType");
      chart.load("top, left, width, height");
      await ctx.sync();
      expect(sheet.charts.items.map((c) => [c.name, c.chartType])).toEqual([["KetQua", "ColumnClustered"]]);
      expect(series.items.map((s) => s.name)).toEqual(["Đạt", "Không đạt"]);
      expect([chart.left, chart.top, chart.width, chart.height]).toEqual([192, 15, 384, 255]);
      sheet.charts.add("NoSuchType" as Excel.ChartType, sheet.getRange("A1:C3"));
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
    });
    const chart = wb.chart("KetQua");
    expect(chart).toMatchObject({ type: "ColumnClustered", title: { text: "Kết quả thi đua", visible: true }, seriesBy: "Columns", position: { startCell: "E2", endCell: "L18" }, legend: { position: "Bottom" } });
    expect(wb.chartSeries(chart)[0]).toEqual({ name: "Đạt", categories: ["Xã A", "Xã B"], values: [10, 8] });
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().charts.getItem("KetQua").delete();
    });
    expect(wb.charts()).toEqual([]);
  });
});

describe("counting syncs and request size", () => {
  async function writeRows(Excel: ReturnType<typeof createExcelApi>, rows: number, chunk: number) {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const table = sheet.tables.add("A1:C1", true);
      for (let start = 0; start < rows; start += chunk) {
        const values = Array.from({ length: Math.min(chunk, rows - start) }, (_, i) => [`Cán bộ số ${start + i}`, "Ủy ban nhân dân xã", start + i]);
        table.rows.add(undefined, values);
        await ctx.sync();
      }
    });
  }

  it("counts syncs and runs; sync count depends on batching, not on rows", async () => {
    const small = setup();
    const large = setup();
    await writeRows(small.Excel, 10, 5000);
    await writeRows(large.Excel, 5000, 5000);
    expect(small.counters.syncCount).toBe(large.counters.syncCount);
    expect(large.counters).toMatchObject({ runCount: 1, syncCount: 1 });
    expect(large.counters.maxPayloadBytes).toBeGreaterThan(100 * small.counters.maxPayloadBytes);
    expect(large.wb.tableRows("Table1")).toHaveLength(5000);
    large.counters.reset();
    expect(large.counters).toMatchObject({ syncCount: 0, runCount: 0, payloadBytes: [], maxPayloadBytes: 0 });
  });

  it("rejects requests over 5 MB like Excel on the web, applying nothing", async () => {
    const { wb, Excel, counters } = setup();
    const big = Array.from({ length: 60_000 }, (_, i) => [`Họ và tên cán bộ số ${i}`, "Ủy ban nhân dân xã Đông Hòa", i, "Ghi chú dài"]);
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange(`A1:D${big.length}`).values = big;
        await ctx.sync();
      }),
    );
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    expect(counters.maxPayloadBytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(wb.cell("Sheet1", "A1").value).toBe("");
    // Chunked writes stay under the limit.
    counters.reset();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      for (let start = 0; start < big.length; start += 20_000) {
        sheet.getRange(`A${start + 1}:D${start + 20_000}`).values = big.slice(start, start + 20_000);
        await ctx.sync();
      }
    });
    expect(counters.syncCount).toBe(3);
    expect(counters.maxPayloadBytes).toBeLessThan(5 * 1024 * 1024);
    expect(wb.cell("Sheet1", "C60000").value).toBe(59_999);
  });

  it("has a configurable request limit and a response limit", async () => {
    const { wb, Excel } = setup({ strictPayloadLimit: 1000, strictResponseLimit: 2000 });
    const err = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:A100").values = Array.from({ length: 100 }, () => ["quá nhiều"]);
      }),
    );
    expect(err.code).toBe("RequestPayloadSizeLimitExceeded");
    for (let i = 0; i < 10; i++) wb.setValues("Sheet1", `A${i * 100 + 1}`, Array.from({ length: 100 }, () => ["dữ liệu"]));
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:A1000").load("values");
      expect((await rejection(ctx.sync())).code).toBe("ResponsePayloadSizeLimitExceeded");
      expect(() => r.values).toThrowError(/PropertyNotLoaded/);
    });
    const off = setup({ strictPayloadLimit: false });
    await off.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1:A2").values = [["a"], ["b"]];
    });
    expect(off.counters.payloadBytes).toHaveLength(1);
  });

  function sum(counters: StandInCounters) {
    return counters.payloadBytes.reduce((a, b) => a + b, 0);
  }

  it("estimates payloads from the queued arguments", async () => {
    const { Excel, counters } = setup();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [["x".repeat(10_000)]];
    });
    expect(sum(counters)).toBeGreaterThan(10_000);
    expect(sum(counters)).toBeLessThan(10_300);
  });
});

describe("formula evaluator", () => {
  function evalIn(rows: unknown[][], formula: string): unknown {
    const wb = new StandInWorkbook();
    wb.setValues("Sheet1", "A1", rows);
    wb.setValues("Sheet1", "Z1", [[formula]]);
    return wb.cell("Sheet1", "Z1").value;
  }
  const data = [
    [1, 2, "x"],
    [3, 0, "xy"],
    [5, 0, ""],
  ];

  it.each([
    ["=SUM(A1:B3)", 11],
    ["=SUM(A:A)", 9],
    ["=A1+B1*A2-A3/5", 6],
    ["=(A1+B1)*A2", 9],
    ["=-A1^2", 1],
    ["=A1&\"-\"&C1", "1-x"],
    ["=50%", 0.5],
    ["=IF(A3>4,\"Đạt\",\"Không đạt\")", "Đạt"],
    ["=IF(A1>=2,\"yes\")", false],
    ["=IF(C1=\"X\",1,0)", 1],
    ["=IFS(A1>3,\"a\",A3>3,\"b\")", "b"],
    ["=IFS(A1>9,\"a\")", "#N/A"],
    ["=AND(A1>0,B2=0)", true],
    ["=OR(A1>5,A2>5)", false],
    ["=NOT(A1=1)", false],
    ["=ROUND(2.675,2)", 2.68],
    ["=ROUND(-2.5,0)", -3],
    ["=ROUND(1234.5,-2)", 1200],
    ["=COUNTIF(B1:B3,0)", 2],
    ["=COUNTIF(A1:A3,\">2\")", 2],
    ["=COUNTIF(C1:C3,\"x*\")", 2],
    ["=COUNTIF(C1:C3,\"\")", 1],
    ["=MIN(A1:A3)", 1],
    ["=MAX(A1:B3,7)", 7],
    ["=AVERAGE(A1:A3)", 3],
    ["=COUNTA(A1:C3)", 8],
    ["=SUMIF(C1:C3,\"x*\",A1:A3)", 4],
    ["=IFERROR(A1/B2,\"chia 0\")", "chia 0"],
    ["=A1/B2", "#DIV/0!"],
    ["=A1+C1", "#VALUE!"],
    ["=C3", 0],
    ["=B1<>2", false],
    ["=\"abc\"<\"ABD\"", true],
    ["=1<\"a\"", true],
    ["=Sheet1!A3*2", 10],
    ["=LEFT(C2,1)&RIGHT(\"abc\",2)&MID(\"abcdef\",2,3)", "xbcbcd"],
    ["=ISNUMBER(SEARCH(\"|ten|\",\"|ho|TEN|\"))", true],
    ["=ISNUMBER(SEARCH(\"|tuoi|\",\"|ho|ten|\"))", false],
    ["=SEARCH(\"b?d\",\"abcd\")", 2],
    ["=FIND(\"B\",\"abc\")", "#VALUE!"],
    ["=LEFT(\"Lỗi: thiếu tên\",3)=\"Lỗi\"", true],
  ])("%s = %j", (formula, expected) => {
    expect(evalIn(data, formula)).toEqual(expected);
  });

  it("records unsupported formulas instead of throwing", () => {
    const wb = new StandInWorkbook();
    wb.setValues("Sheet1", "A1", [["=VLOOKUP(1,B1:C3,2,FALSE)"], ["=SUM(Table1[Điểm])"], ["=A3+1"], ["=A3"]]);
    expect(wb.rangeValues("Sheet1", "A1:A2")).toEqual([["#STANDIN_UNSUPPORTED"], ["#STANDIN_UNSUPPORTED"]]);
    expect(wb.cell("Sheet1", "A1").valueType).toBe("Error");
    expect(wb.cell("Sheet1", "A3").value).toBe("#STANDIN_UNSUPPORTED");
    expect(wb.unsupportedFormulas.map((u) => [u.address, u.reason])).toEqual([
      ["Sheet1!A1", "function VLOOKUP() is not implemented by the Excel stand-in"],
      ["Sheet1!A2", "structured references (Table[Column])"],
      ["Sheet1!A3", "circular reference"],
    ]);
  });

  it("resolves names and follows sheet renames", async () => {
    const { wb, Excel } = setup(undefined, ["Dữ liệu", "Tổng hợp"]);
    wb.setValues("Dữ liệu", "A1", [[4], [6]]);
    wb.setValues("Tổng hợp", "A1", [["='Dữ liệu'!A1*2"], ["=SUM(DiemSo)"]]);
    await Excel.run(async (ctx) => {
      ctx.workbook.names.add("DiemSo", ctx.workbook.worksheets.getItem("Dữ liệu").getRange("A1:A2"));
      ctx.workbook.worksheets.getItem("Dữ liệu").name = "Nguồn";
      const name = ctx.workbook.names.getItem("DiemSo").load("formula, type");
      await ctx.sync();
      expect(name.formula).toBe("=Nguồn!$A$1:$A$2");
      expect(name.type).toBe("Range");
    });
    expect(wb.rangeFormulas("Tổng hợp", "A1")).toEqual([["=Nguồn!A1*2"]]);
    expect(wb.rangeValues("Tổng hợp", "A1:A2")).toEqual([[8], [10]]);
  });
});

describe("Office global", () => {
  it("reports Excel on PC in Vietnamese and the emulated ExcelApi version (1.8 by default)", async () => {
    const office = createOfficeGlobal();
    await expect(office.onReady()).resolves.toEqual({ host: "Excel", platform: "PC" });
    expect(office.HostType.Excel).toBe("Excel");
    expect(office.context.displayLanguage).toBe("vi-VN");
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", 1.3)).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi")).toBe(true);
    expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    expect(office.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
    const newer = createOfficeGlobal({ apiVersion: "1.17" });
    expect(newer.context.requirements.isSetSupported("ExcelApi", "1.17")).toBe(true);
    expect(newer.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(false);
    expect(() => (office.context as unknown as Record<string, unknown>)["document"]).toThrowError("Excel stand-in: Office.context.document is not implemented");
  });

  it("installs and restores globals", async () => {
    const wb = new StandInWorkbook();
    const installed = installExcelGlobals(wb);
    try {
      const g = globalThis as unknown as { Excel: typeof installed.excel; Office: typeof installed.office };
      expect(g.Excel.isExcelStandIn).toBe(true);
      await g.Excel.run(async (ctx) => {
        ctx.workbook.worksheets.getActiveWorksheet().getRange("A1").values = [["toàn cục"]];
      });
      expect(wb.cell("Sheet1", "A1").value).toBe("toàn cục");
      expect(installed.counters.syncCount).toBe(1);
    } finally {
      installed.restore();
    }
    expect("Excel" in globalThis).toBe(false);
  });
});
