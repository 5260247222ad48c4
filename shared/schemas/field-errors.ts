import type { z } from "zod";
import type { FieldError, FieldProblemCode } from "../problems.ts";
import { AWARD_FORM_LABELS, FIELD_LABELS, KIND_LABELS } from "../vocabulary.ts";
import { REGISTRATION_ITEM_LABELS } from "./registration.ts";

const LABELS: Record<string, string> = {
  ...REGISTRATION_ITEM_LABELS,
  registrationId: "Mã đăng ký",
  criteria: "Điểm tiêu chí",
  comment: "Nhận xét",
  code: "Mã đơn vị",
  name: "Tên",
  parentCode: "Mã đơn vị cấp trên",
  note: "Ghi chú",
  to: "Trạng thái mới",
  collective: "Tiêu chí tập thể",
  individual: "Tiêu chí cá nhân",
  ratings: "Xếp loại",
  flagSpread: "Ngưỡng chênh lệch",
  units: "Danh sách đơn vị",
  roles: "Vai trò",
  scopeId: "Phạm vi",
  unitId: "Đơn vị công tác",
  expiresAt: "Hết hạn",
  year: "Năm",
  title: "Tên kế hoạch",
  deadline: "Hạn nộp",
  levels: "Cấp đăng ký",
  planRef: "Số, ký hiệu kế hoạch",
  expectedKinds: "Loại đơn vị phải đăng ký",
  open: "Mở đăng ký",
  bodyAbove: "Cơ quan cấp trên",
  issuer: "Cơ quan ban hành",
  place: "Địa danh",
  preparer: "Người lập biểu",
  head: "Thủ trưởng đơn vị",
  asOf: "Ngày tính số liệu",
  document: "Loại giấy tờ",
  award: "Khen thưởng",
  "award.form": "Hình thức khen thưởng",
  "award.issuer": "Cơ quan/người khen thưởng",
  "award.decisionNo": "Số quyết định khen thưởng",
  "award.decisionDate": "Ngày quyết định khen thưởng",
};

function labelOf(path: PropertyKey[]): string {
  if (path.length === 0) return "Nội dung gửi lên";
  const whole = path.join(".");
  if (Object.hasOwn(LABELS, whole)) return LABELS[whole]!;
  const head = String(path[0] ?? "");
  const label = LABELS[head] ?? head;
  return path.length > 1 && head !== "criteria" ? `${label} (${path.slice(1).join(".")})` : label;
}

/** The value at `path` inside `input`, or undefined where the path does not exist. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function describe(issue: z.core.$ZodIssue, input: unknown): { code: FieldProblemCode; reason: string } {
  switch (issue.code) {
    case "invalid_type":
      return valueAt(input, issue.path) === undefined
        ? { code: "required", reason: "chưa có, bắt buộc phải điền" }
        : { code: "invalid_type", reason: `sai kiểu dữ liệu (cần ${typeName(issue.expected)})` };
    case "too_big":
      return issue.origin === "string"
        ? { code: "too_long", reason: `dài quá ${issue.maximum} ký tự` }
        : { code: "out_of_range", reason: `lớn hơn mức tối đa ${String(issue.maximum)}` };
    case "too_small":
      return issue.origin === "string"
        ? { code: "required", reason: "đang để trống, bắt buộc phải điền" }
        : { code: "out_of_range", reason: `nhỏ hơn mức tối thiểu ${String(issue.minimum)}` };
    case "invalid_format":
      if (issue.format === "uuid") return { code: "invalid_uuid", reason: "không phải mã UUID hợp lệ" };
      if (issue.format === "date") return { code: "invalid_date", reason: "không phải ngày hợp lệ (YYYY-MM-DD)" };
      return { code: "invalid_value", reason: "sai định dạng" };
    case "invalid_value": {
      const head = issue.path[0];
      if (head === "field")
        return { code: "unknown_field", reason: `phải là một trong: ${Object.values(FIELD_LABELS).join("; ")}` };
      if (head === "kind")
        return { code: "unknown_kind", reason: `phải là ${KIND_LABELS.collective} hoặc ${KIND_LABELS.individual}` };
      if (head === "award" && issue.path[1] === "form")
        return { code: "invalid_value", reason: `phải là một trong: ${Object.values(AWARD_FORM_LABELS).join("; ")}` };
      return { code: "invalid_value", reason: "giá trị không được chấp nhận" };
    }
    case "unrecognized_keys":
      return { code: "unknown_key", reason: `có mục lạ không thuộc mẫu: ${issue.keys.join(", ")}` };
    case "custom": {
      const code = (issue.params?.code as FieldProblemCode | undefined) ?? "invalid_value";
      return { code, reason: MESSAGE_REASONS[issue.message] ?? CUSTOM_REASONS[code] ?? issue.message };
    }
    default:
      return { code: "invalid_value", reason: "giá trị không hợp lệ" };
  }
}

const CUSTOM_REASONS: Partial<Record<FieldProblemCode, string>> = {
  required: "chưa có, bắt buộc phải điền",
  start_after_end: "thời gian bắt đầu sau thời gian hoàn thành",
  duplicate: "có mã bị trùng",
};

/** Reasons of refinements that share a code, by the refinement's own message. */
const MESSAGE_REASONS: Record<string, string> = {
  order: "các mức xếp loại phải theo thứ tự điểm từ cao xuống thấp, không trùng ngưỡng",
  floor: "mức xếp loại thấp nhất phải bắt đầu từ 0 điểm",
  nothing_to_change: "không có mục nào để sửa (tên, số kế hoạch, hạn nộp, cấp đăng ký, loại đơn vị phải đăng ký)",
  malformed: "có ký tự lỗi hoặc ký tự điều khiển không in được; hãy gõ lại",
};

function typeName(expected: string): string {
  return (
    { string: "chữ", number: "số", int: "số nguyên", boolean: "đúng/sai", object: "đối tượng", array: "danh sách" }[
      expected
    ] ?? expected
  );
}

/**
 * Turns zod's issues into the API's per-field errors, in Vietnamese, naming the item
 * by its label on the form. `input` is what was checked: a missing item is "required",
 * a present one of the wrong kind is "invalid_type".
 */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown): FieldError[] {
  return issues.map((issue) => {
    const { code, reason } = describe(issue, input);
    const path = issue.path.map(String).join(".");
    return { path, code, message: `${labelOf(issue.path)}: ${reason}.` };
  });
}

