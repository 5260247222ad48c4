import type { D1Database } from "../cf-types.ts";
import { commendationsReport } from "./commendations.ts";
import { listReport } from "./list.ts";
import { matrixReport } from "./matrix.ts";
import { missingReport } from "./missing.ts";
import { scoresReport } from "./scores.ts";
import type { Report, ReportInput } from "./types.ts";
import { unitsReport } from "./units.ts";
import type { ReportTable } from "../../shared/reports.ts";

/** The six biểu tổng hợp of PRODUCT.md "Reports", by their names in the API. */
export const REPORT_BUILDERS = {
  units: unitsReport,
  matrix: matrixReport,
  scores: scoresReport,
  missing: missingReport,
  commendations: commendationsReport,
  list: listReport,
} as const satisfies Record<ReportTable, (db: D1Database, input: ReportInput) => Promise<Report>>;

export function isReportTable(name: string): name is ReportTable {
  return Object.hasOwn(REPORT_BUILDERS, name);
}

export { REPORT_NAMES } from "../../shared/reports.ts";
