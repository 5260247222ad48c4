import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";

// Migration 0007 rebuilds `registrations` (SQLite cannot drop NOT NULL) while scores
// and consolidated scores reference it and D1 enforces foreign keys. The setup file has
// already migrated this file's database to the end on empty tables, which proves little;
// here the database is emptied, migrated to just before 0007, given registrations,
// scores, a summary and their audit, and then given 0007 alone (later migrations add
// their own indexes), exactly as `applyD1Migrations` (one batch per migration) does.

const REBUILD = "0007_registration_account_awards.sql";
const db = env.DB;

async function emptyDatabase(): Promise<void> {
  const { results } = await db
    .prepare(`SELECT type, name FROM sqlite_master WHERE substr(name, 1, 7) <> 'sqlite_' AND substr(name, 1, 4) <> '_cf_' AND type IN ('table', 'trigger', 'view')`)
    .all<{ type: string; name: string }>();
  const order = (t: string) => ["trigger", "view", "table"].indexOf(t);
  const drops = results.sort((a, b) => order(a.type) - order(b.type)).map((o) => db.prepare(`DROP ${o.type.toUpperCase()} "${o.name}"`));
  await db.batch([db.prepare("PRAGMA defer_foreign_keys = on"), ...drops, db.prepare("PRAGMA defer_foreign_keys = off")]);
}

async function migrate(which: (name: string) => boolean): Promise<void> {
  for (const m of env.TEST_MIGRATIONS.filter((m) => which(m.name))) await db.batch(m.queries.map((q) => db.prepare(q)));
}

const REG = ["5b9b1f6e-1c0a-4d2e-9a1b-0000000000a1", "5b9b1f6e-1c0a-4d2e-9a1b-0000000000a2"];
const NOW = "2023-03-20T01:00:00.000Z";

beforeAll(async () => {
  await emptyDatabase();
  await migrate((name) => name < REBUILD);
  await db.batch([
    db.prepare(`INSERT INTO org_units (id, code, name, kind, path, depth) VALUES (1, '00001', 'Xã Hà Giang', 'commune', '/1/', 0)`),
    db.prepare(
      `INSERT INTO campaigns (id, org_unit_id, year, title, deadline, levels, expected_kinds, rubric)
       VALUES (1, 1, 2023, 'Dân vận khéo 2023', '2023-03-25', '[]', '[]', '{}')`,
    ),
    db.prepare(`INSERT INTO officers (id, name, roles, scope_id, unit_id, token_hash) VALUES (1, 'Thư ký', '["clerk"]', 1, 1, 'h1'), (2, 'Giám khảo', '["judge"]', 1, 1, 'h2')`),
    ...REG.map((id, i) =>
      db
        .prepare(
          `INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, model_name, field, expected_benefit,
             start_date, end_date, level, submitted_at, review_state, version, seq, created_at, created_by, updated_at, updated_by)
           VALUES (?1, 1, 1, 'collective', 'Chi bộ thôn', ?2, 'economy', 1000, '2023-03-01', '2023-11-30', 'grassroots',
             '2023-03-20', 'recognized', 1, ?3, ?4, 1, ?4, 1)`,
        )
        .bind(id, `Mô hình ${i + 1}`, i + 1, NOW),
    ),
    db.prepare(
      `INSERT INTO scores (registration_id, judge_id, campaign_id, criteria, total, any_zero, version, seq, created_at, updated_at)
       VALUES (?1, 2, 1, '{"a":18}', 18, 0, 1, 3, ?2, ?2)`,
    ).bind(REG[0], NOW),
    db.prepare(
      `INSERT INTO score_summaries (registration_id, campaign_id, judges, mean, median, min_total, max_total, spread, flagged, zero_majority, rating)
       VALUES (?1, 1, 1, 18, 18, 18, 18, 0, 0, 0, 'fail')`,
    ).bind(REG[0]),
  ]);
  await migrate((name) => name === REBUILD);
});

describe("migration 0007 on a database with registrations that scores reference", () => {
  it("keeps every registration, its review state and the rows that reference it", async () => {
    const rows = await db.prepare("SELECT id, model_name, review_state, start_date, end_date, version, seq FROM registrations ORDER BY id").all();
    expect(rows.results).toEqual([
      { id: REG[0], model_name: "Mô hình 1", review_state: "recognized", start_date: "2023-03-01", end_date: "2023-11-30", version: 1, seq: 1 },
      { id: REG[1], model_name: "Mô hình 2", review_state: "recognized", start_date: "2023-03-01", end_date: "2023-11-30", version: 1, seq: 2 },
    ]);
    const joined = await db
      .prepare("SELECT s.total, m.mean, r.model_name FROM scores s JOIN score_summaries m USING (registration_id) JOIN registrations r ON r.id = s.registration_id")
      .all();
    expect(joined.results).toEqual([{ total: 18, mean: 18, model_name: "Mô hình 1" }]);
    expect((await db.prepare("PRAGMA foreign_key_check").all()).results).toEqual([]);
  });

  it("leaves foreign keys enforced: a score for no registration is refused", async () => {
    await expect(
      db
        .prepare(
          `INSERT INTO scores (registration_id, judge_id, campaign_id, criteria, total, any_zero, version, seq, created_at, updated_at)
           VALUES ('5b9b1f6e-1c0a-4d2e-9a1b-0000000000ff', 2, 1, '{}', 0, 0, 1, 9, ?1, ?1)`,
        )
        .bind(NOW)
        .run(),
    ).rejects.toThrow(/FOREIGN KEY/);
    // And a registration that scores still reference cannot simply go.
    await expect(db.prepare("DELETE FROM registrations WHERE id = ?1").bind(REG[0]).run()).rejects.toThrow(/FOREIGN KEY/);
  });

  it("recreates the indexes and the audit triggers, which now audit the new items", async () => {
    const names = (await db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'registrations' AND type <> 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all()).results;
    expect(names).toEqual([
      { type: "trigger", name: "registrations_audit_insert" },
      { type: "trigger", name: "registrations_audit_update" },
      { type: "index", name: "registrations_campaign_seq" },
      { type: "index", name: "registrations_report" },
    ]);
    expect((await db.prepare("SELECT count(*) n FROM sqlite_master WHERE name LIKE 'migration_0007%'").first<{ n: number }>())!.n).toBe(0);
    await db
      .prepare(
        `UPDATE registrations SET end_date = NULL, period_text = 'Từ tháng 3/2023', description = 'Thuyết minh', participants = 40,
           version = 2, updated_at = ?2 WHERE id = ?1`,
      )
      .bind(REG[1], NOW)
      .run();
    const audit = await db.prepare("SELECT action, before, after FROM audit_log WHERE entity_id = ?1 ORDER BY id").bind(REG[1]).all<{ action: string; before: string; after: string }>();
    // The create was audited by 0002's trigger, before the rebuild; the update by 0007's.
    expect(audit.results.map((a) => a.action)).toEqual(["create", "update"]);
    audit.results.shift();
    expect(JSON.parse(audit.results[0]!.before)).toMatchObject({ endDate: "2023-11-30", periodText: null, description: null, participants: null });
    expect(JSON.parse(audit.results[0]!.after)).toMatchObject({ endDate: null, periodText: "Từ tháng 3/2023", description: "Thuyết minh", participants: 40 });
  });

  it("accepts a registration with neither start nor end, which the old table refused", async () => {
    await db
      .prepare(
        `INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, model_name, field, start_date, end_date, period_text,
           level, submitted_at, version, seq, created_at, created_by, updated_at, updated_by)
         VALUES ('5b9b1f6e-1c0a-4d2e-9a1b-0000000000a3', 1, 1, 'collective', 'Chi bộ thôn', 'Mô hình 3', 'economy', NULL, NULL,
           'Thường xuyên', 'grassroots', '2023-03-20', 1, 10, ?1, 1, ?1, 1)`,
      )
      .bind(NOW)
      .run();
    const audit = await db.prepare("SELECT after FROM audit_log WHERE entity_id = '5b9b1f6e-1c0a-4d2e-9a1b-0000000000a3'").first<{ after: string }>();
    expect(JSON.parse(audit!.after)).toMatchObject({ startDate: null, endDate: null, periodText: "Thường xuyên" });
  });
});
