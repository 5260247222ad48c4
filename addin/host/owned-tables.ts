import { columnLetter, PROTECTION, writeValues, writeValuesAs, WriteBudget } from "./excel.ts";
import type { Cell } from "../../shared/parse.ts";
import {
  registryDiffers,
  registryFromValues,
  registryToValues,
  resolveColumns,
  tableMissing,
  tablesChanged,
  type ActualColumn,
  type ColumnMap,
  type OwnedTable,
  type Registry,
} from "../sheets/owned-table.ts";

// The one place that turns "the add-in's column `status`" into a column of a real table
// as the officer has arranged it, and writes rows the officer may have sorted or
// filtered. Reads and the writes that depend on them happen in one Excel.run, so sizes
// and positions are never carried across a wait.

/** Where the add-in remembers which column of each table is which: very hidden. */
export const REGISTRY_SHEET = "_dvk_cot";

/** A table as it stands at the first sync of a run. */
export interface TableState {
  spec: OwnedTable;
  /** Null when the workbook has no such table. */
  table: Excel.Table | null;
  map: ColumnMap | null;
  /** Filters the officer set, to restore after writing (Office.js misplaces writes over filtered rows). */
  filters: { columnId: number; criteria: Excel.FilterCriteria }[];
  sheetProtected: boolean;
  /** The sheet's name as it is now (the officer may have renamed it). */
  sheetName: string;
  /** Sheet position of the header row and of the table's first column (from 0). */
  headerRow: number;
  leftColumn: number;
  /** Data rows (an empty table still shows one blank row, which is not a row). */
  rowCount: number;
}

interface Look {
  spec: OwnedTable;
  table: Excel.Table;
  columns: Excel.TableColumnCollection;
  header: Excel.Range;
  protection: Excel.WorksheetProtection;
  sheet: Excel.Worksheet;
  count: OfficeExtension.ClientResult<number>;
  /** The whole data body, when the run reads every row anyway. */
  body: Excel.Range | null;
  /** Column id → its data body, for columns an earlier run located. */
  preload: Map<number, Excel.Range>;
}

/** Column ids of an earlier read whose values may be fetched in the first sync. */
export type Preload = ReadonlyMap<string, ColumnMap>;

/** The part of a column map worth fetching early: only the columns at these spec positions. */
export function preloadOnly(map: ColumnMap, specIndexes: readonly number[]): ColumnMap {
  return { ...map, bySpec: map.bySpec.map((c, i) => (specIndexes.includes(i) ? c : null)) };
}

/** Which sheets and tables the workbook has (names). */
export interface Inventory {
  sheets: ReadonlySet<string>;
  tables: ReadonlySet<string>;
}

export interface OpenOptions<T> {
  /** What an earlier run of the same action found: skips the sync that asks. */
  known?: Inventory;
  /** Read every table's whole body in the same sync (a check or a sync reads all rows anyway). */
  readAll?: boolean;
  /** Columns located by an earlier run, fetched in the same sync. */
  preload?: Preload;
  /** More reads for the same sync, told what exists. */
  extra?: (context: Excel.RequestContext, inventory: Inventory) => T;
}

/** Asks which sheets and tables exist: one sync. Children of a missing object are never touched. */
export async function takeInventory(context: Excel.RequestContext): Promise<Inventory> {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return { sheets: new Set(sheets.items.map((s) => s.name)), tables: new Set(tables.items.map((t) => t.name)) };
}

/** Queues what shows how a table stands: columns, filters, place, protection, row count, values asked for. */
function queueLook(context: Excel.RequestContext, spec: OwnedTable, table: Excel.Table, opts: { readAll?: boolean; preload?: Preload }): Look {
  const columns = table.columns.load("items/name,items/id,items/index,items/filter/criteria");
  const header = table.getHeaderRowRange().load("rowIndex,columnIndex");
  const protection = table.worksheet.protection.load("protected");
  const sheet = table.worksheet.load("name");
  const count = table.rows.getCount();
  const body = opts.readAll ? table.getDataBodyRange().load("values") : null;
  const preload = new Map<number, Excel.Range>();
  for (const column of opts.preload?.get(spec.table)?.bySpec ?? []) {
    if (column && !preload.has(column.id)) preload.set(column.id, table.columns.getItem(column.id).getDataBodyRange().load("values"));
  }
  return { spec, table, columns, header, protection, sheet, count, body, preload };
}

/**
 * Criteria as Excel reports them carry null for every unused property, and apply()
 * refuses them so (OfficeDev/office-js#1226): only what is set goes back.
 */
function reapplicable(criteria: Excel.FilterCriteria): Excel.FilterCriteria {
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== null && v !== undefined)) as unknown as Excel.FilterCriteria;
}

function queueRegistryRead(context: Excel.RequestContext, inventory: Inventory): Excel.Range | null {
  return inventory.sheets.has(REGISTRY_SHEET) ? context.workbook.worksheets.getItem(REGISTRY_SHEET).getUsedRangeOrNullObject(true).load("values") : null;
}

/**
 * One Excel.run's view of the add-in's tables: where every column is now (and the
 * registry), then values, then writes queued by row position as read in this same run.
 */
export class OwnedTables {
  private constructor(
    private readonly context: Excel.RequestContext,
    readonly inventory: Inventory,
    readonly states: Map<string, TableState>,
    /** Null when this run has not read it (and so must not rewrite it). */
    private registry: Registry | null,
    /** Values fetched with the look: table → column id → values. */
    private readonly fetched: Map<string, Map<number, Cell[][]>>,
  ) {}

  /**
   * Each table's columns (name, id, position) and filters, its place on the sheet, its
   * row count and the registry, in one sync (two without `known`, which first asks
   * what exists); with `readAll` or `preload`, values come in the same sync.
   */
  static async open<T = undefined>(context: Excel.RequestContext, specs: readonly OwnedTable[], opts: OpenOptions<T> = {}): Promise<{ tables: OwnedTables; extra: T }> {
    const inventory = opts.known ?? (await takeInventory(context));
    const looks = specs
      .filter((spec) => inventory.tables.has(spec.table))
      .map((spec) => queueLook(context, spec, context.workbook.tables.getItem(spec.table), opts));
    // Nothing of the add-in's here yet: nothing to look at (the registry is read with what gets created).
    if (looks.length === 0 && !opts.extra) return { tables: OwnedTables.settle(context, inventory, specs, [], null, false), extra: undefined as T };
    const registry = queueRegistryRead(context, inventory);
    const extra = (opts.extra ?? (() => undefined as T))(context, inventory);
    try {
      await context.sync();
    } catch (err) {
      // Known to exist a moment ago (before the network): the officer removed it meanwhile.
      if (opts.known && (err as { code?: string }).code === "ItemNotFound") throw tablesChanged();
      throw err;
    }
    return { tables: OwnedTables.settle(context, inventory, specs, looks, registry), extra };
  }

  /**
   * A table this run has just queued for creation (`table` is the proxy tables.add gave):
   * one sync creates it and learns its column ids, so the rows and the look go in the next.
   */
  static async created(context: Excel.RequestContext, inventory: Inventory, spec: OwnedTable, table: Excel.Table): Promise<OwnedTables> {
    const look = queueLook(context, spec, table, {});
    const registry = queueRegistryRead(context, inventory);
    await context.sync();
    const known: Inventory = { sheets: new Set([...inventory.sheets, spec.sheet]), tables: new Set([...inventory.tables, spec.table]) };
    return OwnedTables.settle(context, known, [spec], [look], registry);
  }

  private static settle(context: Excel.RequestContext, inventory: Inventory, specs: readonly OwnedTable[], looks: readonly Look[], registryRange: Excel.Range | null, registryRead = true): OwnedTables {
    const registry = registryFromValues(registryRange && !registryRange.isNullObject ? (registryRange.values as unknown[][]) : null);
    const states = new Map<string, TableState>();
    const fetched = new Map<string, Map<number, Cell[][]>>();
    for (const spec of specs) {
      states.set(spec.table, { spec, table: null, map: null, filters: [], sheetProtected: false, sheetName: spec.sheet, headerRow: 0, leftColumn: 0, rowCount: 0 });
    }
    for (const look of looks) {
      const actual: ActualColumn[] = look.columns.items.map((c) => ({ id: Number(c.id), name: String(c.name ?? ""), index: c.index }));
      const map = resolveColumns(look.spec, actual, registry.get(look.spec.table) ?? new Map());
      const filters = look.columns.items
        .filter((c) => c.filter.criteria && c.filter.criteria.filterOn !== undefined && c.filter.criteria.filterOn !== null)
        .map((c) => ({ columnId: Number(c.id), criteria: reapplicable(c.filter.criteria) }));
      states.set(look.spec.table, {
        spec: look.spec,
        table: look.table,
        map,
        filters,
        sheetProtected: look.protection.protected,
        sheetName: look.sheet.name,
        headerRow: look.header.rowIndex,
        leftColumn: look.header.columnIndex,
        rowCount: look.count.value,
      });
      const values = new Map<number, Cell[][]>();
      if (look.body) {
        const body = look.body.values as Cell[][];
        for (const column of actual) values.set(column.id, body.map((row) => [row[column.index]]));
      }
      for (const [id, range] of look.preload) values.set(id, range.values as Cell[][]);
      fetched.set(look.spec.table, values);
    }
    return new OwnedTables(context, inventory, states, registryRead ? registry : null, fetched);
  }

  state(spec: OwnedTable): TableState {
    return this.states.get(spec.table)!;
  }

  /** The table, or a Vietnamese refusal naming it. */
  present(spec: OwnedTable): TableState & { table: Excel.Table; map: ColumnMap } {
    const s = this.state(spec);
    if (!s.table || !s.map) throw tableMissing(spec);
    return s as TableState & { table: Excel.Table; map: ColumnMap };
  }

  /**
   * Data rows of the tables, each row in the spec's column order (a column the table
   * lacks, or not asked for in `only`, reads as undefined). Values already fetched by
   * `open` are used; the rest take one more sync. An empty table reads as no rows.
   */
  async readRows(specs: readonly OwnedTable[], only?: ReadonlyMap<string, readonly number[]>): Promise<Map<string, Cell[][]>> {
    const pending: { spec: OwnedTable; i: number; range: Excel.Range }[] = [];
    const columns = new Map<string, (Cell[][] | undefined)[]>();
    for (const spec of specs) {
      const s = this.state(spec);
      if (!s.table || !s.map) continue;
      const pre = this.fetched.get(spec.table) ?? new Map();
      const got: (Cell[][] | undefined)[] = spec.columns.map(() => undefined);
      const wanted = only?.get(spec.table);
      s.map.bySpec.forEach((column, i) => {
        if (!column || (wanted && !wanted.includes(i))) return;
        const values = pre.get(column.id);
        if (values) got[i] = values;
        else pending.push({ spec, i, range: s.table!.columns.getItem(column.id).getDataBodyRange().load("values") });
      });
      columns.set(spec.table, got);
    }
    if (pending.length) await this.context.sync();
    for (const p of pending) columns.get(p.spec.table)![p.i] = p.range.values as Cell[][];
    const out = new Map<string, Cell[][]>();
    for (const spec of specs) {
      const s = this.state(spec);
      const got = columns.get(spec.table);
      if (!got) continue;
      const rows: Cell[][] = [];
      for (let r = 0; r < s.rowCount; r++) rows.push(spec.columns.map((_, i) => got[i]?.[r]?.[0]));
      out.set(spec.table, rows);
    }
    return out;
  }

  /** Sheet column letter of a spec column, as the table stands now. */
  letterOf(spec: OwnedTable, specIndex: number): string {
    const s = this.present(spec);
    const column = s.map.bySpec[specIndex];
    if (!column) throw new Error(`column ${spec.columns[specIndex]!.key} of ${spec.table} is missing`);
    return columnLetter(s.leftColumn + column.index);
  }

  /**
   * Queues the writes of one table, positions as read in this run: cells of existing
   * rows (in runs of adjacent rows, so a column of statuses is one write), rows removed
   * bottom-up, rows appended (text columns formatted as text before any value lands).
   * Filters are lifted for the writes and put back; a protected sheet is unlocked for
   * them and locked again. Cells of columns the officer added are never written.
   */
  async queueChanges(spec: OwnedTable, changes: RowChanges, budget: WriteBudget, opts: WriteOptions = {}): Promise<void> {
    const s = this.present(spec);
    const { table, map } = s;
    const hasWork = changes.updates.size > 0 || changes.deletions.length > 0 || changes.appends.length > 0;
    if (!hasWork) return;
    const guard = s.sheetProtected && !opts.leaveUnprotected;
    if (guard) table.worksheet.protection.unprotect();
    if (s.filters.length) table.clearFilters();

    // Cells by column, in runs of adjacent rows.
    const byColumn = new Map<number, Map<number, Cell>>();
    for (const [row, cells] of changes.updates) {
      if (row < 0 || row >= s.rowCount) continue;
      for (const [i, value] of cells) {
        if (!map.bySpec[i]) continue;
        if (!byColumn.has(i)) byColumn.set(i, new Map());
        byColumn.get(i)!.set(row, value);
      }
    }
    const text = new Set(opts.textColumns ?? []);
    for (const [i, cells] of byColumn) {
      const body = table.columns.getItem(map.bySpec[i]!.id).getDataBodyRange();
      const rows = [...cells.keys()].sort((a, b) => a - b);
      for (let start = 0; start < rows.length; ) {
        let end = start;
        while (end + 1 < rows.length && rows[end + 1] === rows[end]! + 1) end++;
        const values = rows.slice(start, end + 1).map((r) => [cells.get(r)]);
        await budget.add(values);
        writeValuesAs(body.getCell(rows[start]!, 0).getResizedRange(end - start, 0), values, [text.has(i)]);
        start = end + 1;
      }
    }

    let doomed = [...new Set(changes.deletions)].filter((r) => r >= 0 && r < s.rowCount).sort((a, b) => b - a);
    // A table never loses its last row: with nothing left, the top row takes the first new
    // row. (An empty table's placeholder row is not a row: rows.add fills it.)
    const reuseTop = changes.appends.length > 0 && s.rowCount > 0 && s.rowCount - doomed.length === 0;
    if (reuseTop) doomed = doomed.filter((r) => r !== 0);
    for (const r of doomed) table.getDataBodyRange().getRow(r).delete(Excel.DeleteShiftDirection.up);
    const remaining = s.rowCount - doomed.length;

    if (changes.appends.length) {
      const width = map.width;
      // Rows in the table's own column order; the officer's columns stay blank.
      const ordered = changes.appends.map((row) => {
        const out: Cell[] = Array.from({ length: width }, () => "");
        map.bySpec.forEach((column, i) => column && (out[column.index] = row[i] ?? ""));
        return out;
      });
      const first = s.headerRow + 1 + (reuseTop ? 0 : remaining);
      const added = reuseTop ? ordered.length - 1 : ordered.length;
      if (added > 0) {
        // Blank rows first, then the text format, then the values: a code like 00917 stays text.
        const blank = Array.from({ length: added }, () => Array<string>(width).fill(""));
        await budget.add(blank);
        table.rows.add(undefined, blank);
      }
      for (const i of opts.textColumns ?? []) {
        const column = map.bySpec[i];
        if (column) table.worksheet.getRangeByIndexes(first, s.leftColumn + column.index, ordered.length, 1).numberFormat = "@" as unknown as string[][];
      }
      const textAt = Array.from({ length: width }, () => false);
      map.bySpec.forEach((column, i) => column && text.has(i) && (textAt[column.index] = true));
      await budget.add(ordered);
      writeValuesAs(table.worksheet.getRangeByIndexes(first, s.leftColumn, ordered.length, width), ordered, textAt);
      // Formulas the add-in owns (a rubric's total and rating), for the new rows.
      for (const [i, formula] of opts.formulas ?? []) {
        const column = map.bySpec[i];
        if (!column) continue;
        const rows = ordered.map((_, k) => [formula(first + k + 1, (j: number) => this.letterOf(spec, j))]);
        table.worksheet.getRangeByIndexes(first, s.leftColumn + column.index, ordered.length, 1).formulas = rows;
      }
    }

    for (const f of s.filters) table.columns.getItem(f.columnId).filter.apply(f.criteria);
    if (guard) table.worksheet.protection.protect(PROTECTION);
  }

  /**
   * Columns of the add-in the table lost come back at its right end, named as the add-in
   * names them (filters lifted for the change and put back). Their ids exist after a sync.
   */
  queueAddMissing(spec: OwnedTable): boolean {
    const s = this.state(spec);
    if (!s.table || !s.map?.missing.length) return false;
    if (s.sheetProtected) s.table.worksheet.protection.unprotect();
    if (s.filters.length) s.table.clearFilters();
    for (const column of s.map.missing) s.table.columns.add(undefined, undefined, column.header);
    for (const f of s.filters) s.table.columns.getItem(f.columnId).filter.apply(f.criteria);
    return true;
  }

  /** Remembers where the add-in's columns are, when that changed (one write of a tiny sheet). */
  queueRegistry(extra: ReadonlyMap<string, ReadonlyMap<string, number>> = new Map()): void {
    if (!this.registry) throw new Error("the registry was not read in this run");
    let changed = false;
    const next: Registry = new Map([...this.registry].map(([t, m]) => [t, new Map(m)]));
    const remember = (table: string, ids: ReadonlyMap<string, number>) => {
      if (ids.size === 0 || !registryDiffers(next, table, ids)) return;
      next.set(table, new Map(ids));
      changed = true;
    };
    for (const s of this.states.values()) if (s.map) remember(s.spec.table, s.map.ids);
    for (const [table, ids] of extra) remember(table, ids);
    if (!changed) return;
    this.registry = next;
    queueRegistryWrite(this.context, next, this.inventory.sheets.has(REGISTRY_SHEET));
    // Later runs of the same action trust this inventory: the sheet exists from now on.
    (this.inventory.sheets as Set<string>).add(REGISTRY_SHEET);
  }
}

export interface RowChanges {
  /** Row position (as read in this run) → spec column index → value. */
  updates: ReadonlyMap<number, ReadonlyMap<number, Cell>>;
  /** Row positions to remove. */
  deletions: readonly number[];
  /** New rows, in spec order. */
  appends: readonly (readonly Cell[])[];
}

export interface WriteOptions {
  /** The caller unlocks and locks the sheet around more writes of its own. */
  leaveUnprotected?: boolean;
  /** Spec columns holding codes and ids: formatted as text before values are written. */
  textColumns?: readonly number[];
  /** Spec column → formula for a sheet row (1-based), given letters of spec columns. */
  formulas?: ReadonlyMap<number, (sheetRow: number, letter: (specIndex: number) => string) => string>;
}

export const NO_CHANGES: RowChanges = { updates: new Map(), deletions: [], appends: [] };

export function queueRegistryWrite(context: Excel.RequestContext, registry: Registry, exists: boolean): void {
  const sheet = exists ? context.workbook.worksheets.getItem(REGISTRY_SHEET) : context.workbook.worksheets.add(REGISTRY_SHEET);
  if (!exists) sheet.visibility = Excel.SheetVisibility.veryHidden;
  sheet.getRange("A:C").clear(Excel.ClearApplyTo.contents);
  const values = registryToValues(registry);
  if (values.length) {
    const range = sheet.getRangeByIndexes(0, 0, values.length, 3);
    range.numberFormat = "@" as unknown as string[][];
    writeValues(range, values);
  }
}
