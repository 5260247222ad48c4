import { utf8Length } from "../../shared/text.ts";
import { inert } from "../../shared/inert.ts";

// The thin layer that alone talks to Excel. Every function here batches its work into
// as few context.sync() calls as the reads allow, whatever the number of rows.

/** Excel on the web refuses a request over 5 MB; writes are flushed well before that. */
export const PAYLOAD_LIMIT_BYTES = 4 * 1024 * 1024;

export function runExcel<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(batch);
}

/**
 * Counts the approximate size of queued writes and syncs before a request would pass
 * Excel on the web's payload limit, so big writes go in chunks without a sync per row.
 */
export class WriteBudget {
  private bytes = 0;
  constructor(private readonly context: Excel.RequestContext) {}

  async add(payload: unknown): Promise<void> {
    const size = utf8Length(typeof payload === "string" ? payload : JSON.stringify(payload ?? null));
    if (this.bytes > 0 && this.bytes + size > PAYLOAD_LIMIT_BYTES) {
      await this.context.sync();
      this.bytes = 0;
    }
    this.bytes += size + 64;
  }
}

/** Column letters for a 0-based index: 0 → A, 27 → AB. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export { inert };

export function inertRows<T>(rows: readonly (readonly T[])[]): (T | string)[][] {
  return rows.map((row) => row.map(inert));
}

type Values = (string | number | boolean)[][];

/** The one way the add-in puts values into cells: always inert (formulas go through range.formulas). */
export function writeValues(range: Excel.Range, rows: readonly (readonly unknown[])[]): void {
  range.values = inertRows(rows.map((r) => r.map((v) => v ?? ""))) as Values;
}

/**
 * Values for cells formatted as Text ("@"): Excel keeps whatever lands there as text and
 * never runs it, and would keep an apostrophe prefix as part of the text, so none is added.
 * `text[j]` says which columns of the block are Text; the others are made inert.
 */
export function writeValuesAs(range: Excel.Range, rows: readonly (readonly unknown[])[], text: readonly boolean[]): void {
  range.values = rows.map((r) => r.map((v, j) => (text[j] ? (v ?? "") : inert(v ?? "")))) as Values;
}

/** Appends rows to a table, as inert values. */
export function addRows(table: Excel.Table, rows: readonly (readonly unknown[])[]): void {
  table.rows.add(undefined, inertRows(rows.map((r) => r.map((v) => v ?? ""))) as Values);
}

/**
 * A protected sheet of the add-in is a guard, not a lock (no password): the officer may
 * still format, sort and filter it.
 */
export const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: true,
};
