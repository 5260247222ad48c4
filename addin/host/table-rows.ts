import { PROTECTION, runExcel, WriteBudget } from "./excel.ts";
import { NO_CHANGES, OwnedTables, preloadOnly, type Inventory, type Preload, type RowChanges } from "./owned-tables.ts";
import type { Cell } from "../../shared/parse.ts";
import { requireColumns, specIndex, type OwnedTable } from "../sheets/owned-table.ts";

// Rows of the sheets the add-in owns, read and written by their hidden id, whatever the
// officer did to the sheet: the reads a flow starts from, the writes it ends with, the
// dropdown lists of a row, the row under the cursor. Laying the sheets out is tables.ts.

/**
 * An editable table's rows in the layout's column order, or null when the workbook has
 * no such table; stops (before anything is written) if a column the action needs is gone.
 * Also hands back where the columns were, so a later write can fetch them in one sync.
 */
export async function readOwnedRows(spec: OwnedTable, needed: readonly string[] = spec.columns.map((c) => c.key)): Promise<{ rows: Cell[][]; handle: ReadHandle } | null> {
  return runExcel(async (context) => {
    const { tables } = await OwnedTables.open(context, [spec], { readAll: true });
    const state = tables.state(spec);
    if (!state.table || !state.map) return null;
    requireColumns(spec, state.map, needed);
    const rows = (await tables.readRows([spec])).get(spec.table)!;
    return { rows, handle: { preload: new Map([[spec.table, state.map]]), known: tables.inventory } };
  });
}

/** What a read found, so the write after the network needs one sync to find its rows again. */
export interface ReadHandle {
  preload: Preload;
  known: Inventory;
}

/** Several tables' rows in one run (two syncs); a missing table reads as null. */
export async function readOwnedTables(specs: readonly OwnedTable[]): Promise<Map<string, { rows: Cell[][]; handle: ReadHandle } | null>> {
  return runExcel(async (context) => {
    const { tables } = await OwnedTables.open(context, specs, { readAll: true });
    for (const spec of specs) {
      const s = tables.state(spec);
      if (s.map) requireColumns(spec, s.map);
    }
    const rows = await tables.readRows(specs);
    return new Map(
      specs.map((spec) => {
        const s = tables.state(spec);
        return [spec.table, s.map ? { rows: rows.get(spec.table)!, handle: { preload: new Map([[spec.table, s.map]]), known: tables.inventory } } : null] as const;
      }),
    );
  });
}

/**
 * Sets cells of rows found by their id, whatever the officer did to the table since it
 * was read: the id column is read again in the same run as the write (two syncs with
 * `preload`), each cell goes to the row holding its id, filters and locks are restored.
 */
export async function writeRowsById(
  spec: OwnedTable,
  idKey: string,
  updates: ReadonlyMap<string, ReadonlyMap<number, Cell>>,
  handle?: ReadHandle,
): Promise<void> {
  if (updates.size === 0) return;
  await runExcel(async (context) => {
    const idOnly = handle && new Map([...handle.preload].map(([t, map]) => [t, preloadOnly(map, [specIndex(spec, idKey)])]));
    const { tables } = await OwnedTables.open(context, [spec], { known: handle?.known, preload: idOnly, readAll: !handle });
    const state = tables.present(spec);
    requireColumns(spec, state.map, [idKey, ...new Set([...updates.values()].flatMap((m) => [...m.keys()].map((i) => spec.columns[i]!.key)))]);
    const rows = (await tables.readRows([spec])).get(spec.table)!;
    const idAt = specIndex(spec, idKey);
    const byRow = new Map<number, ReadonlyMap<number, Cell>>();
    rows.forEach((row, r) => {
      // Every row with the id: two rows with one unit code both hear why that is refused.
      const cells = updates.get(String(row[idAt] ?? "").trim());
      if (cells) byRow.set(r, cells);
    });
    await tables.queueChanges(spec, { ...NO_CHANGES, updates: byRow }, new WriteBudget(context));
    tables.queueRegistry();
    await context.sync();
  });
}

/**
 * Reads a table, lets `decide` (pure, in the flows) say what to write on which row, and
 * writes it in the same Excel.run: positions never outlive the run that read them. Stops
 * before writing if the table or a column `decide` needs is gone.
 */
export async function updateTableInPlace<T>(
  spec: OwnedTable,
  decide: (rows: Cell[][], handle: ReadHandle) => { changes: RowChanges; result: T },
): Promise<T> {
  return runExcel(async (context) => {
    const { tables } = await OwnedTables.open(context, [spec], { readAll: true });
    const state = tables.present(spec);
    requireColumns(spec, state.map);
    const rows = (await tables.readRows([spec])).get(spec.table)!;
    const { changes, result } = decide(rows, { preload: new Map([[spec.table, state.map]]), known: tables.inventory });
    await tables.queueChanges(spec, changes, new WriteBudget(context));
    tables.queueRegistry();
    await context.sync();
    return result;
  });
}

/**
 * A dropdown per row (each model may move to different states), found by id: adjacent
 * rows with the same choices share one validation rule.
 */
export async function applyRowLists(spec: OwnedTable, idKey: string, columnKey: string, lists: ReadonlyMap<string, readonly string[]>): Promise<void> {
  if (lists.size === 0) return;
  await runExcel(async (context) => {
    const { tables } = await OwnedTables.open(context, [spec], { readAll: true });
    const state = tables.present(spec);
    requireColumns(spec, state.map, [idKey, columnKey]);
    const rows = (await tables.readRows([spec])).get(spec.table)!;
    const idAt = specIndex(spec, idKey);
    const column = state.map.bySpec[specIndex(spec, columnKey)]!;
    if (state.sheetProtected) state.table.worksheet.protection.unprotect();
    const body = state.table.columns.getItem(column.id).getDataBodyRange();
    const listAt = rows.map((row) => (lists.get(String(row[idAt] ?? "")) ?? []).join(","));
    let start = 0;
    for (let i = 1; i <= listAt.length; i++) {
      if (i < listAt.length && listAt[i] === listAt[start]) continue;
      const run = body.getCell(start, 0).getResizedRange(i - start - 1, 0);
      run.dataValidation.clear();
      if (listAt[start]) run.dataValidation.rule = { list: { inCellDropDown: true, source: listAt[start]! } };
      start = i;
    }
    if (state.sheetProtected) state.table.worksheet.protection.protect(PROTECTION);
    await context.sync();
  });
}

/** The id of the table row holding the selected cell, if the selection is in that table. */
export async function selectedRowId(spec: OwnedTable, idKey: string): Promise<string | null> {
  return runExcel(async (context) => {
    const { tables, extra: selected } = await OwnedTables.open(context, [spec], { readAll: true, extra: (c) => c.workbook.getSelectedRange().load("rowIndex") });
    const state = tables.state(spec);
    if (!state.table || !state.map) return null;
    requireColumns(spec, state.map, [idKey]);
    const rows = (await tables.readRows([spec])).get(spec.table)!;
    const id = rows[selected.rowIndex - state.headerRow - 1]?.[specIndex(spec, idKey)];
    return typeof id === "string" && id ? id : null;
  });
}
