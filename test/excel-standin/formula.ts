// Excel stand-in (NOT Excel): a deliberately small formula evaluator. It exists so that a
// test can read the computed value of the few formulas an add-in writes (totals, flags,
// scores), not to be a spreadsheet engine. Anything it does not understand evaluates to
// UNSUPPORTED and the host records it — a test then fails loudly on the value instead of
// silently passing on a wrong number.
//
// Supported: numbers, "strings", TRUE/FALSE, error literals, A1 refs ($ allowed), areas
// (A1:B3, A:A, 1:3), sheet-qualified refs (Sheet1!A1, 'Tên sheet'!A1:B2), workbook names
// that point at ranges, operators + - * / ^ & % = <> < > <= >= and unary +/-, and the
// functions listed in FUNCTIONS below. Not supported: structured refs (Table1[Col]), array
// constants, dynamic-array results (spills), R1C1, 3-D refs, the union/intersection
// operators, volatile and lookup functions.

import { MAX_COLUMNS, MAX_ROWS, columnToLetters, lettersToColumn, intersect, type Rect } from "./addresses.ts";

export type CellValue = string | number | boolean;

export const UNSUPPORTED = "#STANDIN_UNSUPPORTED";

/** Error values as Excel reports them through `range.values` (strings, valueType "Error"). */
export const ERROR_VALUES = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  UNSUPPORTED,
]);

export function isErrorValue(v: unknown): boolean {
  return typeof v === "string" && ERROR_VALUES.has(v);
}

/** What the evaluator needs from the workbook. */
export interface FormulaHost {
  /** Computed value of a cell; "" for empty. Unknown sheet: return null. */
  cellValue(sheet: string, row: number, col: number): CellValue | null;
  /** Used bounds of a sheet, to clip whole-column/row references; null if empty or missing. */
  usedRect(sheet: string): Rect | null;
  sheetExists(sheet: string): boolean;
  /** A workbook name referring to a range, or null. */
  resolveName(name: string): { sheet: string; rect: Rect } | null;
}

export interface EvalContext {
  /** Sheet the formula lives on (unqualified references point here). */
  sheet: string;
  /** Offset applied to relative (non-$) parts of references: conditional-format rules
   * are written for the top-left cell of their range and evaluated for every cell. */
  rowOffset?: number;
  colOffset?: number;
}

export class UnsupportedFormula extends Error {}

class FormulaError {
  constructor(readonly code: string) {}
}

// ---------------------------------------------------------------------------------------
// Tokenizer

type RefToken = {
  t: "ref";
  start: number;
  end: number;
  sheet: string | undefined;
  /** Area kind: single cell, cell area, whole columns, whole rows. */
  kind: "cell" | "area" | "cols" | "rows";
  r1: number;
  c1: number;
  r2: number;
  c2: number;
  r1Abs: boolean;
  c1Abs: boolean;
  r2Abs: boolean;
  c2Abs: boolean;
};

type Token =
  | { t: "num"; v: number; start: number; end: number }
  | { t: "str"; v: string; start: number; end: number }
  | { t: "err"; v: string; start: number; end: number }
  | { t: "ident"; v: string; start: number; end: number }
  | { t: "op"; v: string; start: number; end: number }
  | RefToken;

const SHEET_PREFIX = /^(?:'((?:[^']|'')+)'|([\p{L}_][\p{L}\p{N}_.]*))!/u;
const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![\p{L}\p{N}_(])/u;
const COLS = /^(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\p{L}\p{N}_(])/u;
const ROWS = /^(\$?)(\d{1,7}):(\$?)(\d{1,7})(?![\p{L}\p{N}_.])/u;

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === " " || ch === "\n" || ch === "\t" || ch === "\r") {
      i++;
      continue;
    }
    const rest = src.slice(i);
    if (ch === '"') {
      let j = i + 1;
      let v = "";
      for (;;) {
        if (j >= src.length) throw new UnsupportedFormula("unterminated string");
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            v += '"';
            j += 2;
            continue;
          }
          break;
        }
        v += src[j];
        j++;
      }
      tokens.push({ t: "str", v, start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    if (ch === "#") {
      const m = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|SPILL!|CALC!)/i.exec(rest);
      if (!m) throw new UnsupportedFormula(`unknown error literal at "${rest}"`);
      tokens.push({ t: "err", v: m[0].toUpperCase(), start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    if (ch === "{") throw new UnsupportedFormula("array constants");
    if (ch === "[") throw new UnsupportedFormula("structured references");
    const ref = matchRef(rest, i);
    if (ref) {
      tokens.push(ref);
      i = ref.end;
      continue;
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (num) {
      tokens.push({ t: "num", v: Number(num[0]), start: i, end: i + num[0].length });
      i += num[0].length;
      continue;
    }
    const ident = /^[\p{L}_\\][\p{L}\p{N}_.]*/u.exec(rest);
    if (ident) {
      const end = i + ident[0].length;
      if (src[end] === "[") throw new UnsupportedFormula("structured references (Table[Column])");
      if (src[end] === "!") throw new UnsupportedFormula(`reference "${rest.slice(0, 40)}"`);
      tokens.push({ t: "ident", v: ident[0], start: i, end });
      i = end;
      continue;
    }
    const op = /^(<>|<=|>=|[-+*/^&%=<>(),:;])/.exec(rest);
    if (op) {
      if (op[0] === ";") throw new UnsupportedFormula("';' argument separators (use ',' as Office.js does)");
      if (op[0] === ":") throw new UnsupportedFormula("range operator between non-references");
      tokens.push({ t: "op", v: op[0], start: i, end: i + op[0].length });
      i += op[0].length;
      continue;
    }
    throw new UnsupportedFormula(`unexpected character "${ch}"`);
  }
  return tokens;
}

function matchRef(rest: string, offset: number): RefToken | null {
  let sheet: string | undefined;
  let body = rest;
  let consumed = 0;
  const sp = SHEET_PREFIX.exec(rest);
  if (sp) {
    sheet = sp[1] !== undefined ? sp[1].replace(/''/g, "'") : sp[2];
    body = rest.slice(sp[0].length);
    consumed = sp[0].length;
  }
  let m = COLS.exec(body);
  if (m) {
    const c1 = lettersToColumn(m[2]!);
    const c2 = lettersToColumn(m[4]!);
    return {
      t: "ref",
      start: offset,
      end: offset + consumed + m[0].length,
      sheet,
      kind: "cols",
      r1: 0,
      r2: MAX_ROWS - 1,
      c1: Math.min(c1, c2),
      c2: Math.max(c1, c2),
      r1Abs: true,
      r2Abs: true,
      c1Abs: m[1] === "$",
      c2Abs: m[3] === "$",
    };
  }
  m = ROWS.exec(body);
  if (m) {
    const r1 = Number(m[2]) - 1;
    const r2 = Number(m[4]) - 1;
    return {
      t: "ref",
      start: offset,
      end: offset + consumed + m[0].length,
      sheet,
      kind: "rows",
      r1: Math.min(r1, r2),
      r2: Math.max(r1, r2),
      c1: 0,
      c2: MAX_COLUMNS - 1,
      r1Abs: m[1] === "$",
      r2Abs: m[3] === "$",
      c1Abs: true,
      c2Abs: true,
    };
  }
  m = CELL.exec(body);
  if (!m) {
    if (sheet !== undefined) throw new UnsupportedFormula(`reference after "${sheet}!"`);
    return null;
  }
  const r1 = Number(m[4]) - 1;
  const c1 = lettersToColumn(m[2]!);
  if (r1 < 0 || r1 >= MAX_ROWS || c1 >= MAX_COLUMNS) return null;
  let len = m[0].length;
  const after = body.slice(len);
  const m2 = after.startsWith(":") ? CELL.exec(after.slice(1)) : null;
  if (m2) {
    const r2 = Number(m2[4]) - 1;
    const c2 = lettersToColumn(m2[2]!);
    len += 1 + m2[0].length;
    return {
      t: "ref",
      start: offset,
      end: offset + consumed + len,
      sheet,
      kind: "area",
      r1,
      c1,
      r2,
      c2,
      r1Abs: m[3] === "$",
      c1Abs: m[1] === "$",
      r2Abs: m2[3] === "$",
      c2Abs: m2[1] === "$",
    };
  }
  return {
    t: "ref",
    start: offset,
    end: offset + consumed + len,
    sheet,
    kind: "cell",
    r1,
    c1,
    r2: r1,
    c2: c1,
    r1Abs: m[3] === "$",
    c1Abs: m[1] === "$",
    r2Abs: m[3] === "$",
    c2Abs: m[1] === "$",
  };
}

// ---------------------------------------------------------------------------------------
// Parser (precedence climbing; Excel's order: comparison < & < +- < */ < ^ < unary < %)

type Node =
  | { k: "lit"; v: CellValue | FormulaError }
  | { k: "ref"; ref: RefToken }
  | { k: "name"; name: string }
  | { k: "call"; fn: string; args: Node[] }
  | { k: "neg"; x: Node }
  | { k: "pct"; x: Node }
  | { k: "bin"; op: string; a: Node; b: Node };

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): Node {
    const node = this.comparison();
    if (this.pos < this.tokens.length) throw new UnsupportedFormula(`unexpected token at position ${this.tokens[this.pos]!.start}`);
    return node;
  }

  private peekOp(...ops: string[]): string | null {
    const tok = this.tokens[this.pos];
    return tok && tok.t === "op" && ops.includes(tok.v) ? tok.v : null;
  }

  private comparison(): Node {
    let a = this.concat();
    for (let op = this.peekOp("=", "<>", "<", ">", "<=", ">="); op; op = this.peekOp("=", "<>", "<", ">", "<=", ">=")) {
      this.pos++;
      a = { k: "bin", op, a, b: this.concat() };
    }
    return a;
  }

  private concat(): Node {
    let a = this.additive();
    while (this.peekOp("&")) {
      this.pos++;
      a = { k: "bin", op: "&", a, b: this.additive() };
    }
    return a;
  }

  private additive(): Node {
    let a = this.multiplicative();
    for (let op = this.peekOp("+", "-"); op; op = this.peekOp("+", "-")) {
      this.pos++;
      a = { k: "bin", op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Node {
    let a = this.power();
    for (let op = this.peekOp("*", "/"); op; op = this.peekOp("*", "/")) {
      this.pos++;
      a = { k: "bin", op, a, b: this.power() };
    }
    return a;
  }

  private power(): Node {
    let a = this.unary();
    while (this.peekOp("^")) {
      this.pos++;
      a = { k: "bin", op: "^", a, b: this.unary() };
    }
    return a;
  }

  private unary(): Node {
    const op = this.peekOp("-", "+");
    if (op) {
      this.pos++;
      const x = this.unary();
      return op === "-" ? { k: "neg", x } : x;
    }
    return this.postfix();
  }

  private postfix(): Node {
    let x = this.primary();
    while (this.peekOp("%")) {
      this.pos++;
      x = { k: "pct", x };
    }
    return x;
  }

  private primary(): Node {
    const tok = this.tokens[this.pos];
    if (!tok) throw new UnsupportedFormula("formula ends unexpectedly");
    this.pos++;
    switch (tok.t) {
      case "num":
      case "str":
        return { k: "lit", v: tok.v };
      case "err":
        return { k: "lit", v: new FormulaError(tok.v) };
      case "ref":
        return { k: "ref", ref: tok };
      case "ident": {
        if (this.peekOp("(")) {
          this.pos++;
          const args: Node[] = [];
          if (!this.peekOp(")")) {
            for (;;) {
              // An omitted argument (",,") is treated as an empty literal.
              if (this.peekOp(",") || this.peekOp(")")) args.push({ k: "lit", v: "" });
              else args.push(this.comparison());
              if (this.peekOp(",")) {
                this.pos++;
                continue;
              }
              break;
            }
          }
          if (!this.peekOp(")")) throw new UnsupportedFormula(`missing ")" after ${tok.v}(`);
          this.pos++;
          return { k: "call", fn: tok.v.toUpperCase().replace(/^_XLFN\./, ""), args };
        }
        const upper = tok.v.toUpperCase();
        if (upper === "TRUE") return { k: "lit", v: true };
        if (upper === "FALSE") return { k: "lit", v: false };
        return { k: "name", name: tok.v };
      }
      case "op":
        if (tok.v === "(") {
          const inner = this.comparison();
          if (!this.peekOp(")")) throw new UnsupportedFormula('missing ")"');
          this.pos++;
          return inner;
        }
        throw new UnsupportedFormula(`unexpected "${tok.v}"`);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Evaluation

/** A range operand: evaluated lazily so SUM(A:A) does not materialise a million cells. */
class Area {
  constructor(
    readonly sheet: string,
    readonly rect: Rect,
  ) {}
}

type Val = CellValue | FormulaError | Area;

/** Distinguishes an empty cell from the text "" where Excel does (arithmetic treats blank as 0). */
const BLANK = "";

class Evaluator {
  constructor(
    private readonly host: FormulaHost,
    private readonly ctx: EvalContext,
  ) {}

  eval(node: Node): Val {
    switch (node.k) {
      case "lit":
        return node.v;
      case "ref":
        return this.area(node.ref);
      case "name": {
        const target = this.host.resolveName(node.name);
        if (!target) throw new UnsupportedFormula(`unknown name "${node.name}"`);
        return new Area(target.sheet, target.rect);
      }
      case "neg": {
        const x = this.num(this.eval(node.x));
        return x instanceof FormulaError ? x : -x;
      }
      case "pct": {
        const x = this.num(this.eval(node.x));
        return x instanceof FormulaError ? x : x / 100;
      }
      case "bin":
        return this.binary(node.op, this.eval(node.a), this.eval(node.b));
      case "call":
        return this.call(node.fn, node.args);
    }
  }

  private area(ref: RefToken): Area | FormulaError {
    const sheet = ref.sheet ?? this.ctx.sheet;
    if (!this.host.sheetExists(sheet)) return new FormulaError("#REF!");
    const dr = this.ctx.rowOffset ?? 0;
    const dc = this.ctx.colOffset ?? 0;
    const r1 = ref.r1 + (ref.r1Abs ? 0 : dr);
    const r2 = ref.r2 + (ref.r2Abs ? 0 : dr);
    const c1 = ref.c1 + (ref.c1Abs ? 0 : dc);
    const c2 = ref.c2 + (ref.c2Abs ? 0 : dc);
    if (r1 < 0 || c1 < 0 || r2 >= MAX_ROWS || c2 >= MAX_COLUMNS) return new FormulaError("#REF!");
    return new Area(sheet, { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 });
  }

  /** Cells of an area that can hold anything (clipped to the used range), row-major. */
  private *cells(a: Area): Generator<CellValue> {
    const used = this.host.usedRect(a.sheet);
    const clip = used ? intersect(a.rect, used) : null;
    if (!clip) return;
    for (let r = clip.row; r < clip.row + clip.rows; r++) {
      for (let c = clip.col; c < clip.col + clip.cols; c++) {
        const v = this.host.cellValue(a.sheet, r, c);
        yield v ?? BLANK;
      }
    }
  }

  /** Number of cells an area spans, counting blanks outside the used range. */
  private areaSize(a: Area): number {
    return a.rect.rows * a.rect.cols;
  }

  /** Collapses a single-cell area to its value (blank stays ""). */
  scalar(v: Val): CellValue | FormulaError {
    if (v instanceof Area) {
      if (v.rect.rows !== 1 || v.rect.cols !== 1) {
        throw new UnsupportedFormula("a multi-cell range used as a single value (implicit intersection / spill)");
      }
      const cell = this.host.cellValue(v.sheet, v.rect.row, v.rect.col);
      if (cell === null) return new FormulaError("#REF!");
      if (isErrorValue(cell)) return new FormulaError(cell as string);
      return cell;
    }
    return v;
  }

  num(v: Val): number | FormulaError {
    const s = this.scalar(v);
    if (s instanceof FormulaError) return s;
    if (typeof s === "number") return s;
    if (typeof s === "boolean") return s ? 1 : 0;
    if (s === BLANK) return 0;
    const n = parseNumberText(s);
    return n === null ? new FormulaError("#VALUE!") : n;
  }

  private bool(v: Val): boolean | FormulaError {
    const s = this.scalar(v);
    if (s instanceof FormulaError) return s;
    if (typeof s === "boolean") return s;
    if (typeof s === "number") return s !== 0;
    if (s === BLANK) return false;
    const upper = s.toUpperCase();
    if (upper === "TRUE") return true;
    if (upper === "FALSE") return false;
    return new FormulaError("#VALUE!");
  }

  private text(v: Val): string | FormulaError {
    const s = this.scalar(v);
    if (s instanceof FormulaError) return s;
    if (typeof s === "boolean") return s ? "TRUE" : "FALSE";
    return String(s);
  }

  private binary(op: string, av: Val, bv: Val): Val {
    if (op === "&") {
      const a = this.text(av);
      if (a instanceof FormulaError) return a;
      const b = this.text(bv);
      if (b instanceof FormulaError) return b;
      return a + b;
    }
    if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
      const a = this.scalar(av);
      if (a instanceof FormulaError) return a;
      const b = this.scalar(bv);
      if (b instanceof FormulaError) return b;
      const c = compareValues(a, b);
      switch (op) {
        case "=":
          return c === 0;
        case "<>":
          return c !== 0;
        case "<":
          return c < 0;
        case ">":
          return c > 0;
        case "<=":
          return c <= 0;
        default:
          return c >= 0;
      }
    }
    const a = this.num(av);
    if (a instanceof FormulaError) return a;
    const b = this.num(bv);
    if (b instanceof FormulaError) return b;
    switch (op) {
      case "+":
        return a + b;
      case "-":
        return a - b;
      case "*":
        return a * b;
      case "/":
        return b === 0 ? new FormulaError("#DIV/0!") : a / b;
      case "^":
        return a ** b;
      default:
        throw new UnsupportedFormula(`operator ${op}`);
    }
  }

  /**
   * Numbers for aggregate functions, following Excel: inside ranges only real numbers count
   * (text, booleans and blanks are skipped); direct arguments are coerced.
   */
  private numbersOf(args: Node[]): number[] | FormulaError {
    const out: number[] = [];
    for (const arg of args) {
      const v = this.eval(arg);
      if (v instanceof Area) {
        for (const cell of this.cells(v)) {
          if (isErrorValue(cell)) return new FormulaError(cell as string);
          if (typeof cell === "number") out.push(cell);
        }
      } else {
        const n = this.num(v);
        if (n instanceof FormulaError) return n;
        out.push(n);
      }
    }
    return out;
  }

  private call(fn: string, args: Node[]): Val {
    const impl = FUNCTIONS[fn];
    if (!impl) throw new UnsupportedFormula(`function ${fn}() is not implemented by the Excel stand-in`);
    return impl(this, args);
  }

  // Helpers used by FUNCTIONS.
  evalArg(node: Node | undefined): Val {
    if (!node) throw new UnsupportedFormula("missing argument");
    return this.eval(node);
  }
  aggregate(args: Node[]): number[] | FormulaError {
    return this.numbersOf(args);
  }
  boolArg(node: Node | undefined): boolean | FormulaError {
    return this.bool(this.evalArg(node));
  }
  textArg(node: Node | undefined): string | FormulaError {
    return this.text(this.evalArg(node));
  }
  /** Every cell of an argument, including blanks (for COUNTA/COUNTBLANK/COUNTIF). */
  allCells(v: Val): { values: CellValue[]; total: number } {
    if (v instanceof Area) {
      const values = [...this.cells(v)];
      return { values, total: this.areaSize(v) };
    }
    const s = this.scalar(v);
    return { values: [s instanceof FormulaError ? s.code : s], total: 1 };
  }
  logicalValues(args: Node[]): boolean[] | FormulaError {
    const out: boolean[] = [];
    for (const arg of args) {
      const v = this.eval(arg);
      if (v instanceof Area) {
        for (const cell of this.cells(v)) {
          if (isErrorValue(cell)) return new FormulaError(cell as string);
          if (typeof cell === "boolean") out.push(cell);
          else if (typeof cell === "number") out.push(cell !== 0);
        }
      } else {
        const b = this.bool(v);
        if (b instanceof FormulaError) return b;
        out.push(b);
      }
    }
    return out;
  }
}

/** Excel's ordering across types: numbers < text < booleans; text compares case-insensitively. */
export function compareValues(a: CellValue, b: CellValue): number {
  // A blank compares as 0 to numbers, "" to text and FALSE to booleans.
  if (a === BLANK && typeof b === "number") a = 0;
  if (b === BLANK && typeof a === "number") b = 0;
  if (a === BLANK && typeof b === "boolean") a = false;
  if (b === BLANK && typeof a === "boolean") b = false;
  const rank = (v: CellValue) => (typeof v === "number" ? 0 : typeof v === "string" ? 1 : 2);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === "string" && typeof b === "string") {
    const la = a.toLowerCase();
    const lb = b.toLowerCase();
    return la < lb ? -1 : la > lb ? 1 : 0;
  }
  const na = Number(a);
  const nb = Number(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Numbers Excel would accept from text in arithmetic ("12", " 1.5 ", "1e3", "50%"). */
export function parseNumberText(s: string): number | null {
  const t = s.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?(\d+\.?\d*|\.\d+)%$/.test(t)) return Number(t.slice(0, -1)) / 100;
  return null;
}

/** Excel's ROUND: half away from zero, corrected for binary floating point (2.675 -> 2.68). */
export function excelRound(x: number, digits: number): number {
  const d = Math.trunc(digits);
  const factor = 10 ** d;
  const scaled = Number((Math.abs(x) * factor).toPrecision(15));
  return (Math.sign(x) * Math.round(scaled)) / factor;
}

/** COUNTIF/SUMIF criterion: a value, or text like ">5", "<>x", "=abc", "ab*". Also AutoFilter's custom criteria. */
export function makeCriterion(criterion: CellValue): (v: CellValue) => boolean {
  if (typeof criterion !== "string") {
    return (v) => v !== BLANK && compareValues(v, criterion) === 0;
  }
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion)!;
  const op = m[1] ?? "=";
  const rhsText = m[2]!;
  const rhsNum = parseNumberText(rhsText);
  const upper = rhsText.toUpperCase();
  const rhs: CellValue = rhsNum !== null ? rhsNum : upper === "TRUE" ? true : upper === "FALSE" ? false : rhsText;
  if ((op === "=" || op === "<>") && typeof rhs === "string") {
    // Text equality supports wildcards * and ? (and ~ escapes), case-insensitively.
    const pattern = new RegExp(
      "^" +
        rhs
          .replace(/~([*?~])|([.+^${}()|[\]\\])|(\*)|(\?)/g, (_all, esc, special, star, q) =>
            esc ? "\\" + esc : special ? "\\" + special : star ? "[\\s\\S]*" : q ? "[\\s\\S]" : "",
          ) +
        "$",
      "i",
    );
    const matches = (v: CellValue) => (rhs === "" ? v === BLANK : typeof v === "string" && pattern.test(v));
    return op === "=" ? matches : (v) => !matches(v);
  }
  return (v) => {
    if (op === "<>") return v === BLANK || typeof v !== typeof rhs || compareValues(v, rhs) !== 0;
    if (v === BLANK || typeof v !== typeof rhs) return false;
    const c = compareValues(v, rhs);
    switch (op) {
      case "=":
        return c === 0;
      case "<":
        return c < 0;
      case ">":
        return c > 0;
      case "<=":
        return c <= 0;
      default:
        return c >= 0;
    }
  };
}

type Impl = (ev: Evaluator, args: Node[]) => Val;

function argCount(fn: string, args: Node[], min: number, max: number): void {
  if (args.length < min || args.length > max) throw new UnsupportedFormula(`${fn}() with ${args.length} arguments`);
}

function reduceNumbers(ev: Evaluator, args: Node[], f: (xs: number[]) => Val): Val {
  const xs = ev.aggregate(args);
  return xs instanceof FormulaError ? xs : f(xs);
}

const SUBTOTAL_CODES: Record<number, string> = { 1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 9: "SUM" };

const FUNCTIONS: Record<string, Impl> = {
  SUM: (ev, args) => reduceNumbers(ev, args, (xs) => xs.reduce((s, x) => s + x, 0)),
  MIN: (ev, args) => reduceNumbers(ev, args, (xs) => (xs.length ? Math.min(...xs) : 0)),
  MAX: (ev, args) => reduceNumbers(ev, args, (xs) => (xs.length ? Math.max(...xs) : 0)),
  AVERAGE: (ev, args) => reduceNumbers(ev, args, (xs) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : new FormulaError("#DIV/0!"))),
  COUNT: (ev, args) => reduceNumbers(ev, args, (xs) => xs.length),
  COUNTA: (ev, args) => {
    let n = 0;
    for (const a of args) n += ev.allCells(ev.evalArg(a)).values.filter((v) => v !== BLANK).length;
    return n;
  },
  COUNTBLANK: (ev, args) => {
    argCount("COUNTBLANK", args, 1, 1);
    const { values, total } = ev.allCells(ev.evalArg(args[0]));
    return total - values.filter((v) => v !== BLANK).length;
  },
  COUNTIF: (ev, args) => {
    argCount("COUNTIF", args, 2, 2);
    const range = ev.evalArg(args[0]);
    if (!(range instanceof Area)) return new FormulaError("#VALUE!");
    const crit = ev.scalar(ev.evalArg(args[1]));
    if (crit instanceof FormulaError) return crit;
    const test = makeCriterion(crit);
    const { values, total } = ev.allCells(range);
    let n = values.filter(test).length;
    // Cells outside the used range are blank; count them when the criterion matches blanks.
    if (test(BLANK)) n += total - values.length;
    return n;
  },
  SUMIF: (ev, args) => {
    argCount("SUMIF", args, 2, 3);
    const range = ev.evalArg(args[0]);
    const sumRange = args[2] ? ev.evalArg(args[2]) : range;
    if (!(range instanceof Area) || !(sumRange instanceof Area)) return new FormulaError("#VALUE!");
    if (range.rect.rows !== sumRange.rect.rows || range.rect.cols !== sumRange.rect.cols) {
      throw new UnsupportedFormula("SUMIF with differently sized ranges");
    }
    const crit = ev.scalar(ev.evalArg(args[1]));
    if (crit instanceof FormulaError) return crit;
    const test = makeCriterion(crit);
    let total = 0;
    for (let r = 0; r < range.rect.rows; r++) {
      for (let c = 0; c < range.rect.cols; c++) {
        const v = ev.scalar(new Area(range.sheet, { row: range.rect.row + r, col: range.rect.col + c, rows: 1, cols: 1 }));
        if (v instanceof FormulaError || !test(v)) continue;
        const s = ev.scalar(new Area(sumRange.sheet, { row: sumRange.rect.row + r, col: sumRange.rect.col + c, rows: 1, cols: 1 }));
        if (typeof s === "number") total += s;
      }
    }
    return total;
  },
  SUBTOTAL: (ev, args) => {
    if (args.length < 2) throw new UnsupportedFormula("SUBTOTAL() with fewer than 2 arguments");
    const code = ev.num(ev.evalArg(args[0]));
    if (code instanceof FormulaError) return code;
    // 101..111 ignore manually hidden rows; the stand-in does not filter, so they match 1..11.
    const name = SUBTOTAL_CODES[code > 100 ? code - 100 : code];
    if (!name) throw new UnsupportedFormula(`SUBTOTAL function number ${code}`);
    return FUNCTIONS[name]!(ev, args.slice(1));
  },
  IF: (ev, args) => {
    argCount("IF", args, 1, 3);
    const c = ev.boolArg(args[0]);
    if (c instanceof FormulaError) return c;
    if (c) return args[1] ? ev.scalar(ev.evalArg(args[1])) : true;
    return args[2] ? ev.scalar(ev.evalArg(args[2])) : false;
  },
  IFS: (ev, args) => {
    if (args.length === 0 || args.length % 2 !== 0) throw new UnsupportedFormula("IFS() needs condition/value pairs");
    for (let i = 0; i < args.length; i += 2) {
      const c = ev.boolArg(args[i]);
      if (c instanceof FormulaError) return c;
      if (c) return ev.scalar(ev.evalArg(args[i + 1]));
    }
    return new FormulaError("#N/A");
  },
  IFERROR: (ev, args) => {
    argCount("IFERROR", args, 2, 2);
    const v = ev.scalar(ev.evalArg(args[0]));
    return v instanceof FormulaError ? ev.scalar(ev.evalArg(args[1])) : v;
  },
  AND: (ev, args) => {
    const xs = ev.logicalValues(args);
    if (xs instanceof FormulaError) return xs;
    return xs.length === 0 ? new FormulaError("#VALUE!") : xs.every(Boolean);
  },
  OR: (ev, args) => {
    const xs = ev.logicalValues(args);
    if (xs instanceof FormulaError) return xs;
    return xs.length === 0 ? new FormulaError("#VALUE!") : xs.some(Boolean);
  },
  NOT: (ev, args) => {
    argCount("NOT", args, 1, 1);
    const b = ev.boolArg(args[0]);
    return b instanceof FormulaError ? b : !b;
  },
  ROUND: (ev, args) => {
    argCount("ROUND", args, 2, 2);
    const x = ev.num(ev.evalArg(args[0]));
    if (x instanceof FormulaError) return x;
    const d = ev.num(ev.evalArg(args[1]));
    if (d instanceof FormulaError) return d;
    return excelRound(x, d);
  },
  ABS: (ev, args) => {
    argCount("ABS", args, 1, 1);
    const x = ev.num(ev.evalArg(args[0]));
    return x instanceof FormulaError ? x : Math.abs(x);
  },
  ISBLANK: (ev, args) => {
    argCount("ISBLANK", args, 1, 1);
    const v = ev.scalar(ev.evalArg(args[0]));
    return v === BLANK;
  },
  ISNUMBER: (ev, args) => {
    argCount("ISNUMBER", args, 1, 1);
    return typeof ev.scalar(ev.evalArg(args[0])) === "number";
  },
  LEN: (ev, args) => {
    argCount("LEN", args, 1, 1);
    const t = ev.textArg(args[0]);
    return t instanceof FormulaError ? t : [...t].length;
  },
  TRIM: (ev, args) => {
    argCount("TRIM", args, 1, 1);
    const t = ev.textArg(args[0]);
    return t instanceof FormulaError ? t : t.trim().replace(/ {2,}/g, " ");
  },
  LEFT: (ev, args) => {
    argCount("LEFT", args, 1, 2);
    const t = ev.textArg(args[0]);
    const n = args[1] ? ev.num(ev.evalArg(args[1])) : 1;
    if (t instanceof FormulaError) return t;
    if (n instanceof FormulaError) return n;
    return n < 0 ? new FormulaError("#VALUE!") : [...t].slice(0, Math.trunc(n)).join("");
  },
  RIGHT: (ev, args) => {
    argCount("RIGHT", args, 1, 2);
    const t = ev.textArg(args[0]);
    const n = args[1] ? ev.num(ev.evalArg(args[1])) : 1;
    if (t instanceof FormulaError) return t;
    if (n instanceof FormulaError) return n;
    if (n < 0) return new FormulaError("#VALUE!");
    const chars = [...t];
    return chars.slice(Math.max(0, chars.length - Math.trunc(n))).join("");
  },
  MID: (ev, args) => {
    argCount("MID", args, 3, 3);
    const t = ev.textArg(args[0]);
    const start = ev.num(ev.evalArg(args[1]));
    const n = ev.num(ev.evalArg(args[2]));
    if (t instanceof FormulaError) return t;
    if (start instanceof FormulaError) return start;
    if (n instanceof FormulaError) return n;
    if (start < 1 || n < 0) return new FormulaError("#VALUE!");
    return [...t].slice(Math.trunc(start) - 1, Math.trunc(start) - 1 + Math.trunc(n)).join("");
  },
  // SEARCH is case-insensitive and understands ? and * wildcards; FIND is exact.
  SEARCH: (ev, args) => findText(ev, args, false),
  FIND: (ev, args) => findText(ev, args, true),
  UPPER: (ev, args) => {
    argCount("UPPER", args, 1, 1);
    const t = ev.textArg(args[0]);
    return t instanceof FormulaError ? t : t.toUpperCase();
  },
  LOWER: (ev, args) => {
    argCount("LOWER", args, 1, 1);
    const t = ev.textArg(args[0]);
    return t instanceof FormulaError ? t : t.toLowerCase();
  },
  EXACT: (ev, args) => {
    argCount("EXACT", args, 2, 2);
    const a = ev.textArg(args[0]);
    const b = ev.textArg(args[1]);
    if (a instanceof FormulaError) return a;
    if (b instanceof FormulaError) return b;
    return a === b;
  },
  ISERROR: (ev, args) => {
    argCount("ISERROR", args, 1, 1);
    return ev.scalar(ev.evalArg(args[0])) instanceof FormulaError;
  },
  ISTEXT: (ev, args) => {
    argCount("ISTEXT", args, 1, 1);
    const v = ev.scalar(ev.evalArg(args[0]));
    return typeof v === "string" && v !== BLANK;
  },
  CONCAT: (ev, args) => {
    let s = "";
    for (const a of args) {
      const v = ev.evalArg(a);
      for (const cell of ev.allCells(v).values) s += typeof cell === "boolean" ? (cell ? "TRUE" : "FALSE") : String(cell);
    }
    return s;
  },
  CONCATENATE: (ev, args) => {
    let s = "";
    for (const a of args) {
      const t = ev.textArg(a);
      if (t instanceof FormulaError) return t;
      s += t;
    }
    return s;
  },
};

function findText(ev: Evaluator, args: Node[], exact: boolean): Val {
  argCount(exact ? "FIND" : "SEARCH", args, 2, 3);
  const needle = ev.textArg(args[0]);
  const haystack = ev.textArg(args[1]);
  const start = args[2] ? ev.num(ev.evalArg(args[2])) : 1;
  if (needle instanceof FormulaError) return needle;
  if (haystack instanceof FormulaError) return haystack;
  if (start instanceof FormulaError) return start;
  const chars = [...haystack];
  if (start < 1 || start > chars.length + 1) return new FormulaError("#VALUE!");
  const rest = chars.slice(Math.trunc(start) - 1).join("");
  let index: number;
  if (exact) {
    index = rest.indexOf(needle);
  } else {
    const pattern = needle.replace(/~([*?~])|([.+^${}()|[\]\\])|(\*)|(\?)/g, (_a, esc, special, star, q) =>
      esc ? "\\" + esc : special ? "\\" + special : star ? "[\\s\\S]*" : q ? "[\\s\\S]" : "",
    );
    index = rest.search(new RegExp(pattern, "i"));
  }
  if (index < 0) return new FormulaError("#VALUE!");
  return [...rest.slice(0, index)].length + Math.trunc(start);
}

export const SUPPORTED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

// ---------------------------------------------------------------------------------------
// Public entry points

export type EvalResult = { value: CellValue } | { value: typeof UNSUPPORTED; unsupported: string };

/** Evaluates formula text ("=..."). Never throws: unsupported input yields UNSUPPORTED. */
export function evaluateFormula(formula: string, host: FormulaHost, ctx: EvalContext): EvalResult {
  const body = formula.startsWith("=") ? formula.slice(1) : formula;
  try {
    const node = new Parser(tokenize(body)).parse();
    const ev = new Evaluator(host, ctx);
    const v = ev.scalar(ev.eval(node));
    if (v instanceof FormulaError) return { value: v.code };
    if (typeof v === "number" && !Number.isFinite(v)) return { value: "#NUM!" };
    // A formula that points at an empty cell shows 0 in Excel.
    if (v === BLANK && node.k === "ref") return { value: 0 };
    return { value: v };
  } catch (e) {
    if (e instanceof UnsupportedFormula) return { value: UNSUPPORTED, unsupported: e.message };
    if (e instanceof RangeError) return { value: UNSUPPORTED, unsupported: `evaluation failed: ${e.message}` };
    throw e;
  }
}

/** A row/column insertion or deletion, for rewriting references in formulas. */
export interface ShiftOp {
  sheet: string;
  axis: "rows" | "cols";
  /** First row (axis rows) or column (axis cols) inserted/deleted. */
  at: number;
  /** Positive: inserted; negative: deleted. */
  count: number;
  /** The perpendicular band affected: columns for row shifts, rows for column shifts. */
  bandStart: number;
  bandEnd: number;
}

/**
 * Rewrites references so that a formula keeps pointing at the same cells after rows or
 * columns were inserted or deleted, like Excel does. References into deleted cells become
 * #REF!. Returns the formula unchanged when it cannot be tokenized.
 */
export function shiftFormulaReferences(formula: string, formulaSheet: string, op: ShiftOp): string {
  if (!formula.startsWith("=")) return formula;
  let tokens: Token[];
  try {
    tokens = tokenize(formula.slice(1));
  } catch {
    return formula;
  }
  let out = "";
  let last = 0;
  const body = formula.slice(1);
  for (const tok of tokens) {
    if (tok.t !== "ref") continue;
    // Sheet names compare case-insensitively in Excel.
    const target = tok.sheet ?? formulaSheet;
    if (target.toLowerCase() !== op.sheet.toLowerCase()) continue;
    const replacement = shiftRef(tok, op);
    if (replacement === null) continue;
    out += body.slice(last, tok.start) + replacement;
    last = tok.end;
  }
  if (last === 0) return formula;
  return "=" + out + body.slice(last);
}

function shiftRef(tok: RefToken, op: ShiftOp): string | null {
  const rowsAxis = op.axis === "rows";
  // Whole-column refs are unaffected by row shifts and vice versa.
  if (rowsAxis && tok.kind === "cols") return null;
  if (!rowsAxis && tok.kind === "rows") return null;
  const perpStart = rowsAxis ? tok.c1 : tok.r1;
  const perpEnd = rowsAxis ? tok.c2 : tok.r2;
  if (perpStart < op.bandStart || perpEnd > op.bandEnd) return null;
  let lo = rowsAxis ? tok.r1 : tok.c1;
  let hi = rowsAxis ? tok.r2 : tok.c2;
  if (op.count > 0) {
    if (lo >= op.at) lo += op.count;
    if (hi >= op.at) hi += op.count;
  } else {
    const n = -op.count;
    const delEnd = op.at + n; // exclusive
    if (lo >= op.at && hi < delEnd) return (tok.sheet !== undefined ? sheetPrefix(tok.sheet) : "") + "#REF!";
    const newLo = lo < op.at ? lo : lo >= delEnd ? lo - n : op.at;
    const newHi = hi < op.at ? hi : hi >= delEnd ? hi - n : op.at - 1;
    lo = newLo;
    hi = newHi;
  }
  const next: RefToken = rowsAxis ? { ...tok, r1: lo, r2: hi } : { ...tok, c1: lo, c2: hi };
  if (next.r1 === tok.r1 && next.r2 === tok.r2 && next.c1 === tok.c1 && next.c2 === tok.c2) return null;
  return formatRef(next);
}

function sheetPrefix(sheet: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return (plain ? sheet : `'${sheet.replace(/'/g, "''")}'`) + "!";
}

function formatRef(t: RefToken): string {
  const prefix = t.sheet !== undefined ? sheetPrefix(t.sheet) : "";
  const col = (c: number, abs: boolean) => (abs ? "$" : "") + columnToLetters(c);
  const row = (r: number, abs: boolean) => (abs ? "$" : "") + String(r + 1);
  switch (t.kind) {
    case "cols":
      return `${prefix}${col(t.c1, t.c1Abs)}:${col(t.c2, t.c2Abs)}`;
    case "rows":
      return `${prefix}${row(t.r1, t.r1Abs)}:${row(t.r2, t.r2Abs)}`;
    case "cell":
      if (t.r1 === t.r2 && t.c1 === t.c2) return `${prefix}${col(t.c1, t.c1Abs)}${row(t.r1, t.r1Abs)}`;
      return `${prefix}${col(t.c1, t.c1Abs)}${row(t.r1, t.r1Abs)}:${col(t.c2, t.c2Abs)}${row(t.r2, t.r2Abs)}`;
    case "area":
      return `${prefix}${col(t.c1, t.c1Abs)}${row(t.r1, t.r1Abs)}:${col(t.c2, t.c2Abs)}${row(t.r2, t.r2Abs)}`;
  }
}

/** Rewrites each reference of a formula with `rewrite` (null: leave it); the formula is returned unchanged when it cannot be tokenized. */
function rewriteReferences(formula: string, rewrite: (tok: RefToken) => RefToken | "#REF!" | null): string {
  if (!formula.startsWith("=")) return formula;
  let tokens: Token[];
  try {
    tokens = tokenize(formula.slice(1));
  } catch {
    return formula;
  }
  const body = formula.slice(1);
  let out = "";
  let last = 0;
  for (const tok of tokens) {
    if (tok.t !== "ref") continue;
    const next = rewrite(tok);
    if (next === null) continue;
    out += body.slice(last, tok.start) + (next === "#REF!" ? (tok.sheet !== undefined ? sheetPrefix(tok.sheet) : "") + "#REF!" : formatRef(next));
    last = tok.end;
  }
  if (last === 0) return formula;
  return "=" + out + body.slice(last);
}

/**
 * A formula moved by (dRows, dCols) the way Excel moves it when it copies or sorts cells:
 * relative parts of references follow, absolute ($) parts stay. Off the grid: #REF!.
 */
export function translateFormula(formula: string, dRows: number, dCols: number): string {
  if (dRows === 0 && dCols === 0) return formula;
  return rewriteReferences(formula, (tok) => {
    const next: RefToken = {
      ...tok,
      r1: tok.kind === "cols" || tok.r1Abs ? tok.r1 : tok.r1 + dRows,
      r2: tok.kind === "cols" || tok.r2Abs ? tok.r2 : tok.r2 + dRows,
      c1: tok.kind === "rows" || tok.c1Abs ? tok.c1 : tok.c1 + dCols,
      c2: tok.kind === "rows" || tok.c2Abs ? tok.c2 : tok.c2 + dCols,
    };
    if (next.r1 < 0 || next.c1 < 0 || next.r2 >= MAX_ROWS || next.c2 >= MAX_COLUMNS) return "#REF!";
    return next;
  });
}

/**
 * After cells in `from` (on sheet `sheet`) were cut and pasted (dRows, dCols) away,
 * references lying wholly inside `from` follow them, as Excel's Cut does.
 */
export function moveFormulaReferences(formula: string, formulaSheet: string, sheet: string, from: { row: number; col: number; rows: number; cols: number }, dRows: number, dCols: number): string {
  return rewriteReferences(formula, (tok) => {
    if ((tok.sheet ?? formulaSheet).toLowerCase() !== sheet.toLowerCase()) return null;
    if (tok.kind !== "cell" && tok.kind !== "area") return null;
    const inside = tok.r1 >= from.row && tok.r2 < from.row + from.rows && tok.c1 >= from.col && tok.c2 < from.col + from.cols;
    if (!inside) return null;
    return { ...tok, r1: tok.r1 + dRows, r2: tok.r2 + dRows, c1: tok.c1 + dCols, c2: tok.c2 + dCols };
  });
}
