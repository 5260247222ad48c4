import type { InferResponseType } from "hono/client";
import type { Api } from "../api/client.ts";
import type { MergedSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { AWARD_FORM_LABELS, AWARD_FORMS, FIELD_LABELS, KIND_LABELS, REVIEW_STATE_LABELS, REVIEW_STATES, type Field, type Kind, type ReviewState } from "../../shared/vocabulary.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";
import { formatDay, parseDay } from "../../shared/parse.ts";
import { AWARD_STATES, type Award } from "../../shared/schemas/review.ts";

export type ReviewSheetRow = InferResponseType<Api["api"]["v1"]["campaigns"][":id"]["review-sheet"]["$get"], 200>[number];

export const REVIEW_TABLE = "XetDuyet";
export const UNDO_LABEL = "Hoàn tác lần chuyển trước";
export const COLUMNS = {
  result: 0, id: 1, field: 2, kind: 3, unit: 4, model: 5, judges: 6, mean: 7, rating: 8, flagged: 9, state: 10, to: 11, note: 12,
  awardForm: 13, awardIssuer: 14, awardNo: 15, awardDate: 16, awardWas: 17,
};

const HEADERS: Record<keyof typeof COLUMNS, string> = {
  result: "Kết quả",
  id: "Mã đăng ký (ẩn)",
  field: "Lĩnh vực",
  kind: "Loại",
  unit: "Đơn vị / cá nhân",
  model: "Tên mô hình",
  judges: "Số thành viên chấm",
  mean: "Điểm TB",
  rating: "Xếp loại",
  flagged: "Cần xem lại",
  state: "Trạng thái hiện tại",
  to: "Chuyển sang",
  note: "Ghi chú",
  awardForm: "Hình thức khen thưởng",
  awardIssuer: "Cấp khen / người ký",
  awardNo: "Số quyết định",
  awardDate: "Ngày quyết định",
  awardWas: "Khen thưởng đã ghi (ẩn)",
};

/** Where the approver's table lives, for reading it back by column identity. */
export const REVIEW_SHEET = {
  table: REVIEW_TABLE,
  sheet: "Xét duyệt",
  label: "bảng Xét duyệt",
  repair: "Lấy bảng xét duyệt",
  columns: (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((key) => ({ key, header: HEADERS[key], ...(key === "judges" ? { aliases: ["Số giám khảo"] } : {}) })),
};

/**
 * An approver's table: every model in the scope with its consolidated score and state,
 * a dropdown of the states it may move to (and undo), and a note for the record.
 */
export function reviewSheet(rows: readonly ReviewSheetRow[], rubric: Rubric, scopeName: string, results: ReadonlyMap<string, string> = new Map()): MergedSheet & { rowLists: Map<string, readonly string[]> } {
  const rating = (code: string | null) => rubric.ratings.find((r) => r.code === code)?.label ?? "";
  return {
    ...REVIEW_SHEET,
    idKey: "id",
    // A choice typed and not yet sent stays when the table is laid out again; one just
    // sent (it has a result) is done.
    merge: {
      keepLocal: (existing) =>
        results.has(String(existing[COLUMNS.id] ?? "")) ? [] : [COLUMNS.to, COLUMNS.note, COLUMNS.awardForm, COLUMNS.awardIssuer, COLUMNS.awardNo, COLUMNS.awardDate],
    },
    title: ["XÉT DUYỆT MÔ HÌNH “DÂN VẬN KHÉO”", `Phạm vi: ${scopeName}. Chọn trạng thái mới ở cột “Chuyển sang”, ghi chú nếu cần, rồi bấm “Gửi xét duyệt”.`],
    columns: [
      { key: "result", header: HEADERS.result, width: 180, format: "@" },
      { key: "id", header: HEADERS.id, hidden: true, format: "@" },
      { key: "field", header: HEADERS.field, width: 120, format: "@" },
      { key: "kind", header: HEADERS.kind, width: 70, format: "@" },
      { key: "unit", header: HEADERS.unit, width: 170, format: "@" },
      { key: "model", header: HEADERS.model, width: 240, format: "@" },
      { key: "judges", header: HEADERS.judges, width: 70 },
      { key: "mean", header: HEADERS.mean, width: 70, format: "0.0" },
      { key: "rating", header: HEADERS.rating, width: 90, format: "@" },
      { key: "flagged", header: HEADERS.flagged, width: 80, format: "@" },
      { key: "state", header: HEADERS.state, width: 130, format: "@" },
      { key: "to", header: HEADERS.to, width: 150, editable: true, format: "@", note: "Chỉ các trạng thái đi tiếp được; muốn quay lại thì chọn “Hoàn tác lần chuyển trước”." },
      { key: "note", header: HEADERS.note, width: 200, editable: true, format: "@" },
      { key: "awardForm", header: HEADERS.awardForm, width: 110, editable: true, format: "@", list: AWARD_FORMS.map((f) => AWARD_FORM_LABELS[f]), note: "Khi chuyển sang Đề nghị khen thưởng hoặc Đã khen thưởng: Biểu dương, Giấy khen hoặc Bằng khen." },
      { key: "awardIssuer", header: HEADERS.awardIssuer, width: 170, editable: true, format: "@", note: "Ai khen, ví dụ “Chủ tịch UBND xã Hà Giang”." },
      { key: "awardNo", header: HEADERS.awardNo, width: 100, editable: true, format: "@", note: "Số quyết định khen thưởng, khi đã có (có thể ghi sau)." },
      { key: "awardDate", header: HEADERS.awardDate, width: 90, editable: true, format: "@", note: "Ngày quyết định, ngày/tháng/năm." },
      { key: "awardWas", header: HEADERS.awardWas, hidden: true, format: "@" },
    ],
    rows: rows.map((r) => [
      results.get(r.registrationId) ?? "",
      r.registrationId,
      FIELD_LABELS[r.field as Field] ?? r.field,
      KIND_LABELS[r.kind as Kind] ?? r.kind,
      r.name ? `${r.name} – ${r.orgUnitName}` : r.orgUnitName,
      r.modelName,
      r.judges,
      r.mean ?? "",
      rating(r.rating),
      r.flagged ? "Cần xem lại" : "",
      REVIEW_STATE_LABELS[r.reviewState as ReviewState] ?? r.reviewState,
      "",
      "",
      r.award ? AWARD_FORM_LABELS[r.award.form] : "",
      r.award?.issuer ?? "",
      r.award?.decisionNo ?? "",
      r.award?.decisionDate ? formatDay(r.award.decisionDate) : "",
      awardKey(r.award),
    ]),
    rowLists: new Map(rows.map((r) => [r.registrationId, [...r.nextStates.map((s) => REVIEW_STATE_LABELS[s as ReviewState] ?? s), UNDO_LABEL]])),
    protect: true,
  };
}

const STATE_BY_KEY = new Map(REVIEW_STATES.map((s) => [compactKey(REVIEW_STATE_LABELS[s]), s]));

export interface ReviewRequest {
  id: string;
  to: ReviewState | "undo";
  note: string;
  /** The commendation the move carries (proposed, commended), when its cells are filled. */
  award?: Award;
}

/** What identifies an award as laid out, to see whether the approver changed its cells. */
function awardKey(award: Award | null | undefined): string {
  return award ? JSON.stringify([award.form, award.issuer, award.decisionNo, award.decisionDate]) : "";
}

const FORM_BY_KEY = new Map(AWARD_FORMS.map((f) => [compactKey(AWARD_FORM_LABELS[f]), f]));

/** The award cells of a row: nothing typed, an award, or what is wrong with them. */
function readAward(row: readonly Cell[]): { award: Award | null } | { problem: string } {
  const text = (i: number) => normalizeText(String(row[i] ?? ""));
  const [form, issuer, no, date] = [text(COLUMNS.awardForm), text(COLUMNS.awardIssuer), text(COLUMNS.awardNo), row[COLUMNS.awardDate]];
  if (!form && !issuer && !no && (date === "" || date === null || date === undefined)) return { award: null };
  const code = FORM_BY_KEY.get(compactKey(form));
  if (!code) return { problem: `Lỗi – Hình thức khen thưởng: ${form ? `không hiểu “${form}”` : "chưa chọn"}; chọn Biểu dương, Giấy khen hoặc Bằng khen.` };
  if (!issuer) return { problem: "Lỗi – Cấp khen / người ký: chưa ghi ai khen (ví dụ “Chủ tịch UBND xã Hà Giang”)." };
  let decisionDate: string | null = null;
  if (date !== "" && date !== null && date !== undefined) {
    const day = parseDay(date);
    if (!day.ok) return { problem: `Lỗi – Ngày quyết định: ${day.message}` };
    decisionDate = day.value;
  }
  return { award: { form: code, issuer, decisionNo: no || null, decisionDate } };
}

/**
 * Rows whose "Chuyển sang" is filled, as requests, with the award when their award cells
 * are filled; a row whose award cells changed on a model already proposed or commended
 * amends that award (decision numbers come days after the meeting). An unreadable
 * choice or award is reported on its row.
 */
export function reviewRequests(rows: readonly (readonly Cell[])[]): { requests: ReviewRequest[]; problems: Map<string, string> } {
  const requests: ReviewRequest[] = [];
  const problems = new Map<string, string>();
  for (const row of rows) {
    const id = String(row[COLUMNS.id] ?? "");
    if (!id) continue;
    const choice = String(row[COLUMNS.to] ?? "").trim();
    const note = String(row[COLUMNS.note] ?? "").normalize("NFC").trim();
    const read = readAward(row);
    const awardChanged = "award" in read && awardKey(read.award) !== String(row[COLUMNS.awardWas] ?? "");
    const current = STATE_BY_KEY.get(compactKey(String(row[COLUMNS.state] ?? "")));
    if (!choice) {
      if (!awardChanged) continue;
      if (!current || !AWARD_STATES.includes(current)) {
        problems.set(id, "Lỗi – chỉ ghi khen thưởng khi chuyển sang “Đề nghị khen thưởng” hoặc “Đã khen thưởng”.");
      } else if ("award" in read && read.award) requests.push({ id, to: current, note, award: read.award });
      continue;
    }
    const to = compactKey(choice) === compactKey(UNDO_LABEL) ? "undo" : STATE_BY_KEY.get(compactKey(choice));
    if (!to) {
      problems.set(id, `Lỗi – không hiểu trạng thái “${choice}”: chọn trong danh sách.`);
      continue;
    }
    if ("problem" in read) {
      if (to !== "undo" && AWARD_STATES.includes(to)) problems.set(id, read.problem);
      else requests.push({ id, to, note });
      continue;
    }
    if (read.award && awardChanged && (to === "undo" || !AWARD_STATES.includes(to))) {
      problems.set(id, "Lỗi – chỉ ghi khen thưởng khi chuyển sang “Đề nghị khen thưởng” hoặc “Đã khen thưởng”.");
      continue;
    }
    requests.push({ id, to, note, ...(to !== "undo" && AWARD_STATES.includes(to) && read.award ? { award: read.award } : {}) });
  }
  return { requests, problems };
}
