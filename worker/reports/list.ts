import type { D1Database } from "../cf-types.ts";
import { plansAt } from "../sql/campaigns.ts";
import { plansAround } from "./moment.ts";
import { inTreeOrder, registrationLines } from "./registrations.ts";
import { asOfNotes, reportHeading, type Report, type ReportColumn, type ReportInput, type ReportRow } from "./types.ts";
import { onTimeNote } from "./units.ts";
import { deadlineFor, type PlanDeadline } from "../../shared/plans.ts";
import { dayMonthYear, periodLabel } from "../../shared/print-documents.ts";
import type { CampaignPlan } from "../../shared/schemas/campaign.ts";
import { FIELD_LABELS, KIND_LABELS, REVIEW_STATE_LABELS } from "../../shared/vocabulary.ts";

/**
 * The columns of the list. Printed A4 landscape one page wide, thirteen columns at their
 * widest make about 180 characters, printed at about 80% (8–9 point): still readable,
 * which the model's account (up to 4,000 characters a row) would not be, so it is in the
 * JSON and the CSV but not printed. Number of participants is a narrow column: printed.
 */
export const LIST_COLUMNS: ReportColumn[] = [
  { key: "name", label: "Tập thể / cá nhân đăng ký", maxWidth: 22 },
  { key: "kindLabel", label: "Loại", maxWidth: 9 },
  { key: "modelName", label: "Tên mô hình", maxWidth: 30 },
  { key: "fieldLabel", label: "Lĩnh vực", maxWidth: 14 },
  { key: "levelLabel", label: "Cấp đăng ký", maxWidth: 10 },
  { key: "expectedBenefit", label: "Giá trị dự kiến làm lợi (đồng)", type: "money", maxWidth: 15 },
  { key: "participants", label: "Số người tham gia", type: "integer", maxWidth: 9 },
  { key: "period", label: "Thời gian thực hiện", maxWidth: 16 },
  { key: "submittedLabel", label: "Ngày nộp", maxWidth: 11 },
  { key: "onTimeLabel", label: "Hạn nộp", maxWidth: 9 },
  { key: "stateLabel", label: "Trạng thái", maxWidth: 13 },
  { key: "mean", label: "Điểm TB", type: "number", maxWidth: 8 },
  { key: "ratingLabel", label: "Xếp loại", maxWidth: 9 },
  { key: "description", label: "Thuyết minh", print: false },
];

/**
 * Table 6, the list of registered models (Danh sách mô hình đăng ký): every live
 * registration of the scope (withdrawn ones too, marked so) with every item of its form,
 * grouped by unit in the tree's order (a unit before the units under it, siblings by
 * official code), a sub-heading naming each unit, collective models before individual
 * ones within a unit; on time against the nearest implementing plan at or above the unit.
 */
export async function listReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { campaign, scope } = input;
  const [lines, plans] = await Promise.all([
    registrationLines(db, input),
    input.asOf && input.plansAt
      ? Promise.resolve(plansAround(input.plansAt, scope.path))
      : plansAt(db, campaign.id, scope.path).all<CampaignPlan>().then((r) => r.results),
  ]);
  const { sorted, below } = await inTreeOrder(db, scope, lines);

  const deadlines: PlanDeadline[] = plans;
  const levelLabel = (code: string) => campaign.levels.find((l) => l.code === code)?.label ?? code;
  const ratingLabel = (code: string | null) => campaign.rubric.ratings.find((r) => r.code === code)?.label ?? null;
  const rows: ReportRow[] = [];
  let unit: number | null = null;
  let stt = 0;
  for (const l of sorted) {
    if (l.org_unit_id !== unit) {
      unit = l.org_unit_id;
      const chain = below(l.unit_path);
      rows.push({ heading: chain.length ? chain.map((p) => p.name).join(" – ") : scope.name });
    }
    const onTime = l.submitted_at <= deadlineFor(campaign.deadline, deadlines, l.unit_path);
    rows.push({
      stt: ++stt,
      registrationId: l.id,
      orgUnitId: l.org_unit_id,
      orgUnitName: l.org_unit_name,
      kind: l.kind,
      kindLabel: KIND_LABELS[l.kind],
      unitName: l.unit_name,
      personName: l.person_name,
      position: l.position,
      name: l.kind === "individual" ? [l.person_name, l.position ? `(${l.position})` : null].filter(Boolean).join(" ") : l.unit_name ?? l.org_unit_name,
      modelName: l.model_name,
      field: l.field,
      fieldLabel: FIELD_LABELS[l.field],
      level: l.level,
      levelLabel: levelLabel(l.level),
      expectedBenefit: l.expected_benefit,
      participants: l.participants,
      periodText: l.period_text,
      startDate: l.start_date,
      endDate: l.end_date,
      period: periodLabel(l.period_text, l.start_date, l.end_date),
      submittedAt: l.submitted_at,
      submittedLabel: dayMonthYear(l.submitted_at),
      onTime,
      onTimeLabel: onTime ? "Đúng hạn" : "Sau hạn",
      state: l.review_state,
      stateLabel: REVIEW_STATE_LABELS[l.review_state],
      mean: l.mean,
      rating: l.rating,
      ratingLabel: ratingLabel(l.rating),
      description: l.description,
    });
  }
  const counted = sorted.filter((l) => l.review_state !== "withdrawn");
  const withdrawn = sorted.length - counted.length;
  const individual = sorted.filter((l) => l.kind === "individual").length;
  return {
    ...reportHeading(input, `Danh sách mô hình đăng ký xây dựng “Dân vận khéo” – ${campaign.title}`),
    columns: LIST_COLUMNS,
    rows,
    totals: {
      name: `Tổng cộng: ${sorted.length} mô hình (${sorted.length - individual} tập thể, ${individual} cá nhân)`,
      expectedBenefit: counted.reduce((s, l) => s + (l.expected_benefit ?? 0), 0),
      participants: counted.reduce((s, l) => s + (l.participants ?? 0), 0),
    },
    notes: [
      "Gồm mọi đăng ký chưa xóa, kể cả đăng ký đã rút (ghi ở cột Trạng thái); xếp theo đơn vị (đơn vị cấp trên trước đơn vị cấp dưới, các đơn vị cùng cấp theo mã đơn vị), trong mỗi đơn vị tập thể trước, cá nhân sau.",
      `Giá trị dự kiến làm lợi và số người tham gia ở dòng tổng cộng không tính ${withdrawn ? `${withdrawn} ` : ""}đăng ký đã rút.`,
      onTimeNote(campaign.deadline, plans),
      "Điểm TB và xếp loại theo các phiếu chấm đã có; để trống khi chưa có phiếu chấm.",
      "Thuyết minh mô hình có trong tệp CSV, không in trong biểu này.",
      ...asOfNotes(input),
    ],
  };
}
