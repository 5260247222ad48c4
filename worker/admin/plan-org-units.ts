import type { FieldError } from "../../shared/problems.ts";
import { orgUnitUpsertSchema, type OrgUnitUpsert } from "../../shared/schemas/admin.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import type { OrgUnitRow } from "../sql/org-units.ts";

export interface OrgUnitResult {
  code: string | null;
  id: number | null;
  outcome: "created" | "updated" | "unchanged" | "invalid";
  errors?: FieldError[];
}

export interface OrgUnitWrite {
  id: number;
  code: string;
  name: string;
  kind: string;
  parentId: number | null;
  path: string;
  depth: number;
  action: "create" | "update";
  before: OrgUnitRow | null;
}

/** A unit whose place in the tree changes: its whole subtree's paths are rewritten. */
export interface OrgUnitMove {
  id: number;
  oldPath: string;
  newPath: string;
  depthDelta: number;
}

export interface OrgUnitPlan {
  results: OrgUnitResult[];
  writes: OrgUnitWrite[];
  /** Deepest first, so a move inside a moved subtree is rewritten before its ancestor's. */
  moves: OrgUnitMove[];
}

export interface OrgUnitPlanInput {
  items: readonly unknown[];
  /** Stored units named by the items (codes and parent codes) and their ancestors. */
  stored: readonly OrgUnitRow[];
  scopePath: string;
  /** First id free for new units. */
  nextId: number;
}

const fail = (path: string, code: FieldError["code"], message: string): FieldError => ({ path, code, message });

/**
 * Plans a bulk upsert of the area's list, keyed by official code, in any order: which
 * rows are new, renamed or moved, each unit's final place in the tree, and a reason in
 * Vietnamese for every row refused (unknown parent, duplicate code, a cycle, a parent
 * outside the admin's scope). Nothing here touches the database.
 */
export function planOrgUnits(input: OrgUnitPlanInput): OrgUnitPlan {
  const results: OrgUnitResult[] = [];
  const byCode = new Map(input.stored.map((u) => [u.code, u]));
  const byId = new Map(input.stored.map((u) => [u.id, u]));

  // 1. Each row on its own.
  const parsed: (OrgUnitUpsert | null)[] = input.items.map((item, i) => {
    const r = orgUnitUpsertSchema.safeParse(item);
    const code = typeof (item as { code?: unknown })?.code === "string" ? String((item as { code: string }).code).trim() : null;
    if (!r.success) results[i] = { code, id: null, outcome: "invalid", errors: toFieldErrors(r.error.issues, item) };
    return r.success ? r.data : null;
  });

  // 2. A code twice in one list: which row is right is not ours to guess.
  const count = new Map<string, number>();
  for (const u of parsed) if (u) count.set(u.code, (count.get(u.code) ?? 0) + 1);
  parsed.forEach((u, i) => {
    if (u && count.get(u.code)! > 1) {
      results[i] = {
        code: u.code,
        id: byCode.get(u.code)?.id ?? null,
        outcome: "invalid",
        errors: [fail("code", "duplicate", `Mã đơn vị “${u.code}” xuất hiện ${count.get(u.code)} lần trong danh sách; mỗi mã chỉ ghi một dòng.`)],
      };
      parsed[i] = null;
    }
  });

  const rows = new Map<string, { unit: OrgUnitUpsert; index: number; id: number; isNew: boolean }>();
  let nextId = input.nextId;
  parsed.forEach((u, index) => {
    if (!u) return;
    const stored = byCode.get(u.code);
    rows.set(u.code, { unit: u, index, id: stored?.id ?? nextId++, isNew: !stored });
  });
  const refuse = (code: string, error: FieldError) => {
    const row = rows.get(code);
    if (!row) return;
    results[row.index] = { code, id: row.isNew ? null : row.id, outcome: "invalid", errors: [error] };
    rows.delete(code);
  };

  const parentIdOf = (u: OrgUnitUpsert): number | null =>
    u.parentCode === null ? null : (rows.get(u.parentCode)?.id ?? byCode.get(u.parentCode)!.id);
  const final = new Map<number, string>();

  // Refusing a row can strand others (a new child of a refused parent), so the checks
  // run until nothing more is refused.
  for (let refused = true; refused; ) {
    refused = false;
    const strike = (code: string, error: FieldError) => {
      refuse(code, error);
      refused = true;
    };

    // 3. Parents must exist, here or already.
    for (const [code, { unit }] of [...rows]) {
      const p = unit.parentCode;
      if (p === null) continue;
      if (p === code) strike(code, fail("parentCode", "invalid_value", `Đơn vị “${code}” không thể là cấp trên của chính nó.`));
      else if (!rows.has(p) && !byCode.has(p)) {
        const refusedHere = results.some((r) => r?.code === p);
        strike(
          code,
          fail(
            "parentCode",
            "unknown_org_unit",
            refusedHere
              ? `Đơn vị cấp trên “${p}” có lỗi ở dòng khác nên chưa được lưu; sửa dòng đó trước.`
              : `Không có đơn vị cấp trên mã “${p}” (chưa có trong hệ thống và không có trong danh sách gửi lên).`,
          ),
        );
      }
    }
    if (refused) continue;

    // 4. Final places: a moved unit carries its stored subtree; a loop back to itself is a cycle.
    final.clear();
    const rowById = new Map([...rows.values()].map((r) => [r.id, r]));
    const movedStored = [...rows.values()]
      .filter((r) => !r.isNew && parentIdOf(r.unit) !== byId.get(r.id)!.parent_id)
      .map((r) => byId.get(r.id)!)
      .sort((a, b) => b.path.length - a.path.length);
    const pathOf = (id: number, trail: Set<number>): string | null => {
      const known = final.get(id);
      if (known) return known;
      if (trail.has(id)) return null;
      trail.add(id);
      let path: string | null;
      const row = rowById.get(id);
      if (row) {
        const parentId = parentIdOf(row.unit);
        const parentPath = parentId === null ? "/" : pathOf(parentId, trail);
        path = parentPath === null ? null : `${parentPath}${id}/`;
      } else {
        // A stored unit not in the list follows its nearest moved ancestor, if any.
        const stored = byId.get(id)!;
        const carrier = movedStored.find((m) => m.id !== id && stored.path.startsWith(m.path));
        const base = carrier ? pathOf(carrier.id, trail) : stored.path;
        path = base === null ? null : carrier ? base + stored.path.slice(carrier.path.length) : base;
      }
      trail.delete(id);
      if (path !== null) final.set(id, path);
      return path;
    };

    // Whose fault: a unit placed under a stored unit, or one on a loop, answers for
    // itself; a unit that is out of place only because a listed ancestor is waits for
    // that ancestor's verdict in the next pass.
    const carrierOf = (id: number) => {
      const stored = byId.get(id)!;
      return movedStored.find((m) => m.id !== id && stored.path.startsWith(m.path))?.id ?? null;
    };
    const upOf = (id: number): number | null => {
      const row = rowById.get(id);
      return row ? parentIdOf(row.unit) : carrierOf(id);
    };
    const onLoop = (id: number) => {
      let p = upOf(id);
      for (let steps = 0; p !== null && steps <= rows.size + 1; steps++) {
        if (p === id) return true;
        p = upOf(p);
      }
      return false;
    };
    const verdicts: [string, FieldError][] = [];
    for (const [code, row] of rows) {
      const stored = row.isNew ? null : byId.get(row.id)!;
      const path = pathOf(row.id, new Set());
      const parentId = parentIdOf(row.unit);
      const parentListed = parentId !== null && rowById.has(parentId);
      if (stored && !stored.path.startsWith(input.scopePath)) {
        verdicts.push([code, fail("code", "out_of_scope", `Đơn vị “${code}” nằm ngoài phạm vi quản trị của bạn.`)]);
      } else if (path === null) {
        if (onLoop(row.id)) {
          verdicts.push([code, fail("parentCode", "invalid_value", `Đặt “${code}” dưới “${row.unit.parentCode}” tạo thành vòng lặp: một đơn vị không thể nằm dưới đơn vị cấp dưới của mình.`)]);
        }
      } else if (!path.startsWith(input.scopePath) && !parentListed) {
        verdicts.push([code, fail("parentCode", "out_of_scope", `Đơn vị cấp trên “${row.unit.parentCode ?? "(không có)"}” nằm ngoài phạm vi quản trị của bạn.`)]);
      }
    }
    for (const [code, error] of verdicts) strike(code, error);
  }

  // What remains is valid: writes, moves and results.
  const writes: OrgUnitWrite[] = [];
  const moves: OrgUnitMove[] = [];
  for (const [code, row] of rows) {
    const path = final.get(row.id)!;
    const depth = path.split("/").length - 3;
    const stored = row.isNew ? null : byId.get(row.id)!;
    const parentId = parentIdOf(row.unit);
    const same = stored && stored.name === row.unit.name && stored.kind === row.unit.kind && stored.parent_id === parentId && stored.path === path;
    results[row.index] = { code, id: row.id, outcome: row.isNew ? "created" : same ? "unchanged" : "updated" };
    if (same) continue;
    writes.push({ id: row.id, code, name: row.unit.name, kind: row.unit.kind, parentId, path, depth, action: row.isNew ? "create" : "update", before: stored });
    if (stored && stored.path !== path) moves.push({ id: row.id, oldPath: stored.path, newPath: path, depthDelta: depth - stored.depth });
  }
  moves.sort((a, b) => b.oldPath.length - a.oldPath.length);
  // New units go in parents first, so every insert's parent already exists.
  writes.sort((a, b) => a.depth - b.depth);
  return { results, writes, moves };
}
