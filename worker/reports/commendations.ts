import type { D1Database } from "../cf-types.ts";
import { parseAward } from "../reviews/award.ts";
import { binaryOrder, registrationLines } from "./registrations.ts";
import { asOfNotes, reportHeading, type Report, type ReportInput } from "./types.ts";
import { AWARD_FORM_LABELS, FIELD_LABELS, KIND_LABELS, REVIEW_STATE_LABELS } from "../../shared/vocabulary.ts";

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
  const order = { commended: 0, proposed: 1, exemplary: 2 } as Record<string, number>;
  const results = (await registrationLines(db, input, { states: ["exemplary", "proposed", "commended"] }))
    .map((l) => ({
      registrationId: l.id,
      orgUnitName: l.org_unit_name,
      kind: l.kind,
      unit_name: l.unit_name,
      person_name: l.person_name,
      position: l.position,
      modelName: l.model_name,
      field: l.field,
      level: l.level,
      reviewState: l.review_state,
      award: l.award,
      mean: l.mean,
      rating: l.rating,
    }))
    // As the database ordered them: state, kind, mean highest first (unscored last), model name.
    .sort(
      (a, b) =>
        order[a.reviewState]! - order[b.reviewState]! ||
        binaryOrder(a.kind, b.kind) ||
        (b.mean ?? -Infinity) - (a.mean ?? -Infinity) ||
        binaryOrder(a.modelName, b.modelName) ||
        binaryOrder(a.registrationId, b.registrationId),
    );
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
      ...asOfNotes(input),
    ],
  };
}
