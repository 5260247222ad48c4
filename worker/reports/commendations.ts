import type { D1Database } from "../cf-types.ts";
import { parseAward } from "../reviews/award.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { reportHeading, type Report, type ReportInput } from "./types.ts";
import {
  AWARD_FORM_LABELS,
  FIELD_LABELS,
  KIND_LABELS,
  REVIEW_STATE_LABELS,
  type Field,
  type Kind,
  type ReviewState,
} from "../../shared/vocabulary.ts";

const NO_DECISION = "Chưa có số quyết định khen thưởng";

/** 2023-11-15 as officials write it: 15/11/2023. */
const dayMonthYear = (iso: string | null) => (iso ? iso.split("-").reverse().join("/") : null);

/**
 * Table 5: exemplary, proposed and commended models and individuals, for the
 * commendation list, each with its level and the award its review carried (form,
 * issuer, decision number and date). A commended model without a decision number is
 * marked on its row and counted in the notes: the list cannot be signed off like that.
 */
export async function commendationsReport(db: D1Database, input: ReportInput): Promise<Report> {
  const ratingLabel = (code: string | null) => input.campaign.rubric.ratings.find((r) => r.code === code)?.label ?? "";
  const levelLabel = (code: string) => input.campaign.levels.find((l) => l.code === code)?.label ?? code;
  const [from, to] = subtreeRange(input.scope.path);
  const { results } = await db
    .prepare(
      `SELECT r.id AS registrationId, u.name AS orgUnitName, r.kind, r.unit_name, r.person_name, r.position, r.model_name AS modelName,
         r.field, r.level, r.review_state AS reviewState, r.award, s.mean, s.rating
       FROM org_units u JOIN registrations r ON r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0
       LEFT JOIN score_summaries s ON s.registration_id = r.id
       WHERE u.path >= ?2 AND u.path < ?3 AND r.review_state IN ('exemplary', 'proposed', 'commended')
       ORDER BY CASE r.review_state WHEN 'commended' THEN 0 WHEN 'proposed' THEN 1 ELSE 2 END, r.kind, s.mean DESC, r.model_name`,
    )
    .bind(input.campaign.id, from, to)
    .all<{
      registrationId: string;
      orgUnitName: string;
      kind: Kind;
      unit_name: string | null;
      person_name: string | null;
      position: string | null;
      modelName: string;
      field: Field;
      level: string;
      reviewState: ReviewState;
      award: string | null;
      mean: number | null;
      rating: string | null;
    }>();
  const rows = results.map((r) => {
    const award = parseAward(r.award);
    const missingDecision = r.reviewState === "commended" && !award?.decisionNo;
    return {
      registrationId: r.registrationId,
      orgUnitName: r.orgUnitName,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      name: r.kind === "individual" ? r.person_name : r.unit_name,
      position: r.position,
      modelName: r.modelName,
      field: r.field,
      fieldLabel: FIELD_LABELS[r.field],
      level: r.level,
      levelLabel: levelLabel(r.level),
      reviewState: r.reviewState,
      reviewStateLabel: REVIEW_STATE_LABELS[r.reviewState],
      mean: r.mean,
      rating: r.rating,
      ratingLabel: ratingLabel(r.rating),
      awardForm: award?.form ?? null,
      awardFormLabel: award ? AWARD_FORM_LABELS[award.form] : null,
      awardIssuer: award?.issuer ?? null,
      awardDecisionNo: award?.decisionNo ?? null,
      awardDecisionDate: award?.decisionDate ?? null,
      awardDecisionDateLabel: dayMonthYear(award?.decisionDate ?? null),
      missingDecision,
      remark: missingDecision ? NO_DECISION : null,
    };
  });
  const missing = rows.filter((r) => r.missingDecision).length;
  return {
    ...reportHeading(input, `Danh sách mô hình, điển hình tiêu biểu, đề nghị khen thưởng – ${input.campaign.title}`),
    columns: [
      { key: "reviewStateLabel", label: "Trạng thái" },
      { key: "kindLabel", label: "Loại" },
      { key: "name", label: "Tập thể / cá nhân" },
      { key: "position", label: "Chức vụ" },
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "modelName", label: "Tên mô hình" },
      { key: "fieldLabel", label: "Lĩnh vực" },
      { key: "levelLabel", label: "Cấp đăng ký" },
      { key: "mean", label: "Điểm TB", type: "number" },
      { key: "ratingLabel", label: "Xếp loại" },
      { key: "awardFormLabel", label: "Hình thức khen thưởng" },
      { key: "awardIssuer", label: "Cơ quan/người khen thưởng" },
      { key: "awardDecisionNo", label: "Số quyết định" },
      { key: "awardDecisionDateLabel", label: "Ngày quyết định" },
      { key: "remark", label: "Ghi chú" },
    ],
    rows,
    totals: { reviewStateLabel: `Tổng cộng: ${results.length}` },
    notes: [
      "Gồm mô hình ở trạng thái Tiêu biểu, Đề nghị khen thưởng và Đã khen thưởng; không gồm đăng ký đã xóa hoặc đã rút.",
      "Hình thức, cơ quan khen thưởng, số và ngày quyết định theo lần xét duyệt gần nhất có ghi khen thưởng (với mô hình Đề nghị khen thưởng là hình thức đề nghị).",
      ...(missing
        ? [`Có ${missing.toLocaleString("vi-VN")} mô hình đã khen thưởng nhưng chưa có số quyết định khen thưởng (ghi ở cột Ghi chú); cần bổ sung trước khi gửi.`]
        : []),
    ],
  };
}
