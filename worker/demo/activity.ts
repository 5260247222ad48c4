import type { D1Database } from "../cf-types.ts";
import { DEMO_CAMPAIGN, LEGACY_CAMPAIGN_PLAN_REF } from "./area.ts";
import { DemoClient } from "./client.ts";
import { readForm, type DemoForm } from "./forms.ts";
import { SAMPLES } from "./samples.ts";
import { unitIdsByCode } from "../sql/org-units.ts";
import { registrationStates } from "../sql/registrations.ts";
import type { DemoOfficer } from "./seed.ts";
import type { CampaignStory, ReviewMove } from "./story.ts";
import { PLANS_2023, STORY_2023 } from "./story-2023.ts";
import { CAMPAIGN_2026, STORY_2026 } from "./story-2026.ts";
import type { Campaign, CampaignDetail } from "../../shared/schemas/campaign.ts";
import type { Kind, ReviewState } from "../../shared/vocabulary.ts";

export interface DemoActivity {
  /** The demo's campaigns, oldest first. */
  campaigns: { id: number; year: number; title: string }[];
  /** Demo items an officer has changed since they were seeded: left as the officer made them. */
  kept: string[];
}

const ADMIN = "Trần Quốc Hưng";

interface ItemResult {
  id?: string | null;
  registrationId?: string | null;
  outcome: string;
  errors?: unknown;
}

/**
 * What the demo's officers did with the area seedDemo made, played through the API as
 * they would have done it from the pane: the admin sets the implementing plans and opens
 * a 2026 campaign, clerks file forms and add accounts, judges send score sheets, approvers
 * move models along the review states with their awards. Once: each step looks at what
 * is stored and does only what is missing, and never overwrites what an officer has
 * changed since (that item is left and named in `kept`).
 */
export async function seedDemoActivity(db: D1Database, officers: readonly DemoOfficer[]): Promise<DemoActivity> {
  const client = new DemoClient(db);
  const token = (name: string) => {
    const officer = officers.find((o) => o.name === name);
    if (!officer) throw new Error(`demo: no officer ${name}`);
    return officer.token;
  };
  const admin = token(ADMIN);
  const kept: string[] = [];

  const list = (await client.call<Campaign[]>(admin, "GET", "/campaigns")).body;
  const first = list.find((c) => c.year === DEMO_CAMPAIGN.year && c.title === DEMO_CAMPAIGN.title);
  if (!first) throw new Error("demo: the 2023 campaign is missing; run seedDemo first");
  if (first.planRef === LEGACY_CAMPAIGN_PLAN_REF) {
    await client.call(admin, "PATCH", `/admin/campaigns/${first.id}`, { planRef: DEMO_CAMPAIGN.planRef });
  }
  const units = await unitIdsByCode(db, PLANS_2023.map((p) => p.unit));
  const planned = new Set((await client.call<CampaignDetail>(admin, "GET", `/campaigns/${first.id}`)).body.plans.map((p) => p.orgUnitId));
  for (const plan of PLANS_2023) {
    const unitId = units.get(plan.unit)!;
    // A plan already set, perhaps changed since by an admin, stays as it is.
    if (!planned.has(unitId)) await client.call(admin, "PUT", `/admin/campaigns/${first.id}/plans/${unitId}`, { planRef: plan.planRef, deadline: plan.deadline });
  }

  let second = list.find((c) => c.year === CAMPAIGN_2026.year && c.title === CAMPAIGN_2026.title);
  if (!second) {
    const province = first.orgUnitId;
    second = (await client.call<Campaign>(admin, "POST", "/admin/campaigns", { orgUnitId: province, ...CAMPAIGN_2026 }, [201])).body;
  }

  for (const [campaign, story] of [[first, STORY_2023], [second, STORY_2026]] as const) {
    await play(client, db, await detail(client, admin, campaign.id), story, token, kept);
  }
  return { campaigns: [first, second].map((c) => ({ id: c.id, year: c.year, title: c.title })), kept };
}

async function detail(client: DemoClient, token: string, id: number): Promise<CampaignDetail> {
  return (await client.call<CampaignDetail>(token, "GET", `/campaigns/${id}`)).body;
}

/** Accepted, or left because an officer changed the item; anything else is a bug in the demo's data. */
function settle(results: ItemResult[], what: string, kept: string[]): void {
  for (const r of results) {
    const id = r.id ?? r.registrationId ?? "?";
    if (r.outcome === "conflict") kept.push(`${what} ${id}`);
    else if (!["created", "updated", "unchanged"].includes(r.outcome)) {
      throw new Error(`demo: ${what} ${id} was refused (${r.outcome}): ${JSON.stringify(r.errors)}`);
    }
  }
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

interface Stored {
  kind: Kind;
  review_state: ReviewState;
  deleted: number;
}

async function storedRegistrations(db: D1Database, ids: readonly string[]): Promise<Map<string, Stored>> {
  return (await registrationStates(db, ids)) as Map<string, Stored>;
}

async function play(
  client: DemoClient,
  db: D1Database,
  campaign: CampaignDetail,
  story: CampaignStory,
  token: (name: string) => string,
  kept: string[],
): Promise<void> {
  // Forms, and accounts added to forms filed before (their first version: an officer's later edit wins).
  const filed = new Map<string, DemoForm>([...SAMPLES, ...story.forms.map((f) => f.form)].map((f) => [f.id, f]));
  const pushes = [
    ...story.forms.map(({ clerk, form }) => ({ clerk, form, baseVersion: 0 })),
    ...story.accounts.map(({ clerk, id, account }) => ({ clerk, form: { ...filed.get(id)!, account }, baseVersion: 1 })),
  ];
  const unitIds = await unitIdsByCode(db, pushes.map((p) => p.form.unit));
  for (const [clerk, batch] of groupBy(pushes, (p) => p.clerk)) {
    const registrations = batch.map(({ form, baseVersion }) => ({
      id: form.id,
      baseVersion,
      ...readForm(form, unitIds.get(form.unit)!, campaign.levels, campaign.year),
    }));
    const answer = await client.call<{ results: ItemResult[] }>(token(clerk), "POST", "/sync", { campaignId: campaign.id, registrations, pull: false });
    settle(answer.body.results, "registration", kept);
  }

  // Score sheets, judge by judge, for models still in the running.
  const stored = await storedRegistrations(db, story.models.map((m) => m.id));
  const live = (id: string) => {
    const r = stored.get(id);
    return r && !r.deleted ? r : null;
  };
  const sheets = story.models.flatMap((m) =>
    Object.entries(m.scores ?? {}).flatMap(([judge, sheet]) => {
      const r = live(m.id);
      if (!r || r.review_state === "withdrawn") return [];
      const criteria = campaign.rubric[r.kind];
      if (criteria.length !== sheet.points.length) throw new Error(`demo: ${m.id} needs ${criteria.length} points`);
      const points = Object.fromEntries(criteria.map((c, i) => [c.key, sheet.points[i]!]));
      return [{ judge, score: { registrationId: m.id, baseVersion: 0, criteria: points, ...(sheet.comment ? { comment: sheet.comment } : {}) } }];
    }),
  );
  for (const [judge, batch] of groupBy(sheets, (s) => s.judge)) {
    const answer = await client.call<{ scoreResults: ItemResult[] }>(token(judge), "POST", "/sync", {
      campaignId: campaign.id,
      scores: batch.map((s) => s.score),
      pull: false,
    });
    settle(answer.body.scoreResults, "score", kept);
  }

  // Review moves, round by round: each model's next move, the same moves sent together.
  const pending = new Map<string, { by: string; moves: ReviewMove[] }>();
  for (const m of story.models) {
    const r = live(m.id);
    if (!m.review || !r) continue;
    const done = r.review_state === "registered" ? 0 : m.review.moves.findIndex((mv) => mv.to === r.review_state) + 1;
    if (done === 0 && r.review_state !== "registered") kept.push(`review ${m.id}`);
    else if (done < m.review.moves.length) pending.set(m.id, { by: m.review.by, moves: m.review.moves.slice(done) });
  }
  while (pending.size > 0) {
    const round = groupBy([...pending], ([, p]) => JSON.stringify([p.by, p.moves[0]]));
    for (const group of round.values()) {
      const [, { by, moves }] = group[0]!;
      const { to, note, award } = moves[0]!;
      const ids = group.map(([id]) => id);
      const answer = await client.call<{ results: ItemResult[] }>(token(by), "POST", "/review", { ids, to, note, ...(award ? { award } : {}) });
      for (const r of answer.body.results) {
        if (r.outcome === "conflict") {
          kept.push(`review ${r.id}`);
          pending.delete(r.id!);
        } else if (r.outcome !== "updated" && r.outcome !== "unchanged") {
          throw new Error(`demo: review of ${r.id} to ${to} was refused (${r.outcome}): ${JSON.stringify(r.errors)}`);
        }
      }
      for (const id of ids) {
        const p = pending.get(id);
        if (!p) continue;
        if (p.moves.length === 1) pending.delete(id);
        else pending.set(id, { by: p.by, moves: p.moves.slice(1) });
      }
    }
  }
}
