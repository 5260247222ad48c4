import { ApiError, call, type Api } from "../api/client.ts";
import { layoutRegistrationTables, readRegistrations, updateRegistrationsInPlace, writeSync } from "../host/registration-tables.ts";
import type { RowChanges } from "../host/owned-tables.ts";
import { specIndex } from "../sheets/owned-table.ts";
import { checkTable, type CheckSummary } from "./check.ts";
import { REGISTRATION_TABLES } from "./columns.ts";
import { contentToCells } from "./format-row.ts";
import { contentHash } from "./hash.ts";
import type { RowContext } from "./read-row.ts";
import { readRow } from "./read-row.ts";
import { rowCells } from "./format-row.ts";
import { STATUS } from "./status.ts";
import { applySync, planPush, sheetCells, unsentStatus, type Conflict, type PushItem, type PushPlan, type RowUpdate, type SyncApplication } from "./sync-plan.ts";
import { UnitDirectory } from "./units.ts";
import type { ItemResult } from "../../shared/api.ts";
import type { Campaign, CampaignPlan } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { formatDay } from "../../shared/parse.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";
import { FIELDS, FIELD_LABELS, KINDS, type Kind } from "../../shared/vocabulary.ts";
import { utf8Length } from "../../shared/text.ts";

/** Items per request: well under the API's 1,000, so the progress bar moves and a lost answer costs little. */
export const SYNC_BATCH = 500;
/**
 * Bytes per request: under the server's 8 MB body limit with room to spare. 500 rows
 * whose accounts each run to 4,000 Vietnamese characters are about 6 MB on their own.
 */
export const SYNC_BATCH_BYTES = 5 * 1024 * 1024;

/** How many of `items`, from `start`, go in the next request. */
export function nextBatchSize(items: readonly unknown[], start: number): number {
  let bytes = 0;
  let n = 0;
  while (start + n < items.length && n < SYNC_BATCH) {
    const size = utf8Length(JSON.stringify(items[start + n]));
    if (n > 0 && bytes + size > SYNC_BATCH_BYTES) break;
    bytes += size;
    n++;
  }
  return n;
}

export interface RegistrationContext {
  campaign: Campaign;
  rows: RowContext;
  /** The implementing plan the officer's forms cite (nearest at or above the officer's scope), if any. */
  plan?: CampaignPlan | null;
}

/**
 * What checking and syncing need from the server: the campaign's levels, its plans and
 * the officer's units (the officer's own subtree: its root is the scope).
 */
export async function loadContext(api: Api, campaign: Campaign): Promise<RegistrationContext> {
  const [units, detail] = await Promise.all([
    call(api.api.v1["org-units"].$get()),
    call(api.api.v1.campaigns[":id"].$get({ param: { id: String(campaign.id) } })),
  ]);
  return { campaign: detail, plan: nearestPlan(detail.plans, units), rows: { units: new UnitDirectory(units), levels: detail.levels, year: detail.year } };
}

/**
 * The plan at or above the officer's scope: the scope's own, else the nearest above it.
 * Plans above the scope are the ones whose unit the officer's subtree does not hold,
 * listed parents first.
 */
export function nearestPlan(plans: readonly CampaignPlan[], units: readonly OrgUnit[]): CampaignPlan | null {
  const ids = new Set(units.map((u) => u.id));
  const scope = units.find((u) => u.parentId === null || !ids.has(u.parentId));
  return plans.find((p) => p.orgUnitId === scope?.id) ?? plans.filter((p) => !ids.has(p.orgUnitId)).at(-1) ?? null;
}

/** The line under each form's title: the plan it carries out and the deadline that counts. */
export function planLine(campaign: Campaign, plan: CampaignPlan | null | undefined): string {
  if (plan) return `Thực hiện ${plan.planRef} của ${plan.orgUnitName} · hạn nộp ${formatDay(plan.deadline)}`;
  return `${campaign.planRef ? `Thực hiện ${campaign.planRef} · ` : ""}${campaign.title} · hạn nộp ${formatDay(campaign.deadline)}`;
}

export async function layoutTables(ctx: RegistrationContext): Promise<Record<Kind, "created" | "kept">> {
  const { campaign, rows } = ctx;
  return layoutRegistrationTables(
    { units: rows.units.labels, fields: FIELDS.map((f) => FIELD_LABELS[f]), levels: campaign.levels.map((l) => l.label) },
    planLine(campaign, ctx.plan),
  );
}

/** "Kiểm tra": re-reads every row as the server would and marks what is wrong, in place. */
export async function checkRegistrations(ctx: RegistrationContext): Promise<Record<Kind, CheckSummary>> {
  const { result } = await updateRegistrationsInPlace((wb) => {
    const out = {} as Record<Kind, CheckSummary>;
    const changes: Partial<Record<Kind, RowChanges>> = {};
    for (const kind of KINDS) {
      const spec = REGISTRATION_TABLES[kind];
      const result = checkTable({ spec, rows: wb.tables[kind] }, ctx.rows);
      out[kind] = result.summary;
      const [status, mask] = [specIndex(spec, "status"), specIndex(spec, "errorMask")];
      const updates = new Map(result.status.map((s, i) => [i, new Map([[status, s], [mask, result.mask[i]!]])] as const));
      changes[kind] = { updates, deletions: [], appends: [] };
    }
    return { changes, result: out };
  });
  return result;
}

/** Ids for new rows and "Đang gửi…" on every row going out, written before anything is sent. */
function sendingChanges(plan: PushPlan): Partial<Record<Kind, RowChanges>> {
  const sending = new Set(plan.items.map((i) => i.id));
  const changes: Partial<Record<Kind, RowChanges>> = {};
  const rowOf = (kind: Kind, index: number) => {
    const c = (changes[kind] ??= { updates: new Map(), deletions: [], appends: [] });
    const updates = c.updates as Map<number, Map<number, string | number>>;
    if (!updates.has(index)) updates.set(index, new Map());
    return updates.get(index)!;
  };
  for (const a of plan.assignedIds) {
    const spec = REGISTRATION_TABLES[a.kind];
    const cells = rowOf(a.kind, a.index).set(specIndex(spec, "id"), a.id);
    if (a.copy) cells.set(specIndex(spec, "version"), "").set(specIndex(spec, "syncedHash"), "");
  }
  for (const row of plan.rows) {
    if (sending.has(row.id)) rowOf(row.kind, row.index).set(specIndex(REGISTRATION_TABLES[row.kind], "status"), "Đang gửi…");
  }
  return changes;
}

export interface SyncReport {
  counts: SyncApplication["counts"];
  conflicts: Conflict[];
  /** Set when the server could not be reached: what was not sent waits for the next sync. */
  offline: ApiError | null;
}

export type Progress = (done: number, total: number) => void;

/**
 * "Đồng bộ": sends the rows changed since their last sync and tombstones for rows
 * deleted from the tables, in batches, then writes back every row's outcome and the
 * changes made elsewhere. If the server cannot be reached, nothing is lost: unsent
 * rows say so and go with the next sync.
 */
export async function syncRegistrations(api: Api, ctx: RegistrationContext, progress: Progress = () => {}): Promise<SyncReport> {
  const { wb, result: prepared } = await updateRegistrationsInPlace((wb) => {
    if (wb.state.campaignId !== null && wb.state.campaignId !== ctx.campaign.id) {
      throw new ApiError(
        "other_campaign",
        "Sổ tính này đang dùng cho một kế hoạch khác; hãy mở sổ tính mới cho kế hoạch này.",
        0,
      );
    }
    const state = { ...wb.state, campaignId: ctx.campaign.id };
    const plan = planPush(wb.tables, state, ctx.rows, () => crypto.randomUUID(), wb.present);
    return { changes: sendingChanges(plan), result: { plan, state } };
  });
  const { plan, state } = prepared;

  const results: ItemResult<RegistrationRecord>[] = [];
  const changes: RegistrationRecord[] = [];
  let cursor = state.cursor;
  let offline: ApiError | null = null;
  let sent = 0;
  progress(0, plan.items.length);
  try {
    let more = false;
    do {
      const batch: PushItem[] = plan.items.slice(sent, sent + nextBatchSize(plan.items, sent));
      const answer = await call(
        api.api.v1.sync.$post({ json: { campaignId: ctx.campaign.id, cursor, registrations: batch, scores: [] } }),
      );
      results.push(...(answer.results as ItemResult<RegistrationRecord>[]));
      changes.push(...(answer.changes as RegistrationRecord[]));
      cursor = answer.cursor;
      more = answer.more;
      sent += batch.length;
      progress(sent, plan.items.length);
    } while (sent < plan.items.length || more);
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    offline = err;
  }
  // Unreachable or busy: rows wait for the next sync. Refused (token, role): say so after
  // writing down whatever was accepted before the refusal.
  const retryLater = offline && (offline.offline || offline.status >= 500 || offline.status === 429);

  const app = applySync(plan, results, changes, state, cursor, ctx.rows);
  if (offline) {
    const answered = new Set(results.map((r) => r.id));
    for (const [id, update] of unsentStatus(plan)) if (!answered.has(id)) app.updates.set(id, update);
  }
  await writeSync({ cells: sheetCells(app.updates), deletions: app.deletions, appends: app.appends, state: app.state }, wb);
  if (offline && !retryLater) throw offline;
  return { counts: app.counts, conflicts: app.conflicts, offline };
}

/** "Giữ bản trên máy chủ": the server's copy replaces the row (or brings it back, or removes it). */
export async function keepServerCopy(conflict: Conflict, ctx: RegistrationContext): Promise<void> {
  const wb = await readRegistrations();
  const server = conflict.server;
  const known = new Map(wb.state.known);
  const inSheet = KINDS.some((k) => wb.tables[k].some((r) => r[REGISTRATION_TABLES[k].columns.findIndex((c) => c.key === "id")] === conflict.id));
  const updates = new Map<string, RowUpdate>();
  const deletions = new Set<string>();
  const appends: Record<Kind, (string | number)[][]> = { collective: [], individual: [] };
  const spec = REGISTRATION_TABLES[server.kind];
  const content = contentToCells(spec, server, ctx.rows);
  const reread = readRow(spec, rowCells(spec, content, {}), ctx.rows).content;
  const hash = reread ? contentHash(reread) : "";
  if (server.deleted) {
    deletions.add(conflict.id);
    known.delete(conflict.id);
  } else if (inSheet && conflict.kind === server.kind) {
    updates.set(conflict.id, { content, version: server.version, syncedHash: hash, status: STATUS.synced, errorMask: "" });
    known.set(conflict.id, { kind: server.kind, version: server.version });
  } else {
    if (inSheet) deletions.add(conflict.id);
    appends[server.kind].push(
      rowCells(spec, content, { status: STATUS.synced, id: server.id, version: server.version, syncedHash: hash, errorMask: "" }) as (string | number)[],
    );
    known.set(conflict.id, { kind: server.kind, version: server.version });
  }
  await writeSync({ cells: sheetCells(updates), deletions, appends, state: { ...wb.state, known } }, wb);
}

/**
 * "Gửi lại bản của tôi": the row is based on the server's current version and sent
 * again, so it replaces the server's copy (the server keeps the old one in its audit log).
 */
export async function resendMine(api: Api, conflict: Conflict, ctx: RegistrationContext, progress?: Progress): Promise<SyncReport> {
  const wb = await readRegistrations();
  const known = new Map(wb.state.known);
  if (known.has(conflict.id) || conflict.local === null) known.set(conflict.id, { kind: conflict.kind, version: conflict.server.version });
  const updates = new Map<string, RowUpdate>([
    [conflict.id, { version: conflict.server.version, syncedHash: "", status: `${STATUS.unsent} – gửi lại bản của tôi` }],
  ]);
  await writeSync({ cells: sheetCells(updates), deletions: new Set(), appends: { collective: [], individual: [] }, state: { ...wb.state, known } }, wb);
  return syncRegistrations(api, ctx, progress);
}
