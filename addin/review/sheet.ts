import type { InferResponseType } from "hono/client";
import type { Api } from "../api/client.ts";
import type { MergedSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { FIELD_LABELS, KIND_LABELS, REVIEW_STATE_LABELS, REVIEW_STATES, type Field, type Kind, type ReviewState } from "../../shared/vocabulary.ts";
import { compactKey } from "../../shared/text.ts";

export type ReviewSheetRow = InferResponseType<Api["api"]["v1"]["campaigns"][":id"]["review-sheet"]["$get"], 200>[number];

export const REVIEW_TABLE = "XetDuyet";
export const UNDO_LABEL = "Hoàn tác lần chuyển trước";
export const COLUMNS = { result: 0, id: 1, field: 2, kind: 3, unit: 4, model: 5, judges: 6, mean: 7, rating: 8, flagged: 9, state: 10, to: 11, note: 12 };

const HEADERS: Record<keyof typeof COLUMNS, string> = {
  result: "Kết quả",
  id: "Mã đăng ký (ẩn)",
  field: "Lĩnh vực",
  kind: "Loại",
  unit: "Đơn vị / cá nhân",
  model: "Tên mô hình",
  judges: "Số giám khảo",
  mean: "Điểm TB",
  rating: "Xếp loại",
  flagged: "Cần xem lại",
  state: "Trạng thái hiện tại",
  to: "Chuyển sang",
  note: "Ghi chú",
};

/** Where the approver's table lives, for reading it back by column identity. */
export const REVIEW_SHEET = {
  table: REVIEW_TABLE,
  sheet: "Xét duyệt",
  label: "bảng Xét duyệt",
  repair: "Lấy bảng xét duyệt",
  columns: (Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]).map((key) => ({ key, header: HEADERS[key] })),
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
    merge: { keepLocal: (existing) => (results.has(String(existing[COLUMNS.id] ?? "")) ? [] : [COLUMNS.to, COLUMNS.note]) },
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
}

/** Rows whose "Chuyển sang" is filled, as requests; an unreadable choice is reported on its row. */
export function reviewRequests(rows: readonly (readonly Cell[])[]): { requests: ReviewRequest[]; problems: Map<string, string> } {
  const requests: ReviewRequest[] = [];
  const problems = new Map<string, string>();
  for (const row of rows) {
    const id = String(row[COLUMNS.id] ?? "");
    const choice = String(row[COLUMNS.to] ?? "").trim();
    if (!id || !choice) continue;
    const note = String(row[COLUMNS.note] ?? "").normalize("NFC").trim();
    const to = compactKey(choice) === compactKey(UNDO_LABEL) ? "undo" : STATE_BY_KEY.get(compactKey(choice));
    if (!to) problems.set(id, `Lỗi – không hiểu trạng thái “${choice}”: chọn trong danh sách.`);
    else requests.push({ id, to, note });
  }
  return { requests, problems };
}
