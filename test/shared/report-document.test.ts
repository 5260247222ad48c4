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
import { asOfLabel, parseAsOf, REPORT_NAMES, REPORT_TABLES } from "../../shared/reports.ts";
import { endOfVietnamDay } from "../../shared/vietnam-time.ts";
import { formsDocument, moneyText, periodLabel, type RegistrationForm } from "../../shared/print-documents.ts";
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

  it("leaves out of print a column too wide for it, and keeps a column within its width", () => {
    const others = Array.from({ length: 6 }, (_, i) => ({ key: `t${i}`, label: `Cột ${i}` }));
    const listed = report({
      columns: [{ key: "modelName", label: "Tên mô hình", maxWidth: 20 }, ...others, { key: "description", label: "Thuyết minh", print: false }],
      rows: [
        {
          modelName: "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
          ...Object.fromEntries(others.map((c) => [c.key, "Một nội dung khá dài cho đủ rộng"])),
          description: "x".repeat(4000),
        },
      ],
      totals: undefined,
    });
    const doc = reportDocument(listed, resolveDocumentDetails(listed));
    expect(values(doc)[7]).toEqual(["STT", "Tên mô hình", ...others.map((c) => c.label)]);
    expect(values(doc).flat()).not.toContain("x".repeat(4000));
    expect(doc.columnWidths[1]).toBe(20);
    // 80 characters in a column of 20: four lines or more.
    expect(doc.rows[8]!.height).toBeGreaterThanOrEqual(Math.ceil(4 * 11 * 1.3));
  });

  it("takes other lines under the title and other signature blocks (a judge's scoring sheet)", () => {
    const doc = reportDocument(report(), resolveDocumentDetails(report()), {
      lines: ["Thành viên hội đồng thẩm định: Lê Văn Bình"],
      signatures: { left: null, right: { title: "THÀNH VIÊN HỘI ĐỒNG", name: "Lê Văn Bình" } },
    });
    const v = values(doc);
    expect(v[5]![0]).toBe("Thành viên hội đồng thẩm định: Lê Văn Bình");
    expect(v.flat()).not.toContain("Số liệu tính đến ngày 01/07/2026");
    expect(v.slice(-4)).toEqual([
      [_, _, "THÀNH VIÊN HỘI ĐỒNG", _, _],
      [_, _, "(Ký, ghi rõ họ tên)", _, _],
      [_, _, _, _, _],
      [_, _, "Lê Văn Bình", _, _],
    ]);
  });
});

describe("as of a moment", () => {
  const now = new Date("2026-07-01T03:00:00Z"); // 10:00 on 1 July in Vietnam

  it("takes a day as the end of that day in Vietnam, and a date-time (Vietnam time without an offset) as that instant", () => {
    expect(parseAsOf("2025-06-30", now)).toEqual({ ok: true, instant: "2025-06-30T16:59:59.999Z" });
    expect(endOfVietnamDay("2024-12-31")).toBe("2024-12-31T16:59:59.999Z");
    expect(parseAsOf("2025-06-30T23:59:59+07:00", now)).toEqual({ ok: true, instant: "2025-06-30T16:59:59.000Z" });
    expect(parseAsOf("2025-06-30T10:00", now)).toEqual({ ok: true, instant: "2025-06-30T03:00:00.000Z" });
    expect(parseAsOf("2025-06-30T10:00:00.5Z", now)).toEqual({ ok: true, instant: "2025-06-30T10:00:00.500Z" });
    expect(parseAsOf(" 2026-07-01 ", now)).toEqual({ ok: true, instant: "2026-07-01T16:59:59.999Z" });
  });

  it("refuses, in Vietnamese, what is not a moment, what does not exist, and what is after today", () => {
    const refused = (text: string) => {
      const r = parseAsOf(text, now);
      return r.ok ? null : r.message;
    };
    expect(refused("30/06/2025")).toMatch(/^Ngày tính số liệu \(asOf\) không đúng dạng: cần ngày dạng YYYY-MM-DD/);
    expect(refused("2025-6-30")).toMatch(/không đúng dạng/);
    expect(refused("2025-02-29")).toBe("Ngày tính số liệu (asOf) “2025-02-29” không có thật.");
    expect(refused("2024-02-29")).toBeNull();
    expect(refused("2025-06-30T24:00")).toMatch(/không có thật/);
    expect(refused("2026-07-02")).toBe("Ngày tính số liệu (asOf) không được sau hôm nay (01/07/2026).");
    expect(refused("2026-07-01T18:00:00+07:00")).toBeNull();
    expect(refused("2026-07-01T17:00:00Z")).toMatch(/không được sau hôm nay/);
    expect(refused("1999-12-31")).toMatch(/từ năm 2000/);
  });

  it("names the moment as officials would", () => {
    expect(asOfLabel("2025-06-30T16:59:59.999Z")).toBe("hết ngày 30/06/2025");
    expect(asOfLabel("2025-06-30T03:15:00.000Z")).toBe("10:15 ngày 30/06/2025");
  });
});

describe("the registration form", () => {
  const form: RegistrationForm = {
    kind: "collective",
    year: 2023,
    bodyAbove: "Xã Hà Giang",
    unit: "Thôn Trung Chính",
    recipient: "Ủy ban nhân dân xã Hà Giang",
    planLine: "Thực hiện Kế hoạch số 97-KH/ĐU của xã Hà Giang về “Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023”.",
    unitName: "Chi bộ thôn Trung Chính",
    address: null,
    personName: null,
    position: null,
    orgUnitName: "Thôn Trung Chính",
    modelName: "Dân vận khéo trong vận động nhân dân hiến đất",
    fieldLabel: "Kinh tế",
    expectedBenefit: 1_200_000_000,
    period: "01/03/2023 – 30/11/2023",
    levelLabel: "Cấp cơ sở",
    place: "Hà Giang",
    day: { day: 20, month: 3, year: 2023 },
    signer: null,
  };

  it("has the seed's items in order, the national name beside the unit, and the signature block", () => {
    const doc = formsDocument([form]);
    const text = doc.rows.map((r) => r.cells.filter((c) => c?.value !== null && c?.value !== undefined).map((c) => c!.value));
    expect(text.filter((t) => t.length > 0)).toEqual([
      ["XÃ HÀ GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
      ["THÔN TRUNG CHÍNH", "Độc lập - Tự do - Hạnh phúc"],
      ["ĐĂNG KÝ"],
      ["XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2023"],
      ["(Tập thể)"],
      ["Kính gửi: Ủy ban nhân dân xã Hà Giang"],
      ["Đơn vị: Chi bộ thôn Trung Chính"],
      ["Địa chỉ: ……………………………"],
      [form.planLine],
      ["Đơn vị đăng ký thực hiện mô hình “Dân vận khéo” năm 2023 như sau:"],
      ["1. Tên mô hình, điển hình “Dân vận khéo” đăng ký xây dựng:"],
      ["Dân vận khéo trong vận động nhân dân hiến đất"],
      ["2. Lĩnh vực của mô hình đăng ký: Kinh tế"],
      ["3. Giá trị dự kiến làm lợi từ công trình đăng ký (nếu có): 1.200.000.000 đồng"],
      ["4. Thời gian thực hiện và hoàn thành: 01/03/2023 – 30/11/2023"],
      ["5. Đăng ký mô hình cấp: Cấp cơ sở"],
      ["Hà Giang, ngày 20 tháng 3 năm 2023"],
      ["ĐẠI DIỆN LÃNH ĐẠO CƠ QUAN, ĐƠN VỊ"],
      ["(Ký và ghi rõ họ, tên)"],
      ["……………………………"],
    ]);
    expect(doc.page).toMatchObject({ paperSize: "A4", orientation: "portrait", fitToPage: false });
    expect(doc.printTitleRows).toBeNull();
    expect(doc.rowBreaks).toEqual([]);
    expect(doc.font.name).toBe("Times New Roman");
  });

  it("puts each form on its own page, the individual form with the person's lines", () => {
    const person: RegistrationForm = { ...form, kind: "individual", personName: "Nguyễn Văn Thắng", position: "Trưởng thôn", signer: "Nguyễn Văn Thắng" };
    const doc = formsDocument([form, person, form]);
    const first = formsDocument([form]).rows.length;
    const second = formsDocument([person]).rows.length;
    expect(doc.rows).toHaveLength(2 * first + second);
    expect(doc.rowBreaks).toEqual([first - 1, first + second - 1]);
    const values = doc.rows.flatMap((r) => r.cells.map((c) => c?.value ?? null));
    for (const line of ["(Cá nhân)", "Họ và tên: Nguyễn Văn Thắng", "Chức vụ, nhiệm vụ được giao: Trưởng thôn", "Đơn vị: Thôn Trung Chính", "Tôi đăng ký thực hiện mô hình “Dân vận khéo” năm 2023 như sau:", "NGƯỜI ĐĂNG KÝ"]) {
      expect(values).toContain(line);
    }
    expect(formsDocument([]).rows.flatMap((r) => r.cells.map((c) => c?.value))).toContain("Không có đăng ký nào để in trong phạm vi này.");
  });

  it("writes money and periods as a form does", () => {
    expect(moneyText(1_500_000)).toBe("1.500.000 đồng");
    expect(moneyText(0)).toBe("0 đồng");
    expect(moneyText(null)).toBe("Không");
    expect(periodLabel("Quý II/2023", "2023-04-01", "2023-06-30")).toBe("Quý II/2023");
    expect(periodLabel(null, "2023-04-01", "2023-06-30")).toBe("01/04/2023 – 30/06/2023");
    expect(periodLabel(null, "2023-04-01", null)).toBe("từ 01/04/2023");
    expect(periodLabel(null, null, null)).toBeNull();
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
