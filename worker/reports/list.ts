import type { D1Database } from "../cf-types.ts";
import { plansAt } from "../sql/campaigns.ts";
import { unitsById } from "../sql/history.ts";
import { plansAround } from "./moment.ts";
import { binaryOrder, registrationLines, type RegistrationLine } from "./registrations.ts";
import { asOfNotes, reportHeading, type Report, type ReportColumn, type ReportInput, type ReportRow } from "./types.ts";
import { onTimeNote } from "./units.ts";
import { deadlineFor, type PlanDeadline } from "../../shared/plans.ts";
import type { CampaignPlan } from "../../shared/schemas/campaign.ts";
import { FIELD_LABELS, KIND_LABELS, REVIEW_STATE_LABELS } from "../../shared/vocabulary.ts";

/** 2023-11-15 as officials write it: 15/11/2023. */
const dayMonthYear = (iso: string | null) => (iso ? iso.split("-").reverse().join("/") : null);

/** The period as the unit wrote it, else from its dates: "01/03/2023 – 30/11/2023", "từ 01/03/2023". */
function periodLabel(l: Pick<RegistrationLine, "period_text" | "start_date" | "end_date">): string | null {
  if (l.period_text) return l.period_text;
  const [start, end] = [dayMonthYear(l.start_date), dayMonthYear(l.end_date)];
  if (start && end) return start === end ? start : `${start} – ${end}`;
  if (start) return `từ ${start}`;
  if (end) return `đến ${end}`;
  return null;
}

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

interface Place {
  code: string;
  name: string;
}

/** Official codes compared as officials sort them: numbers as numbers ("2" before "10"). */
const byCode = (a: string, b: string) => a.localeCompare(b, "vi", { numeric: true });

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
  // The units on the way from the scope down to each unit with registrations, for order and headings.
  const places = new Map<number, Place>([[scope.id, { code: "", name: scope.name }]]);
  for (const l of lines) places.set(l.org_unit_id, { code: l.org_unit_code, name: l.org_unit_name });
  const chainOf = (path: string) => path.split("/").filter(Boolean).map(Number).slice(scope.depth);
  const unknown = [...new Set(lines.flatMap((l) => chainOf(l.unit_path)))].filter((id) => !places.has(id));
  if (unknown.length > 0) {
    const { results } = await unitsById(db, unknown).all<{ id: number; name: string; code: string }>();
    for (const u of results) places.set(u.id, { code: u.code, name: u.name });
  }
  const below = (path: string) => chainOf(path).slice(1).map((id) => places.get(id)!);
  const compareUnits = (a: string, b: string) => {
    const [x, y] = [below(a), below(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = byCode(x[i]!.code, y[i]!.code) || binaryOrder(x[i]!.code, y[i]!.code);
      if (c !== 0) return c;
    }
    return x.length - y.length;
  };
  const sorted = [...lines].sort(
    (a, b) =>
      compareUnits(a.unit_path, b.unit_path) ||
      binaryOrder(a.kind, b.kind) ||
      binaryOrder(a.submitted_at, b.submitted_at) ||
      binaryOrder(a.model_name, b.model_name) ||
      binaryOrder(a.id, b.id),
  );

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
      period: periodLabel(l),
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
