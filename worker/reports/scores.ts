import type { D1Database } from "../cf-types.ts";
import { binaryOrder, ranksByKind, registrationLines } from "./registrations.ts";
import { asOfNotes, reportHeading, type Report, type ReportInput } from "./types.ts";
import { FIELD_LABELS, KIND_LABELS } from "../../shared/vocabulary.ts";

/**
 * Table 3, the scoring results: each scored model in the scope with its judges, mean,
 * median, spread, flag, rating and rank among models of its kind in the scope (ties
 * share a rank); an individual's model names the person. Withdrawn models are left out.
 */
export async function scoresReport(db: D1Database, input: ReportInput): Promise<Report> {
  const lines = (await registrationLines(db, input, { scored: true })).filter((l) => l.review_state !== "withdrawn");
  const ranks = ranksByKind(lines);
  const rows = lines
    .map((l, i) => ({
      registrationId: l.id,
      orgUnitName: l.org_unit_name,
      personName: l.kind === "individual" ? l.person_name : null,
      modelName: l.model_name,
      kind: l.kind,
      field: l.field,
      judges: l.judges,
      mean: l.mean,
      median: l.median,
      spread: l.spread,
      flagged: l.flagged,
      rating: l.rating,
      rank: ranks[i]!,
      kindLabel: KIND_LABELS[l.kind],
      fieldLabel: FIELD_LABELS[l.field],
      ratingLabel: input.campaign.rubric.ratings.find((x) => x.code === l.rating)?.label ?? l.rating,
    }))
    .sort((a, b) => binaryOrder(a.kind, b.kind) || a.rank - b.rank || binaryOrder(a.modelName, b.modelName) || binaryOrder(a.registrationId, b.registrationId));
  return {
    ...reportHeading(input, `Kết quả chấm điểm mô hình “Dân vận khéo” – ${input.campaign.title}`),
    columns: [
      { key: "rank", label: "Hạng", type: "integer" },
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "personName", label: "Cá nhân đăng ký" },
      { key: "modelName", label: "Tên mô hình" },
      { key: "kindLabel", label: "Loại" },
      { key: "fieldLabel", label: "Lĩnh vực" },
      { key: "judges", label: "Số thành viên chấm", type: "integer" },
      { key: "mean", label: "Điểm trung bình", type: "number" },
      { key: "median", label: "Điểm giữa", type: "number" },
      { key: "spread", label: "Chênh lệch", type: "number" },
      { key: "flagged", label: "Cần xem lại", type: "boolean" },
      { key: "ratingLabel", label: "Xếp loại" },
    ],
    rows,
    notes: [
      "Chỉ gồm mô hình đã có ít nhất một phiếu chấm; không gồm đăng ký đã xóa hoặc đã rút.",
      "Điểm giữa: điểm đứng giữa khi xếp tổng điểm của các phiếu chấm từ thấp đến cao (số phiếu chẵn thì lấy trung bình hai điểm giữa). Chênh lệch: điểm cao nhất trừ điểm thấp nhất.",
      `Cần xem lại: chênh lệch lớn hơn ${Math.round(input.campaign.rubric.flagSpread * 100)}% số điểm tối đa.`,
      `Hạng xếp riêng cho ${KIND_LABELS.collective.toLowerCase()} và ${KIND_LABELS.individual.toLowerCase()}, theo điểm trung bình; bằng điểm thì cùng hạng.`,
      ...asOfNotes(input),
    ],
  };
}
