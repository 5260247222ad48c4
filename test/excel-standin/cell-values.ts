// Excel stand-in (NOT Excel): how Excel turns what is written into a cell into a stored
// value, and a stored value back into displayed text. Mirrors the pitfalls an add-in
// meets in real Excel: "0912345678" written to a General cell becomes the number
// 912345678, "=..." becomes a formula, "TRUE" a boolean — unless the cell is formatted
// as text ("@") or the string starts with an apostrophe.

import { isErrorValue, parseNumberText, type CellValue } from "./formula.ts";

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

/**
 * Converts one element written to `range.values` / `range.formulas` (or typed by the user)
 * into what Excel stores. `null` never reaches here: Office.js skips null elements.
 */
export function coerceInput(raw: unknown, numberFormat: string): StoredInput {
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) throw new ModelError("InvalidArgument", `Cannot write ${raw} to a cell`);
    return { value: raw };
  }
  if (typeof raw === "boolean") return { value: raw };
  if (typeof raw !== "string") {
    throw new ModelError("InvalidArgument", `Cell values must be string, number or boolean; got ${describe(raw)}`);
  }
  if (raw === "") return { value: "" };
  if (numberFormat === "@") return { value: raw };
  if (raw.startsWith("'")) return { value: raw.slice(1) };
  if (raw.startsWith("=") && raw.length > 1) return { value: "", formula: raw };
  const n = parseNumberText(raw);
  if (n !== null) {
    const percent = raw.trim().endsWith("%");
    return percent && numberFormat === "General" ? { value: n, impliedNumberFormat: "0%" } : { value: n };
  }
  const upper = raw.toUpperCase();
  if (upper === "TRUE") return { value: true };
  if (upper === "FALSE") return { value: false };
  // ISO dates become date serials, as Excel does in every locale. Locale-specific forms
  // (dd/mm/yyyy in vi-VN) are deliberately not converted: that depends on the user's OS.
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (iso) {
    const [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (m >= 1 && m <= 12 && d >= 1 && d <= 31) {
      const serial = dateToSerial(y, m, d);
      return numberFormat === "General" ? { value: serial, impliedNumberFormat: "yyyy-mm-dd" } : { value: serial };
    }
  }
  return { value: raw };
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
 * d/m/yyyy, m/d/yyyy); any other format falls back to String(value). Separators are
 * en-US ("," thousands, "." decimals) whatever the display language.
 */
export function displayText(v: CellValue, numberFormat: string): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string") return v;
  const fmt = numberFormat.trim();
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
  const lower = fmt.toLowerCase();
  if (["yyyy-mm-dd", "dd/mm/yyyy", "d/m/yyyy", "m/d/yyyy", "mm/dd/yyyy"].includes(lower)) {
    const { year, month, day } = serialToDate(v);
    const p2 = (n: number) => String(n).padStart(2, "0");
    switch (lower) {
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
  return generalNumber(v);
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
