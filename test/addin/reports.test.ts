import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { REPORT_SHEET_MARK } from "../../addin/host/report-sheet.ts";
import { widthInPoints } from "../../addin/reports/paint.ts";
import { pullReports } from "../../addin/reports/flows.ts";
import { installExcelGlobals, StandInWorkbook, type StandInCounters } from "../excel-standin/index.ts";
import { defaultPageLayout } from "../excel-standin/model-types.ts";
import { blockAsOneRow } from "../../shared/kept-together.ts";
import { reportDocument, resolveDocumentDetails, type ReportDocument } from "../../shared/report-document.ts";
import { REPORT_NAMES } from "../../shared/reports.ts";
import type { Report } from "../../shared/schemas/report.ts";
import { FIELD_LABELS, FIELDS, REVIEW_STATE_LABELS, REVIEW_STATES } from "../../shared/vocabulary.ts";
import { MANIFEST_EXCEL_API } from "./standin.ts";

// The report sheets as officials print them: the official document of each table
// (shared/report-document.ts) drawn into the workbook, checked cell by cell against it,
// at the manifest's ExcelApi 1.8 (no page setup) and at 1.9 (A4 landscape, one page wide).

const LEVELS = [
  { code: "province", label: "Cấp tỉnh" },
  { code: "district", label: "Cấp huyện" },
  { code: "grassroots", label: "Cấp cơ sở" },
];

/** A units table shaped as the worker makes it (the worker's own tests check the figures). */
function unitsReport(n: number, stamp = 1, name = (i: number) => `Xã số ${i}`): Report {
  const row = (i: number) => {
    const r: Record<string, string | number | null> = { orgUnitId: i + 1, orgUnitName: name(i), total: i + stamp, collective: i, individual: stamp, expectedBenefit: 1_500_000 * i, onTime: i, late: stamp };
    FIELDS.forEach((f, k) => (r[f] = k === 0 ? i + stamp : 0));
    for (const l of LEVELS) r[l.code] = l.code === "grassroots" ? i + stamp : 0;
    REVIEW_STATES.forEach((s) => (r[s] = s === "registered" ? i + stamp : 0));
    return r;
  };
  const rows = Array.from({ length: n }, (_, i) => row(i));
  const totals: Record<string, string | number | null> = { orgUnitId: null, orgUnitName: "Tổng cộng" };
  for (const k of Object.keys(row(0))) if (k !== "orgUnitId" && k !== "orgUnitName") totals[k] = rows.reduce((s, r) => s + Number(r[k]), 0);
  return {
    title: "Tổng hợp đăng ký mô hình theo đơn vị – Năm 2026",
    scope: { id: 2, name: "Huyện Hà Trung", kind: "district", parentName: "Tỉnh Thanh Hóa" },
    generatedAt: "2026-11-30T02:00:00.000Z",
    asOf: "2026-06-30",
    campaign: { title: "Năm 2026", year: 2026, planRef: "Kế hoạch số 113-KH/ĐU ngày 23/02/2026" },
    plan: null,
    columns: [
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "total", label: "Tổng số mô hình", type: "integer" },
      { key: "collective", label: "Tập thể", type: "integer", group: "Loại" },
      { key: "individual", label: "Cá nhân", type: "integer", group: "Loại" },
      ...FIELDS.map((f) => ({ key: f, label: FIELD_LABELS[f], type: "integer" as const, group: "Lĩnh vực" })),
      ...LEVELS.map((l) => ({ key: l.code, label: l.label, type: "integer" as const, group: "Cấp" })),
      { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
      { key: "onTime", label: "Nộp đúng hạn", type: "integer", group: "Thời hạn nộp" },
      { key: "late", label: "Nộp sau hạn", type: "integer", group: "Thời hạn nộp" },
      ...REVIEW_STATES.map((s) => ({ key: s, label: REVIEW_STATE_LABELS[s], type: "integer" as const, group: "Kết quả xét duyệt" })),
    ],
    rows,
    totals,
    notes: ["Không tính đăng ký đã xóa.", "=Ghi chú bắt đầu bằng dấu bằng"],
  };
}

function api(report: () => Report) {
  const fetch = async () => Response.json(report());
  return createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch);
}

/** The workbook stands in for Excel at the manifest's requirement set or at another. */
function useExcel(apiVersion: string) {
  const state = {} as { workbook: StandInWorkbook; counters: StandInCounters; restore: () => void };
  beforeEach(() => {
    state.workbook = new StandInWorkbook();
    const installed = installExcelGlobals(state.workbook, { apiVersion });
    state.counters = installed.counters;
    state.restore = installed.restore;
  });
  afterEach(() => state.restore());
  return state;
}

const SHEET = REPORT_NAMES.units;
const choice = { campaignId: 1, scope: 2, depth: 1 };
const OFFICER = "Phạm Minh Đức";
/** The document as the pane draws it: its closing block in one row (shared/kept-together.ts), checked on its own below. */
const docOf = (report: Report) => blockAsOneRow(reportDocument(report, resolveDocumentDetails(report, {}, OFFICER)));

/** Excel's A1 name of a zero-based cell. */
function a1(row: number, col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return `${s}${row + 1}`;
}

/** Every cell the document writes holds its value and style in the sheet. */
function expectDrawn(workbook: StandInWorkbook, doc: ReportDocument, sheetName: string = SHEET): void {
  doc.rows.forEach((row, r) =>
    row.cells.forEach((cell, c) => {
      const got = workbook.cell(sheetName, a1(r, c));
      const where = `${a1(r, c)} ${JSON.stringify(cell?.value ?? null)}`;
      expect(got.value, where).toBe(cell?.value ?? "");
      expect(got.formula, where).toBeNull();
      // A line between two cells may be kept by either of them, as Excel draws it.
      const border = Boolean(cell?.style.border);
      const line = (row: number, col: number, side: "borderTop" | "borderBottom" | "borderLeft" | "borderRight") => {
        if (row < 0 || col < 0) return null;
        const b = workbook.cell(sheetName, a1(row, col))[side];
        return b ? `${b.style} ${b.weight}` : null;
      };
      const edges = {
        top: line(r, c, "borderTop") ?? line(r - 1, c, "borderBottom"),
        bottom: line(r, c, "borderBottom") ?? line(r + 1, c, "borderTop"),
        left: line(r, c, "borderLeft") ?? line(r, c - 1, "borderRight"),
        right: line(r, c, "borderRight") ?? line(r, c + 1, "borderLeft"),
      };
      const lined = border ? "Continuous Thin" : null;
      if (border) expect(edges, where).toEqual({ top: lined, bottom: lined, left: lined, right: lined });
      else {
        // Outside the table no cell has a line of its own (a neighbour's edge may touch it).
        for (const side of ["borderTop", "borderBottom", "borderLeft", "borderRight"] as const) expect(line(r, c, side), `${where} ${side}`).toBeNull();
      }
      expect(got.fontName, where).toBe("Times New Roman");
      if (!cell || cell.value === null) return;
      const s = cell.style;
      expect(got.numberFormat, where).toBe(typeof cell.value === "string" ? "@" : (s.numberFormat ?? "General"));
      expect([got.bold, got.italic, got.underline, got.fontSize, got.wrapText], where).toEqual([
        Boolean(s.bold), Boolean(s.italic), s.underline ? "Single" : "None", s.size ?? doc.font.size, Boolean(s.wrap),
      ]);
      expect(got.horizontalAlignment, where).toBe({ left: "Left", center: "Center", right: "Right", none: "General" }[s.align ?? "none"]);
      expect(got.verticalAlignment, where).toBe({ top: "Top", middle: "Center", bottom: "Bottom" }[s.valign ?? "bottom"]);
    }),
  );
  const sheet = workbook.sheet(sheetName);
  const rect = (m: { top: number; left: number; bottom: number; right: number }) => ({ row: m.top, col: m.left, rows: m.bottom - m.top + 1, cols: m.right - m.left + 1 });
  expect([...sheet.merges].sort((x, y) => x.row - y.row || x.col - y.col)).toEqual(doc.merges.map(rect).sort((x, y) => x.row - y.row || x.col - y.col));
  doc.columnWidths.forEach((w, c) => expect(sheet.columnWidth(c)).toBe(widthInPoints(w)));
  doc.rows.forEach((row, r) => expect(sheet.rowHeights.get(r)).toBe(row.height));
}

/** Columns of the units document (STT and the report's 23): the charts' figures lie beyond. */
const DOC_COLUMNS = docOf(unitsReport(1)).columnWidths.length;

/** Where a text first appears in the document (zero-based row and column). */
function find(workbook: StandInWorkbook, text: string | RegExp): { row: number; col: number } {
  const sheet = workbook.sheet(SHEET);
  const used = sheet.usedRect(true)!;
  for (let row = used.row; row < used.row + used.rows; row++) {
    for (let col = 0; col < DOC_COLUMNS; col++) {
      const v = sheet.value(row, col);
      if (typeof v === "string" && (typeof text === "string" ? v === text : text.test(v))) return { row, col };
    }
  }
  throw new Error(`“${String(text)}” is not on the sheet`);
}

describe("a pulled units table at ExcelApi 1.8 (Excel 2019)", () => {
  const excel = useExcel(MANIFEST_EXCEL_API);

  it("is the official document, cell by cell, with its merges, widths and heights", async () => {
    const report = unitsReport(3);
    const pulled = await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    expect(pulled).toEqual({ tables: 1, printSetup: false });
    expectDrawn(excel.workbook, docOf(report));
  });

  it("reads as officials expect: national header, title, the day of the figures, STT, grouped headers, bold totals, signatures", async () => {
    await pullReports(api(() => unitsReport(3)), choice, ["units"], { head: "Lê Văn Bình" }, OFFICER);
    const wb = excel.workbook;
    const at = (text: string | RegExp) => find(wb, text);
    // Top left the body above and the issuer, top right the national name and motto, on the same lines.
    expect([at("TỈNH THANH HÓA"), at("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")].map((p) => p.row)).toEqual([0, 0]);
    expect([at("HUYỆN HÀ TRUNG"), at("Độc lập - Tự do - Hạnh phúc")].map((p) => p.row)).toEqual([1, 1]);
    expect(wb.cell(SHEET, "A2").bold).toBe(true);
    const motto = at("Độc lập - Tự do - Hạnh phúc");
    expect(wb.cell(SHEET, a1(motto.row, motto.col)).underline).toBe("Single");
    const title = at("TỔNG HỢP ĐĂNG KÝ MÔ HÌNH THEO ĐƠN VỊ – NĂM 2026");
    expect([title.col, wb.cell(SHEET, a1(title.row, 0)).bold, wb.cell(SHEET, a1(title.row, 0)).fontSize]).toEqual([0, true, 14]);
    expect(at("Thực hiện Kế hoạch số 113-KH/ĐU ngày 23/02/2026").row).toBe(title.row + 1);
    expect(at("Số liệu tính đến ngày 30/06/2026").row).toBe(title.row + 2);

    // STT and "Đơn vị" span both header rows; "Lĩnh vực" spans its four fields above their labels.
    const stt = at("STT");
    const merged = (row: number, col: number) => wb.sheet(SHEET).merges.find((m) => m.row === row && m.col === col);
    expect(merged(stt.row, 0)).toEqual({ row: stt.row, col: 0, rows: 2, cols: 1 });
    expect(merged(stt.row, 1)).toEqual({ row: stt.row, col: 1, rows: 2, cols: 1 });
    const fields = at("Lĩnh vực");
    expect(fields.row).toBe(stt.row);
    expect(merged(fields.row, fields.col)).toEqual({ row: fields.row, col: fields.col, rows: 1, cols: FIELDS.length });
    expect(wb.rangeValues(SHEET, `${a1(stt.row + 1, fields.col)}:${a1(stt.row + 1, fields.col + FIELDS.length - 1)}`)).toEqual([FIELDS.map((f) => FIELD_LABELS[f])]);
    expect(at("Kết quả xét duyệt").row).toBe(stt.row);

    // The rows numbered 1, 2, 3, then the totals in bold, from the server's figures.
    expect(wb.rangeValues(SHEET, `A${stt.row + 3}:C${stt.row + 5}`)).toEqual([[1, "Xã số 0", 1], [2, "Xã số 1", 2], [3, "Xã số 2", 3]]);
    const totals = at("Tổng cộng");
    expect(totals.row).toBe(stt.row + 5);
    expect(wb.rangeValues(SHEET, `B${totals.row + 1}:C${totals.row + 1}`)).toEqual([["Tổng cộng", 6]]);
    expect([1, 2, 10].map((c) => wb.cell(SHEET, a1(totals.row, c)).bold)).toEqual([true, true, true]);
    expect(wb.cell(SHEET, a1(totals.row - 1, 1)).bold).toBe(false);
    expect(wb.cell(SHEET, a1(totals.row, 15)).numberFormat).toBe("#,##0");

    // Notes, then place and date, the two signature blocks with the preparer and the head chosen,
    // room to sign and the names: one row, the last printed, which no page break can split.
    expect(at("Ghi chú:").row).toBeGreaterThan(totals.row);
    const preparer = at(/^\nNGƯỜI LẬP BIỂU\n/);
    const head = at(/^Hà Trung, ngày 30 tháng 11 năm 2026\nTHỦ TRƯỞNG ĐƠN VỊ\n/);
    expect(head.row).toBe(preparer.row);
    expect(head.col).toBeGreaterThan(preparer.col);
    const lines = (p: { row: number; col: number }) => String(wb.sheet(SHEET).value(p.row, p.col)).split("\n");
    const room = (l: string[]) => l.slice(3, -1);
    expect(lines(preparer).slice(0, 3)).toEqual(["", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"]);
    expect(lines(head).slice(1, 3)).toEqual(["THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"]);
    expect([lines(preparer).at(-1), lines(head).at(-1)]).toEqual([OFFICER, "Lê Văn Bình"]);
    expect(room(lines(preparer)).length).toBeGreaterThanOrEqual(3);
    expect(room(lines(head))).toEqual(room(lines(preparer)).map(() => ""));
    for (const p of [preparer, head]) {
      const cell = wb.cell(SHEET, a1(p.row, p.col));
      expect([cell.bold, cell.wrapText, cell.horizontalAlignment, cell.verticalAlignment]).toEqual([true, true, "Center", "Top"]);
    }
    expect(wb.sheet(SHEET).merges.filter((m) => m.row === preparer.row).map((m) => m.col)).toEqual([preparer.col, head.col]);
    expect(wb.sheet(SHEET).rowHeights.get(preparer.row)).toBeGreaterThan(100);
    // Nothing of the document below it (the charts' figures lie beside, past its columns).
    const used = wb.sheet(SHEET).usedRect(true)!;
    for (let row = preparer.row + 1; row < used.row + used.rows; row++) {
      for (let col = 0; col < DOC_COLUMNS; col++) expect(wb.sheet(SHEET).value(row, col), a1(row, col)).toBe("");
    }
    // Times New Roman everywhere, no grid lines: a document, not a worksheet.
    expect(wb.cell(SHEET, "Z200").fontName).toBe("Times New Roman");
    expect(wb.sheet(SHEET).showGridlines).toBe(false);
  });

  it("says so when a table has no rows, and draws no chart of nothing", async () => {
    const report = unitsReport(0);
    await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    expectDrawn(excel.workbook, docOf(report));
    const empty = find(excel.workbook, "Không có số liệu");
    expect(excel.workbook.sheet(SHEET).merges).toContainEqual({ row: empty.row, col: 0, rows: 1, cols: DOC_COLUMNS });
    expect(excel.workbook.charts(SHEET)).toEqual([]);
  });

  it("draws a list grouped by unit: each unit's heading across the table, rows numbered by the report", async () => {
    const list: Report = {
      ...unitsReport(0),
      title: "Danh sách mô hình đăng ký",
      columns: [
        { key: "stt", label: "STT", type: "integer" },
        { key: "modelName", label: "Tên mô hình" },
        { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
        { key: "onTime", label: "Đúng hạn", type: "boolean" },
      ],
      rows: [
        { heading: "Thôn Yên Bái" },
        { stt: 1, modelName: "Mô hình một", expectedBenefit: 150_000_000, onTime: true },
        { stt: 2, modelName: "Mô hình hai với một cái tên rất dài, dài đến mức phải xuống dòng trong ô của nó mới đọc hết được", expectedBenefit: null, onTime: false },
        { heading: "Thôn Trung Chính" },
        { stt: 3, modelName: "Mô hình ba", expectedBenefit: 0, onTime: true },
      ],
      totals: undefined,
    };
    await pullReports(api(() => list), choice, ["scores"], {}, OFFICER);
    const doc = docOf(list);
    const sheet = REPORT_NAMES.scores;
    expectDrawn(excel.workbook, doc, sheet);
    const top = doc.table.body!.top;
    expect(excel.workbook.rangeValues(sheet, `A${top + 1}:D${top + 5}`)).toEqual([
      ["", "Thôn Yên Bái", "", ""],
      [1, "Mô hình một", 150_000_000, "Có"],
      [2, list.rows[2]!.modelName, "", ""],
      ["", "Thôn Trung Chính", "", ""],
      [3, "Mô hình ba", 0, "Có"],
    ]);
    for (const row of [top, top + 3]) {
      expect(excel.workbook.sheet(sheet).merges).toContainEqual({ row, col: 1, rows: 1, cols: 3 });
      expect(excel.workbook.cell(sheet, a1(row, 1)).bold).toBe(true);
    }
    expect(excel.workbook.sheet(sheet).rowHeights.get(top + 2)).toBeGreaterThan(20);
  });

  it("keeps text as text, even when it starts with =, and numbers as numbers", async () => {
    const report = unitsReport(2, 1, (i) => (i === 0 ? '=HYPERLINK("http://x","bấm")' : "+84 Thôn Một"));
    await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    for (const text of ['=HYPERLINK("http://x","bấm")', "+84 Thôn Một", "- =Ghi chú bắt đầu bằng dấu bằng"]) {
      const p = find(excel.workbook, text);
      const cell = excel.workbook.cell(SHEET, a1(p.row, p.col));
      expect([cell.value, cell.formula, cell.numberFormat, cell.valueType]).toEqual([text, null, "@", "String"]);
    }
    const total = excel.workbook.cell(SHEET, a1(find(excel.workbook, "Tổng cộng").row, 2));
    expect([total.value, total.valueType]).toEqual([3, "Double"]);
  });

  it("leaves the page setup alone (Excel 2019 has no Worksheet.pageLayout) and says so, for the pane to tell the officer how to print", async () => {
    const pulled = await pullReports(api(() => unitsReport(3)), choice, ["units"], {}, OFFICER);
    expect(pulled.printSetup).toBe(false);
    expect(excel.workbook.sheet(SHEET).pageLayout).toEqual(defaultPageLayout());
  });

  it("keeps its two charts beside the document, outside the print area", async () => {
    const report = unitsReport(3);
    await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    const charts = excel.workbook.charts(SHEET);
    expect(charts.map((c) => [c.type, c.title.text])).toEqual([
      ["ColumnStacked", "Số mô hình theo lĩnh vực của từng đơn vị"],
      ["BarClustered", "Kết quả xét duyệt: số mô hình ở từng trạng thái"],
    ]);
    const right = docOf(report).printArea.right;
    for (const chart of charts) expect(chart.source!.rect.col).toBeGreaterThan(right);
    expect(excel.workbook.chartSeries(charts[1]!).map((s) => s.values)).toEqual([REVIEW_STATES.map((s) => (s === "registered" ? 6 : 0))]);
  });

  it("a second pull replaces only that sheet: the officer's sheets and the other tables stay", async () => {
    excel.workbook.setValues("Sheet1", "A1", [["ghi chú riêng"]]);
    const matrix = { ...unitsReport(1), title: "Tổng hợp theo lĩnh vực và cấp" };
    await pullReports(api(() => matrix), choice, ["matrix"], {}, OFFICER);
    const matrixBefore = excel.workbook.describe();
    await pullReports(api(() => unitsReport(5, 1)), choice, ["units"], {}, OFFICER);
    const second = unitsReport(2, 10, (i) => `Phường ${i}`);
    await pullReports(api(() => second), choice, ["units"], {}, OFFICER);
    expectDrawn(excel.workbook, docOf(second));
    expect(() => find(excel.workbook, "Xã số 4")).toThrow();
    // Nothing of the first pull below the new document, beside it only the charts' figures.
    const doc = docOf(second);
    const used = excel.workbook.sheet(SHEET).usedRect(true)!;
    expect(used.row + used.rows).toBeLessThanOrEqual(Math.max(doc.rows.length, doc.table.header.top + 21 + REVIEW_STATES.length + 1));
    expect(excel.workbook.sheet(SHEET).merges.length).toBe(doc.merges.length);
    expect(excel.workbook.charts(SHEET)).toHaveLength(2);
    expect(excel.workbook.rangeValues("Sheet1", "A1:A1")).toEqual([["ghi chú riêng"]]);
    const sheetsOf = (d: object) => (d as { sheets: { name: string }[] }).sheets.find((s) => s.name === REPORT_NAMES.matrix);
    expect(sheetsOf(excel.workbook.describe())).toEqual(sheetsOf(matrixBefore));
  });

  it("refuses a sheet of that name the officer made, and takes an empty one or an earlier version's", async () => {
    excel.workbook.addSheet(SHEET);
    excel.workbook.setValues(SHEET, "A1", [["số liệu của tôi"]]);
    await expect(pullReports(api(() => unitsReport(2)), choice, ["units"], {}, OFFICER)).rejects.toThrow(/do bạn tạo, không phải của phần bổ trợ/);
    expect(excel.workbook.rangeValues(SHEET, "A1:B1")).toEqual([["số liệu của tôi", ""]]);
    expect(excel.workbook.charts(SHEET)).toHaveLength(0);

    // An empty sheet of that name is taken, and marked as the add-in's.
    excel.workbook.deleteSheet(excel.workbook.sheet(SHEET));
    excel.workbook.addSheet(SHEET);
    await pullReports(api(() => unitsReport(2)), choice, ["units"], {}, OFFICER);
    expect(excel.workbook.names.filter((n) => n.name === REPORT_SHEET_MARK).map((n) => [n.scopeSheetId, n.visible])).toEqual([[excel.workbook.sheet(SHEET).id, false]]);
    // Pulled again, the sheet keeps its one mark.
    await pullReports(api(() => unitsReport(3)), choice, ["units"], {}, OFFICER);
    expect(excel.workbook.names.filter((n) => n.name === REPORT_SHEET_MARK)).toHaveLength(1);
  });

  it("replaces a report sheet of an earlier version (an Excel table Bieu_units) with the document", async () => {
    const old = excel.workbook.addSheet(SHEET);
    excel.workbook.setValues(SHEET, "A4", [["Đơn vị", "Tổng số mô hình"], ["Xã cũ", 9]]);
    excel.workbook.addTable(old, { row: 3, col: 0, rows: 2, cols: 2 }, true, "Bieu_units");
    old.frozenRows = 4;
    const report = unitsReport(2);
    await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    expect(excel.workbook.tables.map((t) => t.name)).not.toContain("Bieu_units");
    expect(() => find(excel.workbook, "Xã cũ")).toThrow();
    expect(old.frozenRows).toBe(0);
    expectDrawn(excel.workbook, docOf(report));
  });

  it.each([10, 2000])("takes the same Excel round trips for %i rows as for 10, and about as many operations", async (n) => {
    await pullReports(api(() => unitsReport(3)), choice, ["units"], {}, OFFICER);
    const replace = async (rows: number) => {
      excel.counters.reset();
      await pullReports(api(() => unitsReport(rows)), choice, ["units"], {}, OFFICER);
      return { syncs: excel.counters.syncCount, operations: excel.counters.operationCount, payload: excel.counters.maxPayloadBytes };
    };
    const ten = await replace(10);
    const many = await replace(n);
    // Look at the sheet, read what is on it, write the document.
    expect(ten.syncs).toBe(3);
    expect(many.syncs).toBe(ten.syncs);
    // Formats go by rectangles, values by blocks of 500 rows: a handful more, never one per row.
    expect(many.operations - ten.operations).toBeLessThanOrEqual(Math.ceil(n / 500) + 2);
    expect(many.payload).toBeLessThan(5 * 1024 * 1024);
    // The last rows are drawn like the first (the whole document is checked above for small ones).
    const doc = docOf(unitsReport(n));
    const totals = doc.table.totalsRow!;
    expect(excel.workbook.rangeValues(SHEET, `A${totals}:C${totals + 1}`)).toEqual([[n, `Xã số ${n - 1}`, n], ["", "Tổng cộng", (n * (n + 1)) / 2]]);
    const last = excel.workbook.cell(SHEET, a1(totals - 1, 1));
    expect([last.numberFormat, last.wrapText, last.bold, last.fontName, last.borderBottom?.style]).toEqual(["@", true, false, "Times New Roman", "Continuous"]);
    expect([excel.workbook.cell(SHEET, a1(totals - 1, 15)).numberFormat, excel.workbook.cell(SHEET, a1(totals, 2)).bold]).toEqual(["#,##0", true]);
  }, 30_000);
});

describe("a pulled units table at ExcelApi 1.9 (Office 2021 and later, Microsoft 365, the web)", () => {
  const excel = useExcel("1.9");

  it("prints on A4 landscape, one page wide, the column headers on every page, centred, numbered pages", async () => {
    const report = unitsReport(40);
    const pulled = await pullReports(api(() => report), choice, ["units"], {}, OFFICER);
    expect(pulled).toEqual({ tables: 1, printSetup: true });
    const doc = docOf(report);
    const layout = excel.workbook.sheet(SHEET).pageLayout;
    expect(layout).toMatchObject({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerHorizontally: true,
      printArea: { row: 0, col: 0, rows: doc.rows.length, cols: doc.columnWidths.length },
      printTitleRows: doc.printTitleRows,
    });
    expect(layout.headerFooter.centerFooter).toMatch(/&10Trang &P\/&N$/);
    expect(layout.headerFooter.centerFooter).toContain('&"Times New Roman,Regular"');
    const m = doc.page.margins;
    expect([layout.leftMargin, layout.rightMargin, layout.topMargin, layout.bottomMargin, layout.headerMargin, layout.footerMargin]).toEqual(
      [m.left, m.right, m.top, m.bottom, m.header, m.footer].map((inches) => expect.closeTo(inches * 72, 6)),
    );
    // The header rows repeated are the two rows of grouped headers.
    expect(excel.workbook.rangeValues(SHEET, `A${doc.printTitleRows.first + 1}:A${doc.printTitleRows.first + 1}`)).toEqual([["STT"]]);
    expect(doc.printTitleRows.last - doc.printTitleRows.first).toBe(1);
    expectDrawn(excel.workbook, doc);
  });

  it("takes three round trips to replace a sheet, as at 1.8", async () => {
    await pullReports(api(() => unitsReport(3)), choice, ["units"], {}, OFFICER);
    excel.counters.reset();
    await pullReports(api(() => unitsReport(2000)), choice, ["units"], {}, OFFICER);
    expect(excel.counters.syncCount).toBe(3);
  }, 30_000);
});
