import { foldText } from "../text.ts";
import { daysInMonth, excelSerialToIso, formatDay, fromIso } from "./calendar.ts";
import { MAX_YEAR, MIN_YEAR, type Part, type Span, parsePart } from "./period-parts.ts";
import { type Cell, type ParseResult, cellText, notACell, fail, ok, quote } from "./result.ts";

export type { Span } from "./period-parts.ts";

export interface PeriodOptions {
  /** The campaign's year, for texts that leave it out ("6 tháng đầu năm", "cả năm"). */
  defaultYear?: number;
}

const HINT =
  "hãy ghi theo một trong các cách “25/3/2023”, “tháng 6/2023”, “Quý II/2023”, “năm 2023”, " +
  "“6 tháng đầu năm 2023”, “Năm học 2022-2023”, hoặc một khoảng như “tháng 3/2023 - tháng 11/2023”";

// Excel serials taken as days: 2000-01-01 to 2099-12-31. Anything else in a date column is
// more likely a typo or a stray number than a day.
export const FIRST_PLAUSIBLE_SERIAL = 36526;
export const LAST_PLAUSIBLE_SERIAL = 73050;

type Outcome = { span: Span } | { reason: string } | ParseResult<Span>;

/** Folded, with every dash as "-" and no spaces around "/", so the grammar stays small. */
function prepare(text: string): string {
  return foldText(text)
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/\s*\/\s*/g, "/")
    .replace(/\s*[.;,]$/, "");
}

function plausibleYear(y: unknown): number | null {
  return typeof y === "number" && Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

function missingYear(q: string): ParseResult<Span> {
  return fail("invalid_period", `Thời gian ${q} chưa ghi năm: hãy ghi rõ năm, ví dụ “6 tháng đầu năm 2023” hoặc “tháng 6/2023”.`);
}

function single(part: Part, defaultYear: number | null, q: string): Outcome {
  if (part.kind === "number") return { reason: HINT };
  const y = part.year ?? defaultYear;
  return y === null ? missingYear(q) : part.build(y);
}

/** The year a part lends to the other side of "Từ tháng 4 đến tháng 12/2023". */
const lent = (p: Part) => (p.kind === "schoolYear" ? null : p.year);

function range(left: Part, right: Part, dash: boolean, defaultYear: number | null, q: string): Outcome {
  const lone = (p: Part, other: Part) => p.kind === "number" && other.kind !== "month";
  if (lone(left, right) || lone(right, left)) return { reason: HINT };
  // "2022-2023" is how school years are written too; "từ 2022 đến 2023" is not.
  const [y1, y2] = [left.year, right.year];
  if (dash && left.kind === "year" && right.kind === "year" && right.bareYear && y1 !== null && y2 === y1 + 1) {
    return fail(
      "invalid_period",
      `Không rõ thời gian ${q}: có thể là năm học ${y1}-${y2} hoặc cả hai năm ${y1} và ${y2}; ` +
        `hãy ghi “Năm học ${y1}-${y2}” hoặc “Năm ${y1} - năm ${y2}”.`,
    );
  }
  const ly = left.year ?? lent(right) ?? defaultYear;
  const ry = right.year ?? lent(left) ?? defaultYear;
  if (ly === null || ry === null) return missingYear(q);
  const a = left.build(ly);
  if (!("span" in a)) return a;
  const b = right.build(ry);
  if (!("span" in b)) return b;
  const span = { start: a.span.start, end: b.span.end };
  if (span.start > span.end) {
    return fail(
      "start_after_end",
      `Thời gian ${q} bắt đầu (${formatDay(span.start)}) sau khi kết thúc (${formatDay(span.end)}): ` +
        `hãy ghi thời điểm bắt đầu trước, thời điểm kết thúc sau.`,
    );
  }
  return { span };
}

const CONNECTOR = /\s*-\s*|\s+(?:den|toi)\s+/g;

/**
 * A whole expression, else a range: every connector is tried as the split point, since
 * "-" also sits inside "25-3-2023" and "Năm học 2022-2023"; readings that agree are one.
 */
function read(s: string, defaultYear: number | null, q: string): Outcome {
  const whole = parsePart(s, ["trong "]);
  if (whole) return single(whole, defaultYear, q);
  const spans = new Map<string, Span>();
  let problem: Outcome | null = null;
  for (const m of s.matchAll(CONNECTOR)) {
    const left = parsePart(s.slice(0, m.index), ["tu "]);
    const right = parsePart(s.slice(m.index + m[0].length), ["het "]);
    if (!left || !right) continue;
    const outcome = range(left, right, m[0].trim() === "-", defaultYear, q);
    if ("span" in outcome) spans.set(`${outcome.span.start}/${outcome.span.end}`, outcome.span);
    else problem ??= outcome;
  }
  const [first, ...others] = spans.values();
  if (first && others.length === 0) return { span: first };
  if (first) return { reason: `có thể hiểu theo nhiều cách; ${HINT}` };
  return problem ?? { reason: HINT };
}

function dayOfSerial(n: number): string | null {
  return n >= FIRST_PLAUSIBLE_SERIAL && n < LAST_PLAUSIBLE_SERIAL + 1 ? excelSerialToIso(n) : null;
}

function fromNumber(n: number, q: string): ParseResult<Span> {
  const y = plausibleYear(n);
  if (y !== null) return ok({ start: `${y}-01-01`, end: `${y}-12-31` });
  const day = dayOfSerial(n);
  if (day !== null) return ok({ start: day, end: day });
  return fail(
    "invalid_period",
    `Không hiểu thời gian ${q}: số này không phải một năm (${MIN_YEAR}–${MAX_YEAR}) ` +
      `hay một ngày của Excel (từ năm 2000 đến 2099); ${HINT}.`,
  );
}

/** A date cell that lost its format (pasted as text, a CSV) shows its serial: "45017". */
const SERIAL_TEXT = /^[1-9]\d{4}$/;

/** `{ start, end }`, ISO days, both inclusive. */
export function parsePeriod(cell: Cell, options?: PeriodOptions): ParseResult<Span> {
  const refused = notACell<Span>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  const q = quote(text);
  if (typeof cell === "number") return fromNumber(cell, q);
  if (text === "") return fail("required", `Chưa ghi thời gian thực hiện và hoàn thành: ${HINT}.`);
  if (SERIAL_TEXT.test(text)) return fromNumber(Number(text), q);
  const outcome = typeof cell === "boolean" ? { reason: HINT } : read(prepare(text), plausibleYear(options?.defaultYear), q);
  if ("span" in outcome) return ok(outcome.span);
  if ("reason" in outcome) return fail("invalid_period", `Không hiểu thời gian ${q}: ${outcome.reason}.`);
  return outcome;
}

const DAY_HINT = "hãy ghi ngày/tháng/năm, ví dụ “25/3/2023”";

/** One day, for "Ngày nộp"; an empty cell is null because the column is optional. */
export function parseDay(cell: Cell): ParseResult<string | null> {
  const refused = notACell<string | null>(cell);
  if (refused) return refused;
  const text = cellText(cell);
  const q = quote(text);
  const unclear = fail<string | null>("invalid_date", `Không hiểu ngày ${q}: ${DAY_HINT}.`);
  const serial = typeof cell === "number" ? cell : SERIAL_TEXT.test(text) ? Number(text) : null;
  if (serial !== null) {
    const day = dayOfSerial(serial);
    return day !== null ? ok(day) : fail("invalid_date", `Không hiểu ngày ${q}: số này không phải một ngày của Excel từ năm 2000 đến 2099; ${DAY_HINT}.`);
  }
  if (text === "") return ok(null);
  if (typeof cell === "boolean") return unclear;
  const part = parsePart(prepare(text));
  if (part?.kind !== "day") return unclear;
  if (part.year === null) return fail("invalid_date", `Ngày ${q} chưa ghi năm: ${DAY_HINT}.`);
  const built = part.build(part.year);
  return "span" in built ? ok(built.span.start) : fail("invalid_date", `Không hiểu ngày ${q}: ${built.reason}.`);
}

const ROMAN = ["", "I", "II", "III", "IV"];

/**
 * The most natural text for a span, which parsePeriod reads back as the same span. A
 * September–May span stays "Tháng 9/2022 - Tháng 5/2023" rather than becoming a school
 * year, so a sheet never shows a reading the officer did not write.
 */
export function formatPeriod(period: Span): string {
  const a = fromIso(period?.start);
  const b = fromIso(period?.end);
  if (!a || !b) return `${String(period?.start)} - ${String(period?.end)}`;
  if (period.start === period.end) return formatDay(period.start);
  if (a.d !== 1 || b.d !== daysInMonth(b.y, b.m)) return `${formatDay(period.start)} - ${formatDay(period.end)}`;
  if (a.y === b.y) {
    if (a.m === 1 && b.m === 12) return `Năm ${a.y}`;
    if (a.m === 1 && b.m === 6) return `6 tháng đầu năm ${a.y}`;
    if (a.m === 7 && b.m === 12) return `6 tháng cuối năm ${a.y}`;
    if (a.m === b.m) return `Tháng ${a.m}/${a.y}`;
    if (a.m % 3 === 1 && b.m === a.m + 2) return `Quý ${ROMAN[(a.m + 2) / 3]}/${a.y}`;
  } else if (a.m === 1 && b.m === 12) {
    return `Năm ${a.y} - Năm ${b.y}`;
  }
  return `Tháng ${a.m}/${a.y} - Tháng ${b.m}/${b.y}`;
}
