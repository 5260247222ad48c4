// The one rule for text from data in a spreadsheet: Excel reads a cell that starts with
// =, +, -, @, a tab or a CR as a formula (OWASP "CSV injection"), so such text gets an
// apostrophe first and shows as typed. The add-in writes cells with it, the worker its
// CSV and XLSX; only formulas the code builds itself (rubric totals) are formulas.

const FORMULA_START = /^[=+\-@\t\r]/;

export function inertText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Any cell value: text made inert, numbers and the rest as they are. */
export function inert<T>(value: T): T | string {
  return typeof value === "string" ? inertText(value) : value;
}
