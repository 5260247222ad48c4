// Excel stand-in (NOT Excel): A1-address parsing and rectangle arithmetic shared by the
// in-memory workbook, the formula evaluator and the Office.js-shaped API. Everything is
// 0-based internally; only the A1 strings are 1-based, as in Excel.

/** Excel's grid size (Excel 2007 and later, including Excel on the web). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangular block of cells, 0-based. */
export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface ParsedAddress {
  /** Sheet name when the address was qualified ("Sheet1!A1" or "'My sheet'!A1"). */
  sheet?: string;
  rect: Rect;
}

/** Thrown for malformed addresses; the API layer turns it into an InvalidArgument rejection. */
export class AddressError extends Error {
  readonly code = "InvalidArgument";
}

export function columnToLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new AddressError(`Bad column letters "${letters}"`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

/** Splits "Sheet1!A1:B2" / "'It''s'!A1" into sheet name and the local part. */
export function splitSheet(address: string): { sheet?: string; local: string } {
  const text = address.trim();
  if (text.startsWith("'")) {
    // Quoted name: '' is an escaped quote.
    let i = 1;
    let name = "";
    while (i < text.length) {
      const ch = text[i];
      if (ch === "'") {
        if (text[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (text[i] !== "'" || text[i + 1] !== "!") throw new AddressError(`Bad sheet-qualified address "${address}"`);
    return { sheet: name, local: text.slice(i + 2) };
  }
  const bang = text.lastIndexOf("!");
  if (bang >= 0) return { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
  return { local: text };
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COL_RE = /^\$?([A-Za-z]{1,3})$/;
const ROW_RE = /^\$?(\d{1,7})$/;

type Endpoint = { kind: "cell"; row: number; col: number } | { kind: "col"; col: number } | { kind: "row"; row: number };

function parseEndpoint(part: string, whole: string): Endpoint {
  let m = CELL_RE.exec(part);
  if (m) return { kind: "cell", col: lettersToColumn(m[1]!), row: Number(m[2]) - 1 };
  m = COL_RE.exec(part);
  if (m) return { kind: "col", col: lettersToColumn(m[1]!) };
  m = ROW_RE.exec(part);
  if (m) return { kind: "row", row: Number(m[1]) - 1 };
  throw new AddressError(`Unsupported or malformed address "${whole}"`);
}

/**
 * Parses "A1", "$A$1", "A1:C3", "A:A", "A:C", "1:1", "2:5", optionally sheet-qualified.
 * Multi-area addresses ("A1:B2,D4") are RangeAreas in Office.js and are not supported here.
 */
export function parseAddress(address: string): ParsedAddress {
  if (address.includes(",")) throw new AddressError(`Multi-area address "${address}" is not supported by the Excel stand-in`);
  const { sheet, local } = splitSheet(address);
  const parts = local.split(":");
  if (parts.length > 2 || parts[0] === "") throw new AddressError(`Malformed address "${address}"`);
  const a = parseEndpoint(parts[0]!.trim(), address);
  const b = parts.length === 2 ? parseEndpoint(parts[1]!.trim(), address) : a;
  let rect: Rect;
  if (a.kind === "cell" && b.kind === "cell") {
    const row = Math.min(a.row, b.row);
    const col = Math.min(a.col, b.col);
    rect = { row, col, rows: Math.abs(a.row - b.row) + 1, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.kind === "col" && b.kind === "col" && parts.length === 2) {
    const col = Math.min(a.col, b.col);
    rect = { row: 0, col, rows: MAX_ROWS, cols: Math.abs(a.col - b.col) + 1 };
  } else if (a.kind === "row" && b.kind === "row" && parts.length === 2) {
    const row = Math.min(a.row, b.row);
    rect = { row, col: 0, rows: Math.abs(a.row - b.row) + 1, cols: MAX_COLUMNS };
  } else {
    // "A" alone or "1" alone or "A1:C" mixes are not addresses in Excel either.
    throw new AddressError(`Malformed address "${address}"`);
  }
  checkRect(rect, address);
  return sheet === undefined ? { rect } : { sheet, rect };
}

export function checkRect(rect: Rect, what = "range"): void {
  if (
    !Number.isInteger(rect.row) ||
    !Number.isInteger(rect.col) ||
    !Number.isInteger(rect.rows) ||
    !Number.isInteger(rect.cols) ||
    rect.row < 0 ||
    rect.col < 0 ||
    rect.rows < 1 ||
    rect.cols < 1 ||
    rect.row + rect.rows > MAX_ROWS ||
    rect.col + rect.cols > MAX_COLUMNS
  ) {
    throw new AddressError(`The ${what} is outside the grid or empty (row ${rect.row}, col ${rect.col}, ${rect.rows}x${rect.cols})`);
  }
}

export function isWholeColumns(rect: Rect): boolean {
  return rect.row === 0 && rect.rows === MAX_ROWS;
}

export function isWholeRows(rect: Rect): boolean {
  return rect.col === 0 && rect.cols === MAX_COLUMNS;
}

export function cellA1(row: number, col: number): string {
  return `${columnToLetters(col)}${row + 1}`;
}

/** "A1", "A1:C3", "A:C" or "2:5" — the local part Excel prints for a rectangle. */
export function formatRect(rect: Rect): string {
  if (isWholeColumns(rect) && !isWholeRows(rect)) {
    return `${columnToLetters(rect.col)}:${columnToLetters(rect.col + rect.cols - 1)}`;
  }
  if (isWholeRows(rect) && !isWholeColumns(rect)) {
    return `${rect.row + 1}:${rect.row + rect.rows}`;
  }
  const first = cellA1(rect.row, rect.col);
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${cellA1(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/** Absolute form ("$A$1:$C$3"), used where Excel reports formulas (validation sources, names). */
export function formatRectAbsolute(rect: Rect): string {
  if (isWholeColumns(rect) && !isWholeRows(rect)) {
    return `$${columnToLetters(rect.col)}:$${columnToLetters(rect.col + rect.cols - 1)}`;
  }
  if (isWholeRows(rect) && !isWholeColumns(rect)) {
    return `$${rect.row + 1}:$${rect.row + rect.rows}`;
  }
  const abs = (r: number, c: number) => `$${columnToLetters(c)}$${r + 1}`;
  const first = abs(rect.row, rect.col);
  if (rect.rows === 1 && rect.cols === 1) return first;
  return `${first}:${abs(rect.row + rect.rows - 1, rect.col + rect.cols - 1)}`;
}

/**
 * Excel quotes a sheet name in an address unless it is a plain identifier that cannot be
 * mistaken for a cell reference. Letters include Vietnamese letters (Unicode \p{L}).
 */
export function quoteSheetName(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheetName: string, rect: Rect): string {
  return `${quoteSheetName(sheetName)}!${formatRect(rect)}`;
}

export function cellCount(rect: Rect): number {
  return rect.rows * rect.cols;
}

export function containsCell(rect: Rect, row: number, col: number): boolean {
  return row >= rect.row && row < rect.row + rect.rows && col >= rect.col && col < rect.col + rect.cols;
}

export function intersect(a: Rect, b: Rect): Rect | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const rowEnd = Math.min(a.row + a.rows, b.row + b.rows);
  const colEnd = Math.min(a.col + a.cols, b.col + b.cols);
  if (rowEnd <= row || colEnd <= col) return null;
  return { row, col, rows: rowEnd - row, cols: colEnd - col };
}

export function containsRect(outer: Rect, inner: Rect): boolean {
  return (
    inner.row >= outer.row &&
    inner.col >= outer.col &&
    inner.row + inner.rows <= outer.row + outer.rows &&
    inner.col + inner.cols <= outer.col + outer.cols
  );
}

export function boundingRect(a: Rect, b: Rect): Rect {
  const row = Math.min(a.row, b.row);
  const col = Math.min(a.col, b.col);
  return {
    row,
    col,
    rows: Math.max(a.row + a.rows, b.row + b.rows) - row,
    cols: Math.max(a.col + a.cols, b.col + b.cols) - col,
  };
}

/** a minus b as up to four disjoint rectangles (top band, bottom band, left, right). */
export function subtractRect(a: Rect, b: Rect): Rect[] {
  const i = intersect(a, b);
  if (!i) return [a];
  const out: Rect[] = [];
  if (i.row > a.row) out.push({ row: a.row, col: a.col, rows: i.row - a.row, cols: a.cols });
  const aBottom = a.row + a.rows;
  const iBottom = i.row + i.rows;
  if (iBottom < aBottom) out.push({ row: iBottom, col: a.col, rows: aBottom - iBottom, cols: a.cols });
  if (i.col > a.col) out.push({ row: i.row, col: a.col, rows: i.rows, cols: i.col - a.col });
  const aRight = a.col + a.cols;
  const iRight = i.col + i.cols;
  if (iRight < aRight) out.push({ row: i.row, col: iRight, rows: i.rows, cols: aRight - iRight });
  return out;
}

export function sameRect(a: Rect, b: Rect): boolean {
  return a.row === b.row && a.col === b.col && a.rows === b.rows && a.cols === b.cols;
}

/** Key of a cell in a sheet's sparse cell map. Fits in a double exactly (< 2^35). */
export function cellKey(row: number, col: number): number {
  return row * MAX_COLUMNS + col;
}

export function keyRow(key: number): number {
  return Math.floor(key / MAX_COLUMNS);
}

export function keyCol(key: number): number {
  return key % MAX_COLUMNS;
}
