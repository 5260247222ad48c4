import { resolveDocumentDetails, type ResolvedDetails } from "../../shared/report-document.ts";
import type { Cell } from "../../shared/parse.ts";
import type { DocumentDetails } from "../../shared/schemas/report.ts";

// Who issues a document, where, and who signs it: the officer's choices, remembered per
// workbook and per scope (a district officer reporting on a commune names that commune's
// head), as rows of a very hidden sheet: [scope id, detail, text]. Only choices that
// differ from the defaults are kept, so the defaults follow a renamed unit.

export const DETAIL_KEYS = ["bodyAbove", "issuer", "place", "preparer", "head"] as const;
export type DetailKey = (typeof DETAIL_KEYS)[number];

/** Scope id → the details chosen for documents of that scope. */
export type DetailsMemory = Map<number, Partial<Record<DetailKey, string>>>;

const MAX_LENGTH = 300;

export function detailsFromRows(rows: readonly (readonly Cell[])[]): DetailsMemory {
  const memory: DetailsMemory = new Map();
  for (const [scope, key, value] of rows) {
    const id = Number(scope);
    if (!Number.isInteger(id) || id <= 0 || !DETAIL_KEYS.includes(key as DetailKey)) continue;
    const text = String(value ?? "").trim();
    if (!text) continue;
    memory.set(id, { ...memory.get(id), [key as DetailKey]: text.slice(0, MAX_LENGTH) });
  }
  return memory;
}

export function detailsToRows(memory: DetailsMemory): string[][] {
  return [...memory].flatMap(([scope, details]) => DETAIL_KEYS.flatMap((key) => (details[key] ? [[String(scope), key, details[key]!]] : [])));
}

/** What a scope's documents print when the officer chooses nothing: the unit, its parent, its place, the officer. */
export function defaultDetails(scope: { name: string; parentName: string | null }, officerName: string): ResolvedDetails {
  return resolveDocumentDetails(
    { title: "", scope: { id: 0, name: scope.name, kind: "", parentName: scope.parentName }, generatedAt: "", columns: [], rows: [], notes: [] },
    {},
    officerName,
  );
}

/** The officer's entries, one line each and at most 300 characters, blanks left out (the default applies). */
export function cleanDetails(entered: Partial<Record<DetailKey, string>>): DocumentDetails {
  const out: DocumentDetails = {};
  for (const key of DETAIL_KEYS) {
    const text = (entered[key] ?? "").replace(/\s+/g, " ").trim().slice(0, MAX_LENGTH);
    if (text) out[key] = text;
  }
  return out;
}

/** The memory with a scope's entries: only what differs from the defaults is kept. */
export function remember(memory: DetailsMemory, scopeId: number, entered: DocumentDetails, defaults: ResolvedDetails): DetailsMemory {
  const kept: Partial<Record<DetailKey, string>> = {};
  for (const key of DETAIL_KEYS) {
    const text = entered[key];
    if (text && text !== defaults[key]) kept[key] = text;
  }
  const next: DetailsMemory = new Map(memory);
  if (Object.keys(kept).length) next.set(scopeId, kept);
  else next.delete(scopeId);
  return next;
}
