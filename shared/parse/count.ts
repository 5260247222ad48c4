import { foldText } from "../text.ts";
import { type Cell, type ParseResult, cellText, fail, notACell, ok, quote } from "./result.ts";

const HINT = "hãy ghi một số nguyên người, ví dụ “120” hoặc “khoảng 1.200 người”; để trống nếu chưa biết";

/** The largest headcount the server takes (PRODUCT.md: a whole number of people). */
export const MAX_PARTICIPANTS = 100_000_000;

// A headcount is written like a sum of money without its units: "120", "1.200",
// "khoảng 1.200 người", "trên 300 hộ" (households are people here: what the unit wrote).
const QUALIFIER = /^(?:du kien|uoc tinh|khoang|chung|xap xi|tren|hon|gan|it nhat|toi thieu)\s+/;
const UNIT = /\s*(?:nguoi|luot nguoi|luot|ho|thanh vien|doan vien|hoi vien|dang vien|cong dan)$/;

/**
 * "Số người tham gia": a whole number, with thousands written 1.200 or 1,200, an
 * optional qualifier and unit word; empty means not known (null).
 */
export function parseHeadcount(cell: Cell): ParseResult<number | null> {
  const refused = notACell<number | null>(cell);
  if (refused) return refused;
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell >= 0 && cell <= MAX_PARTICIPANTS) return ok(cell);
    return fail("out_of_range", `Số người tham gia phải là số nguyên từ 0 đến 100.000.000, không phải ${cell}: ${HINT}.`);
  }
  const text = cellText(cell);
  if (text === "" || /^[-\u2010-\u2015\u2212]+$/.test(text)) return ok(null);
  const folded = foldText(text).replace(QUALIFIER, "").replace(UNIT, "").trim();
  // Thousands separators only: 1.200, 1,200, 12.000.000 — never a decimal.
  if (/^\d{1,3}(?:([.,])\d{3})?(?:\1\d{3})*$/.test(folded) || /^\d+$/.test(folded)) {
    const n = Number(folded.replace(/[.,]/g, ""));
    if (Number.isSafeInteger(n) && n <= MAX_PARTICIPANTS) return ok(n);
  }
  return fail("invalid_value", `Không hiểu số người tham gia ${quote(text)}: ${HINT}.`);
}
