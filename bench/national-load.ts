import Database from "better-sqlite3";
import { applyReview } from "../worker/reviews/apply.ts";
import { ensureCampaign, getVisibleCampaign, setPlan } from "../worker/sql/campaigns.ts";
import { findCallerById, insertOfficer, toCaller } from "../worker/sql/officers.ts";
import { getOrgUnitByCode, insertMissingOrgUnits, listSubtree } from "../worker/sql/org-units.ts";
import { runSync } from "../worker/sync/run.ts";
import { generateToken, hashToken } from "../worker/tokens.ts";
import type { Caller } from "../worker/env.ts";
import type { D1Database } from "../worker/cf-types.ts";
import { DEFAULT_RUBRIC } from "../shared/schemas/rubric.ts";
import type { Award } from "../shared/schemas/review.ts";
import { defaultExpectedKinds, defaultLevels, type Role } from "../shared/vocabulary.ts";
import { nationalRegistrations, nationalUnits, prng, ROOT_CODE, YEARS } from "./national.ts";
import { d1OverSqlite } from "./sqlite-d1.ts";

// Five years of the whole country, loaded straight into the local D1 file by the
// worker's own code (runSync, applyReview, the SQL modules) over better-sqlite3: every
// row, version, sequence number and audit entry as the API would write them, without
// HTTP in the way. Each year: the registrations in March, edits in April, deletions in
// May, three judges' sheets in September, the approvers' decisions from October
// (recognising a registered model directly, as PRODUCT.md says is common). The clock is set to each phase's day so the audit log spans the five years.

/** `BENCH_PER_YEAR` shrinks it for a quick try of the bench itself; the published figures use 100,000. */
export const PER_YEAR = Number(process.env.BENCH_PER_YEAR) || 100_000;
const CHUNK = 1000;
/** Shares of each year's registrations, from PRODUCT.md "Sizes" and what councils do. */
const SHARE = { edited: 0.15, deleted: 0.02, withdrawn: 0.01, scored: 0.3, recognized: 0.88, exemplary: 0.08, proposed: 0.5, commended: 0.5 };
export const PLAN_DEADLINE_DAY = "03-31";

export interface NationalData {
  token: string;
  campaigns: { year: number; id: number }[];
  /** The campaign the reports are timed on: the last year's, with implementing plans. */
  reportCampaign: { id: number; deadline: string };
  scopes: { province: number; country: number };
  plans: number;
  registrations: number;
  counts: Record<string, number>;
  loadMs: Record<string, number>;
}

const verbose = Boolean(process.env.BENCH_VERBOSE);

/** Runs `fn` with `new Date()` and `Date.now()` at `iso`, moving on a millisecond per call. */
async function at<T>(iso: string, fn: () => Promise<T>): Promise<T> {
  const Real = Date;
  let now = Real.parse(iso);
  class Clock extends Real {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(now++);
      else super(...(args as [number]));
    }
    static override now() {
      return now++;
    }
  }
  globalThis.Date = Clock as DateConstructor;
  const started = performance.now();
  try {
    return await fn();
  } finally {
    globalThis.Date = Real;
    if (verbose) console.log(`  ${iso}: ${Math.round(performance.now() - started)} ms`);
  }
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function take<T>(items: readonly T[], share: number, random: () => number): T[] {
  return items.filter(() => random() < share);
}

async function officer(db: D1Database, name: string, roles: Role[], rootId: number): Promise<{ caller: Caller; token: string }> {
  const token = generateToken();
  const id = await insertOfficer(db, { name, roles, scopeId: rootId, unitId: rootId, tokenHash: await hashToken(token) });
  return { caller: toCaller((await findCallerById(db, id))!), token };
}

/** Pushes items through the sync as `caller`, checking that every one landed as `expected`. */
async function push(db: D1Database, caller: Caller, campaign: Awaited<ReturnType<typeof getVisibleCampaign>> & object, items: unknown[], scores = false, expected = ["created", "updated", "deleted"]) {
  for (const chunk of chunks(items)) {
    const out = await runSync(db, {
      caller,
      campaignId: campaign.id,
      campaign,
      registrations: scores ? [] : chunk,
      scores: scores ? chunk : [],
      cursor: 0,
      pull: false,
    });
    const refused = [...out.results, ...out.scoreResults].filter((r) => !expected.includes(r.outcome));
    if (refused.length) throw new Error(`national load: ${refused.length} refused, first ${JSON.stringify(refused[0])}`);
  }
}

async function review(db: D1Database, caller: Caller, ids: readonly string[], to: Parameters<typeof applyReview>[3], note: string, award?: Award) {
  for (const chunk of chunks(ids)) {
    const out = await applyReview(db, caller, chunk, to, note, award);
    const refused = out.filter((r) => r.outcome !== "updated");
    if (refused.length) throw new Error(`national review to ${to}: ${refused.length} refused, first ${JSON.stringify(refused[0])}`);
  }
}

/**
 * The year's registrations as a sync would create them (version 1, the next sequence
 * numbers, created and updated by the clerk now; audited by the table's trigger), with
 * one plain insert each: the sync's own path at this volume is the `sync` suite's.
 */
function create(sqlite: Database.Database, campaignId: number, clerkId: number, regs: ReturnType<typeof nationalRegistrations>): void {
  const now = new Date().toISOString();
  const insert = sqlite.prepare(`INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position,
      model_name, field, expected_benefit, start_date, end_date, level, representative, submitted_at, description, participants,
      version, seq, deleted, created_at, created_by, updated_at, updated_by)
    VALUES (@id, @campaignId, @orgUnitId, @kind, @unitName, @address, @personName, @position, @modelName, @field, @expectedBenefit,
      @startDate, @endDate, @level, @representative, @submittedAt, @description, @participants, 1, @seq, 0, @now, @clerkId, @now, @clerkId)`);
  sqlite.transaction(() => {
    const base = (sqlite.prepare(`UPDATE counters SET value = value + ? WHERE name = 'change_seq' RETURNING value`).get(regs.length) as { value: number }).value - regs.length;
    regs.forEach((r, i) => insert.run({ ...r, campaignId, seq: base + i + 1, now, clerkId }));
  })();
}

function sheet(kind: "collective" | "individual", random: () => number) {
  return Object.fromEntries(DEFAULT_RUBRIC[kind].map((c) => [c.key, Math.round(c.max * (0.45 + random() * 0.55) * 2) / 2]));
}

/** Loads the five years into the D1 file at `file` (migrated, nothing else running on it). */
export async function loadNational(file: string): Promise<NationalData> {
  const sqlite = new Database(file);
  // D1 enforces foreign keys; nothing needs to survive a crash of the bench.
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("cache_size = -262144");
  const db = d1OverSqlite(sqlite);
  const loadMs: Record<string, number> = {};
  const counts: Record<string, number> = { registrations: 0, edits: 0, deletions: 0, scoreSheets: 0, reviewMoves: 0 };
  const random = prng(2027);
  try {
    let t = performance.now();
    await at("2023-01-05T02:00:00Z", () => insertMissingOrgUnits(db, nationalUnits()));
    loadMs.units = performance.now() - t;

    const root = (await getOrgUnitByCode(db, ROOT_CODE))!;
    const tree = await listSubtree(db, root.path);
    const leaves = tree.filter((u) => !["country", "province", "commune"].includes(u.kind)).map((u) => u.id);
    const admin = await officer(db, "Quản trị toàn quốc", ["admin", "viewer"], root.id);
    const clerk = await officer(db, "Văn thư tổng hợp", ["clerk"], root.id);
    const approver = await officer(db, "Ban thi đua", ["approver"], root.id);
    const judges = await Promise.all([1, 2, 3].map((n) => officer(db, `Thành viên hội đồng ${n}`, ["judge"], root.id)));

    const campaigns: { year: number; id: number }[] = [];
    const province = tree.find((u) => u.code === "VN-01")!;
    // Implementing plans on the last year's campaign: every commune of the largest
    // province has its own, and one whole province does.
    const planned = [...tree.filter((u) => u.kind === "commune" && u.code.startsWith("VN-01-")), tree.find((u) => u.code === "VN-02")!];
    for (const year of YEARS) {
      t = performance.now();
      const id = await ensureCampaign(db, {
        orgUnitId: root.id, year, title: `Dân vận khéo toàn quốc năm ${year} (dữ liệu thử)`, planRef: null, deadline: `${year}-03-25`,
        levels: defaultLevels(year), expectedKinds: defaultExpectedKinds(year), rubric: DEFAULT_RUBRIC,
      });
      campaigns.push({ year, id });
      const campaign = (await getVisibleCampaign(db, root.path, id))!;
      if (year === YEARS.at(-1)) {
        const p = performance.now();
        await at(`${year}-02-20T02:00:00Z`, async () => {
          for (const u of planned) await setPlan(db, id, u.id, { planRef: `Kế hoạch thực hiện số ${u.id}`, deadline: `${year}-${PLAN_DEADLINE_DAY}` }, admin.caller.id, new Date().toISOString());
        });
        loadMs.plans = performance.now() - p;
      }
      const regs = nationalRegistrations(PER_YEAR, leaves, prng(year), year);
      await at(`${year}-03-10T01:00:00Z`, async () => create(sqlite, id, clerk.caller.id, regs));

      const edited = take(regs, SHARE.edited, random).map((r) => ({ ...r, baseVersion: 1, modelName: `${r.modelName} (đã sửa tên)`, expectedBenefit: (r.expectedBenefit ?? 0) + 50_000_000 }));
      await at(`${year}-04-12T01:00:00Z`, () => push(db, clerk.caller, campaign, edited));
      const version = new Map(edited.map((r) => [r.id, 2]));
      const deleted = take(regs, SHARE.deleted, random).map((r) => ({ ...r, baseVersion: version.get(r.id) ?? 1, deleted: true }));
      await at(`${year}-05-20T01:00:00Z`, () => push(db, clerk.caller, campaign, deleted));
      const gone = new Set(deleted.map((r) => r.id));
      const live = regs.filter((r) => !gone.has(r.id));

      const withdrawn = take(live, SHARE.withdrawn, random).map((r) => r.id);
      await at(`${year}-06-15T03:00:00Z`, () => review(db, approver.caller, withdrawn, "withdrawn", "Đơn vị xin rút đăng ký"));
      counts.reviewMoves! += withdrawn.length;
      const out = new Set(withdrawn);
      const considered = live.filter((r) => !out.has(r.id));
      const scored = take(considered, SHARE.scored, random);
      for (const [n, judge] of judges.entries()) {
        const sheets = scored.map((r) => ({ registrationId: r.id, baseVersion: 0, criteria: sheet(r.kind as "collective", random), ...(n === 0 ? { comment: "Mô hình thiết thực, cần nhân rộng." } : {}) }));
        await at(`${year}-09-0${n + 3}T02:00:00Z`, () => push(db, judge.caller, campaign, sheets, true));
      }

      const issuer = "Chủ tịch Ủy ban nhân dân tỉnh";
      const ids = (rs: { id: string }[]) => rs.map((r) => r.id);
      const recognized = take(considered, SHARE.recognized, random);
      const recognizedIds = new Set(ids(recognized));
      const notRecognized = considered.filter((r) => !recognizedIds.has(r.id));
      const exemplary = take(recognized, SHARE.exemplary, random);
      const proposed = take(exemplary, SHARE.proposed, random);
      const commended = take(proposed, SHARE.commended, random);
      const moves: [string, string[], ReviewStateArg, string, Award?][] = [
        [`${year}-10-20`, ids(recognized), "recognized", "Quyết định công nhận"],
        [`${year}-10-21`, ids(notRecognized), "not_recognized", "Chưa đạt yêu cầu"],
        [`${year}-11-10`, ids(exemplary), "exemplary", "Mô hình tiêu biểu"],
        [`${year}-11-25`, ids(proposed), "proposed", "Đề nghị khen thưởng", { form: "giay_khen", issuer, decisionNo: null, decisionDate: null }],
        [`${year}-12-20`, ids(commended), "commended", "Đã khen thưởng", { form: "giay_khen", issuer, decisionNo: `${year}/QĐ-UBND`, decisionDate: `${year}-12-15` }],
      ];
      for (const [day, moved, to, note, award] of moves) {
        await at(`${day}T03:00:00Z`, () => review(db, approver.caller, moved, to, note, award));
        counts.reviewMoves! += moved.length;
      }
      counts.registrations! += regs.length;
      counts.edits! += edited.length;
      counts.deletions! += deleted.length;
      counts.scoreSheets! += scored.length * judges.length;
      loadMs[`year${year}`] = performance.now() - t;
    }

    t = performance.now();
    sqlite.pragma("optimize");
    loadMs.optimize = performance.now() - t;
    const last = campaigns.at(-1)!;
    return {
      token: admin.token,
      campaigns,
      reportCampaign: { id: last.id, deadline: `${last.year}-03-25` },
      scopes: { province: province.id, country: root.id },
      plans: planned.length,
      registrations: counts.registrations!,
      counts,
      loadMs,
    };
  } finally {
    sqlite.close();
  }
}

type ReviewStateArg = Parameters<typeof applyReview>[3];
