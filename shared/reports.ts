// The five biểu tổng hợp of PRODUCT.md "Reports": their names in the API, and their
// Vietnamese names for sheets and downloaded files (an Excel sheet name: at most 31
// characters, none of []:*?/\).
export const REPORT_TABLES = ["units", "matrix", "scores", "missing", "commendations"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const REPORT_NAMES: Record<ReportTable, string> = {
  units: "Biểu 1 - Theo đơn vị",
  matrix: "Biểu 2 - Theo lĩnh vực và cấp",
  scores: "Biểu 3 - Kết quả chấm điểm",
  missing: "Biểu 4 - Chưa đăng ký",
  commendations: "Biểu 5 - Khen thưởng",
};
