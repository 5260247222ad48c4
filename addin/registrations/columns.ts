import type { OwnedColumn, OwnedTable } from "../sheets/owned-table.ts";
import type { Kind } from "../../shared/vocabulary.ts";

/** What a column of a registration table holds. */
export type ColumnKey =
  | "status"
  | "orgUnit"
  | "unitName"
  | "address"
  | "personName"
  | "position"
  | "modelName"
  | "field"
  | "expectedBenefit"
  | "period"
  | "level"
  | "participants"
  | "description"
  | "representative"
  | "submittedAt"
  | "id"
  | "version"
  | "syncedHash"
  | "errorMask";

export interface ColumnSpec extends OwnedColumn {
  key: ColumnKey;
  /** Width in points. */
  width: number;
  format?: "text" | "money" | "date";
  /** A dropdown fed from a list the add-in keeps in the workbook. */
  list?: "units" | "fields" | "levels";
  /** Bookkeeping the officer need not see: id, version, last-synced hash, error marks. */
  hidden?: boolean;
  /** Shown as the column's input message (data-validation prompt). */
  note?: string;
  /** Long text shown wrapped (the model's account). */
  wrap?: boolean;
}

const status: ColumnSpec = {
  key: "status",
  header: "Trạng thái",
  width: 170,
  format: "text",
  note: "Do phần bổ trợ ghi sau khi Kiểm tra hoặc Đồng bộ; không cần gõ vào đây.",
};
const orgUnit: ColumnSpec = {
  key: "orgUnit",
  header: "Thuộc đơn vị",
  width: 150,
  format: "text",
  list: "units",
  note: "Chọn đơn vị (thôn, ban, ngành, đoàn thể…) trong danh sách; có thể gõ mã đơn vị.",
};
const modelName: ColumnSpec = {
  key: "modelName",
  header: "1. Tên mô hình, điển hình",
  width: 260,
  format: "text",
  note: "Tên mô hình, điển hình “Dân vận khéo” đăng ký xây dựng (tối đa 300 ký tự).",
};
const field: ColumnSpec = {
  key: "field",
  header: "2. Lĩnh vực",
  width: 150,
  format: "text",
  list: "fields",
  note: "Kinh tế; Văn hóa - Xã hội; Quốc phòng - An ninh; Xây dựng hệ thống chính trị (gõ tắt KT, VH-XH, QP-AN, XDHTCT cũng được).",
};
const expectedBenefit: ColumnSpec = {
  key: "expectedBenefit",
  header: "3. Giá trị dự kiến làm lợi (đồng)",
  width: 130,
  format: "money",
  note: "Nếu có. Ví dụ: 1.500.000; 1,5 tỷ; 500 triệu đồng. Để trống hoặc ghi “không” nếu không có.",
};
const period: ColumnSpec = {
  key: "period",
  header: "4. Thời gian thực hiện và hoàn thành",
  width: 170,
  format: "text",
  note: "Ví dụ: Năm 2023; Quý II/2023; Tháng 3/2023 - tháng 11/2023; 6 tháng đầu năm 2023; 25/3/2023.",
};
const level: ColumnSpec = {
  key: "level",
  header: "5. Đăng ký mô hình cấp",
  width: 110,
  format: "text",
  list: "levels",
  note: "Cấp tỉnh, cấp huyện hoặc cấp cơ sở (theo kế hoạch).",
};
const participants: ColumnSpec = {
  key: "participants",
  header: "Số người tham gia",
  width: 80,
  note: "Số người (hoặc hộ) tham gia mô hình, ví dụ 120 hoặc khoảng 1.200 người. Để trống nếu chưa biết.",
};
const description: ColumnSpec = {
  key: "description",
  header: "Thuyết minh mô hình (mục đích, cách làm, kết quả)",
  width: 320,
  format: "text",
  wrap: true,
  note: "Mục đích, cách làm, kết quả bước đầu của mô hình để hội đồng thẩm định đọc (tối đa 4.000 ký tự). Xuống dòng trong ô: Alt+Enter.",
};

// Text, not an Excel date: an Excel set to English reads a typed 2/3/2023 as 3 February;
// the add-in reads it as Vietnamese write it, 2 March.
const submittedAt: ColumnSpec = {
  key: "submittedAt",
  header: "Ngày nộp",
  width: 85,
  format: "text",
  note: "Ngày đơn vị nộp bản đăng ký, ghi ngày/tháng/năm (ví dụ 25/3/2023). Để trống: lấy ngày máy chủ nhận.",
};
const bookkeeping: ColumnSpec[] = [
  { key: "id", header: "Mã đăng ký (ẩn)", width: 60, hidden: true, format: "text" },
  { key: "version", header: "Phiên bản (ẩn)", width: 40, hidden: true },
  { key: "syncedHash", header: "Dấu đồng bộ (ẩn)", width: 60, hidden: true, format: "text" },
  { key: "errorMask", header: "Ô lỗi (ẩn)", width: 60, hidden: true, format: "text" },
];

export interface TableSpec extends OwnedTable {
  kind: Kind;
  title: string;
  columns: readonly ColumnSpec[];
}

/** The two official forms, one Excel table each, in the seed document's order. */
export const REGISTRATION_TABLES: Record<Kind, TableSpec> = {
  collective: {
    kind: "collective",
    sheet: "Tập thể",
    table: "DangKy_TapThe",
    label: "bảng đăng ký Tập thể",
    repair: "Tạo bảng đăng ký",
    title: "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” (TẬP THỂ)",
    columns: [
      status,
      orgUnit,
      { key: "unitName", header: "Đơn vị", width: 180, format: "text", note: "Tên đơn vị đăng ký, như trên bản đăng ký." },
      { key: "address", header: "Địa chỉ", width: 150, format: "text" },
      modelName,
      field,
      expectedBenefit,
      period,
      level,
      participants,
      description,
      { key: "representative", header: "Đại diện lãnh đạo ký", width: 140, format: "text", note: "Họ tên người đại diện lãnh đạo cơ quan, đơn vị ký." },
      submittedAt,
      ...bookkeeping,
    ],
  },
  individual: {
    kind: "individual",
    sheet: "Cá nhân",
    table: "DangKy_CaNhan",
    label: "bảng đăng ký Cá nhân",
    repair: "Tạo bảng đăng ký",
    title: "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” (CÁ NHÂN)",
    columns: [
      status,
      orgUnit,
      { key: "personName", header: "Họ và tên", width: 150, format: "text" },
      { key: "position", header: "Chức vụ, nhiệm vụ được giao", width: 170, format: "text" },
      { key: "unitName", header: "Đơn vị công tác", width: 160, format: "text" },
      modelName,
      field,
      expectedBenefit,
      period,
      level,
      participants,
      description,
      submittedAt,
      ...bookkeeping,
    ],
  },
};

/** Index of each column key in a table's columns. */
export function columnIndex(spec: TableSpec): Map<ColumnKey, number> {
  return new Map(spec.columns.map((c, i) => [c.key, i]));
}
