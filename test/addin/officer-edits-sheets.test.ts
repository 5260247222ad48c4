import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { pullOrgUnits, pullRubric, saveRubric, sendOrgUnits } from "../../addin/admin/flows.ts";
import { ORG_UNIT_TABLE } from "../../addin/admin/org-unit-sheet.ts";
import { RUBRIC_TABLE } from "../../addin/admin/rubric-sheet.ts";
import { pullReports } from "../../addin/reports/flows.ts";
import { buildReviewSheet, sendReview } from "../../addin/review/flows.ts";
import { REVIEW_TABLE } from "../../addin/review/sheet.ts";
import { buildScoringSheets, syncScores } from "../../addin/scoring/flows.ts";
import { SCORING_TABLES } from "../../addin/scoring/sheet.ts";
import { resolveColumns, SheetProblem, type OwnedTable } from "../../addin/sheets/owned-table.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../shared/schemas/rubric.ts";
import { REPORT_NAMES } from "../../shared/reports.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { CAMPAIGN_2023 } from "./fixtures.ts";

// Every other sheet the add-in owns gets the same treatment as the registration tables:
// columns found by identity, rows by id, text kept as text, the officer's additions kept.

const excel = useStandInExcel();
const me: Me = { officer: { id: 1, name: "Cán bộ" }, roles: ["admin", "judge", "approver"], scope: { id: 1, name: "Tỉnh Thanh Hóa", kind: "province" }, unit: { id: 1, name: "Tỉnh Thanh Hóa", kind: "province" } };
const campaign: Campaign = CAMPAIGN_2023;
const letter = (i: number) => String.fromCharCode(65 + i);
const column = (table: string, header: string) => excel.workbook.tableHeaders(table).indexOf(header);

describe("the area's list (Danh mục đơn vị)", () => {
  const UNITS: OrgUnit[] = [
    { id: 1, parentId: null, name: "Tỉnh Thanh Hóa", kind: "province", code: "38" },
    { id: 2, parentId: 1, name: "Phường Phúc Xá", kind: "commune", code: "00001" },
    { id: 3, parentId: 1, name: "Xã Xuân Lộc", kind: "commune", code: "07490900" },
    { id: 4, parentId: 3, name: "Thôn Một", kind: "village", code: "00917" },
  ];
  /** The admin endpoint: what came in, answered like the worker (same code, name, kind, parent → unchanged). */
  function server() {
    const sent: Record<string, unknown>[][] = [];
    const codeOf = new Map(UNITS.map((u) => [u.id, u.code]));
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith("/org-units") && !init?.body) return Response.json(UNITS);
      const { units } = JSON.parse(String(init!.body)) as { units: Record<string, unknown>[] };
      sent.push(units);
      const results = units.map((u) => {
        const known = UNITS.find((k) => k.code === u.code);
        const same = known && known.name === u.name && known.kind === u.kind && (known.parentId === null ? null : codeOf.get(known.parentId)) === u.parentCode;
        return { code: u.code, id: known?.id ?? 99, outcome: known ? (same ? "unchanged" : "updated") : "created" };
      });
      return Response.json({ results });
    };
    return { api: createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch), sent };
  }

  it("keeps 0-led codes as text through pull → send; an unchanged list answers Không đổi on every row", async () => {
    const s = server();
    await pullOrgUnits(s.api, me);
    const codeAt = column(ORG_UNIT_TABLE, "Mã đơn vị");
    expect(excel.workbook.tableRows(ORG_UNIT_TABLE).map((r) => r[codeAt])).toEqual(["38", "00001", "07490900", "00917"]);
    expect(excel.workbook.cell("Danh mục đơn vị", `${letter(codeAt)}7`).text).toBe("07490900");
    const summary = await sendOrgUnits(s.api);
    expect(summary).toEqual({ created: 0, updated: 0, unchanged: 4, invalid: 0 });
    expect(s.sent[0]!.map((u) => u.code)).toEqual(["38", "00001", "07490900", "00917"]);
    expect(excel.workbook.tableRows(ORG_UNIT_TABLE).map((r) => r[column(ORG_UNIT_TABLE, "Trạng thái")])).toEqual(["Không đổi", "Không đổi", "Không đổi", "Không đổi"]);
  });

  it("a unit typed with a 0-led code stays text and is sent as typed", async () => {
    const s = server();
    await pullOrgUnits(s.api, me);
    excel.workbook.setValues("Danh mục đơn vị", "A9", [["", "00002", "Phường Trúc Bạch", "Xã", "38"]]);
    expect(excel.workbook.cell("Danh mục đơn vị", "B9").value).toBe("00002");
    await sendOrgUnits(s.api);
    expect(s.sent[0]!.find((u) => u.name === "Phường Trúc Bạch")).toMatchObject({ code: "00002", parentCode: "38" });
  });

  it("with an STT column, a sort and a filter, each answer lands on the row with its code, and a pull again keeps the STT", async () => {
    const s = server();
    await pullOrgUnits(s.api, me);
    excel.workbook.insertTableColumn(ORG_UNIT_TABLE, 0, "STT");
    excel.workbook.setValues("Danh mục đơn vị", "A5", [[1], [2], [3], [4]]);
    excel.workbook.sortTable(ORG_UNIT_TABLE, "Tên đơn vị", "desc");
    excel.workbook.filterTable(ORG_UNIT_TABLE, "Loại", ["Xã/Phường/Thị trấn", "Thôn/Tổ dân phố"].filter((k) => excel.workbook.tableRecords(ORG_UNIT_TABLE).some((r) => r["Loại"] === k)));
    const nameAt = column(ORG_UNIT_TABLE, "Tên đơn vị");
    const row = excel.workbook.tableRows(ORG_UNIT_TABLE).findIndex((r) => r[nameAt] === "Thôn Một");
    excel.workbook.typeCell("Danh mục đơn vị", `${letter(nameAt)}${5 + row}`, "Thôn Một (đổi tên)");
    await sendOrgUnits(s.api);
    const records = excel.workbook.tableRecords(ORG_UNIT_TABLE);
    expect(records.find((r) => r["Mã đơn vị"] === "00917")).toMatchObject({ "Tên đơn vị": "Thôn Một (đổi tên)", "Trạng thái": "Đã cập nhật" });
    expect(records.filter((r) => r["Trạng thái"] === "Không đổi")).toHaveLength(3);
    await pullOrgUnits(s.api, me);
    expect(excel.workbook.tableHeaders(ORG_UNIT_TABLE)[0]).toBe("STT");
    expect(excel.workbook.tableRecords(ORG_UNIT_TABLE).map((r) => r["STT"]).sort()).toEqual([1, 2, 3, 4]);
  });
});

describe("the judge's scoring sheet", () => {
  const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;
  function server(models: number) {
    const scores = new Map<string, { criteria: Record<string, number>; version: number }>();
    const pushed: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith("/attachments/links")) return Response.json({ links: [], missing: [] }, { status: 201 });
      if (url.pathname.endsWith("/scoring")) {
        return Response.json({
          campaignId: 1,
          rubric: DEFAULT_RUBRIC,
          models: Array.from({ length: models }, (_, i) => ({
            registrationId: uuid(i), kind: "collective", field: "economy", level: "grassroots", modelName: `Mô hình ${i}`, unitName: `Chi hội ${i}`,
            personName: null, orgUnitName: "Thôn Trung Chính", reviewState: "registered",
            myScore: scores.has(uuid(i)) ? { criteria: scores.get(uuid(i))!.criteria, comment: null, version: scores.get(uuid(i))!.version, deleted: false } : null,
            summary: null,
          })),
        });
      }
      const body = JSON.parse(String(init!.body)) as { scores: { registrationId: string; criteria: Record<string, number> }[] };
      const scoreResults = body.scores.map((s) => {
        pushed.push(s.registrationId);
        const version = (scores.get(s.registrationId)?.version ?? 0) + 1;
        scores.set(s.registrationId, { criteria: s.criteria, version });
        return { registrationId: s.registrationId, outcome: version === 1 ? "created" : "updated", version };
      });
      return Response.json({ results: [], scoreResults, changes: [], cursor: "0", more: false });
    };
    return { api: createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch), pushed, scores };
  }
  const table = SCORING_TABLES.collective;

  it("an STT column, a sort and a moved criterion change nothing: points typed on one row go for that model only", async () => {
    const s = server(4);
    await buildScoringSheets(s.api, campaign);
    const sheet = excel.workbook.sheet(table.sheet);
    sheet.protection.protected = false;
    excel.workbook.insertTableColumn(table.table, 0, "STT");
    excel.workbook.setValues(table.sheet, "A5", [[1], [2], [3], [4]]);
    excel.workbook.sortTable(table.table, "Tên mô hình", "desc");
    const criteria = DEFAULT_RUBRIC.collective.map((k) => `${k.label} (tối đa ${k.max})`);
    excel.workbook.moveTableColumn(table.table, column(table.table, criteria[4]!), column(table.table, criteria[0]!));
    const row = excel.workbook.tableRecords(table.table).findIndex((r) => r["Tên mô hình"] === "Mô hình 1");
    for (const [k, header] of criteria.entries()) excel.workbook.typeCell(table.sheet, `${letter(column(table.table, header))}${5 + row}`, 10 + k);
    // The judge's own total and rating follow the criteria wherever they are.
    const record = excel.workbook.tableRecords(table.table)[row]!;
    expect(record[`Tổng (tối đa 100)`]).toBe(60);
    expect(record["Xếp loại của tôi"]).toBe("Đạt");
    const report = await syncScores(s.api, campaign);
    expect(report).toMatchObject({ sent: 1, accepted: 1 });
    expect(s.pushed).toEqual([uuid(1)]);
    expect(s.scores.get(uuid(1))!.criteria).toEqual(Object.fromEntries(DEFAULT_RUBRIC.collective.map((k, i) => [k.key, 10 + i])));
    expect(excel.workbook.tableRecords(table.table).find((r) => r["Tên mô hình"] === "Mô hình 1")!["Trạng thái"]).toBe("Đã đồng bộ");
    // Built again: the STT column and the judge's order stay.
    await buildScoringSheets(s.api, campaign);
    expect(excel.workbook.tableHeaders(table.table)[0]).toBe("STT");
    expect(excel.workbook.tableRecords(table.table).map((r) => r["Tên mô hình"])).toEqual(["Mô hình 3", "Mô hình 2", "Mô hình 1", "Mô hình 0"]);
    expect(excel.workbook.tableRecords(table.table).map((r) => r["STT"])).toEqual([4, 3, 2, 1]);
  });

  it("under a filter, points typed on a visible row are sent for that model and the filter stays", async () => {
    const s = server(4);
    await buildScoringSheets(s.api, campaign);
    excel.workbook.sheet(table.sheet).protection.protected = false;
    excel.workbook.filterTable(table.table, "Tên mô hình", ["Mô hình 2"]);
    const row = excel.workbook.tableRecords(table.table).findIndex((r) => r["Tên mô hình"] === "Mô hình 2");
    const first = column(table.table, `${DEFAULT_RUBRIC.collective[0]!.label} (tối đa 20)`);
    excel.workbook.setValues(table.sheet, `${letter(first)}${5 + row}`, [[15, 15, 15, 15, 15]]);
    await syncScores(s.api, campaign);
    expect(s.pushed).toEqual([uuid(2)]);
    expect(excel.workbook.visibleTableRows(table.table)).toHaveLength(1);
  });
});

describe("the approver's table (Xét duyệt)", () => {
  function server() {
    const moves: { ids: string[]; to: string }[] = [];
    const rows = ["a", "b", "c"].map((x, i) => ({
      registrationId: `00000000-0000-4000-8000-00000000000${i}`, kind: "collective", field: "economy", orgUnitName: `Thôn ${x}`, name: null,
      modelName: `Mô hình ${x}`, judges: 2, mean: 80 + i, rating: "good", flagged: false, reviewState: "registered", nextStates: ["in_progress", "evaluated", "recognized"],
    }));
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      if (url.pathname.endsWith("/review-sheet")) return Response.json(rows);
      const body = JSON.parse(String(init!.body)) as { ids: string[]; to: string };
      moves.push(body);
      return Response.json({ results: body.ids.map((id) => ({ id, outcome: "updated", reviewState: body.to })) });
    };
    return { api: createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch), moves, rows };
  }

  it("a choice made on a sorted table with an inserted column moves that model, and the column survives the rebuild", async () => {
    const s = server();
    await buildReviewSheet(s.api, me, campaign);
    excel.workbook.sheet("Xét duyệt").protection.protected = false;
    excel.workbook.insertTableColumn(REVIEW_TABLE, 0, "Ghi chú của tôi");
    excel.workbook.setValues("Xét duyệt", "A5", [["x"], ["y"], ["z"]]);
    excel.workbook.sortTable(REVIEW_TABLE, "Tên mô hình", "desc");
    const row = excel.workbook.tableRecords(REVIEW_TABLE).findIndex((r) => r["Tên mô hình"] === "Mô hình b");
    excel.workbook.typeCell("Xét duyệt", `${letter(column(REVIEW_TABLE, "Chuyển sang"))}${5 + row}`, "Được công nhận");
    const result = await sendReview(s.api, me, campaign);
    expect(result).toMatchObject({ changed: 1, refused: 0 });
    expect(s.moves).toEqual([expect.objectContaining({ ids: [s.rows[1]!.registrationId], to: "recognized" })]);
    const records = excel.workbook.tableRecords(REVIEW_TABLE);
    expect(records.find((r) => r["Tên mô hình"] === "Mô hình b")!["Kết quả"]).toBe("Đã chuyển sang “Được công nhận”");
    expect(records.map((r) => r["Ghi chú của tôi"])).toEqual(["z", "y", "x"]);
  });
});

describe("the rubric sheet (Tiêu chí chấm)", () => {
  it("reads the rubric back by column identity after an inserted column and a moved one", async () => {
    let saved: Rubric | null = null;
    const fetch = async (_: RequestInfo | URL, init?: RequestInit) => {
      saved = JSON.parse(String(init!.body)) as Rubric;
      return Response.json({ ...campaign, rubric: saved });
    };
    const api = createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch);
    await pullRubric(campaign);
    excel.workbook.insertTableColumn(RUBRIC_TABLE, 0, "STT");
    excel.workbook.moveTableColumn(RUBRIC_TABLE, column(RUBRIC_TABLE, "Điểm"), 1);
    await saveRubric(api, campaign);
    expect(saved).toEqual(DEFAULT_RUBRIC);
  });
});

describe("report sheets", () => {
  it("never write over a sheet of the same name the officer made", async () => {
    excel.workbook.addSheet(REPORT_NAMES.units);
    excel.workbook.setValues(REPORT_NAMES.units, "A1", [["Số liệu của tôi"]]);
    const fetch = async () => Response.json({ title: "T", scope: { id: 1, name: "X", kind: "province" }, generatedAt: "2026-11-30T02:00:00.000Z", columns: [{ key: "orgUnitName", label: "Đơn vị" }], rows: [], notes: [] });
    const api = createApi("http://127.0.0.1:1", "dvk_x", fetch as typeof globalThis.fetch);
    await expect(pullReports(api, { campaignId: 1, scope: 1, depth: 1 }, ["units"])).rejects.toThrow(/đã có trang “Biểu 1.*không ghi đè/);
    expect(excel.workbook.rangeValues(REPORT_NAMES.units, "A1:A1")).toEqual([["Số liệu của tôi"]]);
  });
});

describe("finding columns (pure)", () => {
  const spec: OwnedTable = { table: "T", sheet: "S", label: "bảng thử", repair: "Tạo bảng", columns: [{ key: "a", header: "Tên" }, { key: "b", header: "Mã", aliases: ["Mã số"] }] };
  it("prefers the registered id over the header, falls back to the header (or an old header), and refuses to guess", () => {
    const actual = [{ id: 7, name: "Tên mới", index: 3 }, { id: 2, name: "Mã số", index: 0 }, { id: 9, name: "STT", index: 1 }];
    const map = resolveColumns(spec, actual, new Map([["a", 7]]));
    expect(map.bySpec).toEqual([actual[0], actual[1]]);
    expect(map.missing).toEqual([]);
    expect(() => resolveColumns(spec, [{ id: 1, name: "Mã", index: 0 }, { id: 2, name: " mã ", index: 1 }], new Map())).toThrow(SheetProblem);
    expect(resolveColumns(spec, [{ id: 1, name: "Tên", index: 0 }], new Map()).missing.map((c) => c.key)).toEqual(["b"]);
  });
});
