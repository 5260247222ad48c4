import { describe, expect, it } from "vitest";
import { blockAsOneRow, keptText, keptTogether, type KeptSpan } from "../../shared/kept-together.ts";
import { reportDocument, resolveDocumentDetails, type SheetDocument } from "../../shared/report-document.ts";
import type { Report } from "../../shared/schemas/report.ts";

// The closing block as one row (Excel and LibreOffice split pages between rows, never
// inside one): the lines each writer puts in it, and the document the pane draws.

const REPORT: Report = {
  title: "Tổng hợp đăng ký mô hình theo đơn vị – Năm 2026",
  scope: { id: 7, name: "Xã Hà Giang", kind: "commune", parentName: "Huyện Hà Trung" },
  generatedAt: "2026-06-30T03:00:00.000Z",
  asOf: null,
  campaign: { title: "Năm 2026", year: 2026, planRef: null },
  plan: null,
  columns: [
    { key: "orgUnitName", label: "Đơn vị" },
    { key: "collective", label: "Tập thể", type: "integer" },
    { key: "individual", label: "Cá nhân", type: "integer" },
  ],
  rows: [{ orgUnitName: "Đoàn Thanh niên", collective: 1, individual: 1 }],
  totals: { orgUnitName: "Tổng cộng", collective: 1, individual: 1 },
  notes: [],
};
const doc = reportDocument(REPORT, resolveDocumentDetails(REPORT, { head: "Lê Văn Bình" }, "Vũ Thị Lan"));
const texts = (span: KeptSpan) => span.parts.map((p) => [p.text, p.lines]);

describe("the closing block kept together", () => {
  it("is each span's rows, the room to sign as blank lines, as tall as the rows", () => {
    const block = keptTogether(doc)!;
    const { top, bottom } = doc.keepTogether!;
    expect(block.top).toBe(top);
    expect(bottom).toBe(doc.rows.length - 1);
    const [left, right] = block.spans;
    expect([left!.left, right!.right]).toEqual([0, doc.columnWidths.length - 1]);
    expect(right!.left).toBe(left!.right + 1);
    // 72 points of room at 11 points a line (1.36 × 11 ≈ 15): five blank lines.
    expect(texts(left!)).toEqual([["", 1], ["NGƯỜI LẬP BIỂU", 1], ["(Ký, ghi rõ họ tên)", 1], ["", 5], ["Vũ Thị Lan", 1]]);
    expect(texts(right!)).toEqual([["Hà Giang, ngày 30 tháng 6 năm 2026", 1], ["THỦ TRƯỞNG ĐƠN VỊ", 1], ["(Ký, ghi rõ họ tên)", 1], ["", 5], ["Lê Văn Bình", 1]]);
    expect(right!.parts.map((p) => Boolean(p.style.bold))).toEqual([false, true, false, false, true]);
    expect(right!.parts[0]!.style.italic).toBe(true);
    expect(keptText(left!)).toBe("\nNGƯỜI LẬP BIỂU\n(Ký, ghi rõ họ tên)\n\n\n\n\n\nVũ Thị Lan");
    const heights = doc.rows.slice(top).map((r) => r.height ?? null);
    expect(heights).toContain(72);
    expect(block.height).toBeGreaterThan(72 + 4 * 15);
  });

  it("as drawn by the pane: one row of plain lines, bold, at the foot of the print area", () => {
    const drawn = blockAsOneRow(doc);
    const { top, bottom } = doc.keepTogether!;
    expect(drawn.keepTogether).toBeUndefined();
    expect(drawn.rows).toHaveLength(doc.rows.length - (bottom - top));
    expect(drawn.rows.slice(0, top)).toEqual(doc.rows.slice(0, top));
    const row = drawn.rows[top]!;
    expect(row.height).toBe(keptTogether(doc)!.height);
    const [left, right] = keptTogether(doc)!.spans;
    expect(row.cells[left!.left]).toEqual({
      value: "\nNGƯỜI LẬP BIỂU\n(Ký, ghi rõ họ tên)\n\n\n\n\n\nVũ Thị Lan",
      style: { bold: true, size: 12, align: "center", valign: "top", wrap: true },
    });
    expect(String(row.cells[right!.left]!.value).split("\n")[0]).toBe("Hà Giang, ngày 30 tháng 6 năm 2026");
    expect(row.cells.filter((c) => c !== null)).toHaveLength(2);
    expect(drawn.merges.filter((m) => m.top >= top)).toEqual([
      { top, bottom: top, left: left!.left, right: left!.right },
      { top, bottom: top, left: right!.left, right: right!.right },
    ]);
    expect(drawn.merges.filter((m) => m.top < top)).toEqual(doc.merges.filter((m) => m.top < top));
    expect(drawn.printArea).toEqual({ ...doc.printArea, bottom: top });
  });

  it("keeps a side one column wide, which has no merge (a narrow table's)", () => {
    const narrow: Report = { ...REPORT, columns: [{ key: "collective", label: "Tập thể", type: "integer" }], rows: [{ collective: 1 }], totals: { collective: 1 } };
    const small = reportDocument(narrow, resolveDocumentDetails(narrow, { head: "Lê Văn Bình" }, "Vũ Thị Lan"));
    const { top, bottom } = small.keepTogether!;
    const sides = keptTogether(small)!.spans;
    expect(sides.map((s) => s.parts.at(-1)!.text)).toEqual(["Vũ Thị Lan", "Lê Văn Bình"]);
    expect(sides.some((s) => s.left === s.right && !small.merges.some((m) => m.top >= top && m.top <= bottom && m.left === s.left))).toBe(true);
    const row = blockAsOneRow(small).rows[top]!;
    expect(row.cells.filter((c) => c !== null).map((c) => String(c!.value).split("\n").at(-1))).toEqual(["Vũ Thị Lan", "Lê Văn Bình"]);
  });

  it("moves what lies below the block up, and leaves a document without one as it is", () => {
    const { top, bottom } = doc.keepTogether!;
    const after = { cells: doc.columnWidths.map((_, c) => (c === 0 ? { value: "Nơi nhận", style: {} } : null)) };
    const longer: SheetDocument = {
      ...doc,
      rows: [...doc.rows, after],
      merges: [...doc.merges, { top: bottom + 1, bottom: bottom + 1, left: 0, right: 2 }],
      printArea: { ...doc.printArea, bottom: bottom + 1 },
      rowBreaks: [2, bottom + 1],
    };
    const drawn = blockAsOneRow(longer);
    expect(drawn.rows[top + 1]).toEqual(after);
    expect(drawn.merges.at(-3)).toEqual({ top: top + 1, bottom: top + 1, left: 0, right: 2 });
    expect(drawn.printArea.bottom).toBe(top + 1);
    expect(drawn.rowBreaks).toEqual([2, top + 1]);
    const plain: SheetDocument = { ...doc, keepTogether: undefined };
    expect(blockAsOneRow(plain)).toBe(plain);
    expect(keptTogether(plain)).toBeNull();
  });
});
