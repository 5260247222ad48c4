import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderXlsx } from "../../worker/reports/xlsx.ts";
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
const decode = (xml: string) =>
  xml.replace(/&(quot|apos|lt|gt|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" } as Record<string, string>)[name]!,
  );

describe("the XLSX of a report document", async () => {
  const bytes = await renderXlsx(doc, SHEET, report.title);
  const files = unzipSync(bytes);
  const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
  const workbook = strFromU8(files["xl/workbook.xml"]!);
  const strings = [...strFromU8(files["xl/sharedStrings.xml"]!).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => decode(m[1]!));

  it("holds every cell of the model, with its style, merges and widths", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws).toBeDefined();
    doc.rows.forEach((row, r) => {
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
    const merges = [...sheet.matchAll(/<mergeCell ref="([A-Z]+\d+:[A-Z]+\d+)"\/>/g)].map((m) => m[1]);
    expect(new Set(merges)).toEqual(new Set(doc.merges.map(range)));
    expect(merges).toHaveLength(doc.merges.length);
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
      "_xlnm.Print_Area": `'${SHEET}'!$A$1:$F$${doc.rows.length}`,
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
