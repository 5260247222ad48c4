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

/** A registration level ("Đăng ký mô hình cấp ..."). Levels are campaign data; these are the defaults. */
export interface Level {
  code: string;
  label: string;
}
/** The seed's levels (2023, three-tier government): what campaigns before 2025 start with. */
export const DEFAULT_LEVELS: readonly Level[] = [
  { code: "province", label: "Cấp tỉnh" },
  { code: "district", label: "Cấp huyện" },
  { code: "grassroots", label: "Cấp cơ sở" },
];
export const LEVEL_CODES = ["province", "district", "grassroots"] as const;

/** Districts were abolished on 1 July 2025: campaigns from this year on default to two tiers. */
export const TWO_TIER_FROM_YEAR = 2025;
export const TWO_TIER_LEVELS: readonly Level[] = [
  { code: "province", label: "Cấp tỉnh" },
  { code: "commune", label: "Cấp xã" },
];

/** The levels a new campaign of `year` gets when its admin names none. */
export function defaultLevels(year: number): readonly Level[] {
  return year >= TWO_TIER_FROM_YEAR ? TWO_TIER_LEVELS : DEFAULT_LEVELS;
}

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
 * campaign); these are the kinds the demo, the templates and the defaults use, one
 * code and one label each, in the order of the tree. An unknown kind is shown by its
 * code. Labels have no commas: they double as an Excel dropdown list, whose literal
 * source is comma-separated. `commune` kept its code when wards and townships got their
 * own: data loaded before then may call a ward a commune.
 */
export const ORG_UNIT_KIND_LABELS: Record<string, string> = {
  country: "Toàn quốc",
  province: "Tỉnh",
  city: "Thành phố trực thuộc trung ương",
  district: "Huyện",
  urban_district: "Quận",
  town: "Thị xã",
  provincial_city: "Thành phố thuộc tỉnh",
  commune: "Xã",
  ward: "Phường",
  township: "Thị trấn",
  special_zone: "Đặc khu",
  village: "Thôn",
  residential_group: "Tổ dân phố",
  department: "Ban/ngành",
  mass_organization: "Đoàn thể",
  agency: "Cơ quan/đơn vị",
};

export function orgUnitKindLabel(kind: string): string {
  return ORG_UNIT_KIND_LABELS[kind] ?? kind;
}

/** Kinds of unit expected to hand in registrations unless a campaign before 2025 says otherwise. */
export const DEFAULT_EXPECTED_KINDS: readonly string[] = ["village", "department", "mass_organization", "agency"];

/** From 2025 the communes, wards and special zones themselves register too, and residential groups beside villages. */
export const TWO_TIER_EXPECTED_KINDS: readonly string[] = [
  "commune",
  "ward",
  "special_zone",
  "village",
  "residential_group",
  "department",
  "mass_organization",
  "agency",
];

/** The kinds a new campaign of `year` expects when its admin names none. */
export function defaultExpectedKinds(year: number): readonly string[] {
  return year >= TWO_TIER_FROM_YEAR ? TWO_TIER_EXPECTED_KINDS : DEFAULT_EXPECTED_KINDS;
}

/** Text maxima of PRODUCT.md "API". */
export const MAX_NAME = 300;
export const MAX_TEXT = 2000;
/** Items per sync request (PRODUCT.md "Sync contract"). */
export const MAX_SYNC_ITEMS = 1000;
