import { foldText } from "../text.ts";
import { daysInMonth, excelSerialToIso, formatDay, fromIso } from "./calendar.ts";
import { type ClosedSpan, MAX_YEAR, MIN_YEAR, type Part, parsePart } from "./period-parts.ts";
import { type Cell, type ParseResult, cellText, notACell, fail, ok, quote } from "./result.ts";

export type { ClosedSpan } from "./period-parts.ts";

/**
 * ISO days, both inclusive (PRODUCT.md "Registration"). `end: null` is ongoing ("từ tháng
 * 3/2023"), `start: null` an end the unit wrote without a start ("đến hết năm 2025"), both
 * null an activity with no time limit ("thường xuyên", "hằng năm").
 */
export interface Span {
  start: string | null;
  end: string | null;
}

export interface PeriodOptions {
  /** The campaign's year, for texts that leave it out ("6 tháng đầu năm", "cả năm"). */
  defaultYear?: number;
}

const HINT =
  "hãy ghi theo một trong các cách “25/3/2023”, “tháng 6/2023”, “Quý II/2023”, “năm 2023”, " +
  "“6 tháng đầu năm 2023”, “Năm học 2022-2023”, một khoảng như “tháng 3/2023 - tháng 11/2023”, " +
  "“từ tháng 3/2023” nếu chưa có thời điểm kết thúc, hoặc “thường xuyên”";
const START_HINT =
  "hãy ghi ví dụ “từ tháng 3/2023”, “từ năm 2023 đến nay” hoặc “năm 2023 và những năm tiếp theo”";
const END_HINT =
  "hãy ghi ví dụ “đến hết tháng 12/2023”, “đến hết năm 2025” hoặc “tháng 3/2023 - tháng 12/2023”";

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

/** `years`: the text named a span of years ("nhiệm kỳ 2022-2023"), so it is no school year. */
function range(left: Part, right: Part, dash: boolean, years: boolean, defaultYear: number | null, q: string): Outcome {
  const lone = (p: Part, other: Part) => p.kind === "number" && other.kind !== "month";
  if (lone(left, right) || lone(right, left)) return { reason: HINT };
  // "2022-2023" is how school years are written too; "từ 2022 đến 2023" is not.
  const [y1, y2] = [left.year, right.year];
  if (dash && !years && left.kind === "year" && right.kind === "year" && right.bareYear && y1 !== null && y2 === y1 + 1) {
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
  const span: ClosedSpan = { start: a.span.start, end: b.span.end };
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
 * Two expressions joined by a connector: every connector is tried as the split point,
 * since "-" also sits inside "25-3-2023" and "Năm học 2022-2023"; readings that agree are
 * one. Null when no split gives two expressions.
 */
function readRange(s: string, years: boolean, defaultYear: number | null, q: string): Outcome | null {
  const spans = new Map<string, Span>();
  let problem: Outcome | null = null;
  for (const m of s.matchAll(CONNECTOR)) {
    const left = parsePart(s.slice(0, m.index), ["tu "]);
    const right = parsePart(s.slice(m.index + m[0].length), ["het "]);
    if (!left || !right) continue;
    const outcome = range(left, right, m[0].trim() === "-", years, defaultYear, q);
    if ("span" in outcome) spans.set(`${outcome.span.start}/${outcome.span.end}`, outcome.span);
    else problem ??= outcome;
  }
  const [first, ...others] = spans.values();
  if (first && others.length === 0) return { span: first };
  if (first) return { reason: `có thể hiểu theo nhiều cách; ${HINT}` };
  return problem;
}

// ---- open periods (PRODUCT.md "Registration": `end: null` means ongoing) ------------------

/** "từ", "kể từ", "bắt đầu (từ)" before the start of an ongoing period (or of a range). */
const FROM = /^(?:(?:ke |bat dau )?tu|bat dau) /;
/**
 * After the start of an ongoing period: "đến nay", "- nay", "trở đi", "về sau", "và những
 * năm tiếp theo" (the seed's own words), "và lâu dài".
 */
const ONGOING = new RegExp(
  `(?:${[
    ",? (?:den|toi) (?:nay|hien nay|hien tai|bay gio)",
    " ?- ?(?:nay|hien nay|hien tai)",
    ",? (?:tro di|tro ve sau|ve sau)",
    ",? va (?:nhung|cac) (?:nam|thang|quy) (?:tiep theo|ke tiep|tiep|sau nay|sau|toi)",
    "(?:,? va|,| -) lau dai",
  ].join("|")})$`,
);
/** "đến", "đến hết", "tới (hết)", "cho đến (hết)" before an end that has no start. */
const UNTIL = /^(?:cho )?(?:den|toi)(?: het)? /;
/**
 * "trước (ngày) 25/3/2023": the day itself still counts, as in the seed's "nộp … trước
 * ngày 25/3/2023" whose 25/3 is the campaign's last day on time. Only before a day: "trước
 * tháng 6" may or may not include June.
 */
const BEFORE = /^truoc /;
/** Now alone, which a sheet cannot date: "đến nay", "từ nay", "hiện nay". */
const NOW_ONLY = /^(?:(?:(?:ke |bat dau )?tu|den|toi) )?(?:nay|hien nay|hien tai|bay gio)$/;
/** The form's date line left as printed: "ngày   tháng   năm 2023", "ngày ... tháng ... năm …". */
const BLANK_FORM = /^ngay[ .…]*thang[ .…]*nam\b/;
/** "Nhiệm kỳ 2020-2025" (the seed), "giai đoạn 2021 - 2025": spans of years. */
const TERM = /^(?:nhiem ky|giai doan) /;

/** One bound of the span `part` covers: its start for "từ …", its end for "đến hết …". */
function bound(part: Part, side: "start" | "end", defaultYear: number | null, q: string): Outcome {
  const closed = single(part, defaultYear, q);
  if (!("span" in closed)) return closed;
  const { start, end } = closed.span;
  return { span: side === "start" ? { start, end: null } : { start: null, end } };
}

/** An ongoing period or an end alone, when the rest is one expression; else null. */
function readOpen(s: string, defaultYear: number | null, q: string): Outcome | null {
  const from = FROM.exec(s);
  const ongoing = ONGOING.exec(s);
  if (from || ongoing) {
    const part = parsePart(s.slice(from?.[0].length ?? 0, ongoing?.index ?? s.length));
    if (part?.kind === "number") return { reason: explain(s) };
    return part ? bound(part, "start", defaultYear, q) : null;
  }
  const until = UNTIL.exec(s) ?? BEFORE.exec(s);
  const part = until ? parsePart(s.slice(until[0].length)) : null;
  if (!until || !part) return null;
  if (part.kind === "number") return { reason: explain(s) };
  if (until[0].startsWith("truoc") && part.kind !== "day") {
    return {
      reason:
        "“trước” một tháng, quý hay năm không rõ có tính cả tháng, quý, năm đó hay không; " +
        "hãy ghi ví dụ “đến hết tháng 5/2023” hoặc “trước ngày 25/3/2023”",
    };
  }
  return bound(part, "end", defaultYear, q);
}

// Words for an activity with no time limit. "lâu dài" after a start is ongoing (ONGOING);
// "thường xuyên" or "hằng năm" beside a closed period is refused, since "năm 2023, thường
// xuyên" may mean regularly during 2023 or every year from 2023 on.
const FREQUENCY = "(?:(?:hang|moi) )?(?:(?:\\d{1,2}|mot|hai|ba|sau) )?(?:tuan|thang|quy|nam)";
const RECURRING = new RegExp(
  "\\b(?:thuong xuyen|lien tuc|lau dai|thuong nien|(?:hang|moi) (?:ngay|tuan|thang|quy|nam)|" +
    `(?:theo )?dinh ky(?:(?:, ?| va | ?- ?| )${FREQUENCY})*)\\b`,
  "g",
);
const JOINERS = " ,;:/-";

/** Only joiners between recurring words: ", ", " và ", " - ". */
const joinsOnly = (s: string) => s.split(/[ ,;:/-]+/).every((w) => w === "" || w === "va");

/** `s` without joiners and a lone "và" at either end. */
function trimJoiners(s: string): string {
  let [a, b] = [0, s.length];
  for (;;) {
    while (a < b && JOINERS.includes(s.charAt(a))) a++;
    while (b > a && JOINERS.includes(s.charAt(b - 1))) b--;
    if (s.startsWith("va ", a) && a + 3 <= b) a += 3;
    else if (b - a >= 3 && s.slice(b - 3, b) === " va") b -= 3;
    else return s.slice(a, b) === "va" ? "" : s.slice(a, b);
  }
}

/**
 * "" when `s` is recurring words only ("thường xuyên, lâu dài"); the rest when they lead
 * or end it ("thường xuyên từ năm 2023"); null when none stands at either end.
 */
function withoutRecurring(s: string): string | null {
  const found = Array.from(s.matchAll(RECURRING), (m) => ({ from: m.index, to: m.index + m[0].length }));
  let [head, lead] = [0, 0];
  for (const m of found) {
    if (!joinsOnly(s.slice(head, m.from))) break;
    [head, lead] = [m.to, lead + 1];
  }
  if (lead > 0 && lead === found.length && joinsOnly(s.slice(head))) return "";
  let [tail, trail] = [s.length, 0];
  for (const m of found.slice(lead).reverse()) {
    if (!joinsOnly(s.slice(m.to, tail))) break;
    [tail, trail] = [m.from, trail + 1];
  }
  return lead + trail === 0 ? null : trimJoiners(s.slice(head, tail));
}

// Connector words as officers write them, for messages.
const WORDS: Record<string, string> = {
  tu: "từ", ke: "kể", bat: "bắt", dau: "đầu", den: "đến", toi: "tới", het: "hết", cho: "cho", truoc: "trước",
};
const spelled = (folded: string) => folded.trim().split(" ").map((w) => WORDS[w] ?? w).join(" ");

/** Why `s` has no reading, naming the part that was not understood. */
function explain(s: string): string {
  const from = FROM.exec(s);
  if (from) return `không đọc được thời gian sau “${spelled(from[0])}”; ${START_HINT}`;
  if (ONGOING.test(s)) return `không đọc được thời điểm bắt đầu; ${START_HINT}`;
  const until = UNTIL.exec(s) ?? BEFORE.exec(s);
  if (until) return `không đọc được thời điểm kết thúc sau “${spelled(until[0])}”; ${END_HINT}`;
  return HINT;
}

/**
 * In order: a term of years ("nhiệm kỳ …") read as plain years; one expression; "now"
 * alone; the form's blank date line; an open period; recurring words (alone, or beside an
 * open period); a range; else why not.
 */
function read(s: string, defaultYear: number | null, q: string, years = false): Outcome {
  const term = TERM.exec(s);
  if (term && !years) return read(s.slice(term[0].length), defaultYear, q, true);
  const whole = parsePart(s, ["trong "]);
  if (whole) return single(whole, defaultYear, q);
  if (NOW_ONLY.test(s)) return { reason: `chưa ghi bắt đầu từ khi nào; ${START_HINT}` };
  if (BLANK_FORM.test(s)) {
    return { reason: "ngày và tháng còn để trống như trên mẫu; hãy ghi ví dụ “ngày 25 tháng 3 năm 2023” hoặc “tháng 3/2023”" };
  }
  const open = readOpen(s, defaultYear, q);
  if (open) return open;
  const rest = withoutRecurring(s);
  if (rest === "") return { span: { start: null, end: null } };
  if (rest !== null) {
    const withRest = readOpen(rest, defaultYear, q);
    if (withRest) return withRest;
    if (!parsePart(rest, ["trong "]) && !readRange(rest, years, defaultYear, q)) return { reason: HINT };
    return {
      reason:
        "“thường xuyên”, “hằng năm” hay “lâu dài” đi cùng một thời gian khác thì không rõ là làm " +
        "trong thời gian đó hay từ đó trở đi; hãy ghi “thường xuyên” nếu không có thời hạn, " +
        "“từ tháng 3/2023” nếu đang thực hiện, hoặc “tháng 3/2023 - tháng 11/2023”",
    };
  }
  return readRange(s, years, defaultYear, q) ?? { reason: explain(s) };
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

/** `{ start, end }`, ISO days, both inclusive, either null when the text leaves it open (see Span). */
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

/** A start as an officer would write it after "Từ": "năm 2023", "tháng 3/2023", "15/03/2023". */
function formatStart(iso: string): string {
  const a = fromIso(iso);
  if (!a || a.d !== 1) return formatDay(iso);
  return a.m === 1 ? `năm ${a.y}` : `tháng ${a.m}/${a.y}`;
}

/** An end as an officer would write it after "Đến": "hết năm 2025", "hết tháng 6/2023", "ngày 25/03/2023". */
function formatEnd(iso: string): string {
  const b = fromIso(iso);
  if (!b || b.d !== daysInMonth(b.y, b.m)) return `ngày ${formatDay(iso)}`;
  return b.m === 12 ? `hết năm ${b.y}` : `hết tháng ${b.m}/${b.y}`;
}

/**
 * The most natural text for a span, which parsePeriod reads back as the same span. A
 * September–May span stays "Tháng 9/2022 - Tháng 5/2023" rather than becoming a school
 * year, so a sheet never shows a reading the officer did not write. Open spans read
 * "Từ tháng 3/2023", "Đến hết năm 2025" and "Thường xuyên".
 */
export function formatPeriod(period: Span): string {
  const [start, end] = [period?.start, period?.end];
  if (start === null && end === null) return "Thường xuyên";
  if (typeof start === "string" && end === null) return `Từ ${formatStart(start)}`;
  if (start === null && typeof end === "string") return `Đến ${formatEnd(end)}`;
  const a = fromIso(start);
  const b = fromIso(end);
  if (!a || !b || typeof start !== "string" || typeof end !== "string") return `${String(start)} - ${String(end)}`;
  if (start === end) return formatDay(start);
  if (a.d !== 1 || b.d !== daysInMonth(b.y, b.m)) return `${formatDay(start)} - ${formatDay(end)}`;
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

/** The longest `periodText` the wire takes (PRODUCT.md "Sync contract"), in UTF-16 units as zod counts. */
export const PERIOD_TEXT_MAX = 300;

/**
 * The period cell as the unit wrote it, for reports to show beside the reading: the
 * normalised text (NFC, trimmed, spaces collapsed), a date as "dd/mm/yyyy" where Excel
 * gives its serial (or a CSV its serial's digits), cut to PERIOD_TEXT_MAX with "…" and
 * never inside a surrogate pair. Null for an empty cell or a value Excel never gives.
 */
export function periodText(cell: Cell): string | null {
  if (notACell(cell)) return null;
  const text = cellText(cell);
  const serial = typeof cell === "number" ? cell : SERIAL_TEXT.test(text) ? Number(text) : null;
  const day = serial === null || plausibleYear(serial) !== null ? null : dayOfSerial(serial);
  if (day !== null) return formatDay(day);
  if (text === "") return null;
  if (text.length <= PERIOD_TEXT_MAX) return text;
  let cut = "";
  for (const c of text) {
    if (cut.length + c.length > PERIOD_TEXT_MAX - 1) break;
    cut += c;
  }
  return `${cut.trimEnd()}…`;
}
