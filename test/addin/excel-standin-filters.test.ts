// Filters, sort, AutoFilter and visible views in the Excel stand-in, and how Excel
// misbehaves for add-ins under a filter (office-js#224, #994, #468, #1226; Microsoft's
// docs of TableRowCollection.deleteRows), so add-in code that ignores filters fails here.

import { describe, expect, it } from "vitest";
import { createCounters, createExcelApi, StandInExcelError } from "../excel-standin/office-api.ts";
import { StandInWorkbook } from "../excel-standin/workbook.ts";

/** Sheet1!A1:C6: a table "CanBo" of five officers. */
function workbook(apiVersion?: string) {
  const wb = new StandInWorkbook();
  wb.setValues("Sheet1", "A1", [
    ["Họ tên", "Đơn vị", "Điểm"],
    ["An", "Xã A", 5],
    ["Bình", "Xã B", 9],
    ["Chi", "Xã A", 7],
    ["Dũng", "Xã B", 3],
    ["Giang", "Xã A", 8],
  ]);
  wb.addTable(wb.sheet("Sheet1"), { row: 0, col: 0, rows: 6, cols: 3 }, true, "CanBo");
  const Excel = createExcelApi(wb, createCounters(), apiVersion === undefined ? {} : { apiVersion });
  return { wb, Excel };
}

async function rejection(p: Promise<unknown>): Promise<StandInExcelError> {
  try {
    await p;
  } catch (e) {
    return e as StandInExcelError;
  }
  throw new Error("expected a rejection");
}

describe("table column filters through the API", () => {
  it("hides the rows a values filter rejects; rowHidden and the visible view see it; clearFilters shows them", async () => {
    const { wb, Excel } = workbook();
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.columns.getItem("Đơn vị").filter.applyValuesFilter(["Xã B"]);
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const hidden = sheet.getRange("A4").load("rowHidden");
      const shown = sheet.getRange("A3").load("rowHidden");
      const view = table.getDataBodyRange().getVisibleView().load("values, rowCount, cellAddresses");
      const rows = view.rows.load("items/values, items/index");
      const criteria = table.columns.getItem("Đơn vị").filter.load("criteria");
      const other = table.columns.getItem("Điểm").filter.load("criteria");
      await ctx.sync();
      expect(hidden.rowHidden).toBe(true);
      expect(shown.rowHidden).toBe(false);
      expect(view.values).toEqual([
        ["Bình", "Xã B", 9],
        ["Dũng", "Xã B", 3],
      ]);
      expect(view.rowCount).toBe(2);
      expect(view.cellAddresses[1]).toEqual(["Sheet1!A5", "Sheet1!B5", "Sheet1!C5"]);
      expect(rows.items.map((r) => [r.index, r.values[0]![0]])).toEqual([
        [0, "Bình"],
        [1, "Dũng"],
      ]);
      // Excel returns every property, the unused ones null (office-js#1226).
      expect(criteria.criteria).toEqual({ color: null, criterion1: null, criterion2: null, dynamicCriteria: null, filterOn: "Values", icon: null, operator: null, values: ["Xã B"] });
      expect(other.criteria).toBeNull();
    });
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([2, 4, 6]);
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["Bình", "Dũng"]);

    // Excel does not re-filter on edits; reapplyFilters does.
    wb.typeCell("Sheet1", "B5", "Xã A");
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([2, 4, 6]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("CanBo").reapplyFilters();
    });
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([2, 4, 5, 6]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("CanBo").clearFilters();
    });
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([]);
  });

  it("applies custom, top-items and above-average filters, and combines columns", async () => {
    const { wb, Excel } = workbook();
    await Excel.run(async (ctx) => {
      const score = ctx.workbook.tables.getItem("CanBo").columns.getItem("Điểm").filter;
      score.applyCustomFilter(">=5", "<9", Excel.FilterOperator.and);
    });
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["An", "Chi", "Giang"]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.columns.getItem("Đơn vị").filter.apply({ filterOn: Excel.FilterOn.custom, criterion1: "=*A" });
      table.columns.getItem("Điểm").filter.applyTopItemsFilter(2);
    });
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["Giang"]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.columns.getItem("Đơn vị").filter.clear();
      table.columns.getItem("Điểm").filter.applyDynamicFilter(Excel.DynamicFilterCriteria.aboveAverage);
    });
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["Bình", "Chi", "Giang"]);
  });

  it("refuses re-applying criteria objects as Excel returns them, with null properties (office-js#1226)", async () => {
    const { wb, Excel } = workbook();
    await Excel.run(async (ctx) => {
      const filter = ctx.workbook.tables.getItem("CanBo").columns.getItem("Đơn vị").filter;
      filter.applyValuesFilter(["Xã A"]);
      filter.load("criteria");
      await ctx.sync();
      const saved = filter.criteria;
      ctx.workbook.tables.getItem("CanBo").clearFilters();
      filter.apply(saved);
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      filter.apply(Object.fromEntries(Object.entries(saved).filter(([, v]) => v !== null)) as unknown as Excel.FilterCriteria);
    });
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["An", "Chi", "Giang"]);
  });
});

describe("what the API does wrong under a filter", () => {
  it("puts values written over filtered rows, in order, into the visible rows (office-js#224)", async () => {
    const { wb, Excel } = workbook();
    wb.filterTable("CanBo", "Đơn vị", ["Xã A"]);
    await Excel.run(async (ctx) => {
      // An add-in rewriting the whole Điểm column while the officer's filter is on.
      ctx.workbook.tables.getItem("CanBo").columns.getItem("Điểm").getDataBodyRange().values = [[10], [20], [30], [40], [50]];
    });
    // An, Chi, Giang are visible: they get 10, 20, 30; Bình and Dũng (hidden) keep 9 and 3.
    expect(wb.tableRows("CanBo").map((r) => r[2])).toEqual([10, 9, 20, 3, 30]);
    // One cell at a time, hidden or not, lands where it is written.
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[99]];
      ctx.workbook.tables.getItem("CanBo").rows.getItemAt(3).values = [["Dũng", "Xã B", 98]];
    });
    expect(wb.tableRows("CanBo").map((r) => r[2])).toEqual([10, 99, 20, 98, 30]);
  });

  it("refuses to add or delete table rows under a filter (InsertDeleteConflict), and allows it once cleared", async () => {
    const { wb, Excel } = workbook();
    wb.filterTable("CanBo", 1, ["Xã A"]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.rows.add(undefined, [["Hà", "Xã C", 6]]);
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
      table.rows.getItemAt(0).delete();
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
      table.rows.getItemAt(0).getRange().delete(Excel.DeleteShiftDirection.up);
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
      ctx.workbook.worksheets.getItem("Sheet1").getRange("4:4").delete(Excel.DeleteShiftDirection.up);
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
      ctx.workbook.worksheets.getItem("Sheet1").getRange("3:3").insert(Excel.InsertShiftDirection.down);
      expect((await rejection(ctx.sync())).code).toBe("InsertDeleteConflict");
      // Rows outside the table are not affected.
      ctx.workbook.worksheets.getItem("Sheet1").getRange("9:9").insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
    });
    expect(wb.tableRows("CanBo")).toHaveLength(5);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.clearFilters();
      table.rows.add(undefined, [["Hà", "Xã C", 6]]);
      table.rows.getItemAt(0).delete();
    });
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["Bình", "Chi", "Dũng", "Giang", "Hà"]);
  });

  it("works when the add-in saves the criteria, clears the filters, writes, and re-applies them", async () => {
    const { wb, Excel } = workbook();
    wb.filterTable("CanBo", "Đơn vị", ["Xã A"]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      const columns = table.columns.load("items/id, items/name");
      await ctx.sync();
      const filters = columns.items.map((c) => c.filter.load("criteria"));
      await ctx.sync();
      const saved = filters.map((f) => f.criteria);
      table.clearFilters();
      table.columns.getItem("Điểm").getDataBodyRange().values = [[10], [20], [30], [40], [50]];
      table.rows.add(undefined, [["Hà", "Xã A", 60]]);
      saved.forEach((criteria, i) => {
        if (criteria) columns.items[i]!.filter.apply(Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== null)) as unknown as Excel.FilterCriteria);
      });
    });
    expect(wb.tableRows("CanBo").map((r) => r[2])).toEqual([10, 20, 30, 40, 50, 60]);
    expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["An", "Chi", "Giang", "Hà"]);
  });

  it("refuses writing a visible view that skips hidden rows (office-js#226)", async () => {
    const { wb, Excel } = workbook();
    wb.filterTable("CanBo", "Đơn vị", ["Xã B"]);
    const error = await rejection(
      Excel.run(async (ctx) => {
        ctx.workbook.tables.getItem("CanBo").columns.getItem("Điểm").getDataBodyRange().getVisibleView().values = [[1], [2]];
      }),
    );
    expect(error.code).toBe("InvalidArgument");
    expect(wb.tableRows("CanBo").map((r) => r[2])).toEqual([5, 9, 7, 3, 8]);
  });
});

describe("TableSort", () => {
  it("sorts by keys relative to the table, keeps blanks last, moves formulas with their rows, and reports its fields", async () => {
    const { wb, Excel } = workbook();
    wb.setValues("Sheet1", "D1", [["Nhân đôi"]]);
    wb.setValues("Sheet1", "C3", [[""]]);
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      table.columns.add(undefined, [["Gấp đôi"], ["=C2*2"], ["=C3*2"], ["=C4*2"], ["=C5*2"], ["=C6*2"]]);
      table.sort.apply([{ key: 2, ascending: false }]);
      const sort = table.sort.load("fields, matchCase");
      await ctx.sync();
      expect(sort.fields).toEqual([{ key: 2, ascending: false, sortOn: "Value", dataOption: "Normal" }]);
      expect(sort.matchCase).toBe(false);
    });
    expect(wb.tableRows("CanBo")).toEqual([
      ["Giang", "Xã A", 8, 16],
      ["Chi", "Xã A", 7, 14],
      ["An", "Xã A", 5, 10],
      ["Dũng", "Xã B", 3, 6],
      ["Bình", "Xã B", "", 0],
    ]);
    expect(wb.cell("Sheet1", "D2").formula).toBe("=C2*2");
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("CanBo");
      // Two keys: unit ascending (Vietnamese collation), then score ascending.
      table.sort.apply([{ key: 1 }, { key: 2, ascending: true }]);
      table.sort.clear();
      const sort = table.sort.load("fields");
      await ctx.sync();
      expect(sort.fields).toEqual([]);
    });
    // clear() forgets the sort without reordering.
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["An", "Chi", "Giang", "Dũng", "Bình"]);
  });

  it("leaves rows hidden by a filter where they are", async () => {
    const { wb, Excel } = workbook();
    wb.filterTable("CanBo", "Đơn vị", ["Xã A"]);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("CanBo").sort.apply([{ key: 2, ascending: false }]);
    });
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["Giang", "Bình", "Chi", "Dũng", "An"]);
  });
});

describe("AutoFilter (ExcelApi 1.9)", () => {
  it("is missing at ExcelApi 1.8", async () => {
    const { Excel } = workbook();
    await Excel.run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem("Sheet1").autoFilter).toThrowError("Excel stand-in: Worksheet.autoFilter needs ExcelApi 1.9; this stand-in emulates ExcelApi 1.8");
      expect(() => ctx.workbook.tables.getItem("CanBo").autoFilter).toThrowError(/Table.autoFilter needs ExcelApi 1.9/);
    });
  });

  it("filters a plain range from the worksheet, and a table through its own AutoFilter", async () => {
    const { wb, Excel } = workbook("1.9");
    wb.setValues("Sheet1", "F1", [["Xã"], ["Xã A"], ["Xã B"], ["Xã A"]]);
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.autoFilter.apply("F1:F4", 0, { filterOn: Excel.FilterOn.values, values: ["Xã B"] });
      const af = sheet.autoFilter.load("enabled, isDataFiltered, criteria");
      const range = sheet.autoFilter.getRange().load("address");
      await ctx.sync();
      expect(af.enabled).toBe(true);
      expect(af.isDataFiltered).toBe(true);
      expect(af.criteria[0]!.values).toEqual(["Xã B"]);
      expect(range.address).toBe("Sheet1!F1:F4");
      expect(wb.hiddenRowNumbers("Sheet1")).toEqual([2, 4]);
      sheet.autoFilter.apply("A1:C6");
      expect((await rejection(ctx.sync())).code).toBe("InvalidArgument");
      sheet.autoFilter.remove();
      const none = sheet.autoFilter.getRangeOrNullObject().load("address");
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(wb.hiddenRowNumbers("Sheet1")).toEqual([]);

      const table = ctx.workbook.tables.getItem("CanBo");
      table.autoFilter.apply(table.getRange(), 2, { filterOn: Excel.FilterOn.custom, criterion1: ">6" });
      const tf = table.autoFilter.load("criteria, isDataFiltered");
      await ctx.sync();
      expect(tf.isDataFiltered).toBe(true);
      expect(tf.criteria.map((c) => c.filterOn)).toEqual([null, null, "Custom"]);
      expect(wb.visibleTableRows("CanBo").map((r) => r[0])).toEqual(["Bình", "Chi", "Giang"]);
      table.autoFilter.clearCriteria();
    });
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([]);
  });
});

describe("sheet columns and rows crossing a table, through the API", () => {
  it("adds a table column for a sheet column inserted inside it and removes one for a deleted column; ids stay stable", async () => {
    const { wb, Excel } = workbook();
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B:B").insert(Excel.InsertShiftDirection.right);
      sheet.getRange("C:C").delete(Excel.DeleteShiftDirection.left);
      const columns = ctx.workbook.tables.getItem("CanBo").columns.load("items/name,items/id,items/index");
      await ctx.sync();
      expect(columns.items.map((c) => [c.index, c.name, c.id])).toEqual([
        [0, "Họ tên", 1],
        [1, "Column1", 4],
        [2, "Điểm", 3],
      ]);
      const byId = ctx.workbook.tables.getItem("CanBo").columns.getItem(3).load("name");
      const byName = ctx.workbook.tables.getItem("CanBo").columns.getItemOrNullObject("Column1").load("id");
      const gone = ctx.workbook.tables.getItem("CanBo").columns.getItemOrNullObject(2).load("id");
      await ctx.sync();
      expect(byId.name).toBe("Điểm");
      expect(byName.id).toBe(4);
      expect(gone.isNullObject).toBe(true);
      sheet.getRange("3:4").insert(Excel.InsertShiftDirection.down);
      sheet.getRange("8:8").delete(Excel.DeleteShiftDirection.up);
    });
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["An", "", "", "Bình", "Chi", "Dũng"]);
  });
});

describe("what officers do in Excel's UI", () => {
  it("inserts, moves and renames table columns; ids are unique, kept across rename and move, new for an insert", () => {
    const { wb } = workbook();
    wb.insertTableColumn("CanBo", 0, "STT");
    expect(wb.tableColumns("CanBo")).toEqual([
      { id: 4, name: "STT", index: 0 },
      { id: 1, name: "Họ tên", index: 1 },
      { id: 2, name: "Đơn vị", index: 2 },
      { id: 3, name: "Điểm", index: 3 },
    ]);
    wb.setValues("Sheet1", "A2", [[1], [2], [3], [4], [5]]);
    wb.moveTableColumn("CanBo", 3, 1);
    wb.renameHeader("CanBo", 1, "Điểm thi");
    expect(wb.tableColumns("CanBo").map((c) => [c.id, c.name])).toEqual([
      [4, "STT"],
      [3, "Điểm thi"],
      [1, "Họ tên"],
      [2, "Đơn vị"],
    ]);
    expect(wb.tableRows("CanBo")[1]).toEqual([2, 9, "Bình", "Xã B"]);
    wb.moveTableColumn("CanBo", 0, 3);
    expect(wb.tableHeaders("CanBo")).toEqual(["Điểm thi", "Họ tên", "Đơn vị", "STT"]);
    expect(wb.tableRows("CanBo")[0]).toEqual([5, "An", "Xã A", 1]);
    wb.insertSheetColumns("Sheet1", "B:B");
    expect(wb.tableColumns("CanBo").map((c) => c.id)).toEqual([3, 5, 1, 2, 4]);
  });

  it("keeps formulas pointing at the same cells when a column moves", () => {
    const { wb } = workbook();
    wb.setValues("Sheet1", "E2", [["=C2+1"]]);
    wb.moveTableColumn("CanBo", 2, 0);
    expect(wb.cell("Sheet1", "E2")).toMatchObject({ formula: "=A2+1", value: 6 });
  });

  it("deletes only the sheet row asked for under a filter, and typing lands in the typed cell", () => {
    const { wb } = workbook();
    wb.filterTable("CanBo", "Đơn vị", ["Xã A"]);
    // Row 4 (Chi) is visible; deleting rows 3:4 removes Chi only, Bình (row 3) is hidden.
    wb.deleteSheetRows("Sheet1", "3:4");
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["An", "Bình", "Dũng", "Giang"]);
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([3, 4]);
    wb.typeCell("Sheet1", "C5", 10);
    expect(wb.tableRows("CanBo").map((r) => r[2])).toEqual([5, 9, 3, 10]);
    wb.sortTable("CanBo", "Điểm", "desc");
    expect(wb.tableRows("CanBo").map((r) => r[0])).toEqual(["Giang", "Bình", "Dũng", "An"]);
    wb.clearTableFilters("CanBo");
    expect(wb.hiddenRowNumbers("Sheet1")).toEqual([]);
    wb.hideColumns("Sheet1", "B:B");
    expect(wb.sheet("Sheet1").hiddenColumns.has(1)).toBe(true);
  });

  it("needs allowAutoFilter / allowSort to filter or sort a protected sheet", async () => {
    const { wb, Excel } = workbook();
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").protection.protect({ allowAutoFilter: true });
    });
    wb.filterTable("CanBo", "Đơn vị", ["Xã A"]);
    expect(() => wb.sortTable("CanBo", "Điểm")).toThrowError(/sorting is not allowed/);
    await Excel.run(async (ctx) => {
      ctx.workbook.tables.getItem("CanBo").sort.apply([{ key: 0 }]);
      expect((await rejection(ctx.sync())).code).toBe("AccessDenied");
    });
  });
});
