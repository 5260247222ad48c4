import { ApiError, call, type Api } from "../api/client.ts";
import { layoutTableSheet, replaceReportSheet } from "../host/tables.ts";
import { readOwnedTables, writeRowsById } from "../host/table-rows.ts";
import { evidenceCell, evidenceLinks, evidenceSheet } from "../evidence/links.ts";
import { readScoreRow, SCORING_TABLES, scoringColumns, scoringSheet, scoringSpec, scoreHash, type ScorePush, type ScoringSheetData } from "./sheet.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import type { Rubric } from "../../shared/schemas/rubric.ts";
import { KINDS, type Kind } from "../../shared/vocabulary.ts";

const SCORE_BATCH = 500;

async function fetchSheet(api: Api, campaign: Campaign): Promise<ScoringSheetData> {
  return call(api.api.v1.campaigns[":id"].scoring.$get({ param: { id: String(campaign.id) } }));
}

/**
 * "Tạo phiếu chấm điểm": one sheet per kind of model the judge may score, from the
 * campaign's rubric. Laid out again, points typed but not yet sent stay, and so does
 * every column and row order the judge set.
 */
export async function buildScoringSheets(api: Api, campaign: Campaign): Promise<{ models: number; files: number }> {
  const data = await fetchSheet(api, campaign);
  // The evidence each model's unit attached: links that open without the judge's token.
  const files = await evidenceLinks(api, data.models.map((m) => m.registrationId));
  const list = evidenceSheet(data.models.map((m) => ({ id: m.registrationId, name: m.modelName })), files);
  const evidence = new Map(data.models.map((m) => [m.registrationId, evidenceCell(files.get(m.registrationId) ?? [], list.firstRow.get(m.registrationId) ?? null)]));
  const withModels = KINDS.filter((k) => data.models.some((m) => m.kind === k));
  for (const kind of KINDS) {
    // A kind with no model to score gets no new sheet (one of them, at least, is laid out).
    const optional = !withModels.includes(kind) && (withModels.length > 0 || kind !== "collective");
    await layoutTableSheet({ ...scoringSheet(data, kind, new Map(campaign.levels.map((l) => [l.code, l.label])), evidence), optional });
  }
  if (list.sheet.rows.length) await replaceReportSheet(list.sheet);
  return { models: data.models.length, files: [...files.values()].reduce((n, f) => n + f.length, 0) };
}

export interface ScoreSyncReport {
  sent: number;
  accepted: number;
  refused: number;
  conflicts: number;
  waiting: number;
  offline: ApiError | null;
}

/**
 * "Đồng bộ điểm": sends every complete sheet changed since its last sync, then writes
 * back each row's outcome and the council's consolidated figures beside the judge's own.
 */
export async function syncScores(api: Api, campaign: Campaign, progress: (done: number, total: number) => void = () => {}): Promise<ScoreSyncReport> {
  const rubric = campaign.rubric;
  const specs = new Map(KINDS.map((k) => [k, scoringSpec(k, rubric)]));
  const tables = await readOwnedTables([...specs.values()]);
  const pushes: ScorePush[] = [];
  const updates = new Map<string, { idColumn: number; rows: Map<string, Map<number, Cell>> }>();
  const sentHash = new Map<string, string>();
  const where = new Map<string, Kind>();
  for (const kind of KINDS) {
    const rows = tables.get(SCORING_TABLES[kind].table)?.rows;
    if (!rows) continue;
    const c = scoringColumns(rubric[kind]);
    const byId = new Map<string, Map<number, Cell>>();
    updates.set(SCORING_TABLES[kind].table, { idColumn: c.id, rows: byId });
    for (const row of rows) {
      const r = readScoreRow(row, rubric[kind]);
      if (!r.id) continue;
      where.set(r.id, kind);
      byId.set(r.id, new Map([[c.status, r.push ? "Đang gửi…" : r.status]]));
      if (r.push) {
        pushes.push(r.push);
        sentHash.set(r.id, r.hash!);
      }
    }
  }
  const report: ScoreSyncReport = { sent: pushes.length, accepted: 0, refused: 0, conflicts: 0, waiting: 0, offline: null };
  const cell = (id: string) => {
    const kind = where.get(id)!;
    return { c: scoringColumns(rubric[kind]), cells: updates.get(SCORING_TABLES[kind].table)!.rows.get(id)! };
  };
  try {
    for (let i = 0; i < pushes.length; i += SCORE_BATCH) {
      const batch = pushes.slice(i, i + SCORE_BATCH);
      const answer = await call(api.api.v1.sync.$post({ json: { campaignId: campaign.id, registrations: [], scores: batch, pull: false } }));
      for (const r of answer.scoreResults) {
        if (!r.registrationId || !where.has(r.registrationId)) continue;
        const { c, cells } = cell(r.registrationId);
        if (r.outcome === "created" || r.outcome === "updated" || r.outcome === "unchanged") {
          report.accepted++;
          cells.set(c.status, "Đã đồng bộ").set(c.version, r.version ?? 0).set(c.hash, sentHash.get(r.registrationId) ?? "");
        } else if (r.outcome === "conflict") {
          report.conflicts++;
          // Another copy of this judge's sheet was sent from elsewhere: keep these points, rebase, say so.
          cells.set(c.status, "Xung đột – phiếu đã được sửa ở máy khác; bấm Đồng bộ điểm lần nữa để gửi bản này").set(c.version, r.version ?? 0);
        } else {
          report.refused++;
          cells.set(c.status, `Lỗi – ${(r.errors ?? []).map((e) => e.message).join(" | ")}`);
        }
      }
      progress(Math.min(i + SCORE_BATCH, pushes.length), pushes.length);
    }
  } catch (err) {
    if (!(err instanceof ApiError) || !(err.offline || err.status >= 500 || err.status === 429)) throw err;
    report.offline = err;
    for (const p of pushes) {
      const { c, cells } = cell(p.registrationId);
      if (cells.get(c.status) === "Đang gửi…") {
        cells.set(c.status, "Chưa gửi – sẽ gửi ở lần đồng bộ sau");
        report.waiting++;
      }
    }
  }
  if (!report.offline) {
    const data = await fetchSheet(api, campaign);
    for (const m of data.models) {
      if (!where.has(m.registrationId)) continue;
      const { c, cells } = cell(m.registrationId);
      const rating = rubric.ratings.find((r) => r.code === m.summary?.rating)?.label ?? "";
      cells
        .set(c.judges, m.summary?.judges ?? 0)
        .set(c.mean, m.summary?.mean ?? "")
        .set(c.spread, m.summary?.spread ?? "")
        .set(c.flagged, m.summary?.flagged ? "Cần xem lại" : "")
        .set(c.councilRating, rating);
      if (m.myScore && !m.myScore.deleted && cells.get(c.status) === "Đã đồng bộ") {
        cells.set(c.hash, scoreHash(m.myScore.criteria, m.myScore.comment ?? null)).set(c.version, m.myScore.version);
      }
    }
  }
  for (const [kind, spec] of specs) {
    const read = tables.get(spec.table);
    const u = updates.get(spec.table);
    if (read && u) await writeRowsById(spec, "id", u.rows, read.handle);
  }
  return report;
}
