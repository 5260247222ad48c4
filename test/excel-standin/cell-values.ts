// Excel stand-in (NOT Excel): how Excel turns what is written into a cell into a stored
// value, and a stored value back into displayed text. Mirrors the pitfalls an add-in
// meets in real Excel: "0912345678" written to a General cell becomes the number
// 912345678, "=..." becomes a formula, "TRUE" a boolean — unless the cell is formatted
// as text ("@") or the string starts with an apostrophe.

import { isErrorValue, type CellValue } from "./formula.ts";

export type { CellValue } from "./formula.ts";

/** A model-level failure; the API layer rethrows it as a RichApi-style error with this code. */
export class ModelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "StandInModelError";
  }
}

export interface StoredInput {
  value: CellValue;
  formula?: string;
  /** A number format Excel applies as a side effect (e.g. a date typed as 2024-05-01). */
  impliedNumberFormat?: string;
}

/** Milliseconds from Excel's day 0 (1899-12-30, which absorbs the 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function dateToSerial(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - EXCEL_EPOCH_MS) / 86_400_000;
}

export function serialToDate(serial: number): { year: number; month: number; day: number } {
  const d = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Regional settings that decide how typed text is read ("en-US" or "vi-VN"). */
export type InputLocale = "en-US" | "vi-VN";

interface LocaleRules {
  decimal: string;
  group: string;
  /** Order of day and month in a typed numeric date. */
  dateOrder: "mdy" | "dmy";
}

/**
 * Windows' regional formats, which Excel uses by default ("Use system separators",
 * https://learn.microsoft.com/office/vba/api/excel.application.usesystemseparators):
 * en-US 1,234.5 and m/d/yyyy; vi-VN 1.234,5 and dd/MM/yyyy (as CLDR and .NET's vi-VN culture).
 */
const LOCALES: Record<InputLocale, LocaleRules> = {
  "en-US": { decimal: ".", group: ",", dateOrder: "mdy" },
  "vi-VN": { decimal: ",", group: ".", dateOrder: "dmy" },
};

/** The built-in short-date format (numFmtId 14); the API reports it as "m/d/yyyy" in every locale (office-js#229). */
export const SHORT_DATE_FORMAT = "m/d/yyyy";

/**
 * Converts one element written to `range.values` / `range.formulas` (or typed by the user)
 * into what Excel stores. `null` never reaches here: Office.js skips null elements.
 * `locale` is how a person's typing is read; values written through the API are always
 * read as en-US ("the APIs use USA locale by default", office-js#1559).
 */
export function coerceInput(raw: unknown, numberFormat: string, locale: InputLocale = "en-US"): StoredInput {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new ModelError("InvalidArgument", `Cannot write ${raw} to a cell`);
    return { value: raw };
  }
  if (typeof raw === "boolean") return { value: raw };
  if (typeof raw !== "string") {
    throw new ModelError("InvalidArgument", `Cell values must be string, number or boolean; got ${describe(raw)}`);
  }
  if (raw === "") return { value: "" };
  // A cell formatted as Text keeps exactly what was typed.
  if (numberFormat === "@") return { value: raw };
  if (raw.startsWith("'")) return { value: raw.slice(1) };
  if (raw.startsWith("=") && raw.length > 1) return { value: "", formula: raw };
  const rules = LOCALES[locale];
  const n = parseLocaleNumber(raw, rules);
  if (n !== null) {
    const percent = raw.trim().endsWith("%");
    return percent && numberFormat === "General" ? { value: n, impliedNumberFormat: "0%" } : { value: n };
  }
  const upper = raw.toUpperCase();
  if (upper === "TRUE") return { value: true };
  if (upper === "FALSE") return { value: false };
  const serial = parseLocaleDate(raw.trim(), rules);
  if (serial !== null) {
    // Excel applies its short-date format to a General cell that receives a date.
    return numberFormat === "General" ? { value: serial, impliedNumberFormat: SHORT_DATE_FORMAT } : { value: serial };
  }
  return { value: raw };
}

/**
 * A number as typed in the locale: digits with the decimal mark, optionally grouped by
 * threes with the thousands separator, a sign, an exponent or a trailing %. Irregular
 * groupings ("1,5" in en-US, "1.5" in vi-VN) stay text here.
 */
const NUMBER_RES = new Map<LocaleRules, RegExp>();

function numberRe(rules: LocaleRules): RegExp {
  let re = NUMBER_RES.get(rules);
  if (!re) {
    const d = escapeRe(rules.decimal);
    const g = escapeRe(rules.group);
    re = new RegExp(`^([+-]?)((?:\\d{1,3}(?:${g}\\d{3})+|\\d+)(?:${d}\\d*)?|${d}\\d+)([eE][+-]?\\d+)?(%?)$`);
    NUMBER_RES.set(rules, re);
  }
  return re;
}

function parseLocaleNumber(text: string, rules: LocaleRules): number | null {
  const t = text.trim();
  const m = numberRe(rules).exec(t);
  if (!m) return null;
  const [, sign, body, exponent, percent] = m;
  const plain = body!.split(rules.group).join("").replace(rules.decimal, ".");
  const value = Number(`${sign}${plain}${exponent ?? ""}`);
  if (!Number.isFinite(value)) return null;
  return percent ? value / 100 : value;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Dates Excel recognises when typed: ISO yyyy-mm-dd in every locale, and numeric dates in
 * the locale's order (m/d/yyyy in en-US, d/m/yyyy in vi-VN) with "/" or "-". Two-digit
 * years follow Excel's default window: 00-29 -> 2000-2029, 30-99 -> 1930-1999
 * (https://learn.microsoft.com/office/troubleshoot/excel/two-digit-year-numbers).
 */
function parseLocaleDate(text: string, rules: LocaleRules): number | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) return serialIfValid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const local = /^(\d{1,2})([/-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(text);
  if (!local) return null;
  const [first, second] = [Number(local[1]), Number(local[3])];
  const [month, day] = rules.dateOrder === "mdy" ? [first, second] : [second, first];
  let year = Number(local[4]);
  if (local[4]!.length === 2) year += year < 30 ? 2000 : 1900;
  return serialIfValid(year, month, day);
}

function serialIfValid(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 9999) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return dateToSerial(year, month, day);
}

function describe(v: unknown): string {
  if (v === undefined) return "undefined";
  if (Object.prototype.toString.call(v) === "[object Date]") return "a Date object (write a string or a date serial number)";
  if (Array.isArray(v)) return "an array (a 2-D array has the wrong depth?)";
  return typeof v;
}

/** `range.valueTypes` for one stored/computed value. Excel reports every number as Double. */
export function valueTypeOf(v: CellValue): "Empty" | "String" | "Double" | "Boolean" | "Error" {
  if (v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return isErrorValue(v) ? "Error" : "String";
}

/**
 * `range.text`: the displayed text. Only a small set of number formats is rendered
 * ("General", "@", "0", "0.00", "#,##0", "#,##0.00", "0%", "0.0%", yyyy-mm-dd, dd/mm/yyyy,
 * d/m/yyyy, m/d/yyyy); any other format falls back to String(value). Separators follow
 * the locale (vi-VN: 1.500.000,5), and the short date "m/d/yyyy" (numFmtId 14) shows in
 * the locale's short-date pattern (vi-VN: dd/mm/yyyy), as Windows' regional settings do.
 */
export function displayText(v: CellValue, numberFormat: string, locale: InputLocale = "en-US"): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = numberFormat.trim();
  const lower = fmt.toLowerCase();
  if (lower === SHORT_DATE_FORMAT && locale === "vi-VN") return formatDate(v, "dd/mm/yyyy");
  if (["yyyy-mm-dd", "dd/mm/yyyy", "d/m/yyyy", "m/d/yyyy", "mm/dd/yyyy"].includes(lower)) return formatDate(v, lower);
  const text = numberText(v, fmt);
  return locale === "vi-VN" ? text.replace(/[.,]/g, (c) => (c === "." ? "," : ".")) : text;
}

function numberText(v: number, fmt: string): string {
  if (fmt === "General" || fmt === "@" || fmt === "") return generalNumber(v);
  const fixed = /^(#,##)?0(\.0+)?(%)?$/.exec(fmt);
  if (fixed) {
    const decimals = fixed[2] ? fixed[2].length - 1 : 0;
    const x = fixed[3] ? v * 100 : v;
    let s = Math.abs(x).toFixed(decimals);
    if (fixed[1]) {
      const [int, frac] = s.split(".");
      s = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ",") + (frac !== undefined ? "." + frac : "");
    }
    return (x < 0 && Number(s.replace(/,/g, "")) !== 0 ? "-" : "") + s + (fixed[3] ? "%" : "");
  }
  return generalNumber(v);
}

function formatDate(v: number, pattern: string): string {
  const { year, month, day } = serialToDate(v);
  const p2 = (n: number) => String(n).padStart(2, "0");
  switch (pattern) {
    case "yyyy-mm-dd":
      return `${year}-${p2(month)}-${p2(day)}`;
    case "dd/mm/yyyy":
      return `${p2(day)}/${p2(month)}/${year}`;
    case "d/m/yyyy":
      return `${day}/${month}/${year}`;
    case "m/d/yyyy":
      return `${month}/${day}/${year}`;
    default:
      return `${p2(month)}/${p2(day)}/${year}`;
  }
}

/** Excel's General format shows at most 11 significant characters' worth of digits. */
function generalNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e11) return String(v);
  const s = String(Number(v.toPrecision(10)));
  return s;
}

const NAMED_COLORS: Record<string, string> = {
  black: "#000000",
  white: "#FFFFFF",
  red: "#FF0000",
  green: "#008000",
  lime: "#00FF00",
  blue: "#0000FF",
  yellow: "#FFFF00",
  orange: "#FFA500",
  purple: "#800080",
  gray: "#808080",
  grey: "#808080",
  silver: "#C0C0C0",
  navy: "#000080",
  teal: "#008080",
  maroon: "#800000",
  olive: "#808000",
  pink: "#FFC0CB",
  lightgreen: "#90EE90",
  lightblue: "#ADD8E6",
  lightgray: "#D3D3D3",
  lightgrey: "#D3D3D3",
  lightyellow: "#FFFFE0",
  darkgreen: "#006400",
  darkred: "#8B0000",
  gold: "#FFD700",
};

/** Excel accepts "#RRGGBB" or HTML colour names and reports "#RRGGBB" upper-case. */
export function normalizeColor(input: unknown): string {
  if (typeof input !== "string") throw new ModelError("InvalidArgument", `A colour must be a string, got ${typeof input}`);
  const s = input.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(s)) return s.toUpperCase();
  if (/^#[0-9a-fA-F]{3}$/.test(s)) {
    return ("#" + [...s.slice(1)].map((c) => c + c).join("")).toUpperCase();
  }
  const named = NAMED_COLORS[s.toLowerCase()];
  if (named) return named;
  throw new ModelError("InvalidArgument", `"${input}" is not a colour Excel accepts (use #RRGGBB)`);
}
