import type { FieldProblemCode } from "../problems.ts";
import { normalizeText } from "../text.ts";

/** What Excel gives for a cell: "" when empty, numbers for numbers and date serials. */
export type Cell = string | number | boolean | null | undefined;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; code: FieldProblemCode; message: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: FieldProblemCode, message: string): ParseResult<T> {
  return { ok: false, code, message };
}

/**
 * The cell as the officer sees it, for messages and for parsing. Typed as `unknown`
 * because parsers are called from untyped places (Office.js, JSON) and must never throw.
 */
export function cellText(cell: unknown): string {
  try {
    switch (typeof cell) {
      case "string":
        return normalizeText(cell);
      case "number":
        return String(cell);
      case "boolean":
        return cell ? "TRUE" : "FALSE";
      case "undefined":
        return "";
      default:
        return cell === null ? "" : normalizeText(String(cell));
    }
  } catch {
    return "";
  }
}

const MAX_QUOTED = 80;

/** The cell's text in Vietnamese quotation marks, shortened so a message stays readable. */
export function quote(text: string): string {
  const chars = Array.from(text);
  return `“${chars.length > MAX_QUOTED ? chars.slice(0, MAX_QUOTED - 1).join("") + "…" : text}”`;
}

/** “A”, “B” hoặc “C” */
export function listOr(items: readonly string[]): string {
  const quoted = items.map(quote);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} hoặc ${quoted[quoted.length - 1]}`;
}

/** Office.js and JSON give only Cell values; anything else (an object, a bigint) is refused, not read. */
export function notACell<T>(cell: unknown): ParseResult<T> | null {
  const type = cell === null ? "null" : typeof cell;
  if (["null", "undefined", "string", "number", "boolean"].includes(type)) return null;
  return fail("invalid_type", "Ô này chứa dữ liệu không phải chữ hay số nên không đọc được: hãy gõ lại giá trị.");
}
