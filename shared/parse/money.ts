import { foldText } from "../text.ts";
import { type Cell, type ParseResult, cellText, notACell, fail, ok, quote } from "./result.ts";

// Amounts are computed in BigInt: "1,2 tỷ" must be exactly 1.200.000.000, and a sum of
// parts must be checked against MAX_SAFE_INTEGER before it becomes a number.

const HINT =
  "hãy ghi số tiền bằng đồng, ví dụ “1.500.000”, “1,5 tỷ”, “500 triệu đồng” " +
  "hoặc “khoảng 500 triệu”; để trống hoặc ghi “không” nếu không có";

/** Folded texts that mean "no expected benefit", besides a lone dash. */
const NONE = new Set([
  "khong",
  "khong co",
  "chua co",
  "khong xac dinh",
  "chua xac dinh",
  "khong xac dinh duoc",
  "chua xac dinh duoc",
]);

/** "-", "–", "—" (any dash, repeated or not): how a form leaves an optional item blank. */
const DASHES = /^[-\u2010-\u2015\u2212]+$/;

// A rough sum keeps its qualifier in the cell, and the figure is the number written
// (PRODUCT.md "Registration"). At most an estimate word then a bound word, so
// "dự kiến khoảng 1 tỷ" reads and "khoảng khoảng 1 tỷ" does not. Longer words first.
const ESTIMATE = /^(?:du kien|du tinh|uoc tinh|uoc)(?: dat)?(?: ?: ?| |$)/;
const BOUND =
  /^(?:khoang chung|khoang|chung|xap xi|tren duoi|tren|hon|gan|duoi|toi thieu|toi da|it nhat|khong duoi|khong qua)(?: ?: ?| |$)/;

/** The amount after its qualifiers, and whether there were any. */
function withoutQualifier(s: string): { amount: string; qualified: boolean } {
  const estimate = ESTIMATE.exec(s);
  const rest = estimate ? s.slice(estimate[0].length) : s;
  const bound = BOUND.exec(rest);
  const amount = bound ? rest.slice(bound[0].length) : rest;
  return { amount, qualified: amount !== s };
}

const UNITS: Record<string, bigint> = {
  ty: 1_000_000_000n,
  ti: 1_000_000_000n,
  trieu: 1_000_000n,
  nghin: 1_000n,
  ngan: 1_000n,
};

/** "VNĐ", "vnd", "đồng", "đ" once folded. */
const CURRENCY = /\s*(?:vnd|dong|d)$/;
const UNIT_PART = /\s*([\d.,]+)\s*(ty|ti|trieu|nghin|ngan)(?![a-z])/y;

/** digits / 10^scale */
interface Decimal {
  digits: bigint;
  scale: number;
}

/**
 * A number written with Vietnamese or English separators. "1.500" is 1500 on its own
 * (1,5 đồng would make no sense) but before "tỷ" it could be 1,5 or 1.500, so it is
 * refused there rather than guessed.
 */
function readNumber(token: string, beforeUnit: boolean): Decimal | "ambiguous" | null {
  if (/^\d+$/.test(token)) return { digits: BigInt(token), scale: 0 };
  const grouped = /^\d{1,3}([.,])\d{3}(?:\1\d{3})*$/.exec(token);
  if (grouped) {
    const groups = token.split(grouped[1] ?? "").length - 1;
    if (beforeUnit && groups === 1) return "ambiguous";
    return { digits: BigInt(token.replace(/[.,]/g, "")), scale: 0 };
  }
  const groupedWithDecimals = /^(\d{1,3}(?:\.\d{3})+),(\d+)$/.exec(token) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d+)$/.exec(token);
  const decimal = groupedWithDecimals ?? /^(\d+)[.,](\d+)$/.exec(token);
  if (decimal) {
    const whole = (decimal[1] ?? "").replace(/[.,]/g, "");
    const fraction = decimal[2] ?? "";
    return { digits: BigInt(whole + fraction), scale: fraction.length };
  }
  return null;
}

type Amount = bigint | "unclear" | "ambiguous" | "fraction";

/** Parts like "1 tỷ 200 triệu": units strictly decreasing, each later part below its elder's unit. */
function readUnits(s: string): Amount {
  let total = 0n;
  let previousUnit: bigint | null = null;
  let parts = 0;
  let fractional = false;
  UNIT_PART.lastIndex = 0;
  while (UNIT_PART.lastIndex < s.length) {
    const start = UNIT_PART.lastIndex;
    const m = UNIT_PART.exec(s);
    if (!m || m.index !== start) return "unclear";
    const number = readNumber(m[1] ?? "", true);
    const unit = UNITS[m[2] ?? ""];
    if (number === "ambiguous") return "ambiguous";
    if (number === null || unit === undefined) return "unclear";
    if (previousUnit !== null && (unit >= previousUnit || number.digits * unit >= previousUnit)) return "unclear";
    fractional ||= number.scale > 0;
    const scale = 10n ** BigInt(number.scale);
    const value = number.digits * unit;
    if (value % scale !== 0n) return "fraction";
    total += value / scale;
    previousUnit = unit;
    parts += 1;
  }
  // "1,5 tỷ 200 triệu" mixes two ways of writing and is more likely a typo than meant.
  if (parts === 0 || (parts > 1 && fractional)) return "unclear";
  return total;
}

function readAmount(s: string): Amount {
  const plain = /^\d{1,3}(?: \d{3})+$/.test(s) ? s.replace(/ /g, "") : s;
  if (/^[\d.,]+$/.test(plain)) {
    const number = readNumber(plain, false);
    if (number === null || number === "ambiguous") return "unclear";
    const scale = 10n ** BigInt(number.scale);
    return number.digits % scale === 0n ? number.digits / scale : "fraction";
  }
  return readUnits(s);
}

function checked(value: bigint, q: string): ParseResult<number | null> {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
    return fail("invalid_money", `Số tiền ${q} quá lớn: tối đa 9.007.199.254.740.991 đồng.`);
  }
  return ok(Number(value));
}

/**
 * Integer VND, or null when the cell says there is none (empty, "không", "-", "chưa xác
 * định"). A qualifier before the amount ("khoảng", "dự kiến", "trên"…) is read past: the
 * figure is the amount written.
 */
export function parseMoneyVnd(cell: Cell): ParseResult<number | null> {
  const refused = notACell<number | null>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  const q = quote(text);
  const unclear = fail<number | null>("invalid_money", `Không hiểu số tiền ${q}: ${HINT}.`);
  const negative = fail<number | null>("invalid_money", `Số tiền ${q} là số âm: số tiền phải từ 0 đồng trở lên.`);
  const fraction = fail<number | null>("invalid_money", `Số tiền ${q} có phần lẻ dưới 1 đồng: hãy ghi số đồng chẵn.`);
  if (typeof cell === "number") {
    if (!Number.isFinite(cell)) return unclear;
    if (cell < 0) return negative;
    if (!Number.isInteger(cell)) return fraction;
    return cell > Number.MAX_SAFE_INTEGER ? checked(BigInt(cell), q) : ok(cell + 0);
  }
  if (typeof cell === "boolean") return unclear;
  if (text === "") return ok(null);
  const folded = foldText(text);
  if (NONE.has(folded) || DASHES.test(folded)) return ok(null);
  const { amount: s, qualified } = withoutQualifier(folded);
  if (qualified && s === "") return fail("invalid_money", `Chưa ghi số tiền trong ${q}: ${HINT}.`);
  if (/^[-−]\s*\d/.test(s)) return negative;
  const amount = readAmount(s.replace(CURRENCY, ""));
  if (amount === "unclear") return unclear;
  if (amount === "fraction") return fraction;
  if (amount === "ambiguous") {
    return fail(
      "invalid_money",
      `Không rõ số tiền ${q}: dấu chấm hoặc phẩy trước “tỷ”, “triệu”, “nghìn” có thể là dấu thập phân ` +
        `hoặc dấu phân cách hàng nghìn; hãy ghi ví dụ “1,5 tỷ” hoặc “1.500.000.000 đồng”.`,
    );
  }
  return checked(amount, q);
}

/** "1.500.000 đ"; "" for null (an empty cell is how a sheet says "none"). */
export function formatMoneyVnd(n: number | null): string {
  if (n === null || n === undefined) return "";
  if (!Number.isSafeInteger(n) || n < 0) return String(n);
  return `${String(n + 0).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} đ`;
}
