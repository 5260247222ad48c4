// Excel stand-in (NOT Excel): AutoFilter criteria of a table column (or of a column of a
// worksheet AutoFilter) and which rows they keep. Semantics from Microsoft's docs:
// https://learn.microsoft.com/javascript/api/excel/excel.filter and
// https://learn.microsoft.com/javascript/api/excel/excel.filtercriteria
//
// Like Excel, a filter hides rows when it is applied (or reapplied); later edits do not
// re-filter (Table.reapplyFilters: "Reapplies all the filters currently on the table").

import { ModelError, normalizeColor, serialToDate } from "./cell-values.ts";
import { makeCriterion, type CellValue } from "./formula.ts";

export type FilterOn = "Values" | "Custom" | "TopItems" | "BottomItems" | "TopPercent" | "BottomPercent" | "CellColor" | "FontColor" | "Dynamic" | "Icon";

export interface FilterDatetimeModel {
  date: string;
  specificity: "Year" | "Month" | "Day";
}

export interface FilterCriteriaModel {
  filterOn: FilterOn;
  values?: (string | FilterDatetimeModel)[];
  criterion1?: string;
  criterion2?: string;
  operator?: "And" | "Or";
  color?: string;
  dynamicCriteria?: "AboveAverage" | "BelowAverage";
}

/** What a filter looks at in one cell. */
export interface FilterCell {
  value: CellValue;
  text: string;
  fillColor: string | null;
  fontColor: string;
}

const FILTER_ON = ["Values", "Custom", "TopItems", "BottomItems", "TopPercent", "BottomPercent", "CellColor", "FontColor", "Dynamic", "Icon"];
/** Every property of Excel.FilterCriteria (ExcelApi 1.2); Excel answers with all of them, unused ones null (office-js#1226). */
const CRITERIA_KEYS = ["color", "criterion1", "criterion2", "dynamicCriteria", "filterOn", "icon", "operator", "values"] as const;

function invalid(message: string): ModelError {
  return new ModelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: ${message}`);
}

/**
 * Checks criteria given to Filter.apply / AutoFilter.apply. A property set to null is
 * refused, as Excel refuses the criteria objects it returns itself (office-js#1226: "when
 * you try to use them with apply, it throws ... The argument is invalid"); drop the null
 * properties before re-applying saved criteria.
 */
export function checkCriteria(input: unknown): FilterCriteriaModel {
  if (!input || typeof input !== "object" || Array.isArray(input)) throw invalid("criteria must be an Excel.FilterCriteria object");
  const c = input as Record<string, unknown>;
  for (const [key, value] of Object.entries(c)) {
    if (value === null) throw invalid(`criteria.${key} is null (office-js#1226: remove null properties before apply)`);
    if (!(CRITERIA_KEYS as readonly string[]).includes(key) && key !== "subField") throw invalid(`unknown criteria property "${key}"`);
  }
  const filterOn = c["filterOn"];
  if (typeof filterOn !== "string" || !FILTER_ON.includes(filterOn)) throw invalid(`filterOn must be one of ${FILTER_ON.join(", ")}`);
  if (c["subField"] !== undefined) throw new Error("Excel stand-in: FilterCriteria.subField (rich values) is not implemented");
  const str = (key: string): string | undefined => {
    const v = c[key];
    if (v === undefined) return undefined;
    if (typeof v !== "string") throw invalid(`criteria.${key} must be a string`);
    return v;
  };
  switch (filterOn) {
    case "Values": {
      const values = c["values"];
      if (!Array.isArray(values)) throw invalid("a Values filter needs criteria.values, an array of strings or FilterDatetime objects");
      return { filterOn, values: values.map(checkValue) };
    }
    case "Custom": {
      const criterion1 = str("criterion1");
      if (criterion1 === undefined) throw invalid("a Custom filter needs criterion1");
      const criterion2 = str("criterion2");
      const operator = str("operator");
      if (operator !== undefined && operator !== "And" && operator !== "Or") throw invalid('operator must be "And" or "Or"');
      return { filterOn, criterion1, ...(criterion2 !== undefined ? { criterion2 } : {}), ...(operator !== undefined ? { operator } : {}) };
    }
    case "TopItems":
    case "BottomItems":
    case "TopPercent":
    case "BottomPercent": {
      const criterion1 = str("criterion1");
      const n = Number(criterion1);
      if (criterion1 === undefined || !Number.isFinite(n) || n <= 0) throw invalid(`a ${filterOn} filter needs criterion1, a positive number as text`);
      return { filterOn, criterion1 };
    }
    case "CellColor":
    case "FontColor": {
      const color = str("color");
      if (color === undefined) throw invalid(`a ${filterOn} filter needs criteria.color`);
      return { filterOn, color: normalizeColor(color) };
    }
    case "Dynamic": {
      const dynamic = str("dynamicCriteria");
      if (dynamic !== "AboveAverage" && dynamic !== "BelowAverage") throw new Error(`Excel stand-in: dynamic filter "${String(dynamic)}" is not implemented (only AboveAverage and BelowAverage)`);
      return { filterOn, dynamicCriteria: dynamic };
    }
    default:
      throw new Error(`Excel stand-in: ${filterOn} filters are not implemented`);
  }
}

function checkValue(v: unknown): string | FilterDatetimeModel {
  if (typeof v === "string") return v;
  if (v && typeof v === "object") {
    const { date, specificity } = v as { date?: unknown; specificity?: unknown };
    if (typeof date !== "string" || !/^\d{4}-\d{2}-\d{2}/.test(date)) throw invalid("FilterDatetime.date must be an ISO 8601 date");
    if (specificity !== "Year" && specificity !== "Month" && specificity !== "Day") throw new Error(`Excel stand-in: FilterDatetime specificity "${String(specificity)}" is not implemented (Year, Month, Day)`);
    return { date, specificity };
  }
  throw invalid("values must be strings or FilterDatetime objects");
}

/** The criteria as Excel.FilterCriteria: every property present, the unused ones null (office-js#1226). */
export function criteriaToApi(model: FilterCriteriaModel | null): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of CRITERIA_KEYS) out[key] = null;
  if (model) {
    for (const [key, value] of Object.entries(model)) out[key] = structuredClone(value);
  }
  return out;
}

/** Which of `cells` (one column of the filtered rows) the criteria keep. */
export function rowsKept(criteria: FilterCriteriaModel, cells: FilterCell[]): boolean[] {
  switch (criteria.filterOn) {
    case "Values": {
      // Excel matches the displayed text, case-insensitively; "" stands for (Blanks).
      const texts = new Set(criteria.values!.filter((v): v is string => typeof v === "string").map((v) => v.toLowerCase()));
      const dates = criteria.values!.filter((v): v is FilterDatetimeModel => typeof v !== "string");
      return cells.map((cell) => texts.has(cell.text.toLowerCase()) || dates.some((d) => dateMatches(cell.value, d)));
    }
    case "Custom": {
      const first = makeCriterion(criteria.criterion1!);
      if (criteria.criterion2 === undefined) return cells.map((cell) => first(cell.value));
      const second = makeCriterion(criteria.criterion2);
      return cells.map((cell) => (criteria.operator === "Or" ? first(cell.value) || second(cell.value) : first(cell.value) && second(cell.value)));
    }
    case "TopItems":
    case "BottomItems":
    case "TopPercent":
    case "BottomPercent": {
      const numbers = cells.map((c) => c.value).filter((v): v is number => typeof v === "number");
      const n = Number(criteria.criterion1);
      const count = criteria.filterOn.endsWith("Percent") ? Math.max(1, Math.floor((numbers.length * n) / 100)) : Math.floor(n);
      const top = criteria.filterOn.startsWith("Top");
      const sorted = [...numbers].sort((a, b) => (top ? b - a : a - b));
      if (sorted.length === 0) return cells.map(() => false);
      const edge = sorted[Math.min(count, sorted.length) - 1]!;
      // Ties at the edge are kept.
      return cells.map((c) => typeof c.value === "number" && (top ? c.value >= edge : c.value <= edge));
    }
    case "CellColor":
      return cells.map((c) => (c.fillColor ?? "#FFFFFF") === criteria.color);
    case "FontColor":
      return cells.map((c) => c.fontColor === criteria.color);
    case "Dynamic": {
      const numbers = cells.map((c) => c.value).filter((v): v is number => typeof v === "number");
      const average = numbers.reduce((a, b) => a + b, 0) / (numbers.length || 1);
      return cells.map((c) => typeof c.value === "number" && (criteria.dynamicCriteria === "AboveAverage" ? c.value > average : c.value < average));
    }
    default:
      throw new Error(`Excel stand-in: ${criteria.filterOn} filters are not implemented`);
  }
}

function dateMatches(value: CellValue, d: FilterDatetimeModel): boolean {
  if (typeof value !== "number") return false;
  const { year, month, day } = serialToDate(value);
  const [y, m, dd] = d.date.slice(0, 10).split("-").map(Number);
  if (year !== y) return false;
  if (d.specificity === "Year") return true;
  if (month !== m) return false;
  return d.specificity === "Month" || day === dd;
}
