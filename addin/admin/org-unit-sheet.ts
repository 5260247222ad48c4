import type { MergedSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import type { OrgUnitUpsert } from "../../shared/schemas/admin.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";
import { ORG_UNIT_KIND_LABELS } from "../../shared/vocabulary.ts";

export const ORG_UNIT_TABLE = "DanhMucDonVi";
const SHEET = "Danh mục đơn vị";

/** The columns in the order the rows travel: status, code, name, kind, parent's code. */
export const UNIT_COLUMNS = { status: 0, code: 1, name: 2, kind: 3, parentCode: 4 } as const;

/** Where the area's list lives, for reading it back by column identity. */
export const ORG_UNIT_SHEET = {
  table: ORG_UNIT_TABLE,
  sheet: SHEET,
  label: "bảng Danh mục đơn vị",
  repair: "Lấy danh mục về sổ tính",
  columns: [
    { key: "status", header: "Trạng thái" },
    { key: "code", header: "Mã đơn vị" },
    { key: "name", header: "Tên đơn vị" },
    { key: "kind", header: "Loại" },
    { key: "parentCode", header: "Mã đơn vị cấp trên" },
  ],
} as const;
const KIND_LIST = Object.values(ORG_UNIT_KIND_LABELS);

/**
 * The area's list as an Excel table an admin edits or pastes into from the province's
 * official list: code, name, kind, parent code. Laid out empty, it is the template.
 */
export function orgUnitSheet(units: readonly OrgUnit[], scopeName: string): MergedSheet {
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  return {
    ...ORG_UNIT_SHEET,
    idKey: "code",
    // Rows typed here and not yet sent stay when the list is pulled again.
    merge: { keepUnknown: true },
    title: [
      "DANH MỤC ĐƠN VỊ",
      `Phạm vi: ${scopeName}. Thêm dòng hoặc dán danh sách chính thức, sửa tên hay cấp trên, rồi bấm “Gửi danh mục”.`,
    ],
    columns: [
      { key: "status", header: "Trạng thái", width: 220, format: "@" },
      { key: "code", header: "Mã đơn vị", width: 120, format: "@", note: "Mã chính thức (mã hành chính, mã cơ quan), giữ nguyên số 0 ở đầu. Không đổi mã của đơn vị đã có." },
      { key: "name", header: "Tên đơn vị", width: 220, format: "@" },
      { key: "kind", header: "Loại", width: 140, format: "@", list: KIND_LIST, note: "Chọn trong danh sách; loại khác ghi bằng mã chữ thường không dấu, ví dụ to_dan_pho." },
      { key: "parentCode", header: "Mã đơn vị cấp trên", width: 140, format: "@", note: "Mã của đơn vị cấp trên; cấp trên có thể ở dòng dưới." },
    ],
    rows: units.map((u) => ["", u.code, u.name, ORG_UNIT_KIND_LABELS[u.kind] ?? u.kind, u.parentId === null ? "" : (codeOf.get(u.parentId) ?? "")]),
  };
}

// Lists laid out before each kind had its own label still read: the old combined
// labels name the kind they stood for.
const LEGACY_KIND_LABELS: Record<string, string> = {
  "Tỉnh/Thành phố": "province",
  "Huyện/Quận/Thị xã": "district",
  "Xã/Phường/Thị trấn": "commune",
  "Thôn/Tổ dân phố": "village",
};

const KIND_BY_KEY = new Map<string, string>();
for (const [label, code] of Object.entries(LEGACY_KIND_LABELS)) KIND_BY_KEY.set(compactKey(label), code);
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
