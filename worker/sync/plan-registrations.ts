import type { Caller } from "../env.ts";
import { hasRole } from "../auth.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { toRecord, toSnapshot, type RegistrationSnapshot, type RegistrationWrite, type RowWithPath } from "../sql/registrations.ts";
import type { ItemResult } from "../../shared/api.ts";
import type { FieldError } from "../../shared/problems.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import {
  registrationTombstoneSchema,
  registrationUpsertSchema,
  REGISTRATION_ITEM_LABELS,
  type RegistrationRecord,
} from "../../shared/schemas/registration.ts";

export type RegistrationResult = ItemResult<RegistrationRecord>;

export interface PlanInput {
  caller: Caller;
  campaign: Campaign;
  items: readonly unknown[];
  /** Stored registrations among the items' ids. */
  stored: ReadonlyMap<string, RowWithPath>;
  /** Paths of the org units the items name (missing: no such unit). */
  unitPaths: ReadonlyMap<number, string>;
  /** Day the server first sees a form whose submission day was not noted (Vietnam time). */
  today: string;
}

export interface PlannedWrite extends RegistrationWrite {
  /** The item's place in the request. */
  index: number;
  action: "create" | "update" | "delete" | "restore";
}

export interface Plan {
  /** One per item, in request order; items with a write get their outcome after the batch. */
  results: (RegistrationResult | null)[];
  writes: PlannedWrite[];
}

/** The id an item claims, if any, so even a refused item can be matched to its row. */
export function claimedId(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === "string" && id.length <= 64 ? id : null;
}

function refusal(id: string | null, outcome: "invalid" | "forbidden", errors: FieldError[]): RegistrationResult {
  return { id, outcome, version: null, errors };
}

function error(path: string, code: FieldError["code"], reason: string): FieldError {
  const label = REGISTRATION_ITEM_LABELS[path as keyof typeof REGISTRATION_ITEM_LABELS] ?? path;
  return { path, code, message: path ? `${label}: ${reason}` : reason };
}

/** Equal content: the same form items and the same tombstone mark. */
export function sameSnapshot(a: RegistrationSnapshot, b: RegistrationSnapshot): boolean {
  return (Object.keys(a) as (keyof RegistrationSnapshot)[]).every((k) => a[k] === b[k]);
}

/**
 * Decides, item by item, what a push means against what is stored: a write, or a
 * result straight away (unchanged, conflict, invalid, forbidden). Nothing here touches
 * the database; the batch that follows re-checks every write's version.
 */
export function planRegistrations(input: PlanInput): Plan {
  const { caller, campaign, stored, unitPaths, today } = input;
  const mayWrite = hasRole(caller, "clerk", "admin");
  const levelCodes = new Set(campaign.levels.map((l) => l.code));
  const seen = new Set<string>();
  const results: Plan["results"] = [];
  const writes: Plan["writes"] = [];

  input.items.forEach((item, index) => {
    const id = claimedId(item);
    const push = (r: RegistrationResult) => (results[index] = r);
    if (!mayWrite) {
      return push(refusal(id, "forbidden", [error("", "not_allowed", "Vai trò của bạn không được nhập hay sửa đăng ký.")]));
    }
    const isTombstone = (item as { deleted?: unknown } | null)?.deleted === true;
    const parsed = isTombstone ? registrationTombstoneSchema.safeParse(item) : registrationUpsertSchema.safeParse(item);
    if (!parsed.success) return push(refusal(id, "invalid", toFieldErrors(parsed.error.issues, item)));
    const value = parsed.data;
    if (seen.has(value.id)) {
      return push(refusal(value.id, "invalid", [error("id", "duplicate", "mã này đã có ở một dòng khác trong cùng lần gửi.")]));
    }
    seen.add(value.id);

    const current = stored.get(value.id);
    if (current && current.campaign_id !== campaign.id) {
      return push(refusal(value.id, "invalid", [error("id", "other_campaign", "mã này đã dùng cho một đăng ký của kế hoạch khác.")]));
    }
    if (current && !isInSubtree(current.unit_path, caller.scopePath)) {
      return push(refusal(value.id, "forbidden", [error("orgUnitId", "out_of_scope", "đăng ký này thuộc đơn vị ngoài phạm vi của bạn.")]));
    }
    if (!campaign.registrationOpen && !hasRole(caller, "admin")) {
      return push(refusal(value.id, "forbidden", [error("", "campaign_closed", "Kế hoạch đã khóa đăng ký, không nhận thêm hay sửa.")]));
    }
    const plan = (w: Omit<PlannedWrite, "seqOffset" | "index">) =>
      writes.push({ ...w, seqOffset: writes.length + 1, index }) && (results[index] = null);

    if (!("orgUnitId" in value)) {
      // A tombstone: deleting what is already gone, or was never here, changes nothing.
      if (!current || current.deleted) return push({ id: value.id, outcome: "unchanged", version: current?.version ?? 0 });
      if (value.baseVersion !== current.version) return push(conflict(current));
      return plan({ id: value.id, snapshot: { ...toSnapshot(current), deleted: true }, version: current.version + 1, action: "delete" });
    }

    const unitPath = unitPaths.get(value.orgUnitId);
    if (unitPath === undefined) {
      return push(refusal(value.id, "invalid", [error("orgUnitId", "unknown_org_unit", `không có đơn vị mã số ${value.orgUnitId}.`)]));
    }
    if (!isInSubtree(unitPath, caller.scopePath)) {
      return push(refusal(value.id, "forbidden", [error("orgUnitId", "out_of_scope", "đơn vị này nằm ngoài phạm vi của bạn.")]));
    }
    if (!levelCodes.has(value.level)) {
      const labels = campaign.levels.map((l) => l.label).join(", ");
      return push(refusal(value.id, "invalid", [error("level", "unknown_level", `phải là một trong: ${labels}.`)]));
    }
    const { id: _id, baseVersion, deleted: _deleted, ...content } = value;
    const snapshot: RegistrationSnapshot = {
      ...content,
      // Not noted on the form: keep the day already recorded, or today for a new one.
      submittedAt: content.submittedAt ?? current?.submitted_at ?? today,
      deleted: false,
    };
    if (!current) return plan({ id: value.id, snapshot, version: 1, action: "create" });
    // The same content again (a replayed request, or the same edit made twice) is not a change.
    if (sameSnapshot(snapshot, toSnapshot(current))) return push({ id: value.id, outcome: "unchanged", version: current.version });
    if (baseVersion !== current.version) return push(conflict(current));
    return plan({ id: value.id, snapshot, version: current.version + 1, action: current.deleted ? "restore" : "update" });
  });
  return { results, writes };
}

export function conflict(current: RowWithPath): RegistrationResult {
  return {
    id: current.id,
    outcome: "conflict",
    version: current.version,
    current: toRecord(current),
    errors: [
      {
        path: "baseVersion",
        code: "invalid_value",
        message: `Đăng ký đã được sửa ở nơi khác (phiên bản ${current.version}); hãy chọn giữ bản trên máy chủ hoặc gửi lại bản của mình.`,
      },
    ],
  };
}

const OUTCOME_OF_ACTION = { create: "created", update: "updated", restore: "updated", delete: "deleted" } as const;

/**
 * The outcome of a planned write once the batch has run: landed, or overtaken by
 * another request between the read and the write (then unchanged if that request
 * wrote the same content, a conflict otherwise).
 */
export function settle(write: PlannedWrite, landed: boolean, now: RowWithPath | undefined): RegistrationResult {
  if (landed) return { id: write.id, outcome: OUTCOME_OF_ACTION[write.action], version: write.version };
  if (now && sameSnapshot(write.snapshot, toSnapshot(now))) return { id: write.id, outcome: "unchanged", version: now.version };
  if (now) return conflict(now);
  return { id: write.id, outcome: "unchanged", version: 0 };
}
