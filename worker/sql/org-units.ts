import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import type { OrgUnitMove, OrgUnitWrite } from "../admin/plan-org-units.ts";
import { packByBytes } from "./json-params.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";

export interface OrgUnitRow {
  id: number;
  parent_id: number | null;
  code: string;
  name: string;
  kind: string;
  path: string;
  depth: number;
}

/**
 * The half-open range of `path` values in the subtree at `path` (itself included):
 * ids are digits and '/' is the character before '0', so every descendant's path sorts
 * in [path, path-with-its-last-'/'-turned-into-'0').
 */
export function subtreeRange(path: string): [string, string] {
  return [path, `${path.slice(0, -1)}0`];
}

export function isInSubtree(path: string, rootPath: string): boolean {
  return path.startsWith(rootPath);
}

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return { id: row.id, parentId: row.parent_id, name: row.name, kind: row.kind, code: row.code };
}

/**
 * Paths compared id by id as numbers: depth-first, a unit before the units under it,
 * siblings in the order they were added. As text, '/1/100/' would sort before '/1/98/'.
 */
export function comparePaths(a: string, b: string): number {
  const x = a.slice(1, -1).split("/");
  const y = b.slice(1, -1).split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = Number(x[i]) - Number(y[i]);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** The subtree at `rootPath`, parents before children, siblings in the order they were added. */
export async function listSubtree(db: D1Database, rootPath: string): Promise<OrgUnitRow[]> {
  const [from, to] = subtreeRange(rootPath);
  const { results } = await db
    .prepare(
      `SELECT id, parent_id, code, name, kind, path, depth FROM org_units
       WHERE path >= ?1 AND path < ?2`,
    )
    .bind(from, to)
    .all<OrgUnitRow>();
  return results.sort((a, b) => comparePaths(a.path, b.path));
}

export async function getOrgUnit(db: D1Database, id: number): Promise<OrgUnitRow | null> {
  return db
    .prepare(`SELECT id, parent_id, code, name, kind, path, depth FROM org_units WHERE id = ?1`)
    .bind(id)
    .first<OrgUnitRow>();
}

/** The name of the unit above `unitId` (a document's body above), null at the top. */
export async function parentName(db: D1Database, unitId: number): Promise<string | null> {
  const row = await db
    .prepare(`SELECT p.name FROM org_units u JOIN org_units p ON p.id = u.parent_id WHERE u.id = ?1`)
    .bind(unitId)
    .first<{ name: string }>();
  return row?.name ?? null;
}

/** Each unit's kind, by id. */
export async function unitKinds(db: D1Database, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(`SELECT id, kind FROM org_units WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<{ id: number; kind: string }>();
  return new Map(results.map((u) => [u.id, u.kind]));
}

export async function getOrgUnitByCode(db: D1Database, code: string): Promise<OrgUnitRow | null> {
  return db
    .prepare(`SELECT id, parent_id, code, name, kind, path, depth FROM org_units WHERE code = ?1`)
    .bind(code)
    .first<OrgUnitRow>();
}

/** The paths of the units with these ids (those that exist), for a batch. */
export function selectUnitPaths(db: D1Database, ids: readonly number[]): D1PreparedStatement {
  return db.prepare(`SELECT id, path FROM org_units WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids));
}

/**
 * Inserts units that do not exist yet (by code), parents first, and fills in their
 * paths. Existing units are left as they are: this is the seed's idempotent insert,
 * not the admin's upsert.
 */
export async function insertMissingOrgUnits(
  db: D1Database,
  units: readonly { code: string; name: string; kind: string; parentCode: string | null }[],
): Promise<void> {
  const statements = units.flatMap((u) => [
    db
      .prepare(
        `INSERT INTO org_units (parent_id, code, name, kind, path, depth)
         VALUES ((SELECT id FROM org_units WHERE code = ?1), ?2, ?3, ?4, '', 0)
         ON CONFLICT (code) DO NOTHING`,
      )
      .bind(u.parentCode, u.code, u.name, u.kind),
    db
      .prepare(
        `UPDATE org_units SET
           path = COALESCE((SELECT p.path FROM org_units p WHERE p.id = org_units.parent_id), '/') || id || '/',
           depth = COALESCE((SELECT p.depth + 1 FROM org_units p WHERE p.id = org_units.parent_id), 0)
         WHERE code = ?1 AND path = ''`,
      )
      .bind(u.code),
  ]);
  // Batches run in one transaction; chunks keep each under D1's statement limits.
  for (let i = 0; i < statements.length; i += 200) await db.batch(statements.slice(i, i + 200));
}

// ---- The admin's list of units ----

/** Stored units with any of `codes`. */
export async function readByCodes(db: D1Database, codes: readonly string[]): Promise<OrgUnitRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, parent_id, code, name, kind, path, depth FROM org_units
       WHERE code IN (SELECT value FROM json_each(?1))`,
    )
    .bind(JSON.stringify(codes))
    .all<OrgUnitRow>();
  return results;
}

export async function nextOrgUnitId(db: D1Database): Promise<number> {
  const row = await db.prepare(`SELECT coalesce(max(id), 0) + 1 AS next FROM org_units`).first<{ next: number }>();
  return row!.next;
}

/**
 * One transaction for a whole list: new units (parents first), moved subtrees (deepest
 * first), renamed and re-kinded units, registrations under moved units brought to the
 * front of the change sequence (so clerks of their new area pull them), and the audit.
 */
export function orgUnitStatements(
  db: D1Database,
  writes: readonly OrgUnitWrite[],
  moves: readonly OrgUnitMove[],
  officerId: number,
  now: string,
): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  const created = writes.filter((w) => w.action === "create");
  const updated = writes.filter((w) => w.action === "update");
  const row = (w: OrgUnitWrite) => JSON.stringify([w.id, w.parentId, w.code, w.name, w.kind, w.path, w.depth]);
  for (const chunk of packByBytes(created, row)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO org_units (id, parent_id, code, name, kind, path, depth, created_at, updated_at)
           SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, ?2, ?2
           FROM json_each(?1) j`,
        )
        .bind(chunk, now),
    );
  }
  for (const m of moves) {
    const [from, to] = subtreeRange(m.oldPath);
    statements.push(
      db
        .prepare(
          `UPDATE org_units SET path = ?3 || substr(path, length(?1) + 1), depth = depth + ?4, updated_at = ?5
           WHERE path >= ?1 AND path < ?2`,
        )
        .bind(from, to, m.newPath, m.depthDelta, now),
    );
  }
  for (const chunk of packByBytes(updated, row)) {
    statements.push(
      db
        .prepare(
          `UPDATE org_units SET parent_id = j.value ->> 1, name = j.value ->> 3, kind = j.value ->> 4,
             path = j.value ->> 5, depth = j.value ->> 6, updated_at = ?2
           FROM json_each(?1) j WHERE org_units.id = j.value ->> 0`,
        )
        .bind(chunk, now),
    );
  }
  for (const m of moves) {
    const [from, to] = subtreeRange(m.newPath);
    // Units drive, campaigns are few: each lookup is a seek in registrations_report.
    const moved = `SELECT r.id, row_number() OVER (ORDER BY r.id) AS rn FROM org_units u
      CROSS JOIN campaigns c CROSS JOIN registrations r ON r.campaign_id = c.id AND r.org_unit_id = u.id
      WHERE u.path >= ?1 AND u.path < ?2`;
    statements.push(
      db
        .prepare(`UPDATE counters SET value = value + (SELECT count(*) FROM (${moved})) WHERE name = 'change_seq'`)
        .bind(from, to),
      db
        .prepare(
          `WITH m AS (${moved})
           UPDATE registrations SET seq = (SELECT value FROM counters WHERE name = 'change_seq') - (SELECT count(*) FROM m) + m.rn
           FROM m WHERE registrations.id = m.id`,
        )
        .bind(from, to),
    );
  }
  const audit = (w: OrgUnitWrite) =>
    JSON.stringify({
      id: String(w.id),
      action: w.action,
      before: w.before && { code: w.before.code, name: w.before.name, kind: w.before.kind, parentId: w.before.parent_id, path: w.before.path },
      after: { code: w.code, name: w.name, kind: w.kind, parentId: w.parentId, path: w.path },
    });
  for (const chunk of packByBytes(writes, audit)) {
    statements.push(
      db
        .prepare(
          `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, before, after)
           SELECT ?2, ?3, 'org_unit', j.value ->> 'id', j.value ->> 'action', j.value ->> 'before', j.value ->> 'after'
           FROM json_each(?1) j`,
        )
        .bind(chunk, now, officerId),
    );
  }
  return statements;
}

/** Ids of units by code, for the codes asked. */
export async function unitIdsByCode(db: D1Database, codes: readonly string[]): Promise<Map<string, number>> {
  const { results } = await db
    .prepare(`SELECT id, code FROM org_units WHERE code IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(codes))
    .all<{ id: number; code: string }>();
  return new Map(results.map((u) => [u.code, u.id]));
}

/** Gives units new codes in place ([old, new] pairs), unless a unit already holds the new code. */
export async function recodeUnits(db: D1Database, pairs: readonly (readonly [string, string])[], now: string): Promise<void> {
  await db
    .prepare(
      `UPDATE org_units SET code = j.value ->> 1, updated_at = ?2
       FROM json_each(?1) j
       WHERE org_units.code = j.value ->> 0 AND NOT EXISTS (SELECT 1 FROM org_units o WHERE o.code = j.value ->> 1)`,
    )
    .bind(JSON.stringify(pairs), now)
    .run();
}
