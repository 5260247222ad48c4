import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { officerCreateSchema } from "../../shared/schemas/admin.ts";
import type { Role } from "../../shared/vocabulary.ts";
import { subtreeRange } from "./org-units.ts";

/** Stored roles, read through the schema that checked them when the officer was made. */
const parseRoles = (text: string): Role[] => officerCreateSchema.shape.roles.parse(JSON.parse(text));

export interface CallerRow {
  id: number;
  name: string;
  roles: string;
  expires_at: string | null;
  revoked_at: string | null;
  scope_id: number;
  scope_path: string;
  scope_name: string;
  scope_kind: string;
  unit_id: number;
  unit_path: string;
  unit_name: string;
  unit_kind: string;
}

const CALLER = `SELECT o.id, o.name, o.roles, o.expires_at, o.revoked_at,
    s.id AS scope_id, s.path AS scope_path, s.name AS scope_name, s.kind AS scope_kind,
    u.id AS unit_id, u.path AS unit_path, u.name AS unit_name, u.kind AS unit_kind
  FROM officers o JOIN org_units s ON s.id = o.scope_id JOIN org_units u ON u.id = o.unit_id`;

export async function findCallerByTokenHash(db: D1Database, tokenHash: string): Promise<CallerRow | null> {
  return db.prepare(`${CALLER} WHERE o.token_hash = ?1`).bind(tokenHash).first<CallerRow>();
}

export async function findCallerById(db: D1Database, id: number): Promise<CallerRow | null> {
  return db.prepare(`${CALLER} WHERE o.id = ?1`).bind(id).first<CallerRow>();
}

/** Why a token no longer works, if it does not. */
export function tokenProblem(row: Pick<CallerRow, "revoked_at" | "expires_at">): "token_revoked" | "token_expired" | null {
  if (row.revoked_at) return "token_revoked";
  if (row.expires_at && row.expires_at <= new Date().toISOString()) return "token_expired";
  return null;
}

export function toCaller(row: CallerRow): Caller {
  return {
    id: row.id,
    name: row.name,
    roles: parseRoles(row.roles),
    scopeId: row.scope_id,
    scopePath: row.scope_path,
    scopeName: row.scope_name,
    scopeKind: row.scope_kind,
    unitId: row.unit_id,
    unitPath: row.unit_path,
    unitName: row.unit_name,
    unitKind: row.unit_kind,
  };
}

export interface NewOfficer {
  name: string;
  roles: readonly Role[];
  scopeId: number;
  unitId: number;
  tokenHash: string;
  expiresAt?: string | null;
  createdBy?: number | null;
}

export async function insertOfficer(db: D1Database, o: NewOfficer): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO officers (name, roles, scope_id, unit_id, token_hash, expires_at, created_by)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id`,
    )
    .bind(o.name, JSON.stringify(o.roles), o.scopeId, o.unitId, o.tokenHash, o.expiresAt ?? null, o.createdBy ?? null)
    .first<{ id: number }>();
  if (!row) throw new Error("officer insert returned no id");
  return row.id;
}

export interface OfficerRow {
  id: number;
  name: string;
  roles: string;
  scope_id: number;
  unit_id: number;
  token_hash: string;
  revoked_at: string | null;
}

export async function findOfficer(
  db: D1Database,
  name: string,
  scopeId: number,
  unitId: number,
): Promise<OfficerRow | null> {
  return db
    .prepare(
      `SELECT id, name, roles, scope_id, unit_id, token_hash, revoked_at FROM officers
       WHERE name = ?1 AND scope_id = ?2 AND unit_id = ?3 ORDER BY id LIMIT 1`,
    )
    .bind(name, scopeId, unitId)
    .first<OfficerRow>();
}

export async function replaceTokenHash(db: D1Database, id: number, tokenHash: string): Promise<void> {
  await db.prepare(`UPDATE officers SET token_hash = ?2, revoked_at = NULL WHERE id = ?1`).bind(id, tokenHash).run();
}

// ---- What admins see and change ----

export interface OfficerListing {
  id: number;
  name: string;
  roles: string[];
  scope: { id: number; name: string };
  unit: { id: number; name: string };
  expiresAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

interface ListingRow {
  id: number;
  name: string;
  roles: string;
  scope_id: number;
  scope_name: string;
  unit_id: number;
  unit_name: string;
  expires_at: string | null;
  revoked_at: string | null;
  created_at: string;
  scope_path: string;
}

const LISTING = `SELECT o.id, o.name, o.roles, o.expires_at, o.revoked_at, o.created_at,
  s.id AS scope_id, s.name AS scope_name, s.path AS scope_path, u.id AS unit_id, u.name AS unit_name
  FROM officers o JOIN org_units s ON s.id = o.scope_id JOIN org_units u ON u.id = o.unit_id`;

const toListing = (r: ListingRow): OfficerListing => ({
  id: r.id,
  name: r.name,
  roles: parseRoles(r.roles),
  scope: { id: r.scope_id, name: r.scope_name },
  unit: { id: r.unit_id, name: r.unit_name },
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
  createdAt: r.created_at,
});

/** Officers whose scope lies inside `scopePath`, never their tokens. */
export async function listOfficers(db: D1Database, scopePath: string): Promise<OfficerListing[]> {
  const [from, to] = subtreeRange(scopePath);
  const { results } = await db.prepare(`${LISTING} WHERE s.path >= ?1 AND s.path < ?2 ORDER BY s.path, o.name`).bind(from, to).all<ListingRow>();
  return results.map(toListing);
}

export async function getOfficer(db: D1Database, id: number): Promise<(OfficerListing & { scopePath: string }) | null> {
  const row = await db.prepare(`${LISTING} WHERE o.id = ?1`).bind(id).first<ListingRow>();
  return row ? { ...toListing(row), scopePath: row.scope_path } : null;
}

export async function revokeOfficer(db: D1Database, id: number, officerId: number, now: string): Promise<void> {
  await db.batch([
    db.prepare(`UPDATE officers SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL`).bind(id, now),
    db
      .prepare(`INSERT INTO audit_log (at, officer_id, entity, entity_id, action, after) VALUES (?1, ?2, 'officer', ?3, 'revoke', ?4)`)
      .bind(now, officerId, String(id), JSON.stringify({ revokedAt: now })),
  ]);
}

/** Inserts an officer and its audit entry in one transaction; the token itself is never stored. */
export async function createOfficer(
  db: D1Database,
  o: { name: string; roles: readonly string[]; scopeId: number; unitId: number; tokenHash: string; expiresAt: string | null },
  createdBy: number,
  now: string,
): Promise<number> {
  const after = JSON.stringify({ name: o.name, roles: o.roles, scopeId: o.scopeId, unitId: o.unitId, expiresAt: o.expiresAt });
  const [inserted] = await db.batch<{ id: number }>([
    db
      .prepare(
        `INSERT INTO officers (name, roles, scope_id, unit_id, token_hash, expires_at, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id`,
      )
      .bind(o.name, JSON.stringify(o.roles), o.scopeId, o.unitId, o.tokenHash, o.expiresAt, now, createdBy),
    db
      .prepare(
        `INSERT INTO audit_log (at, officer_id, entity, entity_id, action, after)
         VALUES (?1, ?2, 'officer', CAST(last_insert_rowid() AS TEXT), 'create', ?3)`,
      )
      .bind(now, createdBy, after),
  ]);
  return inserted!.results[0]!.id;
}
