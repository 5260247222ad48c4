import { writeValues } from "./excel.ts";
import type { SyncState } from "../registrations/sync-plan.ts";
import type { Cell } from "../../shared/parse.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

/** The workbook's sync memory: campaign, cursor and the ids it holds. Very hidden, never the token. */
export const STATE_SHEET = "_dvk_dongbo";

export function emptyState(): SyncState {
  return { campaignId: null, cursor: null, known: new Map() };
}

/** Reads the state sheet's used range: two key rows, then one row per known registration. */
export function stateFromValues(values: readonly (readonly Cell[])[] | null): SyncState {
  const state = emptyState();
  if (!values) return state;
  for (const row of values) {
    const [key, a, b] = row;
    if (key === "campaignId") state.campaignId = Number(a) || null;
    else if (key === "cursor") state.cursor = a === "" || a == null ? null : String(a);
    else if (typeof key === "string" && key.length === 36 && KINDS.includes(a as Kind)) {
      state.known.set(key, { kind: a as Kind, version: Number(b) || 0 });
    }
  }
  return state;
}

export function stateToValues(state: SyncState): Cell[][] {
  return [
    ["campaignId", state.campaignId ?? "", ""],
    ["cursor", state.cursor ?? "", ""],
    ...[...state.known].map(([id, k]) => [id, k.kind, k.version]),
  ];
}

/** Queues replacing the state sheet's content (creating it if `exists` is false). */
export function queueStateWrite(workbook: Excel.Workbook, exists: boolean, state: SyncState): Cell[][] {
  const sheet = exists ? workbook.worksheets.getItem(STATE_SHEET) : workbook.worksheets.add(STATE_SHEET);
  if (!exists) sheet.visibility = Excel.SheetVisibility.veryHidden;
  const values = stateToValues(state);
  sheet.getRange("A:C").clear(Excel.ClearApplyTo.contents);
  writeValues(sheet.getRangeByIndexes(0, 0, values.length, 3), values);
  return values;
}
