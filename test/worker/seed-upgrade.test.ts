import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoActivity } from "../../worker/demo/activity.ts";
import { DEMO_CAMPAIGN, demoUnits, LEGACY_CAMPAIGN_PLAN_REF } from "../../worker/demo/area.ts";
import { seedDemo, type DemoOfficer } from "../../worker/demo/seed.ts";

// A local database seeded by the first demo (units coded DEMO-38-…, no agencies and no
// lower secondary schools, the district's plan on the province's campaign, no district
// clerk, sample forms without their period as written) must come out of `npm start` as
// the demo of today: the same units re-coded in place, nothing doubled, tokens kept.

const db = env.DB;
let old: DemoOfficer[];
let idsBefore: Map<string, number>;

beforeAll(async () => {
  old = await seedDemo(db);
  // Turn it back into the first demo.
  const units = demoUnits();
  const added = units.filter((u) => u.legacyCode === null).map((u) => u.code);
  const recoded = units.filter((u) => u.legacyCode !== null).map((u) => [u.code, u.legacyCode]);
  await db.batch([
    db.prepare("DELETE FROM officers WHERE name = 'Đinh Thị Nga'"),
    db.prepare("DELETE FROM org_units WHERE code IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(added)),
    db.prepare("UPDATE org_units SET code = j.value ->> 1 FROM json_each(?1) j WHERE org_units.code = j.value ->> 0").bind(JSON.stringify(recoded)),
    db.prepare("UPDATE campaigns SET plan_ref = ?1").bind(LEGACY_CAMPAIGN_PLAN_REF),
    db.prepare("UPDATE registrations SET period_text = NULL"),
  ]);
  const { results } = await db.prepare("SELECT id, code FROM org_units").all<{ id: number; code: string }>();
  idsBefore = new Map(results.map((u) => [u.code, u.id]));
  expect(idsBefore.get("DEMO-38-HT-HAGIANG-TTRUNGCHINH")).toBeDefined();
  old = old.filter((o) => o.name !== "Đinh Thị Nga");
});

describe("npm start on a database of the first demo", () => {
  it("re-codes its units in place, adds the new ones, keeps the tokens and plays the demo's activity", async () => {
    const officers = await seedDemo(db, old.map((o) => o.token));
    expect(officers.slice(0, old.length).map((o) => o.token)).toEqual(old.map((o) => o.token));
    const activity = await seedDemoActivity(db, officers);
    expect(activity.kept).toEqual([]);

    const { results } = await db.prepare("SELECT id, code FROM org_units").all<{ id: number; code: string }>();
    expect(results).toHaveLength(demoUnits().length);
    const after = new Map(results.map((u) => [u.code, u.id]));
    for (const u of demoUnits().filter((x) => x.legacyCode !== null)) expect(after.get(u.code), u.code).toBe(idsBefore.get(u.legacyCode!));
    expect(results.filter((u) => u.code.startsWith("DEMO-"))).toEqual([]);
    expect(after.get("04861001")).toBe(idsBefore.get("DEMO-38-HT-HAGIANG-TTRUNGCHINH"));

    const campaign = await db.prepare("SELECT id, plan_ref FROM campaigns WHERE year = 2023").first<{ id: number; plan_ref: string }>();
    expect(campaign!.plan_ref).toBe(DEMO_CAMPAIGN.planRef);
    const audit = await db.prepare("SELECT before, after FROM audit_log WHERE entity = 'campaign' AND entity_id = ?1 AND action = 'update'").bind(String(campaign!.id)).all();
    expect(audit.results).toEqual([{ before: JSON.stringify({ planRef: LEGACY_CAMPAIGN_PLAN_REF }), after: JSON.stringify({ planRef: DEMO_CAMPAIGN.planRef }) }]);
    const plans = await db.prepare("SELECT plan_ref FROM campaign_plans ORDER BY plan_ref").all();
    expect(plans.results).toEqual([{ plan_ref: "Kế hoạch số 113-KH/ĐU ngày 23/02/2023" }, { plan_ref: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023" }]);
    const counts = await db.prepare("SELECT (SELECT count(*) FROM registrations) AS registrations, (SELECT count(*) FROM scores) AS scores").first();
    expect(counts).toEqual({ registrations: 15 + 12 + 5, scores: 31 });
  });
});
