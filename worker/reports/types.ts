import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { Report, ReportPlan } from "../../shared/schemas/report.ts";
import { asOfLabel } from "../../shared/reports.ts";
import type { PlanAt } from "./moment.ts";
import type { CountedMoment } from "../sql/report-rows.ts";

// The report JSON's shape lives in shared/schemas/report.ts (the add-in and the document
// model read it too); these re-exports keep the old import path working.
export type { Report, ReportColumn, ReportRow, ReportValue, ReportPlan } from "../../shared/schemas/report.ts";

export interface ReportInput {
  /** The campaign as it stood at `asOf` (its deadline, levels, expected kinds, rubric, title). */
  campaign: Campaign;
  scope: { id: number; name: string; kind: string; path: string; depth: number; parentName: string | null };
  /** Group by units this many levels below the scope (1: its children). */
  depth: number;
  /** The scope's implementing plan, once plans exist; absent or null: the campaign's plan reference. */
  plan?: ReportPlan | null;
  /** The ISO instant the figures stand at, rebuilt from the audit log; absent or null: now. */
  asOf?: string | null;
  /** With `asOf`: every implementing plan of the campaign as it stood then. */
  plansAt?: PlanAt[];
  /** With `asOf`: the half-year snapshot written at exactly that moment, which the counting tables read instead of rebuilding. */
  snapshot?: number | null;
}

/** When a counting table counts (units, matrix, missing): now, or as of `asOf`, from its snapshot if there is one. */
export function countedMoment(input: ReportInput): CountedMoment {
  return input.asOf ? { at: input.asOf, snapshot: input.snapshot ?? null } : null;
}

type Heading = Pick<Report, "title" | "scope" | "generatedAt" | "asOf" | "campaign" | "plan">;

/** What every table starts with: its title, the scope and campaign it covers, the moment it was read. */
export function reportHeading(input: ReportInput, title: string): Required<Heading> {
  const { campaign, scope } = input;
  return {
    title,
    scope: { id: scope.id, name: scope.name, kind: scope.kind, parentName: scope.parentName },
    generatedAt: new Date().toISOString(),
    asOf: input.asOf ?? null,
    campaign: { title: campaign.title, year: campaign.year, planRef: campaign.planRef },
    plan: input.plan ?? null,
  };
}

/** The note every table rebuilt as of a moment carries: what was rebuilt, and that the tree is today's. */
export function asOfNotes(input: ReportInput): string[] {
  if (!input.asOf) return [];
  return [
    `Số liệu tính đến ${asOfLabel(input.asOf)} (giờ Việt Nam), dựng lại từ nhật ký thay đổi: đăng ký, trạng thái xét duyệt, khen thưởng, ` +
      "điểm chấm, hạn nộp, cấp đăng ký và kế hoạch thực hiện như tại thời điểm đó; đơn vị xếp theo cây đơn vị hiện nay.",
  ];
}
