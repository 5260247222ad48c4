import { ApiError, call, type Api } from "../api/client.ts";
import { layoutTableSheet } from "../host/tables.ts";
import { applyRowLists, readOwnedRows } from "../host/table-rows.ts";
import { REVIEW_SHEET, reviewRequests, reviewSheet } from "./sheet.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { REVIEW_STATE_LABELS, type ReviewState } from "../../shared/vocabulary.ts";
import type { Award } from "../../shared/schemas/review.ts";

async function layout(api: Api, me: Me, campaign: Campaign, results: ReadonlyMap<string, string>): Promise<number> {
  const rows = await call(api.api.v1.campaigns[":id"]["review-sheet"].$get({ param: { id: String(campaign.id) } }));
  const sheet = reviewSheet(rows, campaign.rubric, me.scope.name, results);
  await layoutTableSheet(sheet);
  await applyRowLists(REVIEW_SHEET, "id", "to", sheet.rowLists);
  return rows.length;
}

/** "Xét duyệt": the approver's table of models, states and allowed moves. */
export async function buildReviewSheet(api: Api, me: Me, campaign: Campaign): Promise<number> {
  return layout(api, me, campaign, new Map());
}

const OUTCOME = {
  updated: (s: string | null) => `Đã chuyển sang “${REVIEW_STATE_LABELS[s as ReviewState] ?? s}”`,
  unchanged: () => "Không đổi (đã ở trạng thái này)",
};

/**
 * "Gửi xét duyệt": every filled "Chuyển sang" as one bulk change per target and note
 * (undos one by one), each row's answer in "Kết quả", then the table rebuilt with the
 * new states and their allowed moves.
 */
export async function sendReview(api: Api, me: Me, campaign: Campaign): Promise<{ changed: number; refused: number }> {
  const read = await readOwnedRows(REVIEW_SHEET, ["id", "state", "to", "note", "awardForm", "awardIssuer", "awardNo", "awardDate", "awardWas"]);
  if (!read) throw new Error("Chưa có bảng xét duyệt: bấm “Lấy bảng xét duyệt” trước.");
  const { requests, problems } = reviewRequests(read.rows);
  const results = new Map(problems);
  let changed = 0;
  const groups = new Map<string, string[]>();
  // One request per target, note and award: the award applies to every id of its request.
  for (const r of requests) {
    if (r.to === "undo") continue;
    const key = JSON.stringify([r.to, r.note, r.award ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), r.id]);
  }
  for (const [key, ids] of groups) {
    const [to, note, award] = JSON.parse(key) as [ReviewState, string, Award | null];
    for (let i = 0; i < ids.length; i += 1000) {
      const { results: answers } = await call(api.api.v1.review.$post({ json: { ids: ids.slice(i, i + 1000), to, note, ...(award ? { award } : {}) } }));
      for (const a of answers) {
        if (a.outcome === "updated") changed++;
        results.set(a.id, a.outcome === "updated" || a.outcome === "unchanged" ? OUTCOME[a.outcome](a.reviewState) : `Lỗi – ${(a.errors ?? []).map((e) => e.message).join(" | ")}`);
      }
    }
  }
  for (const r of requests.filter((q) => q.to === "undo")) {
    try {
      const a = await call(api.api.v1.registrations[":id"].review.undo.$post({ param: { id: r.id }, json: { note: r.note } }));
      changed++;
      results.set(r.id, `Đã hoàn tác, về “${REVIEW_STATE_LABELS[a.reviewState as ReviewState] ?? a.reviewState}”`);
    } catch (err) {
      // A refusal belongs to its row; an unreachable server stops the whole send.
      if (!(err instanceof ApiError) || err.offline) throw err;
      results.set(r.id, `Lỗi – ${err.message}`);
    }
  }
  await layout(api, me, campaign, results);
  return { changed, refused: [...results.values()].filter((v) => v.startsWith("Lỗi")).length };
}
