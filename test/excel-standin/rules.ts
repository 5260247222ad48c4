// Excel stand-in (NOT Excel): evaluates data-validation rules and conditional formats
// against current cell values, so tests (and the harness grid) can see what Excel would
// flag or colour. Excel only enforces validation when a user types; pasting and API
// writes bypass it, which is why this is a query, not an enforcement.

import { parseAddress, type Rect } from "./addresses.ts";
import { compareValues, isErrorValue, parseNumberText, type CellValue } from "./formula.ts";
import type { ConditionalFormatEntry, ConditionalFormatStyle, ValidationArea } from "./model-types.ts";
import type { StandInSheet } from "./sheet.ts";
import type { StandInWorkbook } from "./workbook.ts";

/** Value of a rule operand ("10", "=10", "=$B$1", "=\"Đạt\"") for the cell at (row, col). */
function operand(wb: StandInWorkbook, sheet: StandInSheet, formula: string, anchor: { row: number; col: number }, row: number, col: number): CellValue {
  const n = parseNumberText(formula);
  if (n !== null) return n;
  if (!formula.startsWith("=")) return formula;
  return wb.evaluate(formula, sheet, row - anchor.row, col - anchor.col);
}

function compareOp(op: string, v: CellValue, a: CellValue, b: CellValue | undefined): boolean {
  switch (op) {
    case "Between":
      return b !== undefined && compareValues(v, a) >= 0 && compareValues(v, b) <= 0;
    case "NotBetween":
      return b !== undefined && (compareValues(v, a) < 0 || compareValues(v, b) > 0);
    case "EqualTo":
      return compareValues(v, a) === 0;
    case "NotEqualTo":
      return compareValues(v, a) !== 0;
    case "GreaterThan":
      return compareValues(v, a) > 0;
    case "LessThan":
      return compareValues(v, a) < 0;
    case "GreaterThanOrEqualTo":
    case "GreaterThanOrEqual":
      return compareValues(v, a) >= 0;
    case "LessThanOrEqualTo":
    case "LessThanOrEqual":
      return compareValues(v, a) <= 0;
    default:
      throw new Error(`Excel stand-in: comparison operator "${op}" is not implemented`);
  }
}

/** Items of a list rule's source: "a,b,c", "=$A$1:$A$9", "=Sheet2!$A:$A" or "=SomeName". */
export function listItems(wb: StandInWorkbook, sheet: StandInSheet, source: string): CellValue[] | null {
  if (!source.startsWith("=")) return source.split(",").map((s) => s.trim());
  const ref = source.slice(1).trim();
  let target: { sheet: StandInSheet; rect: Rect } | null = null;
  try {
    const parsed = parseAddress(ref);
    const s = parsed.sheet !== undefined ? wb.findSheet(parsed.sheet) : sheet;
    if (s) target = { sheet: s, rect: parsed.rect };
  } catch {
    const named = wb.findName(ref);
    if (named && "sheetId" in named.reference) {
      const s = wb.sheetById(named.reference.sheetId);
      if (s) target = { sheet: s, rect: named.reference.rect };
    }
  }
  if (!target) return null;
  const used = target.sheet.usedRect(true);
  const items: CellValue[] = [];
  if (!used) return items;
  const { rect } = target;
  const rowEnd = Math.min(rect.row + rect.rows, used.row + used.rows);
  const colEnd = Math.min(rect.col + rect.cols, used.col + used.cols);
  for (let r = rect.row; r < rowEnd; r++) {
    for (let c = rect.col; c < colEnd; c++) {
      const v = target.sheet.value(r, c);
      if (v !== "") items.push(v);
    }
  }
  return items;
}

/**
 * Why the value at (row, col) breaks the area's rule, or null when it is valid. Text
 * comparison in lists is case-insensitive. A source the stand-in cannot resolve counts
 * as valid (and is not guessed at).
 */
export function checkValidation(wb: StandInWorkbook, sheet: StandInSheet, area: ValidationArea, row: number, col: number): string | null {
  const { entry } = area;
  const rule = entry.rule;
  if (!rule) return null;
  const v = sheet.value(row, col);
  if (v === "" && entry.ignoreBlanks) return null;
  const anchor = entry.anchor;
  switch (rule.type) {
    case "List": {
      const items = listItems(wb, sheet, rule.source);
      if (!items) return null;
      const ok = items.some((item) => (typeof v === "number" || typeof item === "number" ? compareValues(v, item) === 0 && typeof v === typeof item : String(item).toLowerCase() === String(v).toLowerCase()));
      return ok ? null : `${JSON.stringify(v)} is not in the list ${JSON.stringify(items)}`;
    }
    case "WholeNumber":
    case "Decimal":
    case "Date":
    case "Time":
    case "TextLength": {
      let subject: CellValue = v;
      if (rule.type === "TextLength") subject = [...(typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v))].length;
      else if (typeof v !== "number") return `${JSON.stringify(v)} is not a number`;
      if (rule.type === "WholeNumber" && !Number.isInteger(subject)) return `${v} is not a whole number`;
      const a = operand(wb, sheet, rule.formula1, anchor, row, col);
      const b = rule.formula2 !== undefined ? operand(wb, sheet, rule.formula2, anchor, row, col) : undefined;
      return compareOp(rule.operator, subject, a, b) ? null : `${JSON.stringify(v)} fails ${rule.type} ${rule.operator} ${rule.formula1}${rule.formula2 !== undefined ? " and " + rule.formula2 : ""}`;
    }
    case "Custom": {
      const result = wb.evaluate(rule.formula, sheet, row - anchor.row, col - anchor.col);
      return truthy(result) ? null : `custom rule ${rule.formula} is ${JSON.stringify(result)}`;
    }
  }
}

function truthy(v: CellValue): boolean {
  if (isErrorValue(v)) return false;
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  return v.toUpperCase() === "TRUE";
}

/** Style applied by conditional formats at a cell (first matching rule wins per property). */
export function conditionalStyleAt(wb: StandInWorkbook, sheet: StandInSheet, row: number, col: number): ConditionalFormatStyle | null {
  let style: ConditionalFormatStyle | null = null;
  for (const cf of sheet.conditionalFormats) {
    const { rect } = cf;
    if (row < rect.row || row >= rect.row + rect.rows || col < rect.col || col >= rect.col + rect.cols) continue;
    if (!matches(wb, sheet, cf, row, col)) continue;
    style ??= { fillColor: null, fontColor: null, bold: null, italic: null };
    if (style.fillColor === null) style.fillColor = cf.format.fillColor;
    if (style.fontColor === null) style.fontColor = cf.format.fontColor;
    if (style.bold === null) style.bold = cf.format.bold;
    if (style.italic === null) style.italic = cf.format.italic;
    if (cf.stopIfTrue) break;
  }
  return style;
}

function matches(wb: StandInWorkbook, sheet: StandInSheet, cf: ConditionalFormatEntry, row: number, col: number): boolean {
  const dr = row - cf.anchor.row;
  const dc = col - cf.anchor.col;
  switch (cf.type) {
    case "Custom":
      return cf.formula !== null && truthy(wb.evaluate(cf.formula, sheet, dr, dc));
    case "CellValue": {
      if (!cf.cellValue) return false;
      const v = sheet.value(row, col);
      const a = operand(wb, sheet, cf.cellValue.formula1, cf.anchor, row, col);
      const b = cf.cellValue.formula2 !== undefined ? operand(wb, sheet, cf.cellValue.formula2, cf.anchor, row, col) : undefined;
      return compareOp(cf.cellValue.operator, v, a, b);
    }
    case "ContainsText": {
      if (!cf.text) return false;
      const v = String(sheet.value(row, col)).toLowerCase();
      const t = cf.text.text.toLowerCase();
      switch (cf.text.operator) {
        case "Contains":
          return v.includes(t);
        case "NotContains":
          return !v.includes(t);
        case "BeginsWith":
          return v.startsWith(t);
        case "EndsWith":
          return v.endsWith(t);
        default:
          return false;
      }
    }
    default:
      return false;
  }
}
