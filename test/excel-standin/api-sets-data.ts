// Excel stand-in (NOT Excel): the requirement-set table, read from @types/office-js at test
// time. Node-only: the browser bundle replaces this module with the table generated at
// bundle time (see build.ts), so no Node module reaches Chromium.

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseExcelApiSets, type ApiSetTable } from "./api-sets.ts";

let cached: ApiSetTable | null = null;

export function officeJsTypesPath(): string {
  return createRequire(import.meta.url).resolve("@types/office-js/index.d.ts");
}

export function loadApiSetTable(): ApiSetTable {
  cached ??= parseExcelApiSets(readFileSync(officeJsTypesPath(), "utf8"));
  return cached;
}
