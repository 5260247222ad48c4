import type { D1Database } from "../cf-types.ts";
import type { Campaign, CampaignDetail, CampaignPlan } from "../../shared/schemas/campaign.ts";
import type { Level } from "../../shared/vocabulary.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { subtreeRange } from "./org-units.ts";

interface CampaignRow {
  id: number;
  org_unit_id: number;
  year: number;
  title: string;
  plan_ref: string | null;
  deadline: string;
  levels: string;
  expected_kinds: string;
  rubric: string;
  registration_open: number;
  changed_at: string | null;
  changed_fields: string | null;
  changed_by_name: string | null;
}

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    orgUnitId: r.org_unit_id,
    year: r.year,
    title: r.title,
    planRef: r.plan_ref,
    deadline: r.deadline,
    levels: JSON.parse(r.levels) as Level[],
    expectedKinds: JSON.parse(r.expected_kinds) as string[],
    registrationOpen: r.registration_open === 1,
    rubric: JSON.parse(r.rubric) as Rubric,
    lastChange:
      r.changed_at === null
        ? null
        : { officerName: r.changed_by_name ?? "", at: r.changed_at, fields: JSON.parse(r.changed_fields ?? "[]") as string[] },
  };
}

/**
 * Campaigns an officer takes part in: those run by a unit on the way from the root to
 * the scope (a province's campaign reaches every commune) and those run inside it.
 */
const VISIBLE = `(instr(?1, '/' || c.org_unit_id || '/') > 0 OR (u.path >= ?2 AND u.path < ?3))`;
const CAMPAIGN = `SELECT c.*, o.name AS changed_by_name FROM campaigns c JOIN org_units u ON u.id = c.org_unit_id
  LEFT JOIN officers o ON o.id = c.changed_by`;

export async function listVisibleCampaigns(db: D1Database, scopePath: string): Promise<Campaign[]> {
  const [from, to] = subtreeRange(scopePath);
  const { results } = await db
    .prepare(
      `${CAMPAIGN} WHERE ${VISIBLE} ORDER BY c.year DESC, c.id DESC`,
    )
    .bind(scopePath, from, to)
    .all<CampaignRow>();
  return results.map(toCampaign);
}

export async function getVisibleCampaign(db: D1Database, scopePath: string, id: number): Promise<Campaign | null> {
  const row = await visibleCampaign(db, scopePath, id).first<CampaignRow>();
  return row ? toCampaign(row) : null;
}

function visibleCampaign(db: D1Database, scopePath: string, id: number) {
  const [from, to] = subtreeRange(scopePath);
  return db.prepare(`${CAMPAIGN} WHERE c.id = ?4 AND ${VISIBLE}`).bind(scopePath, from, to, id);
}

/**
 * The implementing plans of a campaign that matter at `path`: on its chain (the unit
 * and those above it) and in its subtree, parents before children (by depth, then code).
 */
export function plansAt(db: D1Database, campaignId: number, path: string) {
  const [from, to] = subtreeRange(path);
  return db
    .prepare(
      `SELECT p.org_unit_id AS orgUnitId, u.name AS orgUnitName, p.plan_ref AS planRef, p.deadline
       FROM campaign_plans p JOIN org_units u ON u.id = p.org_unit_id
       WHERE p.campaign_id = ?1 AND ((u.path >= ?2 AND u.path < ?3) OR instr(?2, u.path) = 1)
       ORDER BY u.depth, u.code`,
    )
    .bind(campaignId, from, to);
}

/** A campaign the caller takes part in, with the plans on the caller's chain and in the caller's subtree; one round trip. */
export async function getVisibleCampaignDetail(db: D1Database, scopePath: string, id: number): Promise<CampaignDetail | null> {
  const [campaign, plans] = await db.batch<unknown>([visibleCampaign(db, scopePath, id), plansAt(db, id, scopePath)]);
  const row = campaign!.results[0] as CampaignRow | undefined;
  return row ? { ...toCampaign(row), plans: plans!.results as CampaignPlan[] } : null;
}

export interface NewCampaign {
  orgUnitId: number;
  year: number;
  title: string;
  planRef: string | null;
  deadline: string;
  levels: readonly Level[];
  expectedKinds: readonly string[];
  rubric: Rubric;
}

/** Inserts a campaign unless one with the same unit, year and title exists; returns its id. */
export async function ensureCampaign(db: D1Database, c: NewCampaign): Promise<number> {
  await db
    .prepare(
      `INSERT INTO campaigns (org_unit_id, year, title, plan_ref, deadline, levels, expected_kinds, rubric)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (org_unit_id, year, title) DO NOTHING`,
    )
    .bind(
      c.orgUnitId,
      c.year,
      c.title,
      c.planRef,
      c.deadline,
      JSON.stringify(c.levels),
      JSON.stringify(c.expectedKinds),
      JSON.stringify(c.rubric),
    )
    .run();
  const row = await db
    .prepare(`SELECT id FROM campaigns WHERE org_unit_id = ?1 AND year = ?2 AND title = ?3`)
    .bind(c.orgUnitId, c.year, c.title)
    .first<{ id: number }>();
  if (!row) throw new Error("campaign missing after insert");
  return row.id;
}
