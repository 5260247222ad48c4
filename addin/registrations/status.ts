import type { CellError } from "./read-row.ts";
import type { TableSpec } from "./columns.ts";

// What the status column says. The leading words are what later runs recognise, so
// they are defined once here.
export const STATUS = {
  synced: "Đã đồng bộ",
  unsent: "Chưa gửi",
  sending: "Đang gửi…",
  error: "Lỗi",
  conflict: "Xung đột",
  forbidden: "Không được phép",
} as const;

/**
 * "Lỗi – 2. Lĩnh vực: …" for a row the sheet or the server refused: each reason after
 * its column's header (alone when it belongs to no column of this table).
 */
export function errorStatus(spec: TableSpec, errors: readonly CellError[], label: string = STATUS.error): string {
  const header = (key: string) => spec.columns.find((c) => c.key === key)?.header;
  const reasons = errors.map((e) => (header(e.column) ? `${header(e.column)}: ${e.message}` : e.message));
  return `${label} – ${reasons.join(" | ") || "máy chủ từ chối"}`;
}

/** The hidden error-mask cell: "|field|period|", matched by the sheet's conditional formats. */
export function errorMask(errors: readonly CellError[]): string {
  return errors.length ? `|${[...new Set(errors.map((e) => e.column))].join("|")}|` : "";
}

export function isConflict(status: unknown): boolean {
  return typeof status === "string" && status.startsWith(STATUS.conflict);
}
