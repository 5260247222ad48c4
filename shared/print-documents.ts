// Single documents printed one to a page through the same document model as the
// report tables (shared/report-document.ts): the official registration form of the
// seed document ("ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM …", collective and
// individual), A4 portrait. Pure: no Excel, DOM, D1 or clock.
import {
  DOCUMENT_FONT,
  DOTS,
  Grid,
  NATIONAL_MOTTO,
  NATIONAL_NAME,
  SIZE,
  lineCount,
  placeAndDate,
  rowHeight,
  type CellStyle,
  type Day,
  type SheetDocument,
} from "./report-document.ts";
import type { Kind } from "./vocabulary.ts";

/** 2023-11-15 as officials write it: 15/11/2023. */
export function dayMonthYear(iso: string | null): string | null {
  return iso ? iso.split("-").reverse().join("/") : null;
}

/** The period as the unit wrote it, else from its dates: "01/03/2023 – 30/11/2023", "từ 01/03/2023". */
export function periodLabel(periodText: string | null, start: string | null, end: string | null): string | null {
  if (periodText) return periodText;
  const [from, to] = [dayMonthYear(start), dayMonthYear(end)];
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `từ ${from}`;
  if (to) return `đến ${to}`;
  return null;
}

/** A sum of money as the form writes it: "1.200.000.000 đồng"; none: "Không". */
export function moneyText(vnd: number | null): string {
  if (vnd === null) return "Không";
  return `${String(vnd).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đồng`;
}

/** What one printed form says, every item already in words. */
export interface RegistrationForm {
  kind: Kind;
  /** The campaign's year: "… NĂM 2023". */
  year: number;
  /** Top left: the unit above the registering unit, and the registering unit (bold). */
  bodyAbove: string;
  unit: string;
  /** "Kính gửi: …": the unit whose plan the form answers. */
  recipient: string;
  /** "Thực hiện Kế hoạch số … của … về “…”". */
  planLine: string;
  /** Collective form. */
  unitName: string | null;
  address: string | null;
  /** Individual form. */
  personName: string | null;
  position: string | null;
  /** The unit a person belongs to (individual form, "Đơn vị:"). */
  orgUnitName: string;
  modelName: string;
  fieldLabel: string;
  expectedBenefit: number | null;
  period: string | null;
  levelLabel: string;
  /** "…, ngày … tháng … năm …": the place, and the day the form was handed in. */
  place: string;
  day: Day;
  /** Who signs: the representative (collective) or the person (individual); null leaves a dotted line. */
  signer: string | null;
}

/**
 * A4 portrait at full size: 69.5 characters of the workbook's default font between
 * margins of 0.6 and 0.5 inch. The five right columns (50) hold the national name on one
 * line in bold 12-point capitals; the unit's name at the left wraps, as on paper. Wider
 * does not fit everywhere: LibreOffice without Calibri's metrics measures a character
 * wider than Excel does, and 75.5 characters already spilled onto a second page across.
 */
const COLUMN_WIDTHS = [6.5, 6.5, 6.5, 10, 10, 10, 10, 10];
const COLUMNS = COLUMN_WIDTHS.length;
const WIDTH = COLUMN_WIDTHS.reduce((a, b) => a + b, 0);
const LEFT_END = 2;

/**
 * The forms, one a page, in order: each ends with a page break, and the sheet prints at
 * full size (a sheet fitted to pages ignores manual breaks), A4 portrait.
 */
export function formsDocument(forms: readonly RegistrationForm[]): SheetDocument {
  const g = new Grid(COLUMNS);
  const last = COLUMNS - 1;
  const leftWidth = COLUMN_WIDTHS.slice(0, LEFT_END + 1).reduce((a, b) => a + b, 0);
  const rightWidth = WIDTH - leftWidth;
  const rowBreaks: number[] = [];
  const line = (text: string, style: CellStyle = {}, size: number = SIZE.text) => {
    const r = g.row();
    g.span(r, 0, last, text, { wrap: true, valign: "top", size, ...style });
    const lines = lineCount(text, WIDTH, size, style.bold, text === text.toUpperCase());
    g.atLeast(r, rowHeight(lines, size));
  };
  const right = (text: string, style: CellStyle = {}, height?: number) => {
    const r = g.row();
    g.span(r, LEFT_END + 1, last, text || null, { align: "center", wrap: true, size: SIZE.text, ...style });
    g.atLeast(r, height ?? rowHeight(lineCount(text, rightWidth, SIZE.text, style.bold, true), SIZE.text));
  };
  const blank = () => g.row();

  if (forms.length === 0) line("Không có đăng ký nào để in trong phạm vi này.", { italic: true, align: "center" });
  for (const f of forms) {
    // Issuing unit and national name, as every administrative document.
    const top = (left: string, leftStyle: CellStyle, text: string, rightStyle: CellStyle) => {
      const r = g.row();
      g.span(r, 0, LEFT_END, left || null, { align: "center", valign: "top", wrap: true, size: SIZE.text, ...leftStyle });
      g.span(r, LEFT_END + 1, last, text, { align: "center", valign: "top", wrap: true, size: SIZE.text, ...rightStyle });
      const lines = Math.max(lineCount(left, leftWidth, SIZE.text, leftStyle.bold, true), lineCount(text, rightWidth, SIZE.text, rightStyle.bold, true));
      g.atLeast(r, rowHeight(lines, SIZE.text));
    };
    top(f.bodyAbove.toUpperCase(), {}, NATIONAL_NAME, { bold: true });
    top(f.unit.toUpperCase(), { bold: true }, NATIONAL_MOTTO, { bold: true, underline: true });
    blank();
    line("ĐĂNG KÝ", { bold: true, align: "center" }, SIZE.title);
    line(`XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM ${f.year}`, { bold: true, align: "center" }, SIZE.text + 1);
    line(f.kind === "collective" ? "(Tập thể)" : "(Cá nhân)", { italic: true, align: "center" });
    blank();
    line(`Kính gửi: ${f.recipient}`, { align: "center" });
    blank();
    if (f.kind === "collective") {
      line(`Đơn vị: ${f.unitName ?? f.orgUnitName}`);
      line(`Địa chỉ: ${f.address ?? DOTS}`);
    } else {
      line(`Họ và tên: ${f.personName ?? DOTS}`);
      line(`Chức vụ, nhiệm vụ được giao: ${f.position ?? DOTS}`);
      line(`Đơn vị: ${f.orgUnitName}`);
    }
    line(f.planLine);
    line(`${f.kind === "collective" ? "Đơn vị" : "Tôi"} đăng ký thực hiện mô hình “Dân vận khéo” năm ${f.year} như sau:`);
    line("1. Tên mô hình, điển hình “Dân vận khéo” đăng ký xây dựng:", { bold: true });
    line(f.modelName);
    line(`2. Lĩnh vực của mô hình đăng ký: ${f.fieldLabel}`);
    line(`3. Giá trị dự kiến làm lợi từ công trình đăng ký (nếu có): ${moneyText(f.expectedBenefit)}`);
    line(`4. Thời gian thực hiện và hoàn thành: ${f.period ?? DOTS}`);
    line(`5. Đăng ký mô hình cấp: ${f.levelLabel}`);
    blank();
    right(placeAndDate(f.place, f.day), { italic: true });
    right(f.kind === "collective" ? "ĐẠI DIỆN LÃNH ĐẠO CƠ QUAN, ĐƠN VỊ" : "NGƯỜI ĐĂNG KÝ", { bold: true });
    right("(Ký và ghi rõ họ, tên)", { italic: true, size: SIZE.table });
    right("", {}, 72);
    right(f.signer ?? DOTS, { bold: true });
    rowBreaks.push(g.rows.length - 1);
  }
  rowBreaks.pop();
  return {
    font: { name: DOCUMENT_FONT, size: SIZE.table },
    columnWidths: [...COLUMN_WIDTHS],
    rows: g.rows,
    merges: g.merges,
    printArea: { top: 0, left: 0, bottom: g.rows.length - 1, right: last },
    printTitleRows: null,
    rowBreaks,
    page: {
      paperSize: "A4",
      orientation: "portrait",
      fitToPage: false,
      fitToWidth: 1,
      fitToHeight: 0,
      centerHorizontally: true,
      margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      footer: "",
    },
  };
}
