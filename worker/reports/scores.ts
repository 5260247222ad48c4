import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { reportHeading, type Report, type ReportInput } from "./types.ts";
import { FIELD_LABELS, KIND_LABELS, type Field, type Kind } from "../../shared/vocabulary.ts";

interface Row {
  registrationId: string;
  orgUnitName: string;
  modelName: string;
  kind: Kind;
  field: Field;
  judges: number;
  mean: number;
  median: number;
  spread: number;
  flagged: number;
  rating: string;
  rank: number;
}

/**
 * Table 3, the scoring results: each scored model in the scope with its judges, mean,
 * median, spread, flag, rating and rank among models of its kind in the scope (ties
 * share a rank). One query over the consolidated scores, kept exact at every score change.
 */
export async function scoresReport(db: D1Database, input: ReportInput): Promise<Report> {
  const [from, to] = subtreeRange(input.scope.path);
  const { results } = await db
    .prepare(
      `SELECT r.id AS registrationId, u.name AS orgUnitName, r.model_name AS modelName, r.kind, r.field,
         s.judges, s.mean, s.median, s.spread, s.flagged, s.rating,
         rank() OVER (PARTITION BY r.kind ORDER BY s.mean DESC) AS rank
       FROM score_summaries s
       JOIN registrations r ON r.id = s.registration_id
       JOIN org_units u ON u.id = r.org_unit_id
       WHERE s.campaign_id = ?1 AND r.deleted = 0 AND r.review_state <> 'withdrawn' AND u.path >= ?2 AND u.path < ?3
       ORDER BY r.kind, rank, r.model_name`,
    )
    .bind(input.campaign.id, from, to)
    .all<Row>();
  return {
    ...reportHeading(input, `Kết quả chấm điểm mô hình “Dân vận khéo” – ${input.campaign.title}`),
    columns: [
      { key: "rank", label: "Hạng", type: "integer" },
      { key: "orgUnitName", label: "Đơn vị" },
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
    rows: results.map((r) => ({
      ...r,
      flagged: r.flagged === 1,
      kindLabel: KIND_LABELS[r.kind],
      fieldLabel: FIELD_LABELS[r.field],
      ratingLabel: input.campaign.rubric.ratings.find((x) => x.code === r.rating)?.label ?? r.rating,
    })),
    notes: [
      "Chỉ gồm mô hình đã có ít nhất một phiếu chấm; không gồm đăng ký đã xóa hoặc đã rút.",
      "Điểm giữa: điểm đứng giữa khi xếp tổng điểm của các phiếu chấm từ thấp đến cao (số phiếu chẵn thì lấy trung bình hai điểm giữa). Chênh lệch: điểm cao nhất trừ điểm thấp nhất.",
      `Cần xem lại: chênh lệch lớn hơn ${Math.round(input.campaign.rubric.flagSpread * 100)}% số điểm tối đa.`,
      `Hạng xếp riêng cho ${KIND_LABELS.collective.toLowerCase()} và ${KIND_LABELS.individual.toLowerCase()}, theo điểm trung bình; bằng điểm thì cùng hạng.`,
    ],
  };
}
