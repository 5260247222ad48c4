// The movement's vocabulary: code names (English, stable, on the wire and in the
// database) and the Vietnamese labels officers see. PRODUCT.md "Vocabulary".

export const KINDS = ["collective", "individual"] as const;
export type Kind = (typeof KINDS)[number];
export const KIND_LABELS: Record<Kind, string> = {
  collective: "Tập thể",
  individual: "Cá nhân",
};

export const FIELDS = ["economy", "culture_society", "defense_security", "political_system"] as const;
export type Field = (typeof FIELDS)[number];
export const FIELD_LABELS: Record<Field, string> = {
  economy: "Kinh tế",
  culture_society: "Văn hóa - Xã hội",
  defense_security: "Quốc phòng - An ninh",
  political_system: "Xây dựng hệ thống chính trị",
};

/** A registration level ("Đăng ký mô hình cấp ..."). Levels are campaign data; these are the seed's. */
export interface Level {
  code: string;
  label: string;
}
export const DEFAULT_LEVELS: readonly Level[] = [
  { code: "province", label: "Cấp tỉnh" },
  { code: "district", label: "Cấp huyện" },
  { code: "grassroots", label: "Cấp cơ sở" },
];
export const LEVEL_CODES = ["province", "district", "grassroots"] as const;

export const REVIEW_STATES = [
  "registered",
  "in_progress",
  "evaluated",
  "recognized",
  "not_recognized",
  "exemplary",
  "proposed",
  "commended",
  "withdrawn",
] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];
export const REVIEW_STATE_LABELS: Record<ReviewState, string> = {
  registered: "Đã đăng ký",
  in_progress: "Đang thực hiện",
  evaluated: "Đã đánh giá",
  recognized: "Được công nhận",
  not_recognized: "Không công nhận",
  exemplary: "Tiêu biểu",
  proposed: "Đề nghị khen thưởng",
  commended: "Đã khen thưởng",
  withdrawn: "Đã rút đăng ký",
};

/** Forms of commendation a move to "proposed" or "commended" may carry (PRODUCT.md "API", Commendations). */
export const AWARD_FORMS = ["bieu_duong", "giay_khen", "bang_khen"] as const;
export type AwardForm = (typeof AWARD_FORMS)[number];
export const AWARD_FORM_LABELS: Record<AwardForm, string> = {
  bieu_duong: "Biểu dương",
  giay_khen: "Giấy khen",
  bang_khen: "Bằng khen",
};

export const ROLES = ["admin", "clerk", "judge", "approver", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  admin: "Quản trị",
  clerk: "Nhập đăng ký",
  judge: "Chấm điểm",
  approver: "Xét duyệt",
  viewer: "Xem báo cáo",
};

/**
 * Org-unit kinds are data (the tree's depth and names changed in 2025 and differ by
 * campaign); these are the kinds the demo and the templates use, with their labels.
 * An unknown kind is shown by its code. Labels have no commas: they double as an Excel
 * dropdown list, whose literal source is comma-separated.
 */
export const ORG_UNIT_KIND_LABELS: Record<string, string> = {
  country: "Toàn quốc",
  province: "Tỉnh/Thành phố",
  district: "Huyện/Quận/Thị xã",
  commune: "Xã/Phường/Thị trấn",
  village: "Thôn/Tổ dân phố",
  department: "Ban/Ngành",
  mass_organization: "Đoàn thể",
  agency: "Cơ quan/Đơn vị",
};

export function orgUnitKindLabel(kind: string): string {
  return ORG_UNIT_KIND_LABELS[kind] ?? kind;
}

/** Kinds of unit expected to hand in registrations unless a campaign says otherwise. */
export const DEFAULT_EXPECTED_KINDS: readonly string[] = ["village", "department", "mass_organization", "agency"];

/** Text maxima of PRODUCT.md "API". */
export const MAX_NAME = 300;
export const MAX_TEXT = 2000;
/** Items per sync request (PRODUCT.md "Sync contract"). */
export const MAX_SYNC_ITEMS = 1000;
