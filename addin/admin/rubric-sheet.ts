import type { MergedSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";

export const RUBRIC_TABLE = "TieuChiCham";

/** Where the rubric lives, for reading it back by column identity. */
export const RUBRIC_SHEET = {
  table: RUBRIC_TABLE,
  sheet: "Tiêu chí chấm",
  label: "bảng Tiêu chí chấm",
  repair: "Lấy tiêu chí về sổ tính",
  columns: [
    { key: "group", header: "Nhóm" },
    { key: "code", header: "Mã" },
    { key: "label", header: "Tên" },
    { key: "points", header: "Điểm" },
    { key: "rowKey", header: "Khóa dòng (ẩn)" },
  ],
} as const;

const GROUPS = { collective: "Tập thể", individual: "Cá nhân", ratings: "Xếp loại", flag: "Chênh lệch cần xem lại" } as const;

/**
 * A campaign's rubric as one small table an admin edits: the criteria of each form with
 * their maximum points, the rating thresholds (out of 100), and the spread (as a percent
 * of the maximum) above which the council looks at a model again.
 */
export function rubricSheet(rubric: Rubric, campaignTitle: string): MergedSheet {
  const row = (group: keyof typeof GROUPS, code: string, label: string, points: number) => [GROUPS[group], code, label, points, `${group}:${code}`];
  return {
    ...RUBRIC_SHEET,
    idKey: "rowKey",
    // A criterion typed here and not yet saved stays when the rubric is pulled again.
    merge: { keepUnknown: true },
    title: ["TIÊU CHÍ CHẤM ĐIỂM VÀ XẾP LOẠI", `${campaignTitle}. Sửa tên, điểm tối đa, ngưỡng; bấm “Lưu tiêu chí”.`],
    columns: [
      { key: "group", header: "Nhóm", width: 160, format: "@", list: Object.values(GROUPS) },
      { key: "code", header: "Mã", width: 110, format: "@" },
      { key: "label", header: "Tên", width: 320, format: "@" },
      { key: "points", header: "Điểm", width: 80, note: "Điểm tối đa của tiêu chí; điểm từ (trên 100) của mức xếp loại; % chênh lệch." },
      { key: "rowKey", header: "Khóa dòng (ẩn)", hidden: true, format: "@" },
    ],
    rows: [
      ...rubric.collective.map((c) => row("collective", c.key, c.label, c.max)),
      ...rubric.individual.map((c) => row("individual", c.key, c.label, c.max)),
      ...rubric.ratings.map((r) => row("ratings", r.code, r.label, r.min)),
      row("flag", "flagSpread", "Chênh lệch giữa tổng điểm cao nhất và thấp nhất vượt quá (% điểm tối đa)", Math.round(rubric.flagSpread * 100)),
    ],
  };
}

/** Reads the table back into a rubric for the server to validate (it answers with reasons). */
export function rubricFromRows(rows: readonly (readonly Cell[])[]): Rubric {
  const rubric: Rubric = { collective: [], individual: [], ratings: [], flagSpread: 0.2 };
  const group = (cell: Cell) => {
    const key = compactKey(String(cell ?? ""));
    return (Object.entries(GROUPS) as [keyof typeof GROUPS, string][]).find(([, label]) => compactKey(label) === key)?.[0];
  };
  for (const [g, code, label, points] of rows) {
    const kind = group(g);
    const key = normalizeText(String(code ?? ""));
    const name = normalizeText(String(label ?? ""));
    const value = typeof points === "number" ? points : Number(String(points ?? "").replace(",", "."));
    if (kind === "collective" || kind === "individual") rubric[kind].push({ key, label: name, max: value });
    else if (kind === "ratings") rubric.ratings.push({ code: key as Rubric["ratings"][number]["code"], label: name, min: value });
    else if (kind === "flag") rubric.flagSpread = value / 100;
  }
  return rubric;
}
