import type { TableSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import type { OrgUnitUpsert } from "../../shared/schemas/admin.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";
import { ORG_UNIT_KIND_LABELS } from "../../shared/vocabulary.ts";

export const ORG_UNIT_TABLE = "DanhMucDonVi";
const SHEET = "Danh mục đơn vị";
const KIND_LIST = Object.values(ORG_UNIT_KIND_LABELS);

/**
 * The area's list as an Excel table an admin edits or pastes into from the province's
 * official list: code, name, kind, parent code. Laid out empty, it is the template.
 */
export function orgUnitSheet(units: readonly OrgUnit[], scopeName: string): TableSheet {
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return {
    sheet: SHEET,
    table: ORG_UNIT_TABLE,
    title: [
      "DANH MỤC ĐƠN VỊ",
      `Phạm vi: ${scopeName}. Thêm dòng hoặc dán danh sách chính thức, sửa tên hay cấp trên, rồi bấm “Gửi danh mục”.`,
    ],
    columns: [
      { header: "Trạng thái", width: 220 },
      { header: "Mã đơn vị", width: 120, format: "@", note: "Mã chính thức (mã hành chính, mã cơ quan). Không đổi mã của đơn vị đã có." },
      { header: "Tên đơn vị", width: 220 },
      { header: "Loại", width: 140, list: KIND_LIST, note: "Chọn trong danh sách; loại khác ghi bằng mã chữ thường không dấu, ví dụ to_dan_pho." },
      { header: "Mã đơn vị cấp trên", width: 140, format: "@", note: "Mã của đơn vị cấp trên; cấp trên có thể ở dòng dưới." },
    ],
    rows: units.map((u) => ["", u.code, u.name, ORG_UNIT_KIND_LABELS[u.kind] ?? u.kind, u.parentId === null ? "" : (codeOf.get(u.parentId) ?? "")]),
  };
}

const KIND_BY_KEY = new Map<string, string>();
for (const [code, label] of Object.entries(ORG_UNIT_KIND_LABELS)) {
  KIND_BY_KEY.set(compactKey(code), code);
  KIND_BY_KEY.set(compactKey(label), code);
}

/** A kind from its label (any case or diacritics) or its code; a new kind may be typed as a code. */
export function parseOrgUnitKind(cell: Cell): string | null {
  const text = normalizeText(String(cell ?? ""));
  const known = KIND_BY_KEY.get(compactKey(text));
  if (known) return known;
  return /^[a-z][a-z0-9_]{0,39}$/.test(text) ? text : null;
}

export interface SheetUnit {
  row: number;
  unit: OrgUnitUpsert | Record<string, unknown>;
}

const text = (cell: Cell) => normalizeText(typeof cell === "number" ? String(cell) : String(cell ?? ""));

/** The table's rows as units to send (blank rows skipped), each with its row index. */
export function unitsFromRows(rows: readonly (readonly Cell[])[]): SheetUnit[] {
  const units: SheetUnit[] = [];
  rows.forEach((r, row) => {
    const [, code, name, kind, parent] = r;
    if (![code, name, kind, parent].some((c) => text(c) !== "")) return;
    units.push({
      row,
      unit: { code: text(code), name: text(name), kind: parseOrgUnitKind(kind) ?? text(kind), parentCode: text(parent) || null },
    });
  });
  return units;
}

/**
 * Requests of at most `max` units, parents before children across requests (the server
 * takes any order within one request, but a parent must exist before a later request).
 */
export function inRequests(units: readonly SheetUnit[], max: number): SheetUnit[][] {
  const byCode = new Map(units.map((u) => [String(u.unit.code), u]));
  const depth = new Map<SheetUnit, number>();
  const depthOf = (u: SheetUnit, seen = new Set<SheetUnit>()): number => {
    if (depth.has(u)) return depth.get(u)!;
    const parent = u.unit.parentCode ? byCode.get(String(u.unit.parentCode)) : undefined;
    const d = parent && !seen.has(parent) ? depthOf(parent, seen.add(u)) + 1 : 0;
    depth.set(u, d);
    return d;
  };
  const ordered = [...units].sort((a, b) => depthOf(a) - depthOf(b));
  const requests: SheetUnit[][] = [];
  for (let i = 0; i < ordered.length; i += max) requests.push(ordered.slice(i, i + max));
  return requests;
}

const OUTCOME_TEXT = { created: "Đã tạo", updated: "Đã cập nhật", unchanged: "Không đổi" } as const;

export function unitStatus(result: { outcome: string; errors?: { message: string }[] }): string {
  if (result.outcome === "invalid") return `Lỗi – ${(result.errors ?? []).map((e) => e.message).join(" | ")}`;
  return OUTCOME_TEXT[result.outcome as keyof typeof OUTCOME_TEXT] ?? result.outcome;
}
