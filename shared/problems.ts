import { ACCEPTED_LABELS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_NAME, MAX_ATTACHMENTS_PER_REGISTRATION } from "./attachments.ts";

// One catalogue of every problem the API can report: a stable code for programs, the
// HTTP status when a whole request is refused, and the message officers read.
// Field-level codes (inside `invalid` results) are in the second table.

export const REQUEST_PROBLEMS = {
  bad_json: { status: 400, message: "Nội dung gửi lên không phải JSON hợp lệ." },
  invalid_request: { status: 400, message: "Yêu cầu không hợp lệ." },
  token_missing: { status: 401, message: "Chưa có mã truy cập. Hãy kết nối bằng mã do quản trị viên cấp." },
  token_invalid: { status: 401, message: "Mã truy cập không đúng. Hãy kiểm tra lại hoặc xin quản trị viên cấp mã mới." },
  token_revoked: { status: 401, message: "Mã truy cập đã bị thu hồi, không còn hiệu lực. Hãy xin quản trị viên cấp mã mới." },
  token_expired: { status: 401, message: "Mã truy cập đã hết hạn. Hãy xin quản trị viên cấp mã mới." },
  forbidden_role: { status: 403, message: "Vai trò của bạn không được làm việc này." },
  forbidden_scope: { status: 403, message: "Đơn vị này nằm ngoài phạm vi được giao cho bạn." },
  not_found: { status: 404, message: "Không tìm thấy." },
  route_not_found: { status: 404, message: "Không có đường dẫn này trong API." },
  campaign_closed: { status: 403, message: "Kế hoạch này đã khóa đăng ký; chỉ quản trị viên mở lại được." },
  campaign_not_found: { status: 404, message: "Không tìm thấy kế hoạch (đợt thi đua) này." },
  org_unit_not_found: { status: 404, message: "Không tìm thấy đơn vị này." },
  plan_not_found: { status: 404, message: "Đơn vị này chưa có kế hoạch thực hiện riêng cho kế hoạch (đợt thi đua) này." },
  unit_outside_campaign: { status: 403, message: "Đơn vị này không thuộc địa bàn của kế hoạch (đợt thi đua) này." },
  method_not_allowed: { status: 405, message: "Phương thức không được hỗ trợ ở đường dẫn này." },
  conflict: { status: 409, message: "Dữ liệu đã bị người khác thay đổi." },
  level_in_use: { status: 409, message: "Cấp đăng ký này còn được dùng trong các đăng ký của kế hoạch nên không bỏ được." },
  payload_too_large: { status: 413, message: "Dữ liệu gửi lên quá lớn." },
  too_many_items: { status: 413, message: "Quá nhiều mục trong một lần gửi." },
  unsupported_media_type: { status: 415, message: "Dữ liệu phải gửi dạng JSON (Content-Type: application/json)." },
  registration_not_found: { status: 404, message: "Không có đăng ký này trong phạm vi của bạn." },
  registration_deleted: { status: 409, message: "Đăng ký này đã bị xóa; hãy khôi phục đăng ký trước khi thêm tệp minh chứng." },
  attachment_not_found: { status: 404, message: "Không tìm thấy tệp minh chứng này (có thể đã bị xóa)." },
  attachment_name_invalid: {
    status: 400,
    message: `Tên tệp gửi kèm bị thiếu, quá dài (trên ${MAX_ATTACHMENT_NAME} ký tự) hoặc sai cách mã hóa. Hãy chọn lại tệp rồi gửi lại.`,
  },
  attachment_empty: { status: 400, message: "Tệp rỗng, không có nội dung. Hãy chọn lại tệp." },
  attachment_too_large: {
    status: 413,
    message: `Tệp lớn hơn ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB. Hãy giảm dung lượng (chụp ảnh nhỏ hơn, xuất PDF dạng nén) hoặc chia thành nhiều tệp rồi gửi lại.`,
  },
  attachment_type_unsupported: {
    status: 415,
    message:
      `Chỉ nhận tệp ${ACCEPTED_LABELS}; nội dung tệp này không thuộc các loại đó. ` +
      "Tệp Word, Excel đời cũ (.doc, .xls) hãy lưu lại thành .docx, .xlsx hoặc PDF.",
  },
  attachment_limit_reached: {
    status: 409,
    message: `Mỗi đăng ký có tối đa ${MAX_ATTACHMENTS_PER_REGISTRATION} tệp minh chứng. Hãy xóa bớt tệp không cần trước khi thêm.`,
  },
  rate_limited: { status: 429, message: "Gửi quá nhiều yêu cầu trong thời gian ngắn. Hãy chờ một lát rồi thử lại." },
  internal: { status: 500, message: "Máy chủ gặp lỗi ngoài dự kiến. Dữ liệu đã gửi không bị ghi dở; hãy thử lại sau." },
  unavailable: { status: 503, message: "Cơ sở dữ liệu tạm thời không truy cập được. Hãy thử lại sau." },
} as const satisfies Record<string, { status: number; message: string }>;

export type RequestProblemCode = keyof typeof REQUEST_PROBLEMS;

/** Codes of per-field errors: `{ path, code, message }` in `invalid` results. */
export const FIELD_PROBLEM_CODES = [
  "required",
  "too_long",
  "invalid_type",
  "invalid_value",
  "invalid_uuid",
  "invalid_date",
  "invalid_money",
  "invalid_period",
  "start_after_end",
  "unknown_field",
  "unknown_level",
  "unknown_kind",
  "unknown_org_unit",
  "unknown_key",
  "out_of_range",
  "duplicate",
  "out_of_scope",
  "not_allowed",
  "campaign_closed",
  "other_campaign",
  // An award on a review move to a state other than "proposed" or "commended".
  "award_not_allowed",
] as const;
export type FieldProblemCode = (typeof FIELD_PROBLEM_CODES)[number];

export interface FieldError {
  /** Dotted path of the offending field, e.g. `modelName` or `criteria.method`. */
  path: string;
  code: FieldProblemCode;
  message: string;
}

/** Body of every refused request. */
export interface ProblemBody {
  code: string;
  message: string;
  errors?: FieldError[];
}
