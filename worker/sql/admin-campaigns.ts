import type { D1Database } from "../cf-types.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import type { NewCampaign } from "./campaigns.ts";

/** A campaign and the path of the unit that runs it, for the admin's scope check. */
export async function campaignOwner(db: D1Database, id: number): Promise<{ id: number; unit_path: string; rubric: string; registration_open: number } | null> {
  return db
    .prepare(
      `SELECT c.id, u.path AS unit_path, c.rubric, c.registration_open FROM campaigns c
       JOIN org_units u ON u.id = c.org_unit_id WHERE c.id = ?1`,
    )
    .bind(id)
    .first();
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

export async function updateRubric(db: D1Database, id: number, before: string, rubric: Rubric, officerId: number, now: string): Promise<void> {
  const after = JSON.stringify(rubric);
  await db.batch([
    db.prepare(`UPDATE campaigns SET rubric = ?2 WHERE id = ?1`).bind(id, after),
    db
      .prepare(`INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after) VALUES (?1, ?2, 'campaign', ?3, 'rubric', ?4, ?5)`)
      .bind(now, officerId, String(id), before, after),
  ]);
}

export async function setRegistrationOpen(db: D1Database, id: number, open: boolean, officerId: number, now: string): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE campaigns SET registration_open = ?2 WHERE id = ?1`).bind(id, open ? 1 : 0),
    db
      .prepare(`INSERT INTO audit_log (at, officer_id, entity, entity_id, action, after) VALUES (?1, ?2, 'campaign', ?3, ?4, ?5)`)
      .bind(now, officerId, String(id), open ? "reopen" : "close", JSON.stringify({ registrationOpen: open })),
  ]);
}
