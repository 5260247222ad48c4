import type { ColumnKey, TableSpec } from "./columns.ts";
import { contentHash, legacyContentHash } from "./hash.ts";
import { readRow, type RowContext, type RowReading } from "./read-row.ts";
import { errorMask, errorStatus, isConflict, STATUS } from "./status.ts";
import type { Cell } from "../../shared/parse.ts";

/** A table's data body as read from Excel, and the reading of each row. */
export interface TableRows {
  spec: TableSpec;
  rows: Cell[][];
}

export interface RowCheck {
  reading: RowReading;
  /** Content fingerprint when the row is valid. */
  hash: string | null;
  /** Valid and unchanged since its last sync. */
  clean: boolean;
}

export function cellOf(spec: TableSpec, row: readonly Cell[], key: ColumnKey): Cell {
  const i = spec.columns.findIndex((c) => c.key === key);
  return i < 0 ? undefined : row[i];
}

export function checkRow(spec: TableSpec, row: readonly Cell[], ctx: RowContext): RowCheck {
  const reading = readRow(spec, row, ctx);
  const hash = reading.content ? contentHash(reading.content) : null;
  const version = Number(cellOf(spec, row, "version")) || 0;
  const synced = cellOf(spec, row, "syncedHash");
  const clean = hash !== null && version > 0 && (hash === synced || (reading.content !== null && legacyContentHash(reading.content) === synced));
  return { reading, hash, clean };
}

/** The status and error-mask cells "Kiểm tra" writes for a row. */
export function checkStatus(spec: TableSpec, row: readonly Cell[], check: RowCheck): [string, string] {
  const { reading } = check;
  if (reading.blank) return ["", ""];
  if (reading.errors.length) return [errorStatus(spec, reading.errors), errorMask(reading.errors)];
  const status = cellOf(spec, row, "status");
  // A conflict stays until the officer chooses a side or a sync settles it.
  if (isConflict(status)) return [String(status), ""];
  return [check.clean ? STATUS.synced : `${STATUS.unsent} – hợp lệ`, ""];
}

export interface CheckSummary {
  rows: number;
  valid: number;
  invalid: number;
}

/**
 * "Kiểm tra": every row re-read as the server will read it (pasting bypasses Excel's
 * own validation), giving the status and error-mask columns to write back whole.
 */
export function checkTable(table: TableRows, ctx: RowContext): { status: string[]; mask: string[]; summary: CheckSummary } {
  const status: string[] = [];
  const mask: string[] = [];
  const summary: CheckSummary = { rows: 0, valid: 0, invalid: 0 };
  for (const row of table.rows) {
    const check = checkRow(table.spec, row, ctx);
    const [s, m] = checkStatus(table.spec, row, check);
    status.push(s);
    mask.push(m);
    if (check.reading.blank) continue;
    summary.rows++;
    if (check.reading.errors.length) summary.invalid++;
    else summary.valid++;
  }
  return { status, mask, summary };
}
