import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { unitsWithoutRegistration } from "../sql/report-rows.ts";
import { asOfNotes, countedMoment, reportHeading, type Report, type ReportInput } from "./types.ts";
import { orgUnitKindLabel } from "../../shared/vocabulary.ts";

/** Table 4: units of the kinds expected to register that have no live registration of their own. */
export async function missingReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { expectedKinds } = input.campaign;
  const [from, to] = subtreeRange(input.scope.path);
  const { results } = await unitsWithoutRegistration(db, input.campaign.id, from, to, expectedKinds, countedMoment(input)).all<{
    orgUnitId: number;
    orgUnitName: string;
    kind: string;
    code: string;
    parentName: string | null;
  }>();
  return {
    ...reportHeading(input, `Đơn vị chưa đăng ký mô hình – ${input.campaign.title}`),
    columns: [
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "kindLabel", label: "Loại đơn vị" },
      { key: "parentName", label: "Đơn vị cấp trên" },
      { key: "code", label: "Mã đơn vị" },
    ],
    rows: results.map((r) => ({ ...r, kindLabel: orgUnitKindLabel(r.kind) })),
    totals: { orgUnitName: `Tổng cộng: ${results.length} đơn vị` },
    notes: [
      `Các loại đơn vị phải đăng ký theo kế hoạch: ${expectedKinds.map(orgUnitKindLabel).join(", ")}.`,
      "Một đơn vị được coi là đã đăng ký khi có ít nhất một đăng ký của chính đơn vị đó còn hiệu lực (chưa xóa, chưa rút).",
      ...asOfNotes(input),
    ],
  };
}
