import type { D1Database } from "../cf-types.ts";
import { campaignSchema, lastChangeSchema, type Campaign, type CampaignDetail, type CampaignPlan } from "../../shared/schemas/campaign.ts";
import type { Level } from "../../shared/vocabulary.ts";
import { rubricSchema, type Rubric } from "../../shared/schemas/rubric.ts";
import { subtreeRange } from "./org-units.ts";

// Campaigns as officers see them (those they take part in), and as admins change them.

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

/**
 * The JSON columns read back through their schemas, like anything else the worker reads:
 * a stored rubric the rules no longer accept fails here, loudly, not inside a sum.
 */
const parseLevels = (text: string): Level[] => campaignSchema.shape.levels.parse(JSON.parse(text));
const parseExpectedKinds = (text: string): string[] => campaignSchema.shape.expectedKinds.parse(JSON.parse(text));
const parseRubric = (text: string): Rubric => rubricSchema.parse(JSON.parse(text));
const parseChangedFields = (text: string): string[] => lastChangeSchema.shape.fields.parse(JSON.parse(text));

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    orgUnitId: r.org_unit_id,
    year: r.year,
    title: r.title,
    planRef: r.plan_ref,
    deadline: r.deadline,
    levels: parseLevels(r.levels),
    expectedKinds: parseExpectedKinds(r.expected_kinds),
    registrationOpen: r.registration_open === 1,
    rubric: parseRubric(r.rubric),
    lastChange:
      r.changed_at === null
        ? null
        : { officerName: r.changed_by_name ?? "", at: r.changed_at, fields: parseChangedFields(r.changed_fields ?? "[]") },
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

// ---- What admins change ----

/** A campaign as its admin changes it, with the path of the unit that runs it (for the scope check). */
export interface OwnedCampaign {
  id: number;
  orgUnitId: number;
  unitPath: string;
  year: number;
  title: string;
  planRef: string | null;
  deadline: string;
  levels: Level[];
  expectedKinds: string[];
  rubric: Rubric;
}

/** A campaign and the path of the unit that runs it, whoever may see it: the admin routes check the scope. */
export async function campaignOwner(db: D1Database, id: number): Promise<OwnedCampaign | null> {
  const row = await db
    .prepare(
      `SELECT c.id, c.org_unit_id, u.path AS unit_path, c.year, c.title, c.plan_ref, c.deadline, c.levels, c.expected_kinds, c.rubric
       FROM campaigns c JOIN org_units u ON u.id = c.org_unit_id WHERE c.id = ?1`,
    )
    .bind(id)
    .first<Omit<CampaignRow, "registration_open" | "changed_at" | "changed_fields" | "changed_by_name"> & { unit_path: string }>();
  return (
    row && {
      id: row.id,
      orgUnitId: row.org_unit_id,
      unitPath: row.unit_path,
      year: row.year,
      title: row.title,
      planRef: row.plan_ref,
      deadline: row.deadline,
      levels: parseLevels(row.levels),
      expectedKinds: parseExpectedKinds(row.expected_kinds),
      rubric: parseRubric(row.rubric),
    }
  );
}

/** Inserts a campaign; null when the unit already runs one with that year and title. */
export async function insertCampaign(db: D1Database, c: NewCampaign, officerId: number, now: string): Promise<number | null> {
  const after = JSON.stringify({ ...c });
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO campaigns (org_unit_id, year, title, plan_ref, deadline, levels, expected_kinds, rubric)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (org_unit_id, year, title) DO NOTHING RETURNING id`,
      )
      .bind(c.orgUnitId, c.year, c.title, c.planRef, c.deadline, JSON.stringify(c.levels), JSON.stringify(c.expectedKinds), JSON.stringify(c.rubric)),
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, after)
         SELECT ?1, ?2, 'campaign', id, 'create', ?3 FROM campaigns WHERE org_unit_id = ?4 AND year = ?5 AND title = ?6 AND changes() > 0`,
      )
      .bind(now, officerId, after, c.orgUnitId, c.year, c.title),
  ]);
  return inserted!.results[0]?.id ?? null;
}

export async function hasScores(db: D1Database, campaignId: number): Promise<boolean> {
  return (await db.prepare(`SELECT 1 AS x FROM scores WHERE campaign_id = ?1 AND deleted = 0 LIMIT 1`).bind(campaignId).first()) !== null;
}

/**
 * Sets the rubric, audited (the stored one before, read in the same transaction) and
 * shown as the campaign's last change; nothing when it is the same.
 */
export async function updateRubric(db: D1Database, id: number, rubric: Rubric, officerId: number, now: string): Promise<void> {
  const after = JSON.stringify(rubric);
  await db.batch([
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
         SELECT ?1, ?2, 'campaign', ?3, 'rubric', rubric, ?5 FROM campaigns WHERE id = ?4 AND rubric IS NOT ?5`,
      )
      .bind(now, officerId, String(id), id, after),
    db
      .prepare(
        `UPDATE campaigns SET rubric = ?2, changed_at = ?3, changed_by = ?4, changed_fields = '["rubric"]'
         WHERE id = ?1 AND rubric IS NOT ?2`,
      )
      .bind(id, after, now, officerId),
  ]);
}

/** Opens or closes registration, audited and shown as the campaign's last change; nothing when it already is so. */
export async function setRegistrationOpen(db: D1Database, id: number, open: boolean, officerId: number, now: string): Promise<void> {
  await db.batch([
    db
      .prepare(
        `UPDATE campaigns SET registration_open = ?2, changed_at = ?3, changed_by = ?4, changed_fields = '["registrationOpen"]'
         WHERE id = ?1 AND registration_open <> ?2`,
      )
      .bind(id, open ? 1 : 0, now, officerId),
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, after)
         SELECT ?1, ?2, 'campaign', ?3, ?4, ?5 WHERE changes() > 0`,
      )
      .bind(now, officerId, String(id), open ? "reopen" : "close", JSON.stringify({ registrationOpen: open })),
  ]);
}

/** What `PATCH /admin/campaigns/:id` may change, by its key on the wire. */
export interface CampaignChanges {
  title?: string;
  planRef?: string | null;
  deadline?: string;
  levels?: readonly Level[];
  expectedKinds?: readonly string[];
}
export type CampaignChangeKey = keyof CampaignChanges;

/** Each changeable key's column, and how the audit reads its stored value back as JSON. */
const COLUMNS: Record<CampaignChangeKey, { column: string; read: string }> = {
  title: { column: "title", read: "title" },
  planRef: { column: "plan_ref", read: "plan_ref" },
  deadline: { column: "deadline", read: "deadline" },
  levels: { column: "levels", read: "json(levels)" },
  expectedKinds: { column: "expected_kinds", read: "json(expected_kinds)" },
};
const KEYS = Object.keys(COLUMNS) as CampaignChangeKey[];

/** Registrations of the campaign (not deleted, withdrawn included) per level code among `codes`. */
export async function levelsInUse(db: D1Database, campaignId: number, codes: readonly string[]): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(
      `SELECT level, count(*) AS n FROM registrations
       WHERE campaign_id = ?1 AND deleted = 0 AND level IN (SELECT value FROM json_each(?2)) GROUP BY level`,
    )
    .bind(campaignId, JSON.stringify(codes))
    .all<{ level: string; n: number }>();
  return new Map(results.map((r) => [r.level, r.n]));
}

/**
 * Applies the changed keys in one transaction with their audit entry (only those keys,
 * before and after) and the campaign's last change. `droppedLevels` are re-checked inside
 * the same statements, so a registration filed with one meanwhile stops the change:
 * false then, and nothing is written.
 */
export async function updateCampaign(
  db: D1Database,
  id: number,
  changes: CampaignChanges,
  droppedLevels: readonly string[],
  officerId: number,
  now: string,
): Promise<boolean> {
  const keys = KEYS.filter((k) => k in changes);
  const values = keys.map((k) => {
    const v = changes[k];
    return k === "levels" || k === "expectedKinds" ? JSON.stringify(v) : (v as string | null);
  });
  // ?1 id, ?2 dropped levels, ?3 now, ?4 officer, ?5 fields, ?6 after, ?7 the id as the
  // audit's text (D1 binds numbers as reals: 2 would read "2.0"); then one per key.
  const guard = `NOT EXISTS (SELECT 1 FROM registrations r WHERE r.campaign_id = ?1 AND r.deleted = 0
    AND r.level IN (SELECT value FROM json_each(?2)))`;
  const before = `json_object(${keys.map((k) => `'${k}', ${COLUMNS[k].read}`).join(", ")})`;
  const set = keys.map((k, i) => `${COLUMNS[k].column} = ?${i + 8}`).join(", ");
  const after = JSON.stringify(Object.fromEntries(keys.map((k) => [k, changes[k]])));
  const binds = [id, JSON.stringify(droppedLevels), now, officerId, JSON.stringify(keys), after, String(id), ...values];
  const [, updated] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
         SELECT ?3, ?4, 'campaign', ?7, 'update', ${before}, ?6 FROM campaigns WHERE id = ?1 AND ${guard}`,
      )
      .bind(...binds.slice(0, 7)),
    db
      .prepare(
        `UPDATE campaigns SET ${set}, changed_at = ?3, changed_by = ?4, changed_fields = ?5
         WHERE id = ?1 AND ${guard} RETURNING id`,
      )
      .bind(...binds),
  ]);
  return updated!.results.length > 0;
}

/**
 * Sets a unit's implementing plan: created or changed, with its audit entry (before
 * read inside the same transaction); nothing at all when it is already so.
 */
export async function setPlan(
  db: D1Database,
  campaignId: number,
  orgUnitId: number,
  plan: { planRef: string; deadline: string },
  officerId: number,
  now: string,
): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
         SELECT ?5, ?6, 'campaign', ?7,
           CASE WHEN p.org_unit_id IS NULL THEN 'plan_create' ELSE 'plan_update' END,
           CASE WHEN p.org_unit_id IS NULL THEN NULL
             ELSE json_object('orgUnitId', p.org_unit_id, 'planRef', p.plan_ref, 'deadline', p.deadline) END,
           json_object('orgUnitId', CAST(?2 AS INTEGER), 'planRef', ?3, 'deadline', ?4)
         FROM (SELECT 1) LEFT JOIN campaign_plans p ON p.campaign_id = ?1 AND p.org_unit_id = ?2
         WHERE p.org_unit_id IS NULL OR p.plan_ref IS NOT ?3 OR p.deadline IS NOT ?4`,
      )
      .bind(campaignId, orgUnitId, plan.planRef, plan.deadline, now, officerId, String(campaignId)),
    db
      .prepare(
        `INSERT INTO campaign_plans (campaign_id, org_unit_id, plan_ref, deadline) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (campaign_id, org_unit_id) DO UPDATE SET plan_ref = excluded.plan_ref, deadline = excluded.deadline
         WHERE plan_ref IS NOT excluded.plan_ref OR deadline IS NOT excluded.deadline`,
      )
      .bind(campaignId, orgUnitId, plan.planRef, plan.deadline),
  ]);
}

/** Removes a unit's implementing plan with its audit entry; false when it had none. */
export async function deletePlan(db: D1Database, campaignId: number, orgUnitId: number, officerId: number, now: string): Promise<boolean> {
  const [, deleted] = await db.batch<{ org_unit_id: number }>([
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before)
         SELECT ?3, ?4, 'campaign', ?5, 'plan_delete', json_object('orgUnitId', org_unit_id, 'planRef', plan_ref, 'deadline', deadline)
         FROM campaign_plans WHERE campaign_id = ?1 AND org_unit_id = ?2`,
      )
      .bind(campaignId, orgUnitId, now, officerId, String(campaignId)),
    db.prepare(`DELETE FROM campaign_plans WHERE campaign_id = ?1 AND org_unit_id = ?2 RETURNING org_unit_id`).bind(campaignId, orgUnitId),
  ]);
  return deleted!.results.length > 0;
}
