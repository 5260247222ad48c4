import type { ColumnKey, TableSpec } from "./columns.ts";
import { REGISTRATION_TABLES } from "./columns.ts";
import { specIndex, tableMissing } from "../sheets/owned-table.ts";
import { cellOf, checkRow, checkStatus, type RowCheck } from "./check.ts";
import { contentToCells, rowCells } from "./format-row.ts";
import { contentHash } from "./hash.ts";
import { columnOfPath, readRow, type RowContext } from "./read-row.ts";
import { errorMask, errorStatus, isConflict, STATUS } from "./status.ts";
import type { ItemResult } from "../../shared/api.ts";
import type { Cell } from "../../shared/parse.ts";
import type { RegistrationContent, RegistrationRecord } from "../../shared/schemas/registration.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

/** What the workbook remembers between syncs (a hidden sheet; never the token). */
export interface SyncState {
  campaignId: number | null;
  cursor: string | null;
  /** Registrations this workbook holds as synced, so a row deleted from a table becomes a tombstone. */
  known: Map<string, { kind: Kind; version: number }>;
}

export interface LocalRow {
  kind: Kind;
  index: number;
  id: string;
  version: number;
  check: RowCheck;
  cells: Cell[];
}

export type PushItem =
  | (RegistrationContent & { id: string; baseVersion: number })
  | { id: string; baseVersion: number; deleted: true };

export interface PushPlan {
  rows: LocalRow[];
  /**
   * Ids given to rows that had none, written into the sheet before anything is sent; a
   * row copied with another row's id (`copy`) is a new registration and forgets the
   * version it was copied with.
   */
  assignedIds: { kind: Kind; index: number; id: string; copy: boolean }[];
  items: PushItem[];
  /** Fingerprint of what each upsert sent, to store once it is accepted. */
  sentHash: Map<string, string>;
}

export type TableCells = Record<Kind, Cell[][]>;

/**
 * Rows a sync must send: valid and changed since their last sync; registrations the
 * workbook held at the last sync and holds nowhere now (hidden and filtered rows count
 * as held) as tombstones. A table that held registrations and is gone proves nothing:
 * the sync stops before anything is written or sent.
 */
export function planPush(tables: TableCells, state: SyncState, ctx: RowContext, newId: () => string, present: Record<Kind, boolean> = { collective: true, individual: true }): PushPlan {
  for (const kind of KINDS) {
    if (!present[kind] && [...state.known.values()].some((k) => k.kind === kind)) throw tableMissing(REGISTRATION_TABLES[kind]);
  }
  const rows: LocalRow[] = [];
  const assignedIds: PushPlan["assignedIds"] = [];
  const items: PushItem[] = [];
  const sentHash = new Map<string, string>();
  const held = new Set<string>();
  for (const kind of KINDS) {
    const spec = REGISTRATION_TABLES[kind];
    const versionAt = specIndex(spec, "version");
    const hashAt = specIndex(spec, "syncedHash");
    tables[kind].forEach((original, index) => {
      let cells = original;
      let id = String(cellOf(spec, cells, "id") ?? "").trim();
      const copy = id !== "" && held.has(id);
      if (copy) {
        // The officer copied a whole row, hidden id and all: the copy is a new registration.
        cells = cells.slice();
        cells[versionAt] = "";
        cells[hashAt] = "";
        id = "";
      }
      const check = checkRow(spec, cells, ctx);
      const version = Number(cellOf(spec, cells, "version")) || 0;
      if (check.reading.blank && !id) return;
      if (!id) {
        id = newId();
        assignedIds.push({ kind, index, id, copy });
      }
      held.add(id);
      rows.push({ kind, index, id, version, check, cells });
      if (check.reading.blank) {
        // Every cell emptied: the officer removed the registration.
        if (version > 0) items.push({ id, baseVersion: version, deleted: true });
      } else if (check.reading.content && !check.clean) {
        items.push({ ...check.reading.content, id, baseVersion: version });
        sentHash.set(id, check.hash!);
      }
    });
  }
  for (const [id, known] of state.known) {
    if (!held.has(id)) items.push({ id, baseVersion: known.version, deleted: true });
  }
  return { rows, assignedIds, items, sentHash };
}

/** A registration both sides changed: the officer picks which copy stays. */
export interface Conflict {
  id: string;
  kind: Kind;
  /** The row's content, or null when the row was deleted here. */
  local: RegistrationContent | null;
  server: RegistrationRecord;
  message: string;
}

export interface RowUpdate {
  status?: string;
  errorMask?: string;
  version?: number | "";
  syncedHash?: string;
  id?: string;
  /** New content cells (a change pulled from the server). */
  content?: Map<ColumnKey, Cell>;
}

export interface SyncApplication {
  updates: Map<string, RowUpdate>;
  /** Rows to remove, by id (deleted elsewhere and unchanged here). */
  deletions: Set<string>;
  appends: Record<Kind, Cell[][]>;
  conflicts: Conflict[];
  state: SyncState;
  counts: { sent: number; accepted: number; refused: number; conflicts: number; pulled: number };
}

const recordContent = (r: RegistrationRecord): RegistrationContent => ({
  orgUnitId: r.orgUnitId,
  kind: r.kind,
  unitName: r.unitName,
  address: r.address,
  personName: r.personName,
  position: r.position,
  modelName: r.modelName,
  field: r.field,
  level: r.level,
  expectedBenefit: r.expectedBenefit,
  startDate: r.startDate,
  endDate: r.endDate,
  periodText: r.periodText,
  description: r.description,
  participants: r.participants,
  representative: r.representative,
  submittedAt: r.submittedAt,
});

/** A server record as cells of its table, with the fingerprint the sheet will read back. */
function pulledRow(record: RegistrationRecord, ctx: RowContext): { spec: TableSpec; content: Map<ColumnKey, Cell>; hash: string } {
  const spec = REGISTRATION_TABLES[record.kind];
  const content = contentToCells(spec, recordContent(record), ctx);
  const reread = readRow(spec, rowCells(spec, content, {}), ctx).content;
  return { spec, content, hash: reread ? contentHash(reread) : "" };
}


/**
 * Folds a sync's answers into what the sheet must show: per-row outcomes, pulled
 * changes written into unchanged rows, deletions, new rows, and the conflicts left for
 * the officer. `results` hold every answer's results; `changes` every pulled record.
 */
export function applySync(
  plan: PushPlan,
  results: readonly ItemResult<RegistrationRecord>[],
  changes: readonly RegistrationRecord[],
  state: SyncState,
  cursor: string | null,
  ctx: RowContext,
): SyncApplication {
  const known = new Map(state.known);
  const updates = new Map<string, RowUpdate>();
  const deletions = new Set<string>();
  const appends: Record<Kind, Cell[][]> = { collective: [], individual: [] };
  const conflicts: Conflict[] = [];
  const rowById = new Map(plan.rows.map((r) => [r.id, r]));
  const itemById = new Map(plan.items.map((i) => [i.id, i]));
  const counts = { sent: plan.items.length, accepted: 0, refused: 0, conflicts: 0, pulled: 0 };
  const acceptedVersion = new Map<string, number>();

  for (const r of results) {
    if (!r.id) continue;
    const row = rowById.get(r.id);
    const item = itemById.get(r.id);
    const spec = REGISTRATION_TABLES[row?.kind ?? "collective"];
    switch (r.outcome) {
      case "created":
      case "updated":
      case "unchanged":
      case "deleted": {
        counts.accepted++;
        acceptedVersion.set(r.id, r.version ?? 0);
        if (item && "deleted" in item) {
          known.delete(r.id);
          // A row emptied by the officer forgets its id, so it can take a new registration.
          if (row) updates.set(r.id, { status: "", errorMask: "", version: "", syncedHash: "", id: "" });
        } else if (row) {
          known.set(r.id, { kind: row.kind, version: r.version ?? 0 });
          updates.set(r.id, { status: STATUS.synced, errorMask: "", version: r.version ?? 0, syncedHash: plan.sentHash.get(r.id) ?? "" });
        }
        break;
      }
      case "conflict": {
        counts.conflicts++;
        const current = r.current as RegistrationRecord;
        const message = r.errors?.[0]?.message ?? "Đã sửa ở nơi khác.";
        conflicts.push({ id: r.id, kind: current.kind, local: row?.check.reading.content ?? null, server: current, message });
        if (row) updates.set(r.id, { status: `${STATUS.conflict} – ${message}`, errorMask: "" });
        break;
      }
      case "invalid":
      case "forbidden": {
        counts.refused++;
        const errors = (r.errors ?? []).map((e) => ({ column: columnOfPath(e.path), message: e.message }));
        const label = r.outcome === "invalid" ? STATUS.error : STATUS.forbidden;
        if (row) updates.set(r.id, { status: errorStatus(spec, errors, label), errorMask: errorMask(errors) });
        break;
      }
    }
  }

  const latest = new Map<string, RegistrationRecord>();
  for (const c of changes) latest.set(c.id, c);
  for (const change of latest.values()) {
    // Our own pushes echoed back in a later page are not news.
    const mine = acceptedVersion.get(change.id);
    if (mine !== undefined && change.version <= mine) continue;
    if (itemById.has(change.id) && mine === undefined) continue; // a conflict or refusal already speaks for it
    counts.pulled++;
    const row = rowById.get(change.id);
    if (!row) {
      if (change.deleted) known.delete(change.id);
      else {
        const { spec, content, hash } = pulledRow(change, ctx);
        appends[change.kind].push(
          rowCells(spec, content, { status: STATUS.synced, id: change.id, version: change.version, syncedHash: hash, errorMask: "" }),
        );
        known.set(change.id, { kind: change.kind, version: change.version });
      }
      continue;
    }
    const untouched = row.check.clean || (mine !== undefined && change.version > mine);
    if (!untouched) {
      const message = "Đăng ký đã được sửa ở nơi khác trong khi dòng này đang có sửa đổi chưa gửi được.";
      conflicts.push({ id: change.id, kind: change.kind, local: row.check.reading.content, server: change, message });
      counts.conflicts++;
      updates.set(change.id, { ...updates.get(change.id), status: `${STATUS.conflict} – ${message}` });
      continue;
    }
    if (change.deleted || change.kind !== row.kind) {
      deletions.add(change.id);
      known.delete(change.id);
      if (!change.deleted) {
        const { spec, content, hash } = pulledRow(change, ctx);
        appends[change.kind].push(
          rowCells(spec, content, { status: STATUS.synced, id: change.id, version: change.version, syncedHash: hash, errorMask: "" }),
        );
        known.set(change.id, { kind: change.kind, version: change.version });
      }
      continue;
    }
    const { content, hash } = pulledRow(change, ctx);
    updates.set(change.id, { status: STATUS.synced, errorMask: "", version: change.version, syncedHash: hash, content });
    known.set(change.id, { kind: change.kind, version: change.version });
  }

  // Rows that went nowhere (invalid here, never sent) keep what "Kiểm tra" would say.
  for (const row of plan.rows) {
    if (updates.has(row.id) || deletions.has(row.id)) continue;
    const spec = REGISTRATION_TABLES[row.kind];
    const [status, mask] = checkStatus(spec, row.cells, row.check);
    if (!isConflict(status)) updates.set(row.id, { status, errorMask: mask });
  }
  return { updates, deletions, appends, conflicts, state: { ...state, cursor, known }, counts };
}

/** Rows a failed sync leaves behind: nothing changes but their status says they wait. */
export function unsentStatus(plan: PushPlan): Map<string, RowUpdate> {
  const updates = new Map<string, RowUpdate>();
  const pending = new Set(plan.items.map((i) => i.id));
  for (const row of plan.rows) {
    if (pending.has(row.id)) updates.set(row.id, { status: `${STATUS.unsent} – sẽ gửi ở lần đồng bộ sau` });
  }
  return updates;
}

/** A sync's row updates as the cells to write, by registration id. */
export function sheetCells(updates: ReadonlyMap<string, RowUpdate>): Map<string, Map<ColumnKey, Cell>> {
  const out = new Map<string, Map<ColumnKey, Cell>>();
  for (const [id, u] of updates) {
    const cells = new Map<ColumnKey, Cell>(u.content ?? []);
    for (const key of ["status", "errorMask", "version", "syncedHash", "id"] as const) if (u[key] !== undefined) cells.set(key, u[key]);
    out.set(id, cells);
  }
  return out;
}
