import { hasRole } from "../auth.ts";
import type { Caller } from "../env.ts";
import { isRecused } from "../scoring/recusal.ts";
import { isInSubtree } from "../sql/org-units.ts";
import type { RowWithPath } from "../sql/registrations.ts";
import { toScoreRecord, type ScoreRecord, type ScoreRow, type ScoreWrite } from "../sql/scores.ts";
import type { ItemResult } from "../../shared/api.ts";
import type { FieldError } from "../../shared/problems.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import { scorePushSchema } from "../../shared/schemas/score.ts";
import { isValidPoints } from "../../shared/scoring.ts";

export type ScoreResult = Omit<ItemResult<ScoreRecord>, "id"> & { registrationId: string | null };

export interface PlannedScore extends ScoreWrite {
  index: number;
  action: "create" | "update" | "delete" | "restore";
}

export interface ScorePlan {
  results: (ScoreResult | null)[];
  writes: PlannedScore[];
}

export interface ScorePlanInput {
  caller: Caller;
  campaign: Campaign;
  items: readonly unknown[];
  registrations: ReadonlyMap<string, RowWithPath>;
  /** The caller's stored sheets, by registration id. */
  stored: ReadonlyMap<string, ScoreRow>;
}

const refuse = (registrationId: string | null, outcome: "invalid" | "forbidden", errors: FieldError[]): ScoreResult => ({
  registrationId,
  outcome,
  version: null,
  errors,
});

const same = (a: Pick<ScoreWrite, "criteria" | "comment" | "deleted">, b: ScoreRecord) =>
  a.deleted === b.deleted &&
  (a.comment ?? null) === (b.comment ?? null) &&
  JSON.stringify(Object.entries(a.criteria).sort()) === JSON.stringify(Object.entries(b.criteria).sort());

export function scoreConflict(current: ScoreRow): ScoreResult {
  return {
    registrationId: current.registration_id,
    outcome: "conflict",
    version: current.version,
    current: toScoreRecord(current),
    errors: [{ path: "baseVersion", code: "invalid_value", message: `Phiếu chấm đã được sửa ở nơi khác (phiên bản ${current.version}).` }],
  };
}

/**
 * Decides each pushed score sheet: one per judge per registration, every criterion of
 * the campaign's rubric present, whole or half points from 0 to its maximum; refused
 * outside the judge's scope and for the judge's own unit (recusal).
 */
export function planScores(input: ScorePlanInput): ScorePlan {
  const { caller, campaign } = input;
  const results: ScorePlan["results"] = [];
  const writes: PlannedScore[] = [];
  const seen = new Set<string>();
  input.items.forEach((item, index) => {
    const claimed = (item as { registrationId?: unknown } | null)?.registrationId;
    const rid = typeof claimed === "string" && claimed.length <= 64 ? claimed : null;
    const push = (r: ScoreResult) => (results[index] = r);
    if (!hasRole(caller, "judge")) {
      return push(refuse(rid, "forbidden", [{ path: "", code: "not_allowed", message: "Chỉ thành viên hội đồng (vai trò chấm điểm) được gửi phiếu chấm." }]));
    }
    const parsed = scorePushSchema.safeParse(item);
    if (!parsed.success) return push(refuse(rid, "invalid", toFieldErrors(parsed.error.issues, item)));
    const score = parsed.data;
    if (seen.has(score.registrationId)) {
      return push(refuse(score.registrationId, "invalid", [{ path: "registrationId", code: "duplicate", message: "Mã đăng ký: đã có một phiếu chấm khác cho mô hình này trong cùng lần gửi." }]));
    }
    seen.add(score.registrationId);
    const registration = input.registrations.get(score.registrationId);
    if (!registration || registration.campaign_id !== campaign.id || registration.deleted) {
      return push(refuse(score.registrationId, "invalid", [{ path: "registrationId", code: "unknown_key", message: "Mã đăng ký: không có mô hình này trong kế hoạch (có thể đã bị xóa)." }]));
    }
    if (!isInSubtree(registration.unit_path, caller.scopePath)) {
      return push(refuse(score.registrationId, "forbidden", [{ path: "registrationId", code: "out_of_scope", message: "Mô hình này thuộc đơn vị ngoài phạm vi chấm của bạn." }]));
    }
    if (isRecused(caller, registration.unit_path)) {
      return push(refuse(score.registrationId, "forbidden", [{ path: "registrationId", code: "not_allowed", message: "Bạn không chấm mô hình của chính đơn vị mình hoặc đơn vị trực thuộc (tránh tự chấm)." }]));
    }
    if (registration.review_state === "withdrawn") {
      return push(refuse(score.registrationId, "invalid", [{ path: "registrationId", code: "not_allowed", message: "Mô hình đã rút đăng ký, không chấm." }]));
    }
    const criteria = campaign.rubric[registration.kind];
    const errors: FieldError[] = [];
    for (const c of criteria) {
      const points = score.criteria[c.key];
      if (points === undefined) errors.push({ path: `criteria.${c.key}`, code: "required", message: `Thiếu điểm tiêu chí “${c.label}”.` });
      else if (!isValidPoints(points, c.max)) {
        errors.push({ path: `criteria.${c.key}`, code: "out_of_range", message: `Điểm tiêu chí “${c.label}” phải từ 0 đến ${c.max}, chẵn hoặc lẻ nửa điểm; đang là ${points}.` });
      }
    }
    for (const key of Object.keys(score.criteria)) {
      if (!criteria.some((c) => c.key === key)) errors.push({ path: `criteria.${key}`, code: "unknown_key", message: `Tiêu chí “${key}” không có trong bộ tiêu chí của kế hoạch.` });
    }
    if (errors.length && !score.deleted) return push(refuse(score.registrationId, "invalid", errors));

    const current = input.stored.get(score.registrationId);
    const total = Object.values(score.criteria).reduce((a, b) => a + b, 0);
    const content = {
      criteria: score.criteria,
      comment: score.comment || null,
      deleted: score.deleted === true,
      total,
      anyZero: Object.values(score.criteria).some((p) => p === 0),
    };
    if (current && (content.deleted ? current.deleted === 1 : same(content, toScoreRecord(current)))) {
      return push({ registrationId: score.registrationId, outcome: "unchanged", version: current.version });
    }
    if (!current && content.deleted) return push({ registrationId: score.registrationId, outcome: "unchanged", version: 0 });
    if (current && score.baseVersion !== current.version) return push(scoreConflict(current));
    const action = !current ? "create" : content.deleted ? "delete" : current.deleted ? "restore" : "update";
    // A withdrawn sheet keeps its last points (the audit shows them); it just stops counting.
    const kept = content.deleted && current ? { ...content, criteria: toScoreRecord(current).criteria, total: current.total, anyZero: current.any_zero === 1 } : content;
    writes.push({ ...kept, registrationId: score.registrationId, version: (current?.version ?? 0) + 1, seqOffset: writes.length + 1, index, action });
    results[index] = null;
  });
  return { results, writes };
}

const OUTCOME = { create: "created", update: "updated", restore: "updated", delete: "deleted" } as const;

export function settleScore(write: PlannedScore, landed: boolean, now: ScoreRow | undefined): ScoreResult {
  if (landed) return { registrationId: write.registrationId, outcome: OUTCOME[write.action], version: write.version };
  if (now && same(write, toScoreRecord(now))) return { registrationId: write.registrationId, outcome: "unchanged", version: now.version };
  if (now) return scoreConflict(now);
  return { registrationId: write.registrationId, outcome: "unchanged", version: 0 };
}
