import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { history, readReviewTargets, reviewStatements, type ReviewChange } from "../sql/reviews.ts";
import type { FieldError } from "../../shared/problems.ts";
import { canMove, nextStates } from "../../shared/review.ts";
import { REVIEW_STATE_LABELS, type ReviewState } from "../../shared/vocabulary.ts";

export interface ReviewResult {
  id: string;
  outcome: "updated" | "unchanged" | "invalid" | "forbidden" | "conflict" | "not_found";
  reviewState: string | null;
  errors?: FieldError[];
}

const label = (s: string) => REVIEW_STATE_LABELS[s as ReviewState] ?? s;

/** The review change an undo would take back: the last one not already undone. */
async function lastChange(db: D1Database, id: string): Promise<{ entry: number; before: string; after: string } | null> {
  const stack: { entry: number; before: string; after: string }[] = [];
  for (const e of await history(db, id)) {
    if (e.entity !== "review") continue;
    if (e.action === "undo") stack.pop();
    else stack.push({ entry: e.id, before: JSON.parse(e.before!).reviewState, after: JSON.parse(e.after!).reviewState });
  }
  return stack.at(-1) ?? null;
}

/**
 * Moves registrations to `to` (or takes back each one's last move), one result per id:
 * approvers only (checked by the route), inside their scope, forward along the arrows,
 * each change written with its note in one transaction.
 */
export async function applyReview(
  db: D1Database,
  caller: Caller,
  ids: readonly string[],
  to: ReviewState | "undo",
  note: string,
): Promise<ReviewResult[]> {
  const targets = new Map((await readReviewTargets(db, ids)).map((t) => [t.id, t]));
  const results: ReviewResult[] = [];
  const changes: ReviewChange[] = [];
  for (const id of ids) {
    const t = targets.get(id);
    if (!t || t.deleted) {
      results.push({ id, outcome: "not_found", reviewState: null, errors: [{ path: "id", code: "unknown_key", message: "Không có đăng ký này (hoặc đã bị xóa)." }] });
      continue;
    }
    if (!isInSubtree(t.unit_path, caller.scopePath)) {
      results.push({ id, outcome: "forbidden", reviewState: null, errors: [{ path: "id", code: "out_of_scope", message: "Đăng ký này thuộc đơn vị ngoài phạm vi xét duyệt của bạn." }] });
      continue;
    }
    const from = t.review_state as ReviewState;
    if (to === "undo") {
      const last = await lastChange(db, id);
      if (!last) {
        results.push({ id, outcome: "invalid", reviewState: from, errors: [{ path: "to", code: "invalid_value", message: "Chưa có lần chuyển trạng thái nào để hoàn tác." }] });
      } else if (last.after !== from) {
        results.push({ id, outcome: "conflict", reviewState: from, errors: [{ path: "to", code: "invalid_value", message: "Trạng thái đã đổi từ lần chuyển đó; hãy tải lại." }] });
      } else {
        changes.push({ id, from, to: last.before, note, action: "undo", undoes: last.entry });
        results.push({ id, outcome: "updated", reviewState: last.before });
      }
      continue;
    }
    if (from === to) {
      results.push({ id, outcome: "unchanged", reviewState: from });
    } else if (!canMove(from, to)) {
      const allowed = nextStates(from).map(label);
      results.push({
        id,
        outcome: "invalid",
        reviewState: from,
        errors: [
          {
            path: "to",
            code: "invalid_value",
            message: `Không chuyển được từ “${label(from)}” sang “${label(to)}”${allowed.length ? `; chỉ chuyển tiếp sang: ${allowed.join(", ")}` : ""} (muốn quay lại thì dùng Hoàn tác).`,
          },
        ],
      });
    } else {
      changes.push({ id, from, to, note, action: "review" });
      results.push({ id, outcome: "updated", reviewState: to });
    }
  }
  if (changes.length) {
    const batch = await db.batch<{ id: string }>(reviewStatements(db, changes, caller.id, new Date().toISOString()));
    const landed = new Set(batch[1]!.results.map((r) => r.id));
    // A change overtaken by another approver's is not applied: report it, never force it.
    const overtaken = results.filter((r) => r.outcome === "updated" && !landed.has(r.id));
    const now = new Map((await readReviewTargets(db, overtaken.map((r) => r.id))).map((t) => [t.id, t.review_state]));
    for (const r of overtaken) {
      r.outcome = "conflict";
      r.reviewState = now.get(r.id) ?? null;
      r.errors = [{ path: "to", code: "invalid_value", message: "Người khác vừa đổi trạng thái đăng ký này; hãy tải lại." }];
    }
  }
  return results;
}
