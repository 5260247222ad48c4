import { columnLetter, runExcel, writeValues, writeValuesAs, WriteBudget } from "./excel.ts";
import { OwnedTables, preloadOnly, type Inventory, type Preload, type RowChanges, type TableState } from "./owned-tables.ts";
import { queueStateWrite, STATE_SHEET, stateFromValues } from "./state-sheet.ts";
import { REGISTRATION_TABLES, type ColumnKey, type ColumnSpec, type TableSpec } from "../registrations/columns.ts";
import { placeUpdate, type SheetUpdate } from "../registrations/sheet-update.ts";
import type { SyncState, TableCells } from "../registrations/sync-plan.ts";
import { requireColumns, SheetProblem, specIndex, type ColumnMap } from "../sheets/owned-table.ts";
import type { Cell } from "../../shared/parse.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

/** The dropdowns' sources, kept on a hidden sheet so Excel's validation can point at them. */
export const LISTS_SHEET = "DanhMuc";
/** Title rows above each new table; its header goes on this row (1-based). */
const HEADER_ROW = 4;

export interface Lists {
  units: readonly string[];
  fields: readonly string[];
  levels: readonly string[];
}

const LIST_COLUMN: Record<NonNullable<ColumnSpec["list"]>, number> = { units: 0, fields: 1, levels: 2 };
const FORMAT: Record<NonNullable<ColumnSpec["format"]>, string> = { text: "@", money: "#,##0", date: "dd/mm/yyyy" };
const ERROR_FILL = "#FDE7E9";
const SPECS = KINDS.map((k) => REGISTRATION_TABLES[k]);

/** Spec positions of a table's text columns: formatted as text before values land. */
const textColumns = (spec: TableSpec) => spec.columns.flatMap((c, i) => (c.format === "text" ? [i] : []));

export interface WorkbookRegistrations {
  tables: TableCells;
  /** Which of the two tables exist in this workbook. */
  present: Record<Kind, boolean>;
  state: SyncState;
  stateExists: boolean;
  /** Where each table's columns were, so the write after the network fetches ids in one sync. */
  preload: Preload;
  known: Inventory;
}

type Opened = Awaited<ReturnType<typeof openRegistrations>>;

/**
 * Both tables' columns and rows (or, after the network, only their id columns), the
 * registry and the sync state: two syncs, one when an earlier read says what exists.
 */
async function openRegistrations(context: Excel.RequestContext, after?: Pick<WorkbookRegistrations, "preload" | "known">) {
  const { tables, extra } = await OwnedTables.open(context, SPECS, {
    known: after?.known,
    preload: after?.preload,
    readAll: !after,
    extra: (c, inventory) => (inventory.sheets.has(STATE_SHEET) ? c.workbook.worksheets.getItem(STATE_SHEET).getUsedRangeOrNullObject(true).load("values") : null),
  });
  return { tables, state: extra };
}

/** Every column of every present table must be found before anything is read for a sync or a check. */
function requireAll(tables: OwnedTables): void {
  for (const spec of SPECS) {
    const s = tables.state(spec);
    if (s.map) requireColumns(spec, s.map);
  }
}

/** The second sync: rows of both tables in the specs' column order; the sync state. */
async function readAll(opened: Opened): Promise<WorkbookRegistrations> {
  const { tables, state } = opened;
  requireAll(tables);
  const rows = await tables.readRows(SPECS);
  const present = { collective: false, individual: false } as Record<Kind, boolean>;
  const cells = { collective: [], individual: [] } as TableCells;
  const preload = new Map<string, ColumnMap>();
  for (const spec of SPECS) {
    const s = tables.state(spec);
    if (!s.map) continue;
    present[spec.kind] = true;
    cells[spec.kind] = rows.get(spec.table)!;
    preload.set(spec.table, preloadOnly(s.map, [specIndex(spec, "id")]));
  }
  return {
    tables: cells,
    present,
    state: stateFromValues(state && !state.isNullObject ? (state.values as Cell[][]) : null),
    stateExists: tables.inventory.sheets.has(STATE_SHEET),
    preload,
    known: tables.inventory,
  };
}

/** Both tables' rows and the sync state, in two syncs whatever the size. */
export async function readRegistrations(): Promise<WorkbookRegistrations> {
  return runExcel(async (context) => readAll(await openRegistrations(context)));
}

/**
 * Reads both tables, lets `decide` (pure, in the flows) say what to write on which row,
 * and writes it in the same Excel.run: row positions never outlive the run that read
 * them. Three syncs whatever the number of rows.
 */
export async function updateRegistrationsInPlace<T>(
  decide: (wb: WorkbookRegistrations) => { changes: Partial<Record<Kind, RowChanges>>; result: T },
): Promise<{ wb: WorkbookRegistrations; result: T }> {
  return runExcel(async (context) => {
    const opened = await openRegistrations(context);
    const wb = await readAll(opened);
    const { changes, result } = decide(wb);
    const budget = new WriteBudget(context);
    for (const spec of SPECS) {
      const c = changes[spec.kind];
      if (c && wb.present[spec.kind]) await opened.tables.queueChanges(spec, c, budget, { textColumns: textColumns(spec) });
    }
    opened.tables.queueRegistry();
    await context.sync();
    return { wb, result };
  });
}

/**
 * Writes a sync's outcome after the network: each update goes to the row that holds its
 * id now (the officer may have sorted, filtered or added rows meanwhile), deletions by
 * id, new rows appended, the state saved. Two syncs: the ids were located by the read.
 */
export async function writeSync(update: SheetUpdate, read: Pick<WorkbookRegistrations, "present" | "stateExists" | "preload" | "known">): Promise<void> {
  await runExcel(async (context) => {
    const opened = await openRegistrations(context, read);
    const { tables } = opened;
    const budget = new WriteBudget(context);
    for (const spec of SPECS) {
      const s = tables.state(spec);
      const appends = update.appends[spec.kind];
      if (!s.map) {
        if (read.present[spec.kind] || appends.length) throw tableVanished(spec);
        continue;
      }
      requireColumns(spec, s.map);
      const idAt = specIndex(spec, "id");
      const ids = (await tables.readRows([spec], new Map([[spec.table, [idAt]]]))).get(spec.table)!.map((r) => String(r[idAt] ?? ""));
      const { updates, deletions } = placeUpdate(spec, ids, update);
      await tables.queueChanges(spec, { updates, deletions, appends }, budget, { textColumns: textColumns(spec) });
    }
    const stateValues = queueStateWrite(context.workbook, read.stateExists, update.state);
    await budget.add(stateValues);
    tables.queueRegistry();
    await context.sync();
  });
}

function tableVanished(spec: TableSpec): SheetProblem {
  return new SheetProblem(
    "table_changed",
    `Không còn thấy ${spec.label} khi ghi kết quả đồng bộ (trang hay bảng vừa bị xóa?). Dữ liệu trên máy chủ không mất; hãy bấm “${spec.repair}” rồi “Đồng bộ” lần nữa.`,
  );
}

function queueTableLook(state: TableState & { table: Excel.Table; map: ColumnMap }, spec: TableSpec, lists: Lists): void {
  const sheet = state.table.worksheet;
  const letterOf = (key: ColumnKey) => columnLetter(state.leftColumn + state.map.bySpec[specIndex(spec, key)]!.index);
  const firstRow = state.headerRow + 2;
  const mask = `$${letterOf("errorMask")}${firstRow}`;
  const listRows = (kind: NonNullable<ColumnSpec["list"]>) => Math.max(1, lists[kind].length);
  spec.columns.forEach((column, i) => {
    const actual = state.map.bySpec[i]!;
    const col = columnLetter(state.leftColumn + actual.index);
    const whole = sheet.getRange(`${col}:${col}`);
    whole.format.columnWidth = column.width;
    if (column.hidden) whole.columnHidden = true;
    if (column.format === "text") whole.numberFormat = "@" as unknown as string[][];
    const body = state.table.columns.getItem(actual.id).getDataBodyRange();
    if (column.format && column.format !== "text") body.numberFormat = FORMAT[column.format] as unknown as string[][];
    if (column.wrap) body.format.wrapText = true;
    body.conditionalFormats.clearAll();
    body.dataValidation.clear();
    if (column.list) {
      const listCol = columnLetter(LIST_COLUMN[column.list]);
      body.dataValidation.rule = {
        list: { inCellDropDown: true, source: `=${LISTS_SHEET}!$${listCol}$1:$${listCol}$${listRows(column.list)}` },
      };
      // A warning, not a stop: the add-in also reads abbreviations (KT, VH-XH) and codes.
      body.dataValidation.errorAlert = {
        showAlert: true,
        style: Excel.DataValidationAlertStyle.warning,
        title: "Giá trị ngoài danh sách",
        message: "Giá trị này không có trong danh sách. Bấm Kiểm tra trong ngăn Dân vận khéo để xem có đọc được không.",
      };
    }
    if (column.note) {
      body.dataValidation.prompt = { showPrompt: true, title: column.header.slice(0, 32), message: column.note.slice(0, 255) };
    }
    if (column.key !== "status" && !column.hidden) {
      const cf = body.conditionalFormats.add(Excel.ConditionalFormatType.custom);
      cf.custom.rule.formula = `=ISNUMBER(SEARCH("|${column.key}|",${mask}))`;
      cf.custom.format.fill.color = ERROR_FILL;
    }
    state.table.columns.getItem(actual.id).getHeaderRowRange().format.wrapText = true;
  });
  const status = state.table.columns.getItem(state.map.bySpec[specIndex(spec, "status")]!.id).getDataBodyRange();
  const statusCell = `$${letterOf("status")}${firstRow}`;
  for (const [prefix, color] of [
    ["Lỗi", "#C50F1F"],
    ["Không được phép", "#C50F1F"],
    ["Xung đột", "#BC4B09"],
    ["Đã đồng bộ", "#0E700E"],
  ] as const) {
    const cf = status.conditionalFormats.add(Excel.ConditionalFormatType.custom);
    cf.custom.rule.formula = `=LEFT(${statusCell},${prefix.length})="${prefix}"`;
    cf.custom.format.font.color = color;
  }
  sheet.freezePanes.freezeRows(state.headerRow + 1);
}

/**
 * "Tạo bảng đăng ký": the two forms as Excel tables with Vietnamese headers, notes,
 * dropdowns, formats, a frozen header, a status column and hidden bookkeeping columns.
 * Tables that already exist keep every row and every column the officer added; a
 * column of the add-in that was deleted comes back at the table's right end.
 */
export async function layoutRegistrationTables(lists: Lists, subtitle: string): Promise<Record<Kind, "created" | "kept">> {
  return runExcel(async (context) => {
    let { tables } = await OwnedTables.open(context, SPECS);
    const names = tables.inventory.sheets;
    const wb = context.workbook;

    // A sheet of the forms' name holding the officer's own things is never written over.
    const foreign = new Map<TableSpec, Excel.Range>();
    for (const spec of SPECS) {
      if (!tables.state(spec).table && names.has(spec.sheet)) foreign.set(spec, wb.worksheets.getItem(spec.sheet).getUsedRangeOrNullObject(true).load("address"));
    }
    if (foreign.size) await context.sync();
    for (const [spec, used] of foreign) {
      if (!used.isNullObject) {
        throw new SheetProblem("sheet_taken", `Sổ tính đã có trang “${spec.sheet}” không do phần bổ trợ tạo; phần bổ trợ không ghi đè lên đó. Hãy đổi tên trang ấy rồi bấm “${spec.repair}”.`);
      }
    }

    const listSheet = names.has(LISTS_SHEET) ? wb.worksheets.getItem(LISTS_SHEET) : wb.worksheets.add(LISTS_SHEET);
    listSheet.getRange("A:C").clear(Excel.ClearApplyTo.contents);
    listSheet.getRange("A:C").numberFormat = "@" as unknown as string[][];
    for (const [kind, col] of Object.entries(LIST_COLUMN) as [keyof Lists, number][]) {
      const values = lists[kind].map((v) => [v]);
      if (values.length) writeValuesAs(listSheet.getRangeByIndexes(0, col, values.length, 1), values, [true]);
    }
    listSheet.visibility = Excel.SheetVisibility.hidden;

    const outcome = {} as Record<Kind, "created" | "kept">;
    for (const spec of SPECS) {
      const s = tables.state(spec);
      if (s.table) {
        outcome[spec.kind] = "kept";
        tables.queueAddMissing(spec);
        continue;
      }
      outcome[spec.kind] = "created";
      const sheet = names.has(spec.sheet) ? wb.worksheets.getItem(spec.sheet) : wb.worksheets.add(spec.sheet);
      // Text columns are text before anything is written into them.
      spec.columns.forEach((c, i) => {
        if (c.format === "text") sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`).numberFormat = "@" as unknown as string[][];
      });
      writeValues(sheet.getRange("A1"), [[spec.title]]);
      sheet.getRange("A1").format.font.bold = true;
      sheet.getRange("A1").format.font.size = 14;
      const header = `A${HEADER_ROW}:${columnLetter(spec.columns.length - 1)}${HEADER_ROW}`;
      writeValues(sheet.getRange(header), [spec.columns.map((c) => c.header)]);
      const table = sheet.tables.add(header, true);
      table.name = spec.table;
      table.style = "TableStyleMedium7";
    }
    await context.sync();
    // New tables and columns have ids only now: look again, then dress them.
    tables = (await OwnedTables.open(context, SPECS)).tables;
    for (const spec of SPECS) {
      const s = tables.present(spec);
      requireColumns(spec, s.map);
      const titleRow = Math.max(0, s.headerRow - 2);
      const subtitleCell = s.table.worksheet.getRangeByIndexes(titleRow, s.leftColumn, 1, 1);
      writeValues(subtitleCell, [[subtitle]]);
      subtitleCell.format.font.italic = true;
      queueTableLook(s, spec, lists);
    }
    tables.queueRegistry();
    wb.worksheets.getItem(REGISTRATION_TABLES.collective.sheet).activate();
    await context.sync();
    return outcome;
  });
}

/** The registration on the row holding the selected cell, in either table, if any. */
export async function selectedRegistration(): Promise<{ kind: Kind; row: Cell[] } | null> {
  return runExcel(async (context) => {
    const { tables, extra } = await OwnedTables.open(context, SPECS, {
      readAll: true,
      extra: (c) => ({ range: c.workbook.getSelectedRange().load("rowIndex,columnIndex"), sheet: c.workbook.worksheets.getActiveWorksheet().load("name") }),
    });
    const rows = await tables.readRows(SPECS);
    for (const spec of SPECS) {
      const s = tables.state(spec);
      if (!s.map || s.sheetName !== extra.sheet.name) continue;
      const row = rows.get(spec.table)?.[extra.range.rowIndex - s.headerRow - 1];
      if (row) return { kind: spec.kind, row };
    }
    return null;
  });
}
