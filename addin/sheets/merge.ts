import type { Cell } from "../../shared/parse.ts";
import type { RowChanges } from "../host/owned-tables.ts";

export interface MergeRules {
  /** Rows the sheet has that the new data lacks are the officer's (not yet sent): keep them. */
  keepUnknown?: boolean;
  /** Columns of a row whose cells the officer typed and has not sent yet: the sheet's cells stay. */
  keepLocal?: (existing: readonly Cell[], incoming: readonly Cell[]) => readonly number[];
  /** Columns never rewritten from the data (formulas the add-in writes itself). */
  skip?: readonly number[];
}

const blank = (v: Cell) => v === "" || v === null || v === undefined;
const same = (a: Cell, b: Cell) => (blank(a) && blank(b)) || a === b || (typeof a !== typeof b && String(a) === String(b));

/**
 * A sheet laid out again from new data, as changes to the rows it holds: a row whose id
 * is in the data gets the data's cells (only those that differ), rows whose id is gone
 * leave (unless kept), new ids are appended. Rows without an id, and a second row with
 * an id already seen (an officer's copy), are the officer's and are left alone. The
 * officer's order of rows stays.
 */
export function mergeRowsById(existing: readonly (readonly Cell[])[], incoming: readonly (readonly Cell[])[], idIndex: number, rules: MergeRules = {}): RowChanges {
  const idOf = (row: readonly Cell[]) => String(row[idIndex] ?? "").trim();
  const byId = new Map(incoming.map((r) => [idOf(r), r]));
  const skip = new Set(rules.skip ?? []);
  const seen = new Set<string>();
  const updates = new Map<number, Map<number, Cell>>();
  const deletions: number[] = [];
  existing.forEach((row, r) => {
    const id = idOf(row);
    if (!id || seen.has(id)) return;
    const next = byId.get(id);
    if (!next) {
      if (!rules.keepUnknown) deletions.push(r);
      return;
    }
    seen.add(id);
    const keep = new Set(rules.keepLocal?.(row, next) ?? []);
    const cells = new Map<number, Cell>();
    next.forEach((value, i) => {
      if (skip.has(i) || keep.has(i) || same(value, row[i])) return;
      cells.set(i, value ?? "");
    });
    if (cells.size) updates.set(r, cells);
  });
  return { updates, deletions, appends: incoming.filter((r) => !seen.has(idOf(r))) };
}
