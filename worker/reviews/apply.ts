import { z } from "zod";
import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { history, readReviewTargets, reviewStatements, type ReviewChange } from "../sql/reviews.ts";
import { awardText, parseAward } from "./award.ts";
import type { FieldError } from "../../shared/problems.ts";
import { canMove, nextStates } from "../../shared/review.ts";
import { AWARD_STATES, awardSchema, type Award } from "../../shared/schemas/review.ts";
import { REVIEW_STATE_LABELS, type ReviewState } from "../../shared/vocabulary.ts";

export interface ReviewResult {
  id: string;
  outcome: "updated" | "unchanged" | "invalid" | "forbidden" | "conflict" | "not_found";
  reviewState: string | null;
  /** The award the registration holds after this request (null: none, or not found). */
  award: Award | null;
  errors?: FieldError[];
}

const label = (s: string) => REVIEW_STATE_LABELS[s as ReviewState] ?? s;

interface StackEntry {
  entry: number;
  before: string;
  after: string;
  /** Awards as `awardText` writes them; entries older than awards have none. */
  awardBefore: string | null;
  awardAfter: string | null;
}

/** A review entry's before and after in the audit log; entries older than awards have none. */
const reviewAuditSchema = z.object({ reviewState: z.string(), award: awardSchema.nullish() });

/** The review change an undo would take back: the last one not already undone. */
async function lastChange(db: D1Database, id: string): Promise<StackEntry | null> {
  const stack: StackEntry[] = [];
  for (const e of await history(db, id)) {
    if (e.entity !== "review") continue;
    if (e.action === "undo") {
      stack.pop();
      continue;
    }
    const before = reviewAuditSchema.parse(JSON.parse(e.before!));
    const after = reviewAuditSchema.parse(JSON.parse(e.after!));
    stack.push({ entry: e.id, before: before.reviewState, after: after.reviewState, awardBefore: awardText(before.award), awardAfter: awardText(after.award) });
  }
  return stack.at(-1) ?? null;
}

const awardRefusal = (to: string): FieldError => ({
  path: "award",
  code: "award_not_allowed",
  message: `Khen thưởng: chỉ ghi kèm khi chuyển sang “${label("proposed")}” hoặc “${label("commended")}”, không ghi được khi chuyển sang “${label(to)}”.`,
});

/**
 * Moves registrations to `to` (or takes back each one's last move), one result per id:
 * approvers only (checked by the route), inside their scope, forward along the arrows,
 * each change written with its note in one transaction. A move to "proposed" or
 * "commended" may carry an award (the same for every id); sent again to a registration
 * already in that state, a different award amends the stored one. A move without an
 * award keeps the stored one; an undo restores the award its move found.
 */
export async function applyReview(
  db: D1Database,
  caller: Caller,
  ids: readonly string[],
  to: ReviewState | "undo",
  note: string,
  award?: Award,
): Promise<ReviewResult[]> {
  const targets = new Map((await readReviewTargets(db, ids)).map((t) => [t.id, t]));
  const results: ReviewResult[] = [];
  const changes: ReviewChange[] = [];
  const carried = awardText(award);
  for (const id of ids) {
    const t = targets.get(id);
    if (!t || t.deleted) {
      results.push({ id, outcome: "not_found", reviewState: null, award: null, errors: [{ path: "id", code: "unknown_key", message: "Không có đăng ký này (hoặc đã bị xóa)." }] });
      continue;
    }
    if (!isInSubtree(t.unit_path, caller.scopePath)) {
      results.push({ id, outcome: "forbidden", reviewState: null, award: null, errors: [{ path: "id", code: "out_of_scope", message: "Đăng ký này thuộc đơn vị ngoài phạm vi xét duyệt của bạn." }] });
      continue;
    }
    const from = t.review_state as ReviewState;
    const stored = parseAward(t.award);
    const refuse = (outcome: "invalid" | "conflict", error: FieldError) => results.push({ id, outcome, reviewState: from, award: stored, errors: [error] });
    if (to === "undo") {
      const last = await lastChange(db, id);
      if (!last) {
        refuse("invalid", { path: "to", code: "invalid_value", message: "Chưa có lần chuyển trạng thái nào để hoàn tác." });
      } else if (last.after !== from || last.awardAfter !== awardText(stored)) {
        refuse("conflict", { path: "to", code: "invalid_value", message: "Trạng thái đã đổi từ lần chuyển đó; hãy tải lại." });
      } else {
        changes.push({ id, from, to: last.before, awardFrom: t.award, awardTo: last.awardBefore, note, action: "undo", undoes: last.entry });
        results.push({ id, outcome: "updated", reviewState: last.before, award: parseAward(last.awardBefore) });
      }
      continue;
    }
    if (carried !== null && !AWARD_STATES.includes(to)) {
      refuse("invalid", awardRefusal(to));
    } else if (from === to) {
      // The same state again: a replay, or the decision's number arriving after the meeting.
      if (carried === null || carried === awardText(stored)) results.push({ id, outcome: "unchanged", reviewState: from, award: stored });
      else {
        changes.push({ id, from, to, awardFrom: t.award, awardTo: carried, note, action: "review" });
        results.push({ id, outcome: "updated", reviewState: to, award: award! });
      }
    } else if (!canMove(from, to)) {
      const allowed = nextStates(from).map(label);
      refuse("invalid", {
        path: "to",
        code: "invalid_value",
        message: `Không chuyển được từ “${label(from)}” sang “${label(to)}”${allowed.length ? `; chỉ chuyển tiếp sang: ${allowed.join(", ")}` : ""} (muốn quay lại thì dùng Hoàn tác).`,
      });
    } else {
      const awardTo = carried ?? t.award;
      changes.push({ id, from, to, awardFrom: t.award, awardTo, note, action: "review" });
      results.push({ id, outcome: "updated", reviewState: to, award: parseAward(awardTo) });
    }
  }
  if (changes.length) {
    const batch = await db.batch<{ id: string }>(reviewStatements(db, changes, caller.id, new Date().toISOString()));
    const landed = new Set(batch[1]!.results.map((r) => r.id));
    // A change overtaken by another approver's is not applied: report it, never force it.
    const overtaken = results.filter((r) => r.outcome === "updated" && !landed.has(r.id));
    // Read again only when something was overtaken: otherwise it is a round trip for nothing.
    const now = new Map((overtaken.length ? await readReviewTargets(db, overtaken.map((r) => r.id)) : []).map((t) => [t.id, t]));
    for (const r of overtaken) {
      r.outcome = "conflict";
      r.reviewState = now.get(r.id)?.review_state ?? null;
      r.award = parseAward(now.get(r.id)?.award);
      r.errors = [{ path: "to", code: "invalid_value", message: "Người khác vừa đổi trạng thái đăng ký này; hãy tải lại." }];
    }
  }
  return results;
}
