import type { D1Database } from "../cf-types.ts";
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

export async function getOrgUnitByCode(db: D1Database, code: string): Promise<OrgUnitRow | null> {
  return db
    .prepare(`SELECT id, parent_id, code, name, kind, path, depth FROM org_units WHERE code = ?1`)
    .bind(code)
    .first<OrgUnitRow>();
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
