import { type ColumnKey, type TableSpec } from "./columns.ts";
import type { SyncState } from "./sync-plan.ts";
import { specIndex } from "../sheets/owned-table.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Kind } from "../../shared/vocabulary.ts";

/** A sync's outcome for the sheet, by registration id. */
export interface SheetUpdate {
  /** Column → value, for the row holding this id (in whichever table it is). */
  cells: ReadonlyMap<string, ReadonlyMap<ColumnKey, Cell>>;
  /** Rows to remove, by id. */
  deletions: ReadonlySet<string>;
  /** New rows, in spec order. */
  appends: Record<Kind, Cell[][]>;
  state: SyncState;
}

/**
 * Where a sync's outcome lands in one table, given the ids its rows hold now (read in
 * the same Excel.run as the write): each update on the row holding its id, in the
 * table's column order; a deletion by id. An id held twice (a row copied by the
 * officer) is the first row's; the copy is left as typed.
 */
export function placeUpdate(spec: TableSpec, ids: readonly string[], update: SheetUpdate): { updates: Map<number, Map<number, Cell>>; deletions: number[] } {
  const updates = new Map<number, Map<number, Cell>>();
  const deletions: number[] = [];
  const placed = new Set<string>();
  ids.forEach((id, row) => {
    if (!id || placed.has(id)) return;
    placed.add(id);
    if (update.deletions.has(id)) deletions.push(row);
    else if (update.cells.has(id)) updates.set(row, new Map([...update.cells.get(id)!].map(([key, v]) => [specIndex(spec, key), v])));
  });
  return { updates, deletions };
}
