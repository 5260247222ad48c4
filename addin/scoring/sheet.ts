import type { InferResponseType } from "hono/client";
import type { Api } from "../api/client.ts";
import type { ColumnLayout, ConditionalRule, MergedSheet } from "../host/tables.ts";
import type { OwnedTable } from "../sheets/owned-table.ts";
import { fingerprint } from "../registrations/hash.ts";
import { formatPeriod, type Cell } from "../../shared/parse.ts";
import type { Criterion, Rubric, RatingCode } from "../../shared/schemas/rubric.ts";
import { maxTotal } from "../../shared/scoring.ts";
import { FIELD_LABELS, FIELDS, type Field, type Kind } from "../../shared/vocabulary.ts";

export type ScoringSheetData = InferResponseType<Api["api"]["v1"]["campaigns"][":id"]["scoring"]["$get"], 200>;
export type ScoringModel = ScoringSheetData["models"][number];

export const SCORING_TABLES: Record<Kind, { sheet: string; table: string; title: string }> = {
  collective: { sheet: "Chấm điểm tập thể", table: "ChamDiem_TapThe", title: "PHIẾU CHẤM ĐIỂM MÔ HÌNH TẬP THỂ" },
  individual: { sheet: "Chấm điểm cá nhân", table: "ChamDiem_CaNhan", title: "PHIẾU CHẤM ĐIỂM ĐIỂN HÌNH CÁ NHÂN" },
};

/**
 * Column positions of a scoring table: what identifies the model, what the judge needs to
 * score it (read-only), then one column per criterion, then the rest.
 */
export function scoringColumns(criteria: readonly Criterion[]) {
  const first = 14;
  const afterCriteria = first + criteria.length;
  return {
    status: 0,
    id: 1,
    version: 2,
    hash: 3,
    field: 4,
    unit: 5,
    model: 6,
    address: 7,
    level: 8,
    period: 9,
    benefit: 10,
    participants: 11,
    evidence: 12,
    description: 13,
    criteria: criteria.map((_, i) => first + i),
    total: afterCriteria,
    rating: afterCriteria + 1,
    comment: afterCriteria + 2,
    judges: afterCriteria + 3,
    mean: afterCriteria + 4,
    spread: afterCriteria + 5,
    flagged: afterCriteria + 6,
    councilRating: afterCriteria + 7,
    width: afterCriteria + 8,
  };
}

const RATING_FILL: Record<RatingCode, string> = { excellent: "#C6EFCE", good: "#DDEBF7", pass: "#FFF2CC", fail: "#FFC7CE" };
const quoted = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The criteria cells of a row, one by one: a column the judge inserts among them never counts. */
function criteriaCells(criteria: readonly Criterion[], row: number, letter: (key: string) => string): string[] {
  return criteria.map((k) => `${letter(criterionKey(k))}${row}`);
}

/**
 * The judge's own rating, as an Excel formula built only from the rubric (the add-in's
 * own formula, never from data): blank until every criterion has points, "fail" on a
 * zero, else the first threshold the total reaches out of 100.
 */
function ratingFormula(rubric: Rubric, kind: Kind, row: number, letter: (key: string) => string): string {
  const cells = criteriaCells(rubric[kind], row, letter);
  const total = `${letter("total")}${row}`;
  const max = maxTotal(rubric, kind);
  const ratings = [...rubric.ratings].sort((a, b) => b.min - a.min);
  const fail = rubric.ratings.find((r) => r.code === "fail")?.label ?? ratings.at(-1)!.label;
  let chain = quoted(ratings.at(-1)!.label);
  for (const r of ratings.slice(0, -1).reverse()) chain = `IF(${total}*100>=${r.min}*${max},${quoted(r.label)},${chain})`;
  return `=IF(COUNT(${cells.join(",")})<${cells.length},"",IF(OR(${cells.map((c) => `${c}=0`).join(",")}),${quoted(fail)},${chain}))`;
}

const criterionKey = (k: Criterion) => `criterion:${k.key}`;

/** The keys of a scoring table's columns, in the order rows travel (scoringColumns' positions). */
function scoringKeys(criteria: readonly Criterion[]): string[] {
  return [
    "status", "id", "version", "hash", "field", "unit", "model",
    "address", "level", "period", "benefit", "participants", "evidence", "description",
    ...criteria.map(criterionKey), "total", "rating", "comment", "judges", "mean", "spread", "flagged", "councilRating",
  ];
}

const HEADERS: Record<string, string> = {
  status: "Trạng thái",
  id: "Mã đăng ký (ẩn)",
  version: "Phiên bản (ẩn)",
  hash: "Dấu đồng bộ (ẩn)",
  field: "Lĩnh vực",
  model: "Tên mô hình",
  address: "Địa chỉ",
  level: "Cấp đăng ký",
  period: "Thời gian thực hiện",
  benefit: "Giá trị dự kiến làm lợi (đồng)",
  participants: "Số người tham gia",
  evidence: "Minh chứng",
  description: "Thuyết minh mô hình",
  rating: "Xếp loại của tôi",
  comment: "Nhận xét",
  judges: "Số thành viên chấm",
  mean: "Điểm TB hội đồng",
  spread: "Chênh lệch",
  flagged: "Cần xem lại",
  councilRating: "Xếp loại hội đồng",
};

/** A judge's table of one kind, for reading it back by column identity. */
export function scoringSpec(kind: Kind, rubric: Rubric): OwnedTable {
  const criteria = rubric[kind];
  const header = (key: string) => {
    const k = criteria.find((c) => criterionKey(c) === key);
    if (k) return `${k.label} (tối đa ${k.max})`;
    if (key === "unit") return kind === "individual" ? "Cá nhân – đơn vị" : "Đơn vị";
    if (key === "total") return `Tổng (tối đa ${maxTotal(rubric, kind)})`;
    return HEADERS[key]!;
  };
  return {
    table: SCORING_TABLES[kind].table,
    sheet: SCORING_TABLES[kind].sheet,
    label: `phiếu ${SCORING_TABLES[kind].sheet.toLocaleLowerCase("vi")}`,
    repair: "Tạo phiếu chấm điểm",
    columns: scoringKeys(criteria).map((key) => ({ key, header: header(key), ...(key === "judges" ? { aliases: ["Số giám khảo"] } : {}) })),
  };
}

export function scoreHash(criteria: Record<string, number>, comment: string | null): string {
  return fingerprint(JSON.stringify([Object.entries(criteria).sort(([a], [b]) => a.localeCompare(b)), comment]));
}

const fieldOrder = (f: string) => FIELDS.indexOf(f as Field);

/**
 * The judge's scoring sheet for one kind of model, from the campaign's rubric (no
 * criterion is written into the add-in): the models grouped by field, one column per
 * criterion with its maximum, half-point validation, a total and a rating formula, a
 * comment, and the council's consolidated figures beside the judge's own. Laid out
 * again, points typed and not yet sent stay on their rows.
 */
export function scoringSheet(
  data: ScoringSheetData,
  kind: Kind,
  levels: ReadonlyMap<string, string> = new Map(),
  evidence: ReadonlyMap<string, { text: string; link: Excel.RangeHyperlink | null }> = new Map(),
): MergedSheet {
  const rubric = data.rubric as Rubric;
  const criteria = rubric[kind];
  const c = scoringColumns(criteria);
  const spec = scoringSpec(kind, rubric);
  const ratingLabel = (code: string | null) => rubric.ratings.find((r) => r.code === code)?.label ?? "";
  const models = data.models
    .filter((m) => m.kind === kind)
    .sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field) || a.orgUnitName.localeCompare(b.orgUnitName, "vi"));
  const rows = models.map((m) => {
    const row: Cell[] = Array.from({ length: c.width }, () => "");
    const mine = m.myScore && !m.myScore.deleted ? m.myScore : null;
    row[c.status] = mine ? "Đã đồng bộ" : "Chưa chấm";
    row[c.id] = m.registrationId;
    row[c.version] = m.myScore?.version ?? 0;
    row[c.hash] = mine ? scoreHash(mine.criteria, mine.comment ?? null) : "";
    row[c.field] = FIELD_LABELS[m.field as Field] ?? m.field;
    row[c.unit] = kind === "individual" && m.personName ? `${m.personName} – ${m.orgUnitName}` : (m.unitName ?? m.orgUnitName);
    row[c.model] = m.modelName;
    row[c.address] = m.address ?? "";
    row[c.level] = levels.get(m.level) ?? m.level;
    row[c.period] = m.periodText ?? formatPeriod({ start: m.startDate, end: m.endDate });
    row[c.benefit] = m.expectedBenefit ?? "";
    row[c.participants] = m.participants ?? "";
    row[c.description] = m.description ?? "";
    row[c.evidence] = evidence.get(m.registrationId)?.text ?? "";
    criteria.forEach((k, i) => (row[c.criteria[i]!] = mine?.criteria[k.key] ?? ""));
    row[c.comment] = mine?.comment ?? "";
    row[c.judges] = m.summary?.judges ?? 0;
    row[c.mean] = m.summary?.mean ?? "";
    row[c.spread] = m.summary?.spread ?? "";
    row[c.flagged] = m.summary ? (m.summary.flagged ? "Cần xem lại" : "") : "";
    row[c.councilRating] = ratingLabel(m.summary?.rating ?? null);
    return row;
  });
  const pointsRule = (max: number) => ({
    formula: (cell: string) => `=AND(ISNUMBER(${cell}),${cell}>=0,${cell}<=${max},ROUND(${cell}*2,0)=${cell}*2)`,
    message: `Điểm từ 0 đến ${max}, chẵn hoặc lẻ nửa điểm (ví dụ 17 hoặc 17,5).`,
  });
  const look: Record<string, Omit<ColumnLayout, "key" | "header">> = {
    status: { width: 150, format: "@" },
    id: { hidden: true, format: "@" },
    version: { hidden: true },
    hash: { hidden: true, format: "@" },
    field: { width: 130, format: "@" },
    unit: { width: 170, format: "@" },
    model: { width: 240, format: "@" },
    address: { width: 140, format: "@" },
    level: { width: 80, format: "@" },
    period: { width: 130, format: "@" },
    benefit: { width: 100, format: "#,##0" },
    participants: { width: 70 },
    evidence: { width: 110, format: "@" },
    description: { width: 320, format: "@", wrap: true },
    total: { width: 80, formula: (r, letter) => `=IF(COUNT(${criteriaCells(criteria, r, letter).join(",")})=0,"",SUM(${criteriaCells(criteria, r, letter).join(",")}))` },
    rating: { width: 100, formula: (r, letter) => ratingFormula(rubric, kind, r, letter) },
    comment: { width: 200, editable: true, format: "@" },
    judges: { width: 70 },
    mean: { width: 80, format: "0.0" },
    spread: { width: 70, format: "0.0" },
    flagged: { width: 80, format: "@" },
    councilRating: { width: 100, format: "@" },
  };
  criteria.forEach((k) => (look[criterionKey(k)] = { width: 90, editable: true, validate: pointsRule(k.max), note: k.label }));
  const columns: ColumnLayout[] = spec.columns.map((col) => ({ ...col, ...look[col.key] }));
  const rules: ConditionalRule[] = rubric.ratings.flatMap((r) =>
    ["rating", "councilRating"].map((column) => ({
      column,
      formula: (first: number, letter: (key: string) => string) => `=$${letter(column)}${first}=${quoted(r.label)}`,
      fill: RATING_FILL[r.code],
    })),
  );
  rules.push({ column: "flagged", formula: (first, letter) => `=$${letter("flagged")}${first}<>""`, font: "#C50F1F" });
  // Points typed and not yet sent (or refused, or in conflict) stay; the rest is the server's.
  const unsent = (row: readonly Cell[]) => {
    const reading = readScoreRow(row, criteria);
    return reading.push !== null || !["Đã đồng bộ", "Chưa chấm"].includes(reading.status);
  };
  const links = new Map(
    models.flatMap((m) => {
      const link = evidence.get(m.registrationId)?.link;
      return link ? [[m.registrationId, new Map([["evidence", link]])] as const] : [];
    }),
  );
  return {
    ...spec,
    idKey: "id",
    links,
    merge: { skip: [c.total, c.rating], keepLocal: (existing) => (unsent(existing) ? [...c.criteria, c.comment, c.status] : []) },
    title: [SCORING_TABLES[kind].title, "Gõ điểm từng tiêu chí và nhận xét vào các cột trắng, rồi bấm “Đồng bộ điểm”. Cột khác do phần bổ trợ ghi."],
    columns,
    rows,
    rules,
    protect: true,
  };
}

export interface ScorePush {
  registrationId: string;
  baseVersion: number;
  criteria: Record<string, number>;
  comment?: string;
}

export interface ScoreRowReading {
  id: string;
  push: ScorePush | null;
  /** What the status column should say if nothing is sent. */
  status: string;
  hash: string | null;
}

/** A scoring row read back: complete and changed → a sheet to send; partial → wait; bad points → say which. */
export function readScoreRow(row: readonly Cell[], criteria: readonly Criterion[]): ScoreRowReading {
  const c = scoringColumns(criteria);
  const id = String(row[c.id] ?? "");
  const points = c.criteria.map((i) => row[i]);
  const comment = String(row[c.comment] ?? "").normalize("NFC").trim() || null;
  const filled = points.filter((p) => p !== "" && p !== null && p !== undefined);
  if (filled.length === 0 && !comment) return { id, push: null, status: String(row[c.status] ?? "Chưa chấm"), hash: null };
  const bad = criteria.filter((k, i) => {
    const p = points[i];
    return p !== "" && (typeof p !== "number" || p < 0 || p > k.max || !Number.isInteger(p * 2));
  });
  if (bad.length) return { id, push: null, status: `Lỗi – điểm không hợp lệ ở: ${bad.map((k) => k.label).join("; ")}`, hash: null };
  if (filled.length < criteria.length) return { id, push: null, status: `Chưa đủ điểm (${filled.length}/${criteria.length} tiêu chí), chưa gửi`, hash: null };
  const scores = Object.fromEntries(criteria.map((k, i) => [k.key, points[i] as number]));
  const hash = scoreHash(scores, comment);
  if (hash === row[c.hash]) return { id, push: null, status: "Đã đồng bộ", hash };
  return { id, push: { registrationId: id, baseVersion: Number(row[c.version]) || 0, criteria: scores, ...(comment ? { comment } : {}) }, status: "Chưa gửi", hash };
}
