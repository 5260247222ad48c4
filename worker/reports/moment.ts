import type { D1Database } from "../cf-types.ts";
import { campaignChangesAfter, campaignPlans, unitsById, type CampaignEntry } from "../sql/history.ts";
import { snapshotOf } from "../sql/report-snapshots.ts";
import { campaignSchema, type Campaign } from "../../shared/schemas/campaign.ts";
import { rubricSchema } from "../../shared/schemas/rubric.ts";
import * as z from "zod";

// The campaign and its implementing plans as they stood at a past moment: today's,
// with every change audited after that moment taken back, newest first. Undoing works
// whatever the log holds from before (a campaign seeded without a creation entry), and
// a deadline extended in July leaves a report as of 30/6 as it was.

/** An implementing plan with its unit's place in the tree (what on-time and the notes need). */
export interface PlanAt {
  orgUnitId: number;
  orgUnitName: string;
  path: string;
  depth: number;
  code: string;
  planRef: string;
  deadline: string;
}

export interface CampaignAt {
  campaign: Campaign;
  /** Every implementing plan of the campaign at the moment, anywhere in the tree. */
  plans: PlanAt[];
  /** The half-year snapshot written at exactly this moment (report-snapshots.ts), or null. */
  snapshot: number | null;
}

type CampaignKeys = Pick<Campaign, "title" | "planRef" | "deadline" | "levels" | "expectedKinds" | "rubric" | "registrationOpen">;

// The audited entries, read through the schemas their values were checked by when written.
const planEntrySchema = z.object({ orgUnitId: z.int(), planRef: z.string(), deadline: z.string() });
type PlanEntry = z.infer<typeof planEntrySchema>;
const changedKeysSchema = campaignSchema.pick({ title: true, planRef: true, deadline: true, levels: true, expectedKinds: true }).partial();
/** The rubric's `before` is the stored rubric column: JSON text, kept as such in the entry. */
const rubricEntrySchema = z.union([rubricSchema, z.string().transform((text) => rubricSchema.parse(JSON.parse(text)))]);

/** Takes back one audited change (PATCH keys, rubric, registration window, plans), newest first. */
function undo(campaign: CampaignKeys, plans: Map<number, PlanEntry>, entry: CampaignEntry): void {
  const before = entry.before === null ? null : (JSON.parse(entry.before) as unknown);
  switch (entry.action) {
    case "update":
      Object.assign(campaign, changedKeysSchema.parse(before));
      return;
    case "rubric":
      campaign.rubric = rubricEntrySchema.parse(before);
      return;
    case "close":
    case "reopen":
      campaign.registrationOpen = entry.action === "close";
      return;
    case "plan_create":
      plans.delete(planEntrySchema.parse(JSON.parse(entry.after!)).orgUnitId);
      return;
    case "plan_update":
    case "plan_delete": {
      const plan = planEntrySchema.parse(before);
      plans.set(plan.orgUnitId, plan);
      return;
    }
    default:
      // "create": the campaign did not exist yet, so nothing was filed under it either.
      return;
  }
}

/**
 * The campaign and its plans at `at` (an ISO instant in the past), and its snapshot then
 * if one was written. Two round trips at most, one when no plan changed since.
 */
export async function campaignAt(db: D1Database, current: Campaign, at: string): Promise<CampaignAt> {
  const [changes, stored, snapshot] = await db.batch<unknown>([
    campaignChangesAfter(db, current.id, at),
    campaignPlans(db, current.id),
    snapshotOf(db, current.id, at),
  ]);
  const campaign: Campaign = { ...current, levels: [...current.levels], expectedKinds: [...current.expectedKinds] };
  const known = new Map((stored!.results as PlanAt[]).map((p) => [p.orgUnitId, p]));
  const plans = new Map<number, PlanEntry>([...known].map(([id, p]) => [id, { orgUnitId: id, planRef: p.planRef, deadline: p.deadline }]));
  for (const entry of changes!.results as CampaignEntry[]) undo(campaign, plans, entry);
  const unknown = [...plans.keys()].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    const { results } = await unitsById(db, unknown).all<{ id: number; name: string; path: string; depth: number; code: string }>();
    for (const u of results) known.set(u.id, { orgUnitId: u.id, orgUnitName: u.name, path: u.path, depth: u.depth, code: u.code, planRef: "", deadline: "" });
  }
  return {
    campaign,
    snapshot: (snapshot!.results as { id: number }[])[0]?.id ?? null,
    plans: [...plans.values()]
      .filter((p) => known.has(p.orgUnitId))
      .map((p) => ({ ...known.get(p.orgUnitId)!, planRef: p.planRef, deadline: p.deadline })),
  };
}

/**
 * The plans that matter at a scope, as `plansAt` lists them now: on its chain (the scope
 * and the units above it) and in its subtree, parents before children, by code.
 */
export function plansAround(plans: readonly PlanAt[], scopePath: string): PlanAt[] {
  return plans
    .filter((p) => p.path.startsWith(scopePath) || scopePath.startsWith(p.path))
    .sort((a, b) => a.depth - b.depth || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
