import type { D1Database } from "../cf-types.ts";
import { commendationsReport } from "./commendations.ts";
import { matrixReport } from "./matrix.ts";
import { missingReport } from "./missing.ts";
import { scoresReport } from "./scores.ts";
import type { Report, ReportInput } from "./types.ts";
import { unitsReport } from "./units.ts";

/** The five biểu tổng hợp of PRODUCT.md "Reports", by their names in the API. */
export const REPORT_TABLES = {
  units: unitsReport,
  matrix: matrixReport,
  scores: scoresReport,
  missing: missingReport,
  commendations: commendationsReport,
} as const satisfies Record<string, (db: D1Database, input: ReportInput) => Promise<Report>>;

export type ReportTable = keyof typeof REPORT_TABLES;

export function isReportTable(name: string): name is ReportTable {
  return Object.hasOwn(REPORT_TABLES, name);
}

/** Vietnamese names of the tables, for sheets and downloaded files. */
export const REPORT_NAMES: Record<ReportTable, string> = {
  units: "Biểu 1 - Theo đơn vị",
  matrix: "Biểu 2 - Lĩnh vực x cấp",
  scores: "Biểu 3 - Kết quả chấm điểm",
  missing: "Biểu 4 - Đơn vị chưa đăng ký",
  commendations: "Biểu 5 - Đề nghị khen thưởng",
};
