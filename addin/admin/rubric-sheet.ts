import type { TableSheet } from "../host/tables.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";

export const RUBRIC_TABLE = "TieuChiCham";

const GROUPS = { collective: "Tập thể", individual: "Cá nhân", ratings: "Xếp loại", flag: "Chênh lệch cần xem lại" } as const;

/**
 * A campaign's rubric as one small table an admin edits: the criteria of each form with
 * their maximum points, the rating thresholds (out of 100), and the spread (as a percent
 * of the maximum) above which the council looks at a model again.
 */
export function rubricSheet(rubric: Rubric, campaignTitle: string): TableSheet {
  return {
    sheet: "Tiêu chí chấm",
    table: RUBRIC_TABLE,
    title: ["TIÊU CHÍ CHẤM ĐIỂM VÀ XẾP LOẠI", `${campaignTitle}. Sửa tên, điểm tối đa, ngưỡng; bấm “Lưu tiêu chí”.`],
    columns: [
      { header: "Nhóm", width: 160, list: Object.values(GROUPS) },
      { header: "Mã", width: 110, format: "@" },
      { header: "Tên", width: 320 },
      { header: "Điểm", width: 80, note: "Điểm tối đa của tiêu chí; điểm từ (trên 100) của mức xếp loại; % chênh lệch." },
    ],
    rows: [
      ...rubric.collective.map((c) => [GROUPS.collective, c.key, c.label, c.max]),
      ...rubric.individual.map((c) => [GROUPS.individual, c.key, c.label, c.max]),
      ...rubric.ratings.map((r) => [GROUPS.ratings, r.code, r.label, r.min]),
      [GROUPS.flag, "flagSpread", "Chênh lệch giữa tổng điểm cao nhất và thấp nhất vượt quá (% điểm tối đa)", Math.round(rubric.flagSpread * 100)],
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
