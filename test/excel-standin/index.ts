// Excel stand-in (NOT Excel): one import for tests — the in-memory workbook that stands in
// for Microsoft Excel, and the Office.js-shaped globals over it.

export * from "./workbook.ts";
export * from "./office-api.ts";
export { parseAddress, formatRect, formatAddress, columnToLetters, lettersToColumn } from "./addresses.ts";
export { evaluateFormula, UNSUPPORTED, SUPPORTED_FUNCTIONS } from "./formula.ts";
