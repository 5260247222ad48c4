import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Cell,
  type ParseResult,
  excelSerialToIso,
  foldText,
  formatDay,
  formatMoneyVnd,
  formatPeriod,
  isIsoDate,
  isoToExcelSerial,
  normalizeText,
  parseDay,
  parseField,
  parseKind,
  parseLevel,
  parseMoneyVnd,
  parsePeriod,
  periodText,
  PERIOD_TEXT_MAX,
  type Span,
} from "../../shared/parse.ts";
import { FIELD_PROBLEM_CODES } from "../../shared/problems.ts";
import { DEFAULT_LEVELS, FIELDS, FIELD_LABELS, KINDS, KIND_LABELS, type Level } from "../../shared/vocabulary.ts";

const RUNS = { numRuns: 300 };

// ---- arbitraries -------------------------------------------------------------------

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

const LAST_SERIAL = isoToExcelSerial("2100-12-31") ?? 0;
/** Every day from 1900-01-01 to 2100-12-31, the years parsePeriod reads from text. */
const day = fc
  .integer({ min: 1, max: LAST_SERIAL })
  .filter((n) => n !== 60)
  .map((n) => excelSerialToIso(n) ?? "");
const year = fc.integer({ min: 1900, max: 2100 });
const month = fc.integer({ min: 1, max: 12 });
const ordered = <T>(a: T, b: T): [T, T] => (a <= b ? [a, b] : [b, a]);

const monthSpan = (y: number, first: number, last: number, y2 = y) => ({ start: iso(y, first, 1), end: iso(y2, last, lastDay(y2, last)) });

/** A span of every shape formatPeriod knows, and plain day ranges. */
const period = fc.oneof(
  day.map((d) => ({ start: d, end: d })),
  fc.tuple(day, day).map(([a, b]) => ordered(a, b)).map(([start, end]) => ({ start, end })),
  fc.tuple(year, month).map(([y, m]) => monthSpan(y, m, m)),
  fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => monthSpan(y, 3 * q - 2, 3 * q)),
  fc.tuple(year, fc.boolean()).map(([y, first]) => (first ? monthSpan(y, 1, 6) : monthSpan(y, 7, 12))),
  year.map((y) => monthSpan(y, 1, 12)),
  fc.tuple(year, year).map(([a, b]) => ordered(a, b)).map(([a, b]) => monthSpan(a, 1, 12, b)),
  fc.tuple(year, month, year, month)
    .map(([y1, m1, y2, m2]) => ordered(y1 * 100 + m1, y2 * 100 + m2))
    .map(([a, b]) => monthSpan(Math.floor(a / 100), a % 100, b % 100, Math.floor(b / 100))),
  fc.integer({ min: 1900, max: 2099 }).map((y) => ({ start: iso(y, 9, 1), end: iso(y + 1, 5, 31) })),
);

/** Ongoing, an end alone, or no time limit. */
const openPeriod: fc.Arbitrary<Span> = fc.oneof(
  day.map((start) => ({ start, end: null })),
  day.map((end) => ({ start: null, end })),
  fc.constant({ start: null, end: null }),
);

/** Any span parsePeriod gives. */
const anyPeriod: fc.Arbitrary<Span> = fc.oneof(period, openPeriod);

/** One time expression as formatPeriod writes it (no range), with the span it covers. */
const onePart = fc
  .oneof(
    day.map((d) => ({ start: d, end: d })),
    fc.tuple(year, month).map(([y, m]) => monthSpan(y, m, m)),
    fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => monthSpan(y, 3 * q - 2, 3 * q)),
    fc.tuple(year, fc.boolean()).map(([y, first]) => (first ? monthSpan(y, 1, 6) : monthSpan(y, 7, 12))),
    year.map((y) => monthSpan(y, 1, 12)),
  )
  .map((p) => ({ ...p, text: formatPeriod(p) }));

/** Another way to type the same text: NFD, without diacritics, upper case, odd spacing. */
const retyped = (text: string) =>
  fc.constantFrom(
    text,
    text.normalize("NFD"),
    foldText(text),
    text.toUpperCase(),
    ` ${text.replace(/ /g, "\u00A0 ")}  `,
  );

/** The old tone placement: "hóa" → "hoá", "thủy" → "thuỷ". */
const oldTones = (s: string) =>
  s
    .normalize("NFD")
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])/g, "$1$3$2")
    .normalize("NFC");

/** A label as officers type it: each of the ways above, then letter case at random. */
function typedLabel(label: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom(label, label.normalize("NFD"), foldText(label), oldTones(label), label.replace(/ - /g, "-"), label.replace(/ /g, "  ")),
      fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    )
    .map(([text, upper]) =>
      Array.from(text)
        .map((c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase()))
        .join(""),
    );
}

/** Anything a cell, or a careless caller, could hand over. */
const anyCell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme" }),
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.anything() as fc.Arbitrary<Cell>,
);

/** Strings made of the words and numbers periods and amounts are written with. */
function wordsOf(words: readonly string[]): fc.Arbitrary<string> {
  return fc.array(fc.constantFrom(...words), { maxLength: 8 }).map((parts) => parts.join(""));
}
const periodish = wordsOf([
  "tháng ", "Tháng ", "T", "quý ", "Quý ", "Q", "năm ", "Năm học ", "từ ", "Từ ", " đến ", " tới ", " - ", " – ", "—",
  "/", "-", ".", " ", "ngày ", "6 tháng đầu năm", "6 tháng cuối năm", "cả năm", "hết ", "I", "II", "IV", "V",
  "0", "1", "2", "3", "9", "12", "13", "29", "31", "2022", "2023", "2024", "1899", "1900", "2100", "45017",
  "nay", " đến nay", " trở đi", " và những năm tiếp theo", "kể từ ", "trước ngày ", "đến hết ", "thường xuyên", "hằng năm",
  "lâu dài", ", ", " và ", "nhiệm kỳ ", "giai đoạn ",
]);
const moneyish = wordsOf([
  "0", "1", "5", "12", "500", "999", "000", ".", ",", " ", "-", "tỷ", "tỉ", "triệu", "nghìn", "ngàn", " đồng", "đ", "VNĐ",
  "không", "có", "khoảng ", "dự kiến ", "trên ", "xác định", "chưa ", "—", ":",
]);

function expectWellFormed<T>(result: ParseResult<T>): void {
  expect(typeof result.ok).toBe("boolean");
  if (!result.ok) {
    expect(FIELD_PROBLEM_CODES).toContain(result.code);
    expect(result.message.length).toBeGreaterThan(0);
  }
}

// ---- round trips -------------------------------------------------------------------

describe("formatting a value and parsing it back gives the value", () => {
  it("money, from the formatted text, the Excel number and plain digits", () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(parseMoneyVnd(formatMoneyVnd(n))).toEqual({ ok: true, value: n });
        expect(parseMoneyVnd(n)).toEqual({ ok: true, value: n });
        expect(parseMoneyVnd(String(n))).toEqual({ ok: true, value: n });
        const english = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
        expect(parseMoneyVnd(`${english} VNĐ`)).toEqual({ ok: true, value: n });
      }),
      RUNS,
    );
    expect(parseMoneyVnd(formatMoneyVnd(null))).toEqual({ ok: true, value: null });
  });

  it("money written in tỷ, triệu and nghìn", () => {
    const parts = fc.tuple(fc.integer({ min: 0, max: 9_000_000 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 }));
    fc.assert(
      fc.property(parts, fc.constantFrom("", " đồng", "đ", " VNĐ"), ([ty, trieu, nghin], unit) => {
        fc.pre(ty + trieu + nghin > 0);
        const words = [
          ty > 0 ? `${ty} tỷ` : "",
          trieu > 0 ? `${trieu} triệu` : "",
          nghin > 0 ? `${nghin} nghìn` : "",
        ].filter((w) => w !== "");
        const value = ty * 1e9 + trieu * 1e6 + nghin * 1e3;
        expect(parseMoneyVnd(words.join(" ") + unit)).toEqual({ ok: true, value });
      }),
      RUNS,
    );
  });

  it("money with a decimal comma or point before the unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 }), fc.constantFrom(",", "."), (whole, cents, sep) => {
        const value = whole * 1e9 + cents * 1e7;
        expect(parseMoneyVnd(`${whole}${sep}${pad(cents)} tỷ`)).toEqual({ ok: true, value });
      }),
      RUNS,
    );
  });

  it("periods of every shape, open ones too, however the formatted text is retyped", () => {
    fc.assert(
      fc.property(
        anyPeriod.chain((p) => fc.tuple(fc.constant(p), retyped(formatPeriod(p)))),
        ([p, text]) => {
          expect(parsePeriod(text)).toEqual({ ok: true, value: p });
        },
      ),
      RUNS,
    );
  });

  it("days, as text and as Excel serials", () => {
    fc.assert(
      fc.property(day, (d) => {
        expect(parseDay(formatDay(d))).toEqual({ ok: true, value: d });
        expect(parsePeriod(formatDay(d))).toEqual({ ok: true, value: { start: d, end: d } });
        const serial = isoToExcelSerial(d);
        expect(serial).not.toBeNull();
        expect(excelSerialToIso(serial ?? 0)).toBe(d);
        if (d >= "2000-01-01" && d <= "2099-12-31") {
          expect(parseDay(serial)).toEqual({ ok: true, value: d });
          expect(parsePeriod(serial)).toEqual({ ok: true, value: { start: d, end: d } });
        }
      }),
      RUNS,
    );
  });

  it("Excel serials, over Excel's whole calendar", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }).filter((n) => n !== 60), (n) => {
        const d = excelSerialToIso(n);
        expect(isIsoDate(d)).toBe(true);
        expect(isoToExcelSerial(d ?? "")).toBe(n);
      }),
      RUNS,
    );
  });

  it("fields, kinds and levels from their labels, typed any way", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIELDS).chain((f) => fc.tuple(fc.constant(f), typedLabel(FIELD_LABELS[f]))), ([f, text]) => {
        expect(parseField(text)).toEqual({ ok: true, value: f });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.constantFrom(...KINDS).chain((k) => fc.tuple(fc.constant(k), typedLabel(KIND_LABELS[k]))), ([k, text]) => {
        expect(parseKind(text)).toEqual({ ok: true, value: k });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.constantFrom(...DEFAULT_LEVELS).chain((l) => fc.tuple(fc.constant(l.code), typedLabel(l.label))), ([code, text]) => {
        expect(parseLevel(text)).toEqual({ ok: true, value: code });
      }),
      RUNS,
    );
  });

  it("fields, kinds and levels from their code names", () => {
    for (const f of FIELDS) expect(parseField(f)).toEqual({ ok: true, value: f });
    for (const k of KINDS) expect(parseKind(k)).toEqual({ ok: true, value: k });
    for (const l of DEFAULT_LEVELS) expect(parseLevel(l.code)).toEqual({ ok: true, value: l.code });
  });
});

// ---- robustness --------------------------------------------------------------------

describe("parsers never throw and always answer in shape", () => {
  it("for any cell", () => {
    fc.assert(
      fc.property(anyCell, fc.option(fc.integer({ min: -5000, max: 5000 })), (cell, defaultYear) => {
        expectWellFormed(parseKind(cell));
        expectWellFormed(parseField(cell));
        expectWellFormed(parseLevel(cell));
        expectWellFormed(parseMoneyVnd(cell));
        expectWellFormed(parseDay(cell));
        expectWellFormed(parsePeriod(cell, defaultYear === null ? undefined : { defaultYear }));
      }),
      { numRuns: 1000 },
    );
  });

  it("for any campaign levels", () => {
    const levels = fc.array(fc.record({ code: fc.string(), label: fc.string() }), { maxLength: 5 });
    fc.assert(
      fc.property(anyCell, levels, (cell, ls: Level[]) => {
        const result = parseLevel(cell, ls);
        expectWellFormed(result);
        if (result.ok) expect(ls.map((l) => l.code)).toContain(result.value);
      }),
      RUNS,
    );
  });

  it("formatters, for any number or text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), fc.integer()), fc.string(), fc.string(), (n, a, b) => {
        expect(typeof formatMoneyVnd(n)).toBe("string");
        expect(typeof formatDay(a)).toBe("string");
        expect(typeof formatPeriod({ start: a, end: b })).toBe("string");
        expect(excelSerialToIso(n) === null || isIsoDate(excelSerialToIso(n))).toBe(true);
        const serial = isoToExcelSerial(a);
        expect(serial === null || Number.isInteger(serial)).toBe(true);
      }),
      RUNS,
    );
  });
});

describe("what parsers accept is always sound", () => {
  it("periods: valid ISO days, start <= end, and formatting reads back the same", () => {
    fc.assert(
      fc.property(fc.oneof(periodish, anyCell), fc.option(year), (cell, defaultYear) => {
        const result = parsePeriod(cell, defaultYear === null ? undefined : { defaultYear });
        expectWellFormed(result);
        if (!result.ok) return;
        const { start, end } = result.value;
        expect(start === null || isIsoDate(start)).toBe(true);
        expect(end === null || isIsoDate(end)).toBe(true);
        if (start !== null && end !== null) expect(start <= end).toBe(true);
        expect(parsePeriod(formatPeriod(result.value))).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it("money: null or a safe non-negative integer that formats back to itself", () => {
    fc.assert(
      fc.property(fc.oneof(moneyish, anyCell), (cell) => {
        const result = parseMoneyVnd(cell);
        expectWellFormed(result);
        if (!result.ok || result.value === null) return;
        expect(Number.isSafeInteger(result.value) && result.value >= 0).toBe(true);
        expect(parseMoneyVnd(formatMoneyVnd(result.value))).toEqual(result);
      }),
      { numRuns: 2000 },
    );
  });

  it("days: null or a valid ISO day", () => {
    fc.assert(
      fc.property(fc.oneof(periodish, anyCell), (cell) => {
        const result = parseDay(cell);
        expectWellFormed(result);
        if (result.ok && result.value !== null) expect(isIsoDate(result.value)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- open periods and rough sums (PRODUCT.md "Registration") -----------------------------

/** Letter case at random, as in typedLabel. */
const anyCase = (text: string) =>
  fc
    .array(fc.boolean(), { minLength: 40, maxLength: 40 })
    .map((upper) => Array.from(text, (c, i) => (upper[i % upper.length] ? c.toUpperCase() : c.toLowerCase())).join(""));

/** `text` with diacritics or without, NFC or NFD, any case, odd spacing. */
const typedAnyWay = (text: string) => retyped(text).chain(anyCase);

describe("open periods", () => {
  const ongoing = fc.constantFrom(
    (x: string) => `từ ${x}`,
    (x: string) => `Từ ${x} đến nay`,
    (x: string) => `${x} đến nay`,
    (x: string) => `${x} - nay`,
    (x: string) => `${x} – hiện nay`,
    (x: string) => `từ ${x} trở đi`,
    (x: string) => `${x} trở đi`,
    (x: string) => `${x} và những năm tiếp theo`,
    (x: string) => `${x} và các năm tiếp theo`,
    (x: string) => `${x} và lâu dài`,
    (x: string) => `kể từ ${x}`,
    (x: string) => `bắt đầu từ ${x}`,
    (x: string) => `thường xuyên từ ${x}`,
    (x: string) => `từ ${x}, hằng năm`,
  );

  it("every ongoing phrase reads with end null and the start of the closed reading", () => {
    fc.assert(
      fc.property(
        fc.tuple(onePart, ongoing).chain(([p, phrase]) => fc.tuple(fc.constant(p), typedAnyWay(phrase(p.text)))),
        ([p, text]) => {
          expect(parsePeriod(p.text)).toEqual({ ok: true, value: { start: p.start, end: p.end } });
          expect(parsePeriod(text)).toEqual({ ok: true, value: { start: p.start, end: null } });
        },
      ),
      RUNS,
    );
  });

  it("every end written alone reads with start null and the end of the closed reading", () => {
    const until = fc.constantFrom(
      (x: string) => `đến ${x}`,
      (x: string) => `Đến hết ${x}`,
      (x: string) => `tới hết ${x}`,
      (x: string) => `cho đến hết ${x}`,
    );
    fc.assert(
      fc.property(
        fc.tuple(onePart, until).chain(([p, phrase]) => fc.tuple(fc.constant(p), typedAnyWay(phrase(p.text)))),
        ([p, text]) => {
          expect(parsePeriod(text)).toEqual({ ok: true, value: { start: null, end: p.end } });
        },
      ),
      RUNS,
    );
    fc.assert(
      fc.property(day, (d) => {
        expect(parsePeriod(`trước ngày ${formatDay(d)}`)).toEqual({ ok: true, value: { start: null, end: d } });
      }),
      RUNS,
    );
  });

  it("an open phrase takes the campaign's year like a closed one", () => {
    fc.assert(
      fc.property(year, month, (y, m) => {
        const options = { defaultYear: y };
        const closed = parsePeriod(`tháng ${m}`, options);
        expect(closed.ok).toBe(true);
        if (!closed.ok) return;
        expect(parsePeriod(`từ tháng ${m}`, options)).toEqual({ ok: true, value: { start: closed.value.start, end: null } });
        expect(parsePeriod(`đến hết tháng ${m}`, options)).toEqual({ ok: true, value: { start: null, end: closed.value.end } });
      }),
      RUNS,
    );
  });

  it("recurring words, alone or joined, typed any way, have no time limit", () => {
    const word = fc.constantFrom("thường xuyên", "hằng năm", "hàng năm", "lâu dài", "liên tục", "định kỳ", "thường niên", "hằng quý");
    const joiner = fc.constantFrom(", ", " và ", " - ", " ");
    const phrase = fc
      .tuple(fc.array(fc.tuple(joiner, word), { maxLength: 3 }), word)
      .map(([rest, first]) => first + rest.map(([j, w]) => j + w).join(""));
    fc.assert(
      fc.property(phrase.chain(typedAnyWay), (text) => {
        expect(parsePeriod(text)).toEqual({ ok: true, value: { start: null, end: null } });
      }),
      RUNS,
    );
  });

  it("an open phrase without a readable time is refused, naming what is missing", () => {
    const junk = fc.constantFrom("tháng tư", "hôm qua", "abc", "năm", "45017", "6", "tháng tư năm 2023");
    const phrase = fc.constantFrom(
      (x: string) => `từ ${x}`,
      (x: string) => `${x} đến nay`,
      (x: string) => `đến hết ${x}`,
      (x: string) => `${x} và những năm tiếp theo`,
    );
    fc.assert(
      fc.property(junk, phrase, (x, make) => {
        const text = make(x);
        const result = parsePeriod(text);
        expect(result.ok).toBe(false);
        if (result.ok) return;
        expect(result.code).toBe("invalid_period");
        expect(result.message).toContain(`“${normalizeText(text)}”`);
        expect(result.message).toMatch(/ví dụ “[^”]*\d{4}[^”]*”/);
      }),
    );
  });
});

describe("periodText", () => {
  it("is the normalised cell, at most PERIOD_TEXT_MAX long, for any cell", () => {
    const long = fc.string({ unit: "grapheme", minLength: 250, maxLength: 400 });
    fc.assert(
      fc.property(fc.oneof(periodish, anyCell, long), (cell) => {
        const text = periodText(cell);
        if (text === null) return;
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(PERIOD_TEXT_MAX);
        expect(text).toBe(normalizeText(text));
        // Cutting never leaves half of a surrogate pair that the cell had whole.
        const loneSurrogate = /[\uD800-\uDFFF]/u;
        if (typeof cell === "string" && !loneSurrogate.test(cell)) expect(loneSurrogate.test(text)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("gives back a typed period as typed, and a date serial as its day", () => {
    fc.assert(
      fc.property(anyPeriod.chain((p) => retyped(formatPeriod(p))), (text) => {
        expect(periodText(text)).toBe(normalizeText(text));
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: 36526, max: 73050 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (serial, time) => {
        const d = excelSerialToIso(serial) ?? "";
        expect(periodText(serial + time)).toBe(formatDay(d));
        expect(parsePeriod(periodText(serial + time))).toEqual({ ok: true, value: { start: d, end: d } });
      }),
      RUNS,
    );
  });
});

describe("rough sums and none", () => {
  const estimate = fc.constantFrom("dự kiến", "dự tính", "ước tính", "ước", "dự kiến đạt", "ước đạt");
  const bound = fc.constantFrom(
    "khoảng", "khoảng chừng", "chừng", "xấp xỉ", "trên", "hơn", "gần", "dưới", "trên dưới",
    "tối thiểu", "ít nhất", "tối đa", "không dưới", "không quá",
  );
  const qualifier = fc
    .tuple(fc.option(estimate), fc.constantFrom(" ", ": ", " : "), fc.option(bound))
    .filter(([e, , b]) => e !== null || b !== null)
    .map(([e, colon, b]) => (e === null ? `${b}` : b === null ? `${e}${colon}` : `${e}${colon}${b}`))
    .chain(typedAnyWay)
    // retyping may trim; the amount still follows a space
    .map((q) => `${q} `);

  /** Amounts written every way the other properties accept. */
  const amount = fc.oneof(
    fc.maxSafeNat().map((n) => formatMoneyVnd(n)),
    fc.maxSafeNat().map(String),
    fc.tuple(fc.integer({ min: 0, max: 9_000_000 }), fc.integer({ min: 1, max: 999 })).map(([ty, trieu]) => `${ty} tỷ ${trieu} triệu`),
    fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([w, c]) => `${w},${pad(c)} tỷ đồng`),
    fc.integer({ min: 1, max: 999 }).map((n) => `${n} triệu đồng`),
  );

  it("a qualifier before any accepted amount gives the amount", () => {
    fc.assert(
      fc.property(qualifier, amount, (q, a) => {
        const plain = parseMoneyVnd(a);
        expect(plain.ok && plain.value !== null).toBe(true);
        expect(parseMoneyVnd(q + a)).toEqual(plain);
      }),
      RUNS,
    );
  });

  it("a qualifier accepts exactly what is accepted without it, and never a none", () => {
    const unqualified = wordsOf([
      "0", "1", "5", "12", "500", "999", "000", ".", ",", " ", "-", "tỷ", "tỉ", "triệu", "nghìn", "ngàn", " đồng", "đ", "VNĐ",
      "không", "có", "chưa ", "xác định", "—",
    ]).filter((s) => !/^\s*(?:không|có|chưa)\b/.test(s) || parseMoneyVnd(s).ok);
    fc.assert(
      fc.property(qualifier, fc.oneof(unqualified, amount), (q, a) => {
        const plain = parseMoneyVnd(a);
        const qualified = parseMoneyVnd(q + a);
        if (plain.ok && plain.value !== null) expect(qualified).toEqual(plain);
        else expect(qualified.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("the words for none, typed any way, give null", () => {
    const none = fc
      .constantFrom("-", "—", "–", "--", "không", "không có", "chưa có", "không xác định", "chưa xác định", "chưa xác định được", "")
      .chain(typedAnyWay);
    fc.assert(
      fc.property(none, (text) => {
        expect(parseMoneyVnd(text)).toEqual({ ok: true, value: null });
      }),
      RUNS,
    );
  });
});
