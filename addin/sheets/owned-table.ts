// Tables the add-in lays out and later reads and writes. The sheet belongs to the
// officer: he or she inserts columns (STT, Ghi chú), moves, renames, hides, sorts and
// filters. So the add-in finds each of its columns by identity — the TableColumn id it
// registered when it made the column, else the header — and each row by its id, never
// by position. Nothing here touches Office.js; `addin/host/owned-tables.ts` does.

export interface OwnedColumn {
  /** The add-in's own name for the column; never shown. */
  key: string;
  header: string;
  /** Headers this column had in earlier versions of the add-in, still recognised. */
  aliases?: readonly string[];
}

export interface OwnedTable {
  /** The Excel table's name: the add-in's handle on it. */
  table: string;
  sheet: string;
  /** How officers call the table in messages, e.g. "bảng Tập thể". */
  label: string;
  /** The add-in's columns, in the order it lays them out; rows travel in this order. */
  columns: readonly OwnedColumn[];
  /** What the officer presses to lay the table out again (named in messages). */
  repair: string;
}

/** A column as Excel reports it now. */
export interface ActualColumn {
  /** TableColumn.id: kept by Excel when the column is renamed or moved. */
  id: number;
  name: string;
  /** Position within the table, from 0. */
  index: number;
}

export type SheetProblemCode = "table_missing" | "column_missing" | "column_ambiguous" | "sheet_taken" | "table_changed";

/** The add-in cannot be sure where its data is: it stops before writing anything and says why. */
export class SheetProblem extends Error {
  constructor(
    readonly code: SheetProblemCode,
    message: string,
  ) {
    super(message);
    this.name = "SheetProblem";
  }
}

export interface ColumnMap {
  table: string;
  /** Where each found column of the add-in is now, by the spec's index. */
  bySpec: (ActualColumn | null)[];
  /** Columns of the add-in that the table no longer has. */
  missing: OwnedColumn[];
  /** How many columns the table has, the officer's included. */
  width: number;
  /** key → column id, to remember for the next time (the registry). */
  ids: Map<string, number>;
}

/** Headers compared as people read them: same letters, any case, any spacing, NFC. */
export function sameHeader(a: string, b: string): boolean {
  return normalHeader(a) === normalHeader(b);
}
function normalHeader(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim().toLocaleLowerCase("vi");
}

/**
 * Finds the add-in's columns in a table as it stands now: first by the column ids the
 * add-in registered (they survive a renamed header and a moved column), then by header
 * for columns never registered. Two unregistered columns with one of the add-in's
 * headers are refused: the add-in would have to guess.
 */
export function resolveColumns(spec: OwnedTable, actual: readonly ActualColumn[], registered: ReadonlyMap<string, number>): ColumnMap {
  const bySpec: (ActualColumn | null)[] = spec.columns.map(() => null);
  const used = new Set<number>();
  const byId = new Map(actual.map((c) => [c.id, c]));
  spec.columns.forEach((column, i) => {
    const id = registered.get(column.key);
    const found = id === undefined ? undefined : byId.get(id);
    if (found && !used.has(found.id)) {
      bySpec[i] = found;
      used.add(found.id);
    }
  });
  spec.columns.forEach((column, i) => {
    if (bySpec[i]) return;
    const names = [column.header, ...(column.aliases ?? [])];
    const candidates = actual.filter((c) => !used.has(c.id) && names.some((n) => sameHeader(n, c.name)));
    if (candidates.length > 1) {
      throw new SheetProblem(
        "column_ambiguous",
        `${capitalize(spec.label)} có ${candidates.length} cột cùng tên “${column.header}”, phần bổ trợ không biết cột nào là cột của mình nên chưa ghi gì. Hãy đổi tên cột do bạn thêm cho khác đi rồi làm lại.`,
      );
    }
    if (candidates.length === 1) {
      bySpec[i] = candidates[0]!;
      used.add(candidates[0]!.id);
    }
  });
  const ids = new Map<string, number>();
  spec.columns.forEach((column, i) => bySpec[i] && ids.set(column.key, bySpec[i]!.id));
  return {
    table: spec.table,
    bySpec,
    missing: spec.columns.filter((_, i) => !bySpec[i]),
    width: actual.length,
    ids,
  };
}

/** Stops unless every column the action needs was found. */
export function requireColumns(spec: OwnedTable, map: ColumnMap, keys: readonly string[] = spec.columns.map((c) => c.key)): void {
  const gone = map.missing.filter((c) => keys.includes(c.key));
  if (gone.length === 0) return;
  const names = gone.map((c) => `“${c.header}”`).join(", ");
  throw new SheetProblem(
    "column_missing",
    `Không tìm thấy ${gone.length > 1 ? "các cột" : "cột"} ${names} trong ${spec.label} (có thể đã bị xóa). Phần bổ trợ chưa ghi gì. Hãy hoàn tác việc xóa cột (Ctrl+Z) hoặc bấm “${spec.repair}” để thêm lại cột rồi làm lại.`,
  );
}

export function tableMissing(spec: OwnedTable): SheetProblem {
  return new SheetProblem(
    "table_missing",
    `Không tìm thấy ${spec.label} trong sổ tính (trang “${spec.sheet}” có thể đã bị xóa hoặc bảng bị đổi tên). Phần bổ trợ chưa ghi gì. Hãy bấm “${spec.repair}”.`,
  );
}

/** Index of a key in the spec: rows travel between host and flows in the spec's order. */
export function specIndex(spec: OwnedTable, key: string): number {
  const i = spec.columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`column ${key} is not part of table ${spec.table}`);
  return i;
}

function capitalize(s: string): string {
  return s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);
}

/** The registry's rows in the state sheet: table, key, column id, header when registered. */
export type Registry = Map<string, Map<string, number>>;

export function registryFromValues(values: readonly (readonly unknown[])[] | null): Registry {
  const registry: Registry = new Map();
  for (const [table, key, id] of values ?? []) {
    if (typeof table !== "string" || typeof key !== "string" || !table || !key) continue;
    const n = Number(id);
    if (!Number.isInteger(n)) continue;
    if (!registry.has(table)) registry.set(table, new Map());
    registry.get(table)!.set(key, n);
  }
  return registry;
}

export function registryToValues(registry: Registry): (string | number)[][] {
  const rows: (string | number)[][] = [];
  for (const [table, keys] of registry) for (const [key, id] of keys) rows.push([table, key, id]);
  return rows;
}

/** Whether remembering `ids` for `table` changes the registry. */
export function registryDiffers(registry: Registry, table: string, ids: ReadonlyMap<string, number>): boolean {
  const known = registry.get(table);
  if (!known || known.size !== ids.size) return true;
  for (const [key, id] of ids) if (known.get(key) !== id) return true;
  return false;
}

/** A table the add-in read a moment ago is gone or changed before it could write back. */
export function tablesChanged(): SheetProblem {
  return new SheetProblem(
    "table_changed",
    "Một bảng của phần bổ trợ vừa bị xóa hoặc đổi cột trong lúc đang làm việc với máy chủ, nên phần bổ trợ chưa ghi kết quả vào sổ tính. Dữ liệu trên máy chủ không mất; hãy làm lại thao tác vừa rồi.",
  );
}
