// Excel stand-in (NOT Excel): Excel.DataValidation over a range — list, whole number,
// decimal, text length, date, time and custom rules, prompt, error alert, ignoreBlanks,
// `valid` — with Excel's limits on list sources and message lengths.

import { cellCount, formatRectAbsolute, intersect, quoteSheetName } from "./addresses.ts";
import { notImplemented, prop, type ContextCore, type ScalarDef } from "./api-core.ts";
import { RangePart, expectBoolean, expectOneOf, invalidArg, resolveRangeArg, type RangeTarget } from "./api-range-shared.ts";
import type { ValidationEntry, ValidationRule } from "./model-types.ts";
import { checkValidation } from "./rules.ts";
import type { StandInSheet } from "./sheet.ts";

const DEFAULT_VALIDATION: ValidationEntry = {
  rule: null,
  anchor: { row: 0, col: 0 },
  prompt: { showPrompt: true, title: "", message: "" },
  errorAlert: { showAlert: true, style: "Stop", title: "", message: "" },
  ignoreBlanks: true,
};

const BASIC_TYPES: Record<string, "WholeNumber" | "Decimal" | "TextLength" | "Date" | "Time"> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  textLength: "TextLength",
  date: "Date",
  time: "Time",
};
const RULE_KEY: Record<string, string> = { WholeNumber: "wholeNumber", Decimal: "decimal", TextLength: "textLength", Date: "date", Time: "time", List: "list", Custom: "custom" };
const VALIDATION_OPERATORS = ["Between", "NotBetween", "EqualTo", "NotEqualTo", "GreaterThan", "LessThan", "GreaterThanOrEqualTo", "LessThanOrEqualTo"];

/** Office.js reports rule operands as formulas: 10 -> "=10". */
function operandFormula(v: unknown, ctx: ContextCore, sheet: StandInSheet): string {
  if (typeof v === "number") return `=${v}`;
  if (typeof v === "string") return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v.trim()) ? `=${Number(v)}` : v;
  const target = resolveRangeArg(v, ctx, sheet, "data validation operand");
  return "=" + (target.sheet === sheet ? "" : quoteSheetName(target.sheet.name) + "!") + formatRectAbsolute(target.rect);
}

function checkRuleShape(v: unknown): void {
  if (!v || typeof v !== "object") throw invalidArg("dataValidation.rule must be an object like { list: {...} }");
  const keys = Object.keys(v).filter((k) => (v as Record<string, unknown>)[k] !== undefined);
  if (keys.length !== 1) throw invalidArg(`dataValidation.rule must have exactly one criterion, got ${keys.join(", ") || "none"}`);
  const key = keys[0]!;
  if (key !== "list" && key !== "custom" && !(key in BASIC_TYPES)) throw notImplemented(`DataValidationRule.${key}`);
}

function ruleFromApi(v: unknown, ctx: ContextCore, t: RangeTarget): ValidationRule {
  const o = v as Record<string, Record<string, unknown>>;
  const key = Object.keys(o).find((k) => o[k] !== undefined)!;
  const spec = o[key]!;
  if (key === "list") {
    const source = spec["source"];
    let text: string;
    if (typeof source === "string") {
      text = source;
      if (!text.startsWith("=") && text.length > 255) {
        throw invalidArg(`A list validation source typed as text is limited to 255 characters (got ${text.length}); put the items in cells and reference them`);
      }
      if (text.trim() === "") throw invalidArg("A list validation source cannot be empty");
    } else {
      text = operandFormula(source, ctx, t.sheet);
    }
    return { type: "List", source: text, inCellDropDown: spec["inCellDropDown"] !== false };
  }
  if (key === "custom") {
    const formula = spec["formula"];
    if (typeof formula !== "string" || formula === "") throw invalidArg("custom validation needs a formula");
    return { type: "Custom", formula: formula.startsWith("=") ? formula : `=${formula}` };
  }
  const operator = spec["operator"];
  if (typeof operator !== "string" || !VALIDATION_OPERATORS.includes(operator)) throw invalidArg(`Unknown data validation operator ${JSON.stringify(operator)}`);
  if (spec["formula1"] === undefined) throw invalidArg(`${key} validation needs formula1`);
  const between = operator === "Between" || operator === "NotBetween";
  if (between && spec["formula2"] === undefined) throw invalidArg(`${operator} needs formula2`);
  const rule: ValidationRule = { type: BASIC_TYPES[key]!, operator, formula1: operandFormula(spec["formula1"], ctx, t.sheet) };
  if (between) rule.formula2 = operandFormula(spec["formula2"], ctx, t.sheet);
  return rule;
}

function ruleToApi(rule: ValidationRule | null): Record<string, unknown> {
  if (!rule) return {};
  const key = RULE_KEY[rule.type]!;
  switch (rule.type) {
    case "List":
      return { list: { inCellDropDown: rule.inCellDropDown, source: rule.source } };
    case "Custom":
      return { custom: { formula: rule.formula } };
    default: {
      const basic: Record<string, unknown> = { operator: rule.operator, formula1: rule.formula1 };
      if (rule.formula2 !== undefined) basic["formula2"] = rule.formula2;
      return { [key]: basic };
    }
  }
}

/** Entries covering every cell of the range (uncovered cells count as "no validation"). */
function validationEntries(t: RangeTarget): (ValidationEntry | null)[] {
  const { covered, uncovered } = t.sheet.validationPieces(t.rect);
  return [...covered.map((c) => c.entry), ...(uncovered.length ? [null] : [])];
}

function sameJson(items: unknown[]): boolean {
  const first = JSON.stringify(items[0]);
  return items.every((i) => JSON.stringify(i) === first);
}

function checkedText(name: string, max: number): (v: unknown) => string {
  return (v) => {
    if (v === undefined) return "";
    if (typeof v !== "string") throw invalidArg(`${name} must be a string`);
    if ([...v].length > max) throw invalidArg(`${name} is limited to ${max} characters in Excel (got ${[...v].length})`);
    return v;
  };
}

export class DataValidationProxy extends RangePart {
  get _className(): string {
    return "DataValidation";
  }
  override _scalars(): Record<string, ScalarDef<RangeTarget>> {
    const ctx = this._ctx;
    return {
      type: prop((t) => {
        const entries = validationEntries(t).map((e) => e?.rule ?? null);
        if (sameJson(entries)) return entries[0]?.type ?? "None";
        const types = new Set(entries.map((r) => r?.type ?? "None"));
        return types.size === 1 ? "MixedCriteria" : "Inconsistent";
      }),
      rule: prop(
        (t) => {
          const entries = validationEntries(t).map((e) => e?.rule ?? null);
          return sameJson(entries) ? ruleToApi(entries[0] ?? null) : null;
        },
        (t, v) => t.sheet.patchValidation(t.rect, { rule: ruleFromApi(v, ctx, t) }, DEFAULT_VALIDATION),
        { check: checkRuleShape, payload: (v) => JSON.parse(JSON.stringify(v, (_k, x) => (x && typeof x === "object" && "_ctx" in x ? "[Range]" : x))) },
      ),
      prompt: prop(
        (t) => {
          const entries = validationEntries(t).map((e) => (e ?? DEFAULT_VALIDATION).prompt);
          return sameJson(entries) ? entries[0] : null;
        },
        (t, v) => {
          const p = (v ?? {}) as Record<string, unknown>;
          const prompt = { showPrompt: p["showPrompt"] !== false, title: checkedText("prompt.title", 32)(p["title"]), message: checkedText("prompt.message", 255)(p["message"]) };
          t.sheet.patchValidation(t.rect, { prompt }, DEFAULT_VALIDATION);
        },
      ),
      errorAlert: prop(
        (t) => {
          const entries = validationEntries(t).map((e) => (e ?? DEFAULT_VALIDATION).errorAlert);
          return sameJson(entries) ? entries[0] : null;
        },
        (t, v) => {
          const a = (v ?? {}) as Record<string, unknown>;
          const style = a["style"] === undefined ? "Stop" : expectOneOf("errorAlert.style", ["Stop", "Warning", "Information"])(a["style"]);
          const errorAlert = { showAlert: a["showAlert"] !== false, style, title: checkedText("errorAlert.title", 32)(a["title"]), message: checkedText("errorAlert.message", 225)(a["message"]) };
          t.sheet.patchValidation(t.rect, { errorAlert }, DEFAULT_VALIDATION);
        },
      ),
      ignoreBlanks: prop(
        (t) => {
          const entries = validationEntries(t).map((e) => (e ?? DEFAULT_VALIDATION).ignoreBlanks);
          return sameJson(entries) ? entries[0] : null;
        },
        (t, v) => t.sheet.patchValidation(t.rect, { ignoreBlanks: expectBoolean("ignoreBlanks")(v) }, DEFAULT_VALIDATION),
      ),
      // Whether every cell currently satisfies its rule (blank cells per ignoreBlanks).
      valid: prop((t) => {
        const wb = t.sheet.workbook;
        const used = t.sheet.usedRect(true);
        for (const area of t.sheet.validationPieces(t.rect).covered) {
          const clip = used ? intersect(area.rect, used) : null;
          const full = area.entry.ignoreBlanks ? clip : area.rect;
          if (!full) continue;
          if (cellCount(full) > 1_000_000) throw notImplemented("DataValidation.valid over more than a million cells");
          for (let r = full.row; r < full.row + full.rows; r++) {
            for (let c = full.col; c < full.col + full.cols; c++) if (checkValidation(wb, t.sheet, area, r, c)) return false;
          }
        }
        return true;
      }),
    };
  }
  clear(): void {
    this._call("clear", null, (t) => t.sheet.clearValidation(t.rect));
  }
}
