import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderXlsx } from "../../worker/reports/xlsx.ts";
import { decodeXml as decode, sharedStrings } from "./xlsx-strings.ts";
import { reportDocument, resolveDocumentDetails, type CellRange } from "../../shared/report-document.ts";
import type { Report } from "../../shared/schemas/report.ts";

// The XLSX writer inside workerd: every cell of the document model lands in the file as
// the model says, the page is set up to print, and no text ever becomes a formula.

const HOSTILE = ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\tTab đầu dòng", "\rCR đầu dòng"];

const report: Report = {
  title: "Tổng hợp đăng ký mô hình theo đơn vị – Năm 2026",
  scope: { id: 7, name: "Xã Hà Giang", kind: "commune", parentName: "Huyện Hà Trung" },
  generatedAt: "2026-06-30T03:00:00.000Z",
  asOf: null,
  campaign: { title: "Năm 2026", year: 2026, planRef: "Kế hoạch số 113-KH/ĐU ngày 23/02/2023" },
  plan: null,
  columns: [
    { key: "orgUnitName", label: "Đơn vị" },
    { key: "collective", label: "Tập thể", type: "integer", group: "Loại" },
    { key: "individual", label: "Cá nhân", type: "integer", group: "Loại" },
    { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money" },
    { key: "mean", label: "Điểm trung bình", type: "number" },
  ],
  rows: [
    { heading: "Thôn Trung Chính" },
    ...HOSTILE.map((name, i) => ({ orgUnitName: name, collective: i, individual: 1, expectedBenefit: 1_000_000 * i, mean: 80.25 })),
  ],
  totals: { orgUnitName: "Tổng cộng", collective: 15, individual: 6, expectedBenefit: 15_000_000, mean: null },
  notes: ["Không tính đăng ký đã xóa."],
};
const doc = reportDocument(report, resolveDocumentDetails(report, { head: "Lê Văn Bình" }, "Vũ Thị Lan"));
const SHEET = "Biểu 1 - Theo đơn vị";

const a1 = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
const range = (m: CellRange) => `${a1(m.top, m.left)}:${a1(m.bottom, m.right)}`;
describe("the XLSX of a report document", async () => {
  const bytes = await renderXlsx(doc, SHEET, report.title);
  const files = unzipSync(bytes);
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const workbook = strFromU8(files["xl/workbook.xml"]!);
  const strings = sharedStrings(strFromU8(files["xl/sharedStrings.xml"]!));

  it("holds every cell of the model, with its style, merges and widths", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws).toBeDefined();
    const together = doc.keepTogether!;
    doc.rows.forEach((row, r) => {
      if (r >= together.top) return;
      const xr = ws.getRow(r + 1);
      if (row.height !== undefined) expect(xr.height).toBe(row.height);
      row.cells.forEach((cell, c) => {
        const xc = xr.getCell(c + 1);
        const merged = doc.merges.some((m) => m.top <= r && r <= m.bottom && m.left <= c && c <= m.right && (m.top !== r || m.left !== c));
        // XML turns a bare CR into LF when read (XML 1.0, 2.11): a line break, still text.
        const expected = typeof cell?.value === "string" ? cell.value.replaceAll("\r", "\n") : (cell?.value ?? null);
        if (!merged) expect(xc.value ?? null, a1(r, c)).toEqual(expected);
        if (!cell) return;
        const { style } = cell;
        expect(xc.font?.name, a1(r, c)).toBe("Times New Roman");
        expect(xc.font?.size, a1(r, c)).toBe(style.size ?? 11);
        expect(Boolean(xc.font?.bold), a1(r, c)).toBe(Boolean(style.bold));
        expect(Boolean(xc.font?.italic), a1(r, c)).toBe(Boolean(style.italic));
        expect(Boolean(xc.font?.underline), a1(r, c)).toBe(Boolean(style.underline));
        expect(xc.alignment?.horizontal, a1(r, c)).toBe(style.align);
        expect(Boolean(xc.alignment?.wrapText), a1(r, c)).toBe(Boolean(style.wrap));
        expect(Boolean(xc.border?.top && xc.border.left && xc.border.bottom && xc.border.right), a1(r, c)).toBe(Boolean(style.border));
        if (style.numberFormat) expect(xc.numFmt, a1(r, c)).toBe(style.numberFormat);
      });
    });
    expect(ws.columns.map((c) => c.width)).toEqual(doc.columnWidths);
    // The closing block is one row: each side one merged cell whose lines are the block's
    // rows, each in its row's style, blank lines for the room to sign.
    const block = doc.rows.slice(together.top, together.bottom + 1);
    const kept = ws.getRow(together.top + 1);
    expect(kept.height).toBeGreaterThanOrEqual(block.reduce((sum, row) => sum + (row.height ?? 15), 0));
    const inBlock = doc.merges.filter((m) => m.top >= together.top && m.top <= together.bottom);
    const sides = [...new Map(inBlock.map((m) => [m.left, [m.left, m.right] as const])).values()];
    expect(sides).toHaveLength(2);
    for (const [left] of sides) {
      const { richText } = kept.getCell(left + 1).value as ExcelJS.CellRichTextValue;
      const texts = richText.map((run) => run.text.replace(/\n+$/, ""));
      expect(texts, a1(together.top, left)).toEqual(block.map((row) => (row.cells[left]?.value ?? "").toString()));
      richText.forEach((run, i) => {
        const style = block[i]!.cells[left]?.style ?? {};
        expect(run.font?.name).toBe("Times New Roman");
        expect(Boolean(run.font?.bold), `${a1(together.top, left)} run ${i}`).toBe(Boolean(style.bold));
        expect(Boolean(run.font?.italic), `${a1(together.top, left)} run ${i}`).toBe(Boolean(style.italic));
      });
      // The room to sign keeps its height as blank lines.
      expect(richText.map((r) => r.text).join("").split("\n").length).toBeGreaterThanOrEqual(block.length + 3);
    }
    const merges = [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]);
    const expected = [
      ...doc.merges.filter((m) => m.top < together.top).map(range),
      ...sides.map(([left, right]) => range({ top: together.top, left, bottom: together.top, right })),
    ];
    expect(new Set(merges)).toEqual(new Set(expected));
    expect(merges).toHaveLength(expected.length);
  });

  it("prints on A4 landscape fitted to one page wide, with the column headers on every page", () => {
    expect(sheet).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    const setup = /<pageSetup ([^>]*)\/>/.exec(sheet)![1]!;
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="1"');
    expect(setup).toContain('fitToHeight="0"');
    expect(sheet).toMatch(/<printOptions horizontalCentered="1"\/>/);
    const names = Object.fromEntries([...workbook.matchAll(/<definedName name="([^"]+)" localSheetId="0">([^<]+)<\/definedName>/g)].map((m) => [m[1], decode(m[2]!)]));
    const { first, last } = doc.printTitleRows;
    expect(names).toEqual({
      // To the closing block, made one row.
      "_xlnm.Print_Area": `'${SHEET}'!$A$1:$F$${doc.keepTogether!.top + 1}`,
      "_xlnm.Print_Titles": `'${SHEET}'!$${first + 1}:$${last + 1}`,
    });
    expect(decode(/<oddFooter>([^<]*)<\/oddFooter>/.exec(sheet)![1]!)).toContain("Trang &P/&N");
  });

  it("keeps text that looks like a formula as a string cell, as typed", () => {
    expect(sheet).not.toMatch(/<f[ >]/);
    expect(sheet).not.toMatch(/t="(str|inlineStr)"/);
    for (const text of HOSTILE) {
      const index = strings.indexOf(text);
      expect(index, JSON.stringify(text)).toBeGreaterThanOrEqual(0);
      expect(sheet).toMatch(new RegExp(`<c r="B\\d+"[^>]* t="s"><v>${index}</v></c>`));
    }
    // Every cell with a value is a number or a shared string.
    for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
      if (m[3]!.includes("<v>")) expect(m[2]!.includes('t="s"') || !m[2]!.includes(" t="), m[1]).toBe(true);
    }
  });
});
