// The Excel stand-in speaks for one ExcelApi requirement set at a time, with a table
// derived from the `[Api set: ...]` annotations of @types/office-js.

import { describe, expect, it } from "vitest";
import { loadApiSetTable } from "../excel-standin/api-sets-data.ts";
import { ApiVersionGate, memberRank, parseApiVersion, parseExcelApiSets } from "../excel-standin/api-sets.ts";
import { createCounters, createExcelApi, createOfficeGlobal, installExcelGlobals } from "../excel-standin/office-api.ts";
import { StandInWorkbook } from "../excel-standin/workbook.ts";

describe("requirement-set table derived from @types/office-js", () => {
  const table = loadApiSetTable();

  it("has the sets Microsoft documents for known members", () => {
    expect(memberRank(table, "Range", "getVisibleView")).toBe(3);
    expect(memberRank(table, "Table", "autoFilter")).toBe(9);
    expect(memberRank(table, "Worksheet", "autoFilter")).toBe(9);
    expect(memberRank(table, "Worksheet", "getRangeByIndexes")).toBe(7);
    expect(memberRank(table, "Range", "getUsedRangeOrNullObject")).toBe(4);
    expect(memberRank(table, "Table", "resize")).toBe(13);
    expect(memberRank(table, "TableColumnCollection", "getItemOrNullObject")).toBe(4);
    // "ExcelApi 1.1 for getting the name; 1.4 for setting it."
    expect(memberRank(table, "TableColumn", "name")).toBe(1);
    expect(memberRank(table, "TableColumn", "name", true)).toBe(4);
    // ExcelApiOnline: above every numbered version.
    expect(memberRank(table, "TableRowCollection", "deleteRowsAt")).toBeNull();
    // Members without their own annotation take their class's (Filter: 1.2).
    expect(memberRank(table, "Filter", "load")).toBe(2);
    expect(table.enums["ConditionalFormatType"]).toBe(6);
  });

  it("reads class defaults, member annotations, overloads, setters and non-numbered sets", () => {
    const dts = [
      "declare namespace Office {}",
      "declare namespace Excel {",
      "    /**",
      "     * @remarks",
      "     * [Api set: ExcelApi 1.2]",
      "     */",
      "    class Thing extends OfficeExtension.ClientObject {",
      "        context: RequestContext;",
      "        /** [Api set: ExcelApi 1.9] */",
      "        readonly fancy: Excel.Other;",
      "        /**",
      "         * [Api set: ExcelApi 1.1 for reading visibility; 1.5 for setting it.]",
      "         */",
      "        visibility: string;",
      "        /** [Api set: ExcelApiOnline 1.1] */",
      "        online(): void;",
      "        /** [Api set: ExcelApi 1.11] */",
      "        go(a: string): void;",
      "        /** [Api set: ExcelApi 1.3] */",
      "        go(a: number): void;",
      "        load(propertyNamesAndPaths?: {",
      "            select?: string;",
      "        }): Excel.Thing;",
      "    }",
      "    /** [Api set: ExcelApi 1.10] */",
      "    enum Colour {",
      "        red = \"Red\",",
      "    }",
      "    enum Unannotated {",
      "        x = \"X\",",
      "    }",
      ...Array.from({ length: 60 }, (_, i) => `    /** [Api set: ExcelApi 1.1] */\n    class Filler${i} extends OfficeExtension.ClientObject {\n    }`),
      "    namespace Interfaces {",
      "    }",
      "}",
    ].join("\n");
    const parsed = parseExcelApiSets(dts);
    expect(parsed.classes["Thing"]).toEqual({
      rank: 2,
      members: { fancy: [9], visibility: [1, 5], online: [null], go: [3], load: [2] },
    });
    expect(parsed.enums).toEqual({ Colour: 10 });
  });

  it("answers per the emulated version and names the set in its refusal", () => {
    const gate = new ApiVersionGate(table, parseApiVersion("1.8"));
    expect(() => gate.check("Table", "autoFilter")).toThrowError("Excel stand-in: Table.autoFilter needs ExcelApi 1.9; this stand-in emulates ExcelApi 1.8");
    expect(() => gate.check("TableRowCollection", "deleteRows")).toThrowError(/needs a requirement set above every numbered ExcelApi version/);
    expect(() => gate.check("Range", "getVisibleView")).not.toThrow();
    expect(() => new ApiVersionGate(table, 9).check("Table", "autoFilter")).not.toThrow();
    expect(() => parseApiVersion("2")).toThrowError(/apiVersion must look like "1.8"/);
  });
});

describe("the stand-in at one requirement set", () => {
  function api(apiVersion?: string) {
    const wb = new StandInWorkbook();
    wb.setValues("Sheet1", "A1", [["Tên", "Điểm"], ["An", 5], ["Bình", 7]]);
    wb.addTable(wb.sheet("Sheet1"), { row: 0, col: 0, rows: 3, cols: 2 }, true);
    return { wb, Excel: createExcelApi(wb, createCounters(), apiVersion === undefined ? {} : { apiVersion }) };
  }

  it("emulates ExcelApi 1.8 by default and refuses a 1.13 member there, which works at 1.13", async () => {
    const { Excel } = api();
    await Excel.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem("Table1");
      expect(() => table.resize("A1:B2")).toThrowError("Excel stand-in: Table.resize needs ExcelApi 1.13; this stand-in emulates ExcelApi 1.8");
      expect(() => table.load("autoFilter")).toThrowError(/Table.autoFilter needs ExcelApi 1.9/);
      expect(() => table.set({ autoFilter: {} } as never)).toThrowError(/Table.autoFilter needs ExcelApi 1.9/);
      // Members of 1.8 and below work.
      const used = ctx.workbook.worksheets.getItem("Sheet1").getUsedRangeOrNullObject(true).load("address");
      const visible = table.getRange().getVisibleView().load("values");
      await ctx.sync();
      expect(used.address).toBe("Sheet1!A1:B3");
      expect(visible.values).toEqual([["Tên", "Điểm"], ["An", 5], ["Bình", 7]]);
    });
    const { wb, Excel: Excel113 } = api("1.13");
    await Excel113.run(async (ctx) => {
      ctx.workbook.tables.getItem("Table1").resize("A1:B2");
    });
    expect(wb.table("Table1").address()).toBe("Sheet1!A1:B2");
  });

  it("refuses a 1.9 member at 1.8 and serves it at 1.9 and above", async () => {
    for (const version of ["1.8", "1.9", "1.19"]) {
      const { Excel } = api(version);
      const run = Excel.run(async (ctx) => {
        const autoFilter = ctx.workbook.tables.getItem("Table1").autoFilter.load("enabled, isDataFiltered");
        await ctx.sync();
        return [autoFilter.enabled, autoFilter.isDataFiltered];
      });
      if (version === "1.8") await expect(run).rejects.toThrowError("Excel stand-in: Table.autoFilter needs ExcelApi 1.9; this stand-in emulates ExcelApi 1.8");
      else await expect(run).resolves.toEqual([true, false]);
    }
  });

  it("refuses the alwaysInsert argument of rows.add below ExcelApi 1.15", async () => {
    const { Excel } = api();
    await Excel.run(async (ctx) => {
      const rows = ctx.workbook.tables.getItem("Table1").rows;
      expect(() => rows.add(undefined, [["Chi", 9]], false)).toThrowError(/alwaysInsert\) needs ExcelApi 1.15/);
    });
    const { wb, Excel: Excel115 } = api("1.15");
    await Excel115.run(async (ctx) => {
      ctx.workbook.tables.getItem("Table1").rows.add(undefined, [["Chi", 9]], false);
    });
    expect(wb.tableRows("Table1")).toHaveLength(3);
  });

  it("installs globals whose Office.context.requirements answer for the same version", () => {
    const installed = installExcelGlobals(new StandInWorkbook(), { apiVersion: "1.9" });
    try {
      const office = (globalThis as unknown as { Office: ReturnType<typeof createOfficeGlobal> }).Office;
      expect(office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(true);
      expect(office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    } finally {
      installed.restore();
    }
    const defaults = installExcelGlobals(new StandInWorkbook());
    try {
      expect(defaults.office.context.requirements.isSetSupported("ExcelApi", "1.8")).toBe(true);
      expect(defaults.office.context.requirements.isSetSupported("ExcelApi", "1.9")).toBe(false);
    } finally {
      defaults.restore();
    }
  });
});
