// On time or late (PRODUCT.md "API", "Implementing plans"): a registration is on time
// when it was handed in on or before the deadline of the nearest implementing plan at or
// above its unit, else the campaign's. Every deadline is the last day that counts.

/** What timeliness needs of a plan: the unit it covers (with everything under it) and its deadline. */
export interface PlanDeadline {
  orgUnitId: number;
  deadline: string;
}

/** The ids of a materialised path, root first: "/1/7/42/" → [1, 7, 42]. */
function idsOf(path: string | readonly number[]): readonly number[] {
  if (typeof path !== "string") return path;
  return path.split("/").filter((s) => s !== "").map(Number);
}

/**
 * The last day that counts as on time for a unit. `unitPath` is the unit's chain of ids
 * from the top down to the unit itself: the server's materialised path ("/1/7/42/") or
 * the same ids in an array. A chain that starts lower is enough as long as it holds,
 * in order, every unit above that has a plan: the add-in, which knows only its own
 * subtree, puts first the ids of the plans `GET /campaigns/:id` lists above its scope
 * (they come parents first), then the chain from its scope down.
 */
export function deadlineFor(campaignDeadline: string, plans: readonly PlanDeadline[], unitPath: string | readonly number[]): string {
  if (plans.length === 0) return campaignDeadline;
  const byUnit = new Map(plans.map((p) => [p.orgUnitId, p.deadline]));
  const chain = idsOf(unitPath);
  for (let i = chain.length - 1; i >= 0; i--) {
    const deadline = byUnit.get(chain[i]!);
    if (deadline !== undefined) return deadline;
  }
  return campaignDeadline;
}
