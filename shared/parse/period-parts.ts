import { daysInMonth, toIso } from "./calendar.ts";

// The grammar of one time expression ("tháng 6/2023", "Quý II", "25/3/2023"…), read from
// folded text (see prepare() in period.ts). A range is two of these joined by a connector.

/** Both bounds known: what one time expression, or a range of two, always gives. */
export interface ClosedSpan {
  start: string;
  end: string;
}

/** A span, or why the text cannot be one: a clause that follows the quoted cell. */
export type Built = { span: ClosedSpan } | { reason: string };

export type PartKind = "day" | "month" | "quarter" | "half" | "year" | "schoolYear" | "number";

export interface Part {
  kind: PartKind;
  /** Null when the text leaves the year out ("tháng 4", "6 tháng đầu năm"). */
  year: number | null;
  /** Four digits and nothing else: "2023" but not "năm 2023". */
  bareYear: boolean;
  build(year: number): Built;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

function inYears(years: readonly number[], build: () => Built): Built {
  return years.every((y) => y >= MIN_YEAR && y <= MAX_YEAR) ? build() : { reason: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}` };
}

function months(y: number, first: number, last: number): Built {
  return inYears([y], () => ({ span: { start: toIso(y, first, 1), end: toIso(y, last, daysInMonth(y, last)) } }));
}

const MONTH_REASON = "tháng phải từ 1 đến 12";

function day(d: number, m: number) {
  return (y: number): Built =>
    inYears([y], () => {
      if (m < 1 || m > 12) return { reason: MONTH_REASON };
      const last = daysInMonth(y, m);
      if (d < 1) return { reason: `ngày phải từ 1 đến ${last}` };
      if (d > last) return { reason: `tháng ${m}/${y} chỉ có ${last} ngày` };
      const iso = toIso(y, m, d);
      return { span: { start: iso, end: iso } };
    });
}

function month(m: number) {
  return (y: number): Built => (m >= 1 && m <= 12 ? months(y, m, m) : { reason: MONTH_REASON });
}

const QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

function quarter(token: string) {
  const q = QUARTERS[token];
  return (y: number): Built => (q === undefined ? { reason: "quý phải từ I đến IV" } : months(y, 3 * q - 2, 3 * q));
}

/** Vietnamese school years run from September to the end of May (the summer is not part of it). */
function schoolYear(second: number) {
  return (first: number): Built =>
    inYears([first, second], () =>
      second === first + 1
        ? { span: { start: toIso(first, 9, 1), end: toIso(second, 5, 31) } }
        : { reason: "năm học phải gồm hai năm liền nhau, ví dụ “Năm học 2022-2023”" },
    );
}

type Rule = [RegExp, (g: readonly string[]) => Omit<Part, "bareYear"> & { bareYear?: boolean }];

const year = (s: string | undefined) => (s === undefined ? null : Number(s));
const int = (s: string | undefined) => Number(s ?? NaN);
/** "/", "-" or "." between month or quarter and year, or the words "năm". */
const OF_YEAR = "(?:[/.-]|,? nam )";

const RULES: readonly Rule[] = [
  [/^(?:ngay ?)?(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/, (g) => ({ kind: "day", year: year(g[4]), build: day(int(g[1]), int(g[3])) })],
  [/^(?:ngay ?)?(\d{1,2}) thang (\d{1,2}),? nam (\d{4})$/, (g) => ({ kind: "day", year: year(g[3]), build: day(int(g[1]), int(g[2])) })],
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (g) => ({ kind: "day", year: year(g[1]), build: day(int(g[3]), int(g[2])) })],
  // Without a year, "-" is left out: "3-12" may as well be "tháng 3-12".
  [/^(?:ngay ?)?(\d{1,2})[/.](\d{1,2})$/, (g) => ({ kind: "day", year: null, build: day(int(g[1]), int(g[2])) })],
  [new RegExp(`^(?:thang ?|t)(\\d{1,2})${OF_YEAR}(\\d{4})$`), (g) => ({ kind: "month", year: year(g[2]), build: month(int(g[1])) })],
  [/^(\d{1,2})[/.-](\d{4})$/, (g) => ({ kind: "month", year: year(g[2]), build: month(int(g[1])) })],
  [/^(?:thang ?|t)(\d{1,2})$/, (g) => ({ kind: "month", year: null, build: month(int(g[1])) })],
  [new RegExp(`^(?:quy ?|q)([ivx]+|\\d{1,2})${OF_YEAR}(\\d{4})$`), (g) => ({ kind: "quarter", year: year(g[2]), build: quarter(g[1] ?? "") })],
  [/^(?:quy ?|q)([ivx]+|\d{1,2})$/, (g) => ({ kind: "quarter", year: null, build: quarter(g[1] ?? "") })],
  [
    /^(?:(?:6|sau) thang|nua) (dau|cuoi) nam(?: (\d{4}))?$/,
    (g) => ({ kind: "half", year: year(g[2]), build: (y) => (g[1] === "dau" ? months(y, 1, 6) : months(y, 7, 12)) }),
  ],
  [/^(?:ca )?nam (\d{4})$/, (g) => ({ kind: "year", year: year(g[1]), build: (y) => months(y, 1, 12) })],
  [/^(\d{4})$/, (g) => ({ kind: "year", year: year(g[1]), bareYear: true, build: (y) => months(y, 1, 12) })],
  [/^ca nam$/, () => ({ kind: "year", year: null, build: (y) => months(y, 1, 12) })],
  [/^nam hoc (\d{4}) ?[-/] ?(\d{4})$/, (g) => ({ kind: "schoolYear", year: year(g[1]), build: schoolYear(int(g[2])) })],
  // A lone number is a month only beside a month: the "3" of "3 - 12/2023".
  [/^(\d{1,2})$/, (g) => ({ kind: "number", year: null, build: month(int(g[1])) })],
];

/** One time expression, after an optional leading word from `prefixes` ("từ ", "hết "…). */
export function parsePart(text: string, prefixes: readonly string[] = []): Part | null {
  const prefix = prefixes.find((p) => text.startsWith(p));
  const s = prefix === undefined ? text : text.slice(prefix.length);
  for (const [pattern, make] of RULES) {
    const m = pattern.exec(s);
    if (m) return { bareYear: false, ...make(m) };
  }
  return null;
}
