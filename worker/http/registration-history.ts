import { Hono } from "hono";
import { hasRole, requireOfficer } from "../auth.ts";
import type { AppEnv, Caller } from "../env.ts";
import { problem } from "../problems.ts";
import { isInSubtree } from "../sql/org-units.ts";
import { history, readReviewTargets, type AuditEntry } from "../sql/reviews.ts";
import { registrationPath } from "./paths.ts";

const SCORE_SUMMARIES: Record<string, string> = {
  create: "Thành viên hội đồng đã chấm",
  update: "Thành viên hội đồng đã sửa phiếu chấm",
  delete: "Thành viên hội đồng đã rút phiếu chấm",
  restore: "Thành viên hội đồng đã chấm lại",
};

/** One line of a registration's history; `summary` says in words what a hidden score entry was. */
interface HistoryEntry {
  at: string;
  /** Null where the caller may not know who it was. */
  officer: { id: number; name: string | null } | null;
  entity: string;
  action: string;
  version: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  note: string | null;
  summary: string | null;
}

/**
 * One audit entry as the caller may see it. A score names its judge and shows its
 * points only to admins and approvers (the route has already checked that the
 * registration is in their scope) and to that judge; everyone else learns that a
 * council member scored, and when.
 */
function historyEntry(e: AuditEntry, caller: Caller): HistoryEntry {
  if (e.entity === "score" && !hasRole(caller, "admin", "approver") && e.officer_id !== caller.id) {
    return {
      at: e.at,
      officer: null,
      entity: e.entity,
      action: e.action,
      version: null,
      before: null,
      after: null,
      note: null,
      summary: SCORE_SUMMARIES[e.action] ?? SCORE_SUMMARIES.create!,
    };
  }
  return {
    at: e.at,
    officer: { id: e.officer_id, name: e.officer_name },
    entity: e.entity,
    action: e.action,
    version: e.version,
    before: e.before ? (JSON.parse(e.before) as Record<string, unknown>) : null,
    after: e.after ? (JSON.parse(e.after) as Record<string, unknown>) : null,
    note: e.note,
    summary: null,
  };
}

/** GET /registrations/:id/history: its edits, scores and review states, for anyone whose scope holds it. */
export const registrationHistory = new Hono<AppEnv>().use(requireOfficer).get("/", registrationPath, async (c) => {
  const { id } = c.req.valid("param");
  const [target] = await readReviewTargets(c.env.DB, [id]);
  if (!target || !isInSubtree(target.unit_path, c.get("caller").scopePath)) throw problem("not_found", { message: "Không có đăng ký này trong phạm vi của bạn." });
  const caller = c.get("caller");
  return c.json((await history(c.env.DB, id)).map((e) => historyEntry(e, caller)));
});
