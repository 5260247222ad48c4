// Excel stand-in (NOT Excel): what the Range-family proxies share — the range target,
// argument checks, "one value or null when mixed" reads, and RangePart, the base of
// objects that act on their owning range's cells (format, fill, validation, ...).

import { type Rect, cellCount, checkRect, parseAddress } from "./addresses.ts";
import { ClientObject, StandInExcelError, asClientObject, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { ModelError } from "./cell-values.ts";
import type { CellFormat, FormatKey } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";

export interface RangeTarget {
  sheet: StandInSheet;
  rect: Rect;
}

/** Ranges are bound to fixed cells once resolved; their sheet must still exist. */
export function rangeStillValid(t: RangeTarget): boolean {
  return t.sheet.workbook.hasSheet(t.sheet);
}

export function invalidArg(message: string): StandInExcelError {
  return new StandInExcelError("InvalidArgument", `${message} (Excel stand-in)`);
}

export function rectOrThrow(rect: Rect, what: string): Rect {
  try {
    checkRect(rect, what);
  } catch (e) {
    throw invalidArg((e as Error).message);
  }
  return rect;
}

/** Resolves an address written against `sheet` ("A1:C3" or "Sheet1!A1"). */
export function rectOnSheet(sheet: StandInSheet, address: string): Rect {
  let parsed;
  try {
    parsed = parseAddress(address);
  } catch (e) {
    throw invalidArg((e as Error).message);
  }
  if (parsed.sheet !== undefined && parsed.sheet.toLowerCase() !== sheet.name.toLowerCase()) {
    throw invalidArg(`The address "${address}" refers to another sheet than "${sheet.name}"`);
  }
  return parsed.rect;
}

export function map2d<V>(t: RangeTarget, f: (r: number, c: number) => V): V[][] {
  const { rect } = t;
  if (cellCount(rect) > 5_000_000) {
    throw new ModelError("ResponsePayloadSizeLimitExceeded", `Reading ${cellCount(rect)} cells at once exceeds what Excel on the web returns; read smaller ranges`);
  }
  const out: V[][] = new Array(rect.rows);
  for (let i = 0; i < rect.rows; i++) {
    const row: V[] = new Array(rect.cols);
    for (let j = 0; j < rect.cols; j++) row[j] = f(rect.row + i, rect.col + j);
    out[i] = row;
  }
  return out;
}

/**
 * One value if every cell agrees, else null (how Office.js reports mixed formatting).
 * Whole-column ranges are checked through the column/row layers and existing cells.
 */
export function consistent<V>(t: RangeTarget, f: (r: number, c: number) => V): V | null {
  const v = consistentOr(t, f, MIXED);
  return v === MIXED ? null : (v as V);
}

export const MIXED = Symbol("mixed");

export function consistentOr<V, M>(t: RangeTarget, f: (r: number, c: number) => V, mixed: M): V | M {
  const { sheet, rect } = t;
  const seen: V[] = [];
  const add = (v: V) => {
    if (!seen.some((s) => JSON.stringify(s) === JSON.stringify(v))) seen.push(v);
  };
  if (cellCount(rect) <= 1_000_000) {
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      for (let c = rect.col; c < rect.col + rect.cols; c++) {
        add(f(r, c));
        if (seen.length > 1) return mixed;
      }
    }
  } else {
    let plainRow = rect.row + rect.rows - 1;
    while (sheet.rowFormats.has(plainRow) && plainRow > rect.row) plainRow--;
    for (let c = rect.col; c < rect.col + rect.cols && seen.length < 2; c++) add(f(plainRow, c));
    for (const r of sheet.rowFormats.keys()) {
      if (r < rect.row || r >= rect.row + rect.rows) continue;
      for (let c = rect.col; c < rect.col + rect.cols && seen.length < 2; c++) add(f(r, c));
    }
    for (const [r, c] of sheet.existingCells(rect)) {
      add(f(r, c));
      if (seen.length > 1) break;
    }
  }
  return seen.length === 1 ? seen[0]! : mixed;
}

export function sumSizes(start: number, count: number, dflt: number, overrides: Map<number, number>, hidden: Set<number>): number {
  let total = count * dflt;
  for (const [i, size] of overrides) if (i >= start && i < start + count) total += size - dflt;
  for (const i of hidden) if (i >= start && i < start + count) total -= overrides.get(i) ?? dflt;
  return total;
}

export function formatKeyProp<K extends FormatKey>(key: K, normalize?: (v: unknown) => CellFormat[K], toApi?: (v: CellFormat[K]) => unknown): ScalarDef<RangeTarget> {
  return prop<RangeTarget>(
    (t) => {
      const v = consistentOr(t, (r, c) => t.sheet.formatProp(r, c, key), MIXED);
      if (v === MIXED) return null;
      return toApi ? toApi(v) : v;
    },
    (t, v) => {
      t.sheet.assertAllowed(t.rect, key === "locked" || key === "formulaHidden" ? "objects" : "format");
      t.sheet.setFormat(t.rect, key, normalize ? normalize(v) : (v as CellFormat[K]));
    },
  );
}

export function expectBoolean(name: string): (v: unknown) => boolean {
  return (v) => {
    if (typeof v !== "boolean") throw invalidArg(`${name} must be a boolean`);
    return v;
  };
}

export function expectOneOf(name: string, allowed: readonly string[]): (v: unknown) => string {
  return (v) => {
    if (typeof v !== "string" || !allowed.includes(v)) throw invalidArg(`${name} must be one of ${allowed.join(", ")}`);
    return v;
  };
}

export function expectNumber(name: string, min = 0, max = Infinity): (v: unknown) => number {
  return (v) => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) throw invalidArg(`${name} must be a number in ${min}..${max}`);
    return v;
  };
}

/** Turns a Range proxy or an address argument into cells on a sheet, at sync time. */
export function resolveRangeArg(arg: unknown, ctx: ContextCore, fallbackSheet: StandInSheet, what: string): RangeTarget {
  if (typeof arg === "string") {
    const { sheet: named, rect } = (() => {
      try {
        return parseAddress(arg);
      } catch (e) {
        throw invalidArg((e as Error).message);
      }
    })();
    const sheet = named !== undefined ? fallbackSheet.workbook.findSheet(named) : fallbackSheet;
    if (!sheet) throw new StandInExcelError("ItemNotFound", `${what}: no sheet named "${named}" (Excel stand-in)`);
    return { sheet, rect };
  }
  return asClientObject<ClientObject<RangeTarget>>(arg, ctx, what)._require();
}

/** Objects that act on the cells of their owning range (format, fill, font, ...). */
export abstract class RangePart extends ClientObject<RangeTarget> {
  constructor(
    ctx: ContextCore,
    protected readonly owner: ClientObject<RangeTarget>,
  ) {
    super(ctx);
  }
  protected _resolveTarget(): RangeTarget {
    return this.owner._require();
  }
  protected override _stillValid(t: RangeTarget): boolean {
    return rangeStillValid(t);
  }
}
