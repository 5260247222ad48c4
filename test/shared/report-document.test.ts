import { describe, expect, it } from "vitest";
import {
  type CellRange,
  type ReportDocument,
  placeAndDate,
  placeName,
  reportDocument,
  resolveDocumentDetails,
  vietnamDay,
} from "../../shared/report-document.ts";
import { REPORT_NAMES, REPORT_TABLES } from "../../shared/reports.ts";
import type { Report } from "../../shared/schemas/report.ts";

// The official document as data: every cell of a small table with groups, sub-headings,
// totals and notes, its merges, print titles and page, checked without a spreadsheet.

function report(over: Partial<Report> = {}): Report {
  return {
    title: "Tổng hợp đăng ký mô hình theo đơn vị – Năm 2026",
    scope: { id: 7, name: "Xã Hà Giang", kind: "commune", parentName: "Huyện Hà Trung" },
    // 18:30 UTC on 30 June is already 1 July in Vietnam.
    generatedAt: "2026-06-30T18:30:00.000Z",
    asOf: null,
    campaign: { title: "Năm 2026", year: 2026, planRef: "Kế hoạch số 113-KH/ĐU ngày 23/02/2023" },
    plan: null,
    columns: [
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "collective", label: "Tập thể", type: "integer", group: "Loại" },
      { key: "individual", label: "Cá nhân", type: "integer", group: "Loại" },
      { key: "expectedBenefit", label: "Giá trị (đồng)", type: "money" },
    ],
    rows: [
      { heading: "Thôn Trung Chính" },
      { orgUnitName: "Chi hội Nông dân thôn Trung Chính", collective: 1, individual: 0, expectedBenefit: 1_500_000 },
      { orgUnitName: '=HYPERLINK("http://x")', collective: 0, individual: 2, expectedBenefit: null },
      { heading: "Thôn Đông Môn" },
      { orgUnitName: "Đoàn Thanh niên", collective: 1, individual: 1, expectedBenefit: 0 },
    ],
    totals: { orgUnitName: "Tổng cộng", collective: 2, individual: 3, expectedBenefit: 1_500_000 },
    notes: ["Không tính đăng ký đã xóa."],
    ...over,
  };
}

const values = (doc: ReportDocument) => doc.rows.map((r) => r.cells.map((c) => c?.value ?? null));
const cell = (doc: ReportDocument, row: number, col: number) => doc.rows[row]!.cells[col]!;
const r = (top: number, left: number, bottom: number, right: number): CellRange => ({ top, left, bottom, right });
const _ = null;

describe("the official document of a report", () => {
  const doc = reportDocument(report(), resolveDocumentDetails(report(), {}, "Vũ Thị Lan"));

  it("puts every value where the official layout has it", () => {
    const title = "TỔNG HỢP ĐĂNG KÝ MÔ HÌNH THEO ĐƠN VỊ – NĂM 2026";
    const dots = "……………………………";
    expect(values(doc)).toEqual([
      ["HUYỆN HÀ TRUNG", _, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _, _],
      ["XÃ HÀ GIANG", _, "Độc lập - Tự do - Hạnh phúc", _, _],
      [_, _, _, _, _],
      [title, _, _, _, _],
      ["Thực hiện Kế hoạch số 113-KH/ĐU ngày 23/02/2023", _, _, _, _],
      ["Số liệu tính đến ngày 01/07/2026", _, _, _, _],
      [_, _, _, _, _],
      ["STT", "Đơn vị", "Loại", _, "Giá trị (đồng)"],
      [_, _, "Tập thể", "Cá nhân", _],
      [_, "Thôn Trung Chính", _, _, _],
      [1, "Chi hội Nông dân thôn Trung Chính", 1, 0, 1_500_000],
      [2, '=HYPERLINK("http://x")', 0, 2, _],
      [_, "Thôn Đông Môn", _, _, _],
      [3, "Đoàn Thanh niên", 1, 1, 0],
      [_, "Tổng cộng", 2, 3, 1_500_000],
      [_, _, _, _, _],
      ["Ghi chú:", _, _, _, _],
      ["- Không tính đăng ký đã xóa.", _, _, _, _],
      [_, _, _, _, _],
      [_, _, "Hà Giang, ngày 01 tháng 7 năm 2026", _, _],
      ["NGƯỜI LẬP BIỂU", _, "THỦ TRƯỞNG ĐƠN VỊ", _, _],
      ["(Ký, ghi rõ họ tên)", _, "(Ký, ghi rõ họ tên)", _, _],
      [_, _, _, _, _],
      ["Vũ Thị Lan", _, dots, _, _],
    ]);
  });

  it("merges the blocks, the title lines, the grouped header and the sub-headings, and nothing else", () => {
    expect(doc.merges).toEqual([
      r(0, 0, 0, 1), r(0, 2, 0, 4),
      r(1, 0, 1, 1), r(1, 2, 1, 4),
      r(3, 0, 3, 4), r(4, 0, 4, 4), r(5, 0, 5, 4),
      r(7, 0, 8, 0), r(7, 1, 8, 1), r(7, 2, 7, 3), r(7, 4, 8, 4),
      r(9, 1, 9, 4), r(12, 1, 12, 4),
      r(16, 0, 16, 4), r(17, 0, 17, 4),
      r(19, 2, 19, 4),
      r(20, 0, 20, 1), r(20, 2, 20, 4), r(21, 0, 21, 1), r(21, 2, 21, 4), r(22, 0, 22, 1), r(22, 2, 22, 4), r(23, 0, 23, 1), r(23, 2, 23, 4),
    ]);
    // A merged range holds its value in the top-left cell only.
    for (const m of doc.merges) {
      for (let row = m.top; row <= m.bottom; row++) {
        for (let col = m.left; col <= m.right; col++) if (row !== m.top || col !== m.left) expect(doc.rows[row]!.cells[col]?.value ?? null).toBeNull();
      }
    }
  });

  it("styles it as officials print it", () => {
    expect(doc.font).toEqual({ name: "Times New Roman", size: 11 });
    expect(cell(doc, 0, 0).style).toMatchObject({ align: "center" });
    expect(cell(doc, 0, 0).style.bold).toBeUndefined();
    expect(cell(doc, 1, 0).style).toMatchObject({ bold: true, align: "center" });
    expect(cell(doc, 0, 2).style).toMatchObject({ bold: true, align: "center" });
    expect(cell(doc, 1, 2).style).toMatchObject({ bold: true, underline: true, align: "center" });
    expect(cell(doc, 3, 0).style).toMatchObject({ bold: true, align: "center", size: 14 });
    for (const row of [4, 5, 19]) expect(cell(doc, row, row === 19 ? 2 : 0).style).toMatchObject({ italic: true, align: "center" });
    // Every cell of the table, header to totals, has its border; nothing outside has one.
    doc.rows.forEach((row, i) =>
      row.cells.forEach((c) => expect(Boolean(c?.style.border)).toBe(i >= 7 && i <= 14)),
    );
    for (const col of [0, 1, 2, 3, 4]) expect(cell(doc, 7, col).style).toMatchObject({ bold: true, align: "center", valign: "middle", wrap: true });
    for (const col of [2, 3]) expect(cell(doc, 8, col).style).toMatchObject({ bold: true, wrap: true });
    expect(cell(doc, 9, 1).style).toMatchObject({ bold: true });
    for (const row of [10, 11, 13, 14]) {
      for (const col of [2, 3, 4]) if (typeof cell(doc, row, col).value === "number") expect(cell(doc, row, col).style.numberFormat).toBe("#,##0");
      expect(Boolean(cell(doc, row, 1).style.bold)).toBe(row === 14);
      expect(cell(doc, row, 0).style.align).toBe("center");
    }
    for (const col of [0, 1, 2, 3, 4]) expect(cell(doc, 14, col).style.bold).toBe(true);
    expect(cell(doc, 16, 0).style).toMatchObject({ bold: true, italic: true });
    expect(cell(doc, 17, 0).style).toMatchObject({ wrap: true });
    for (const col of [0, 2]) {
      expect(cell(doc, 20, col).style).toMatchObject({ bold: true, align: "center" });
      expect(cell(doc, 21, col).style).toMatchObject({ italic: true, align: "center" });
      expect(cell(doc, 23, col).style).toMatchObject({ bold: true, align: "center" });
    }
    expect(doc.rows[22]!.height).toBeGreaterThanOrEqual(60);
  });

  it("prints on A4 landscape, one page wide, the column headers on every page", () => {
    expect(doc.printTitleRows).toEqual({ first: 7, last: 8 });
    expect(doc.printArea).toEqual(r(0, 0, 23, 4));
    expect(doc.table).toEqual({ header: r(7, 0, 8, 4), body: r(9, 0, 13, 4), totalsRow: 14 });
    expect(doc.page).toMatchObject({ paperSize: "A4", orientation: "landscape", fitToWidth: 1, fitToHeight: 0 });
  });

  it("sizes columns: STT narrow, names wide, figures narrow, a narrow table spread over the page; wrapped headers get their height", () => {
    const figures = Array.from({ length: 20 }, (_, i) => ({ key: `n${i}`, label: i === 0 ? "Xây dựng hệ thống chính trị vững mạnh" : `Cột ${i}`, type: "integer" as const }));
    const wide = report({ columns: [{ key: "orgUnitName", label: "Đơn vị" }, ...figures], rows: [{ orgUnitName: "Xã Hà Giang (đăng ký trực tiếp)", n0: 12 }], totals: undefined });
    const w = reportDocument(wide, resolveDocumentDetails(wide));
    const [stt, name, ...rest] = w.columnWidths;
    expect(stt).toBeLessThan(8);
    expect(name).toBeGreaterThan(25);
    for (const width of rest) expect(width).toBeLessThan(10);
    expect(w.rows[w.table.header.top]!.height).toBeGreaterThan(3 * 11);

    const narrow = doc.columnWidths;
    expect(narrow.reduce((a, b) => a + b, 0)).toBeCloseTo(140, 0);
    expect(narrow[0]).toBeLessThan(8);
    expect(narrow[1]).toBeGreaterThan(narrow[2]!);
  });
});

describe("its variants", () => {
  it("has one header row when no column groups, and says so when there are no rows", () => {
    const doc = reportDocument(
      report({ columns: [{ key: "orgUnitName", label: "Đơn vị" }], rows: [], totals: undefined, notes: [] }),
      resolveDocumentDetails(report(), { head: "Lê Văn Bình" }),
    );
    const v = values(doc);
    expect(v[7]).toEqual(["STT", "Đơn vị"]);
    expect(v[8]).toEqual(["Không có số liệu", _]);
    expect(doc.printTitleRows).toEqual({ first: 7, last: 7 });
    expect(doc.table).toEqual({ header: r(7, 0, 7, 1), body: null, totalsRow: null });
    expect(v.flat()).not.toContain("Ghi chú:");
    expect(v[v.length - 1]).toEqual(["……………………………", "Lê Văn Bình"]);
  });

  it("names the scope's implementing plan when there is one, and the day the figures stand at", () => {
    const withPlan = report({
      plan: { planRef: "Kế hoạch số 97-KH/ĐU ngày 08/3/2023", orgUnitName: "Đảng ủy xã Hà Giang", deadline: "2023-03-25" },
      asOf: "2026-06-30",
    });
    const v = values(reportDocument(withPlan, resolveDocumentDetails(withPlan)));
    expect(v[4]![0]).toBe("Thực hiện Kế hoạch số 97-KH/ĐU ngày 08/3/2023 của Đảng ủy xã Hà Giang");
    expect(v[5]![0]).toBe("Số liệu tính đến ngày 30/06/2026");
    const noPlan = report({ campaign: { title: "Năm 2026", year: 2026, planRef: null }, asOf: "2026-12-31T17:00:00Z" });
    const w = values(reportDocument(noPlan, resolveDocumentDetails(noPlan)));
    expect(w[4]![0]).toBe("Số liệu tính đến ngày 01/01/2027");
    expect(w.flat().some((x) => typeof x === "string" && x.startsWith("Thực hiện"))).toBe(false);
  });

  it("numbers rows by the report's own stt when it has one, without a second STT column", () => {
    const listed = report({
      columns: [{ key: "stt", label: "STT", type: "integer" }, { key: "modelName", label: "Tên mô hình" }],
      rows: [{ stt: 1, modelName: "A" }, { heading: "Thôn Yên Bái" }, { stt: 2, modelName: "B" }],
      totals: undefined,
    });
    const v = values(reportDocument(listed, resolveDocumentDetails(listed)));
    expect(v[7]).toEqual(["STT", "Tên mô hình"]);
    expect(v.slice(8, 11)).toEqual([[1, "A"], [_, "Thôn Yên Bái"], [2, "B"]]);
  });
});

describe("document details", () => {
  it("default to the scope, its parent, its place name and the officer; the officer's choices win", () => {
    expect(resolveDocumentDetails(report(), {}, "Vũ Thị Lan")).toEqual({
      bodyAbove: "Huyện Hà Trung",
      issuer: "Xã Hà Giang",
      place: "Hà Giang",
      preparer: "Vũ Thị Lan",
      head: "",
    });
    const chosen = { bodyAbove: "Đảng ủy huyện Hà Trung", issuer: "Ban Chỉ đạo xã Hà Giang", place: "Hà Trung", preparer: " ", head: "Lê Văn Bình" };
    expect(resolveDocumentDetails(report(), chosen, "Vũ Thị Lan")).toEqual({ ...chosen, preparer: "Vũ Thị Lan" });
    const doc = reportDocument(report(), resolveDocumentDetails(report(), chosen));
    expect(values(doc)[0]![0]).toBe("ĐẢNG ỦY HUYỆN HÀ TRUNG");
    expect(values(doc)[1]![0]).toBe("BAN CHỈ ĐẠO XÃ HÀ GIANG");
    const top = reportDocument(report({ scope: { id: 1, name: "Tỉnh Thanh Hóa", kind: "province", parentName: null } }), resolveDocumentDetails(report({ scope: { id: 1, name: "Tỉnh Thanh Hóa", kind: "province", parentName: null } })));
    expect(values(top)[0]![0]).toBeNull();
  });

  it("place names drop the kind word only", () => {
    expect(["Xã Hà Giang", "Phường Ba Đình", "Thị trấn Hà Trung", "Thành phố Thanh Hóa", "Tỉnh Thanh Hóa", "Huyện Hà Trung", "Thôn Yên Bái", "Hà Giang", "Xã", "Xãhội"].map(placeName)).toEqual([
      "Hà Giang", "Ba Đình", "Hà Trung", "Thanh Hóa", "Thanh Hóa", "Hà Trung", "Yên Bái", "Hà Giang", "Xã", "Xãhội",
    ]);
  });

  it("dates follow the decree: leading zero for days below 10 and for January and February, Vietnam time", () => {
    expect(placeAndDate("Hà Giang", { day: 5, month: 2, year: 2026 })).toBe("Hà Giang, ngày 05 tháng 02 năm 2026");
    expect(placeAndDate("Hà Giang", { day: 15, month: 11, year: 2026 })).toBe("Hà Giang, ngày 15 tháng 11 năm 2026");
    expect(placeAndDate("", { day: 1, month: 3, year: 2026 })).toBe("…, ngày 01 tháng 3 năm 2026");
    expect(vietnamDay("2026-06-30T16:59:59Z")).toEqual({ day: 30, month: 6, year: 2026 });
    expect(vietnamDay("2026-06-30T17:00:00Z")).toEqual({ day: 1, month: 7, year: 2026 });
    expect(vietnamDay("2026-06-30")).toEqual({ day: 30, month: 6, year: 2026 });
  });
});

describe("the names of the tables", () => {
  it("are valid Excel sheet names, in Vietnamese, without the API's table codes", () => {
    for (const table of REPORT_TABLES) {
      const name = REPORT_NAMES[table];
      expect(name.length, name).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
      expect(name).toMatch(/^Biểu \d - \p{Lu}/u);
      for (const code of REPORT_TABLES) expect(name.toLowerCase()).not.toContain(code);
    }
    expect(REPORT_NAMES.matrix).toBe("Biểu 2 - Theo lĩnh vực và cấp");
  });
});
