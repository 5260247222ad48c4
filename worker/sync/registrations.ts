import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import {
  currentSeqStatement,
  encodeWrite,
  packByBytes,
  pullStatement,
  readByIds,
  reserveSeq,
  selectByIds,
  toPullPage,
  toRecord,
  upsertChunk,
  type RegistrationRow,
  type RowWithPath,
} from "../sql/registrations.ts";
import { claimedId, planRegistrations, settle, type RegistrationResult } from "./plan-registrations.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";

export interface SyncInput {
  caller: Caller;
  campaign: Campaign;
  items: readonly unknown[];
  cursor: number;
}

export interface SyncOutcome {
  results: RegistrationResult[];
  changes: RegistrationRecord[];
  cursor: number;
  more: boolean;
}

/** Today in Vietnam (UTC+7, no daylight saving): the day a form is first seen. */
export function vietnamToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

/**
 * One sync of registrations: read what the items touch (one round trip), decide each
 * item, then write every accepted change (audited by trigger) and read the pull in one
 * D1 batch — one transaction, so a failure leaves no item half-written.
 */
export async function syncRegistrations(db: D1Database, input: SyncInput): Promise<SyncOutcome> {
  const { caller, campaign, items } = input;
  const ids = items.map(claimedId).filter((id): id is string => id !== null);
  const unitIds = [...new Set(items.map((i) => (i as { orgUnitId?: unknown } | null)?.orgUnitId))].filter(
    (u): u is number => Number.isSafeInteger(u),
  );
  const [storedRows, units] = await db.batch<RowWithPath | { id: number; path: string }>([
    selectByIds(db, ids),
    db.prepare(`SELECT id, path FROM org_units WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(unitIds)),
  ]);
  const stored = new Map((storedRows!.results as RowWithPath[]).map((r) => [r.id, r]));
  const unitPaths = new Map((units!.results as { id: number; path: string }[]).map((u) => [u.id, u.path]));

  const now = new Date();
  const plan = planRegistrations({ caller, campaign, items, stored, unitPaths, today: vietnamToday(now) });

  const statements: D1PreparedStatement[] = [];
  const upserts: number[] = [];
  if (plan.writes.length) {
    const at = now.toISOString();
    statements.push(reserveSeq(db, plan.writes.length));
    for (const chunk of packByBytes(plan.writes, encodeWrite)) {
      upserts.push(statements.length);
      statements.push(upsertChunk(db, chunk, plan.writes.length, campaign.id, caller.id, at));
    }
  }
  const pullAt = statements.length;
  statements.push(pullStatement(db, campaign.id, caller.scopePath, input.cursor, ids), currentSeqStatement(db));
  const outcome = await db.batch<Record<string, unknown>>(statements);

  const landed = new Set(upserts.flatMap((i) => (outcome[i]!.results as { id: string }[]).map((r) => r.id)));
  const overtaken = plan.writes.filter((w) => !landed.has(w.id)).map((w) => w.id);
  const after = new Map((await readByIds(db, overtaken)).map((r) => [r.id, r]));
  const results = plan.results.slice();
  for (const w of plan.writes) results[w.index] = settle(w, landed.has(w.id), after.get(w.id));

  const rows = outcome[pullAt]!.results as unknown as RegistrationRow[];
  const seq = (outcome[pullAt + 1]!.results[0] as { value: number }).value;
  const page = toPullPage(rows, seq);
  return {
    results: results as RegistrationResult[],
    changes: page.rows.map(toRecord),
    cursor: Math.max(page.cursor, input.cursor),
    more: page.more,
  };
}
