import { addRows, columnLetter, runExcel, writeValues, WriteBudget } from "./excel.ts";
import { queueStateWrite, STATE_SHEET, stateFromValues } from "./state-sheet.ts";
import { REGISTRATION_TABLES, type ColumnKey, type ColumnSpec, type TableSpec } from "../registrations/columns.ts";
import type { RowUpdate, SyncApplication, SyncState, TableCells } from "../registrations/sync-plan.ts";
import type { Cell } from "../../shared/parse.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

/** The dropdowns' sources, kept on a hidden sheet so Excel's validation can point at them. */
export const LISTS_SHEET = "DanhMuc";
/** Title rows above each table; the header is on this row (1-based). */
const HEADER_ROW = 4;
const FIRST_DATA_ROW = HEADER_ROW + 1;

export interface Lists {
  units: readonly string[];
  fields: readonly string[];
  levels: readonly string[];
}

const LIST_COLUMN: Record<NonNullable<ColumnSpec["list"]>, number> = { units: 0, fields: 1, levels: 2 };
const FORMAT: Record<NonNullable<ColumnSpec["format"]>, string> = { text: "@", money: "#,##0", date: "dd/mm/yyyy" };
const ERROR_FILL = "#FDE7E9";

export interface WorkbookRegistrations {
  tables: TableCells;
  /** Which of the two tables exist in this workbook. */
  present: Record<Kind, boolean>;
  state: SyncState;
  stateExists: boolean;
}

/** Names of the sheets and tables already in the workbook (one sync). */
async function inventory(context: Excel.RequestContext) {
  const sheets = context.workbook.worksheets.load("items/name");
  const tables = context.workbook.tables.load("items/name");
  await context.sync();
  return {
    sheets: new Set(sheets.items.map((s) => s.name)),
    tables: new Set(tables.items.map((t) => t.name)),
  };
}

/**
 * Both registration tables' rows and the sync state, in two syncs whatever the size.
 * An empty table reads as no rows (Excel reports one blank row for it).
 */
export async function readRegistrations(): Promise<WorkbookRegistrations> {
  return runExcel(async (context) => {
    const have = await inventory(context);
    const bodies = new Map<Kind, Excel.Range>();
    for (const kind of KINDS) {
      const spec = REGISTRATION_TABLES[kind];
      if (have.tables.has(spec.table)) {
        bodies.set(kind, context.workbook.tables.getItem(spec.table).getDataBodyRange().load("values"));
      }
    }
    const stateExists = have.sheets.has(STATE_SHEET);
    const used = stateExists
      ? context.workbook.worksheets.getItem(STATE_SHEET).getUsedRangeOrNullObject(true).load("values")
      : null;
    await context.sync();
    const tables = { collective: [], individual: [] } as TableCells;
    for (const [kind, body] of bodies) tables[kind] = body.values as Cell[][];
    return {
      tables,
      present: { collective: bodies.has("collective"), individual: bodies.has("individual") },
      state: stateFromValues(used && !used.isNullObject ? (used.values as Cell[][]) : null),
      stateExists,
    };
  });
}

function queueTableLook(sheet: Excel.Worksheet, table: Excel.Table, spec: TableSpec, lists: Lists): void {
  const letterOf = (key: ColumnKey) => columnLetter(spec.columns.findIndex((c) => c.key === key));
  const mask = `$${letterOf("errorMask")}${FIRST_DATA_ROW}`;
  const listRows = (kind: NonNullable<ColumnSpec["list"]>) => Math.max(1, lists[kind].length);
  table.getRange().conditionalFormats.clearAll();
  spec.columns.forEach((column, i) => {
    const whole = sheet.getRange(`${columnLetter(i)}:${columnLetter(i)}`);
    whole.format.columnWidth = column.width;
    if (column.hidden) whole.columnHidden = true;
    const body = table.columns.getItemAt(i).getDataBodyRange();
    if (column.format) body.numberFormat = FORMAT[column.format] as unknown as string[][];
    body.dataValidation.clear();
    if (column.list) {
      const col = columnLetter(LIST_COLUMN[column.list]);
      body.dataValidation.rule = {
        list: { inCellDropDown: true, source: `=${LISTS_SHEET}!$${col}$1:$${col}$${listRows(column.list)}` },
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
  });
  const status = table.columns.getItemAt(0).getDataBodyRange();
  const statusCell = `$A${FIRST_DATA_ROW}`;
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
  sheet.freezePanes.freezeRows(HEADER_ROW);
}

/**
 * "Tạo bảng đăng ký": the two forms as Excel tables with Vietnamese headers, notes,
 * dropdowns, formats, a frozen header, a status column and hidden bookkeeping columns.
 * Tables that already exist keep every row; only their look and lists are refreshed.
 */
export async function layoutRegistrationTables(lists: Lists, subtitle: string): Promise<Record<Kind, "created" | "kept">> {
  return runExcel(async (context) => {
    const have = await inventory(context);
    const wb = context.workbook;

    const listSheet = have.sheets.has(LISTS_SHEET) ? wb.worksheets.getItem(LISTS_SHEET) : wb.worksheets.add(LISTS_SHEET);
    listSheet.getRange("A:C").clear(Excel.ClearApplyTo.contents);
    for (const [kind, col] of Object.entries(LIST_COLUMN) as [keyof Lists, number][]) {
      const values = lists[kind].map((v) => [v]);
      if (values.length) writeValues(listSheet.getRangeByIndexes(0, col, values.length, 1), values);
    }
    listSheet.visibility = Excel.SheetVisibility.hidden;

    const outcome = {} as Record<Kind, "created" | "kept">;
    for (const kind of KINDS) {
      const spec = REGISTRATION_TABLES[kind];
      const sheet = have.sheets.has(spec.sheet) ? wb.worksheets.getItem(spec.sheet) : wb.worksheets.add(spec.sheet);
      let table: Excel.Table;
      if (have.tables.has(spec.table)) {
        table = wb.tables.getItem(spec.table);
        outcome[kind] = "kept";
      } else {
        const last = columnLetter(spec.columns.length - 1);
        writeValues(sheet.getRange("A1"), [[spec.title]]);
        sheet.getRange("A1").format.font.bold = true;
        sheet.getRange("A1").format.font.size = 14;
        table = sheet.tables.add(`A${HEADER_ROW}:${last}${HEADER_ROW}`, true);
        table.name = spec.table;
        writeValues(table.getHeaderRowRange(), [spec.columns.map((c) => c.header)]);
        table.style = "TableStyleMedium7";
        outcome[kind] = "created";
      }
      writeValues(sheet.getRange("A2"), [[subtitle]]);
      sheet.getRange("A2").format.font.italic = true;
      sheet.getRange(`A${HEADER_ROW}:${columnLetter(spec.columns.length - 1)}${HEADER_ROW}`).format.wrapText = true;
      queueTableLook(sheet, table, spec, lists);
    }
    wb.worksheets.getItem(REGISTRATION_TABLES.collective.sheet).activate();
    await context.sync();
    return outcome;
  });
}

/** "Kiểm tra"'s answer: the status and error-mask columns, each written whole. */
export async function writeCheck(results: Partial<Record<Kind, { status: string[]; mask: string[] }>>): Promise<void> {
  await runExcel(async (context) => {
    const budget = new WriteBudget(context);
    for (const kind of KINDS) {
      const r = results[kind];
      if (!r || r.status.length === 0) continue;
      const spec = REGISTRATION_TABLES[kind];
      const table = context.workbook.tables.getItem(spec.table);
      const statusValues = r.status.map((s) => [s]);
      const maskValues = r.mask.map((m) => [m]);
      await budget.add(statusValues);
      writeValues(table.columns.getItemAt(indexOf(spec, "status")).getDataBodyRange(), statusValues);
      await budget.add(maskValues);
      writeValues(table.columns.getItemAt(indexOf(spec, "errorMask")).getDataBodyRange(), maskValues);
    }
    await context.sync();
  });
}

function indexOf(spec: TableSpec, key: ColumnKey): number {
  return spec.columns.findIndex((c) => c.key === key);
}

/** Ids for new rows, written before anything is sent so answers can find their rows again. */
export async function writeAssignedIds(
  assigned: readonly { kind: Kind; index: number; id: string }[],
  sending: ReadonlySet<string>,
  tables: TableCells,
): Promise<void> {
  if (assigned.length === 0 && sending.size === 0) return;
  await runExcel(async (context) => {
    const budget = new WriteBudget(context);
    for (const kind of KINDS) {
      const spec = REGISTRATION_TABLES[kind];
      const rows = tables[kind];
      if (rows.length === 0) continue;
      const ids = rows.map((r) => [String(r[indexOf(spec, "id")] ?? "")]);
      const status = rows.map((r) => [r[0] ?? ""]);
      let touched = false;
      for (const a of assigned) {
        if (a.kind === kind) {
          ids[a.index] = [a.id];
          touched = true;
        }
      }
      ids.forEach(([id], i) => {
        if (id && sending.has(id)) {
          status[i] = ["Đang gửi…"];
          touched = true;
        }
      });
      if (!touched) continue;
      const table = context.workbook.tables.getItem(spec.table);
      await budget.add(ids);
      writeValues(table.columns.getItemAt(indexOf(spec, "id")).getDataBodyRange(), ids);
      await budget.add(status);
      writeValues(table.columns.getItemAt(indexOf(spec, "status")).getDataBodyRange(), status);
    }
    await context.sync();
  });
}

const BOOKKEEPING: readonly ColumnKey[] = ["status", "id", "version", "syncedHash", "errorMask"];

/**
 * Writes a sync's outcome. The bookkeeping columns are re-read first (the officer may
 * have sorted or added rows while the network was busy), so every update lands on its
 * row by id. `read` is what readRegistrations found: which tables and state sheet exist.
 * Whole columns, then changed rows, deletions bottom-up, appended rows, the state.
 */
export async function writeSync(
  app: Pick<SyncApplication, "updates" | "deletions" | "appends" | "state">,
  read: Pick<WorkbookRegistrations, "present" | "stateExists">,
): Promise<void> {
  await runExcel(async (context) => {
    const columns = new Map<Kind, Map<ColumnKey, Excel.Range>>();
    const firstRows = new Map<Kind, Excel.Range>();
    for (const kind of KINDS) {
      const spec = REGISTRATION_TABLES[kind];
      if (!read.present[kind]) continue;
      const table = context.workbook.tables.getItem(spec.table);
      const byKey = new Map<ColumnKey, Excel.Range>();
      for (const key of BOOKKEEPING) byKey.set(key, table.columns.getItemAt(indexOf(spec, key)).getDataBodyRange().load("values"));
      columns.set(kind, byKey);
      firstRows.set(kind, table.getDataBodyRange().getRow(0).load("values"));
    }
    await context.sync();

    const budget = new WriteBudget(context);
    for (const [kind, byKey] of columns) {
      const spec = REGISTRATION_TABLES[kind];
      const table = context.workbook.tables.getItem(spec.table);
      const current = new Map([...byKey].map(([k, r]) => [k, (r.values as Cell[][]).map((row) => row[0])]));
      const ids = current.get("id")!.map((v) => String(v ?? ""));
      const rowsOf = (update: (u: RowUpdate) => unknown) => ids.map((id) => (id ? update(app.updates.get(id) ?? {}) : undefined));
      for (const key of BOOKKEEPING) {
        const next = rowsOf((u) => u[key as keyof RowUpdate]);
        const values = current.get(key)!.map((old, i) => [next[i] === undefined ? old : next[i]]);
        if (values.every((v, i) => v[0] === current.get(key)![i])) continue;
        await budget.add(values);
        writeValues(byKey.get(key)!, values);
      }
      const contentStart = 1;
      const contentEnd = indexOf(spec, "submittedAt");
      for (let i = 0; i < ids.length; i++) {
        const content = app.updates.get(ids[i]!)?.content;
        if (!content) continue;
        const values = [spec.columns.slice(contentStart, contentEnd + 1).map((c) => content.get(c.key) ?? "")];
        await budget.add(values);
        writeValues(table.getDataBodyRange().getCell(i, contentStart).getResizedRange(0, contentEnd - contentStart), values);
      }
      const doomed = ids.map((id, i) => (app.deletions.has(id) ? i : -1)).filter((i) => i >= 0);
      for (const i of doomed.reverse()) {
        table.getDataBodyRange().getRow(i).delete(Excel.DeleteShiftDirection.up);
      }
      const rows = app.appends[kind].slice();
      // A new table's data body is one blank row (Excel keeps it); fill it rather than add below it.
      const first = firstRows.get(kind)!.values[0] ?? [];
      if (rows.length && ids.length === 1 && doomed.length === 0 && first.every((v) => v === "" || v === null)) {
        const row = rows.shift()!;
        await budget.add(row);
        writeValues(table.getDataBodyRange().getRow(0), [row]);
      }
      if (rows.length) {
        await budget.add(rows);
        addRows(table, rows);
      }
    }
    const stateValues = queueStateWrite(context.workbook, read.stateExists, app.state);
    await budget.add(stateValues);
    await context.sync();
  });
}
