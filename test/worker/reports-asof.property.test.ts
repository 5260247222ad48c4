import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_CODES } from "../../worker/demo/area.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { awardText } from "../../worker/reviews/award.ts";
import { deletePlan, insertCampaign, setPlan, updateCampaign, updateRubric } from "../../worker/sql/campaigns.ts";
import { insertOfficer } from "../../worker/sql/officers.ts";
import { insertMissingOrgUnits } from "../../worker/sql/org-units.ts";
import { encodeWrite, reserveSeq, upsertChunk, type RegistrationSnapshot } from "../../worker/sql/registrations.ts";
import { takeSnapshot } from "../../worker/sql/report-snapshots.ts";
import { reviewStatements } from "../../worker/sql/reviews.ts";
import { encodeScoreWrite, summaryStatements, upsertScores } from "../../worker/sql/scores.ts";
import { generateToken, hashToken } from "../../worker/tokens.ts";
import type { Award } from "../../shared/schemas/review.ts";
import { DEFAULT_RUBRIC, type Rubric } from "../../shared/schemas/rubric.ts";
import {
  AWARD_FORM_LABELS,
  DEFAULT_EXPECTED_KINDS,
  DEFAULT_LEVELS,
  FIELD_LABELS,
  FIELDS,
  KIND_LABELS,
  KINDS,
  REVIEW_STATE_LABELS,
  REVIEW_STATES,
  orgUnitKindLabel,
  type Level,
} from "../../shared/vocabulary.ts";
import { call, json, officer } from "./helpers.ts";

// Reports as of a moment against an independent replay of the audit log.
//
// Time: the worker stamps every write with its own clock, which vi.useFakeTimers cannot
// reach inside workerd. So the history is written here through the worker's own write
// statements (the sync's registration and score upserts, the review endpoint's
// statements, the admin's campaign and plan changes), each given a chosen moment as its
// `now`, in 2024: the audit triggers and entries are exactly those of production, and
// the moments between them are known to the millisecond. Random creates, edits (moves
// between units included), deletions, restores, review moves and undos with awards,
// score sheets and their removal, deadline, level, expected-kind and rubric changes, and
// implementing plans set and removed, spread over weeks. Then, at random moments (on an
// entry's millisecond, just before, just after, before everything, after everything),
// every cell of every table is compared with what a plain replay of
// `SELECT * FROM audit_log` up to that moment gives, computed here from the log alone;
// some moments are first written down as a half-year snapshot, as the daily run does.
// And after everything, each table as of then equals the table now.

interface Unit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  id: number;
  path: string;
  depth: number;
  parentName: string | null;
}

const CHILD_KINDS = ["village", "department", "mass_organization", "agency", "other_kind"];
const EXTRA_LEVEL: Level = { code: "commune", label: "Cấp xã" };
const OTHER_RUBRIC: Rubric = {
  ...DEFAULT_RUBRIC,
  ratings: [
    { code: "excellent", label: "Xuất sắc", min: 85 },
    { code: "good", label: "Tốt", min: 70 },
    { code: "pass", label: "Đạt", min: 45 },
    { code: "fail", label: "Không đạt", min: 0 },
  ],
  flagSpread: 0.15,
};
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();
const day = (offset: number) => new Date(Date.UTC(2024, 2, 25 + offset)).toISOString().slice(0, 10);

let clerkId: number;
let judges: number[];
let admin: DemoOfficer;
let run = 0;

beforeAll(async () => {
  admin = await officer("admin");
  clerkId = (await env.DB.prepare("SELECT id FROM officers ORDER BY id LIMIT 1").first<{ id: number }>())!.id;
  judges = [];
  for (let i = 0; i < 3; i++) {
    judges.push(await insertOfficer(env.DB, { name: `Giám khảo ${i}`, roles: ["judge"], scopeId: admin.scopeId, unitId: admin.scopeId, tokenHash: await hashToken(generateToken()) }));
  }
});

// ---------------------------------------------------------------------------------
// Drawing a history

const shape = fc.array(fc.array(fc.record({ kind: fc.constantFrom(...CHILD_KINDS), hamlets: fc.nat(2) }), { minLength: 1, maxLength: 3 }), {
  minLength: 2,
  maxLength: 3,
});
const content = fc.record({
  unitPick: fc.nat(),
  kind: fc.constantFrom(...KINDS),
  field: fc.constantFrom(...FIELDS),
  levelPick: fc.nat(),
  expectedBenefit: fc.option(fc.integer({ min: 0, max: 5_000_000_000 }), { nil: null }),
  day: fc.integer({ min: -12, max: 12 }),
  participants: fc.option(fc.integer({ min: 1, max: 500 }), { nil: null }),
  name: fc.constantFrom("Chi hội Nông dân", "Đoàn Thanh niên", "=SUM(A1)", "Tổ 10", "Tổ 2"),
  period: fc.constantFrom(null, "năm 2024", "Quý II/2024"),
  open: fc.boolean(),
});
const OPS = [
  "create", "create", "create", "create", "edit", "edit", "edit", "delete", "restore", "review", "review", "review", "undo",
  "score", "score", "score", "unscore", "deadline", "levels", "kinds", "rubric", "plan", "plan", "unplan",
] as const;
type Op = (typeof OPS)[number];
const step = fc.record({
  op: fc.constantFrom(...OPS),
  gapMinutes: fc.integer({ min: 1, max: 3 * 24 * 60 }),
  pick: fc.nat(),
  pick2: fc.nat(),
  content,
  points: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 5, maxLength: 5 }),
  half: fc.boolean(),
  decision: fc.option(fc.constantFrom("12/QĐ-UBND", "=CMD|' /C calc'!A0"), { nil: null }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;
// `snapshot`: the moment is first written down as the daily run writes half-year ends
// (report-snapshots.ts), so the counting tables read it instead of rebuilding.
const moment = fc.record({
  pick: fc.nat(),
  shift: fc.constantFrom(-1, 0, 1),
  edge: fc.constantFrom("event", "event", "event", "before", "after"),
  snapshot: fc.boolean(),
});

interface Model {
  version: number;
  snapshot: RegistrationSnapshot;
  state: string;
  award: string | null;
  undo: { state: string; award: string | null }[];
}

function buildTree(drawn: { kind: string; hamlets: number }[][]): Omit<Unit, "id" | "path" | "depth" | "parentName">[] {
  run++;
  const district = { code: `AS${run}`, name: `Huyện lịch sử ${run}`, kind: "district", parentCode: DEMO_CODES.province as string };
  const units = [district];
  drawn.forEach((children, c) => {
    const commune = { code: `AS${run}-X${c + 1}`, name: `Xã lịch sử ${run}.${c + 1}`, kind: "commune", parentCode: district.code };
    units.push(commune);
    children.forEach((child, k) => {
      // Codes 2 and 10 side by side: siblings sort as numbers.
      const unit = { code: `${commune.code}-${k === 1 ? 10 : k + 1}`, name: `Đơn vị ${run}.${c + 1}.${k + 1}`, kind: child.kind, parentCode: commune.code };
      units.push(unit);
      for (let h = 0; h < child.hamlets; h++) units.push({ code: `${unit.code}-T${h}`, name: `Tổ ${run}.${c + 1}.${k + 1}.${h}`, kind: "village", parentCode: unit.code });
    });
  });
  return units;
}

async function loadTree(drawn: { kind: string; hamlets: number }[][]): Promise<Unit[]> {
  const specs = buildTree(drawn);
  await insertMissingOrgUnits(env.DB, specs);
  const { results } = await env.DB.prepare(
    `SELECT u.code, u.id, u.path, u.depth, p.name AS parentName FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
     WHERE u.code IN (SELECT value FROM json_each(?1))`,
  )
    .bind(JSON.stringify(specs.map((s) => s.code)))
    .all<{ code: string; id: number; path: string; depth: number; parentName: string | null }>();
  return specs.map((s) => ({ ...s, ...results.find((r) => r.code === s.code)! }));
}

/** Writes the history, each change at its own moment; returns the moments, in order. */
async function writeHistory(units: Unit[], campaignId: number, steps: Step[], startMs: number) {
  const db = env.DB;
  const regs = new Map<string, Model>();
  const scores = new Map<string, { version: number; deleted: boolean }>();
  let rubric: Rubric = DEFAULT_RUBRIC;
  let levels: Level[] = [...DEFAULT_LEVELS];
  let kindsNarrow = false;
  const plans = new Map<number, string>();
  const moments: number[] = [];
  let t = startMs;
  const ids = () => [...regs.keys()];
  const live = () => ids().filter((id) => !regs.get(id)!.snapshot.deleted);
  const snapshotOf = (c: Step["content"], deleted = false): RegistrationSnapshot => {
    const individual = c.kind === "individual";
    return {
      orgUnitId: units[c.unitPick % units.length]!.id,
      kind: c.kind,
      unitName: individual ? null : c.name,
      address: null,
      personName: individual ? `Nguyễn Văn ${c.name}` : null,
      position: individual ? "Trưởng thôn" : null,
      modelName: `Mô hình ${c.name} ${c.day}`,
      field: c.field,
      level: levels[c.levelPick % levels.length]!.code,
      expectedBenefit: c.expectedBenefit,
      startDate: c.open ? null : "2024-01-01",
      endDate: c.open ? null : "2024-12-31",
      periodText: c.period,
      representative: null,
      submittedAt: day(c.day),
      description: c.open ? "Thuyết minh: cách làm, kết quả." : null,
      participants: c.participants,
      deleted,
    };
  };
  const writeRegistration = async (id: string, snapshot: RegistrationSnapshot, version: number, now: string) => {
    const chunk = `[${encodeWrite({ id, snapshot, version, seqOffset: 1 })}]`;
    const [, landed] = await db.batch<{ id: string }>([reserveSeq(db, 1), upsertChunk(db, chunk, 1, campaignId, clerkId, now)]);
    expect(landed!.results.length).toBe(1);
  };
  for (const s of steps) {
    t += s.gapMinutes * 60_000 + (s.pick % 1000);
    const now = iso(t);
    const op: Op = s.op;
    let wrote = true;
    if (op === "create") {
      const id = crypto.randomUUID();
      const snapshot = snapshotOf(s.content);
      await writeRegistration(id, snapshot, 1, now);
      regs.set(id, { version: 1, snapshot, state: "registered", award: null, undo: [] });
    } else if ((op === "edit" || op === "delete") && live().length) {
      const id = live()[s.pick % live().length]!;
      const r = regs.get(id)!;
      const snapshot = op === "edit" ? snapshotOf(s.content) : { ...r.snapshot, deleted: true };
      await writeRegistration(id, snapshot, r.version + 1, now);
      Object.assign(r, { version: r.version + 1, snapshot });
    } else if (op === "restore" && ids().some((id) => regs.get(id)!.snapshot.deleted)) {
      const gone = ids().filter((id) => regs.get(id)!.snapshot.deleted);
      const id = gone[s.pick % gone.length]!;
      const r = regs.get(id)!;
      const snapshot = { ...r.snapshot, deleted: false };
      await writeRegistration(id, snapshot, r.version + 1, now);
      Object.assign(r, { version: r.version + 1, snapshot });
    } else if (op === "review" && live().length) {
      const id = live()[s.pick % live().length]!;
      const r = regs.get(id)!;
      const to = REVIEW_STATES[s.pick2 % REVIEW_STATES.length]!;
      const withAward = (to === "proposed" || to === "commended") && s.pick2 % 3 !== 0;
      const award: Award | null = withAward
        ? { form: (["bieu_duong", "giay_khen", "bang_khen"] as const)[s.pick % 3]!, issuer: "Chủ tịch UBND xã", decisionNo: s.decision, decisionDate: s.decision ? "2024-05-20" : null }
        : null;
      const awardTo = award ? awardText(award) : r.award;
      if (to === r.state && awardTo === r.award) wrote = false;
      else {
        await db.batch(reviewStatements(db, [{ id, from: r.state, to, awardFrom: r.award, awardTo, note: "xét", action: "review" }], clerkId, now));
        r.undo.push({ state: r.state, award: r.award });
        Object.assign(r, { state: to, award: awardTo });
      }
    } else if (op === "undo" && live().some((id) => regs.get(id)!.undo.length)) {
      const undoable = live().filter((id) => regs.get(id)!.undo.length);
      const id = undoable[s.pick % undoable.length]!;
      const r = regs.get(id)!;
      const back = r.undo.pop()!;
      await db.batch(reviewStatements(db, [{ id, from: r.state, to: back.state, awardFrom: r.award, awardTo: back.award, note: "hoàn tác", action: "undo", undoes: 1 }], clerkId, now));
      Object.assign(r, { state: back.state, award: back.award });
    } else if ((op === "score" || op === "unscore") && live().length) {
      const id = live()[s.pick % live().length]!;
      const judge = judges[s.pick2 % judges.length]!;
      const key = `${id}:${judge}`;
      const stored = scores.get(key);
      if (op === "unscore" && (!stored || stored.deleted)) wrote = false;
      else {
        const criteria = Object.fromEntries(
          rubric[regs.get(id)!.snapshot.kind].map((c, i) => [c.key, Math.min(c.max, s.points[i]! % (c.max + 1) + (s.half && i === 0 && s.points[i]! % (c.max + 1) < c.max ? 0.5 : 0))]),
        );
        const total = Object.values(criteria).reduce((a, b) => a + b, 0);
        const version = (stored?.version ?? 0) + 1;
        const deleted = op === "unscore";
        const chunk = `[${encodeScoreWrite({ registrationId: id, criteria, total, anyZero: Object.values(criteria).some((p) => p === 0), comment: null, deleted, version, seqOffset: 1 })}]`;
        const [, landed] = await db.batch<{ registration_id: string }>([
          reserveSeq(db, 1),
          upsertScores(db, chunk, 1, campaignId, judge, now),
          ...summaryStatements(db, campaignId, [id], rubric),
        ]);
        expect(landed!.results.length).toBe(1);
        scores.set(key, { version, deleted });
      }
    } else if (op === "deadline") {
      await updateCampaign(db, campaignId, { deadline: day(s.content.day) }, [], clerkId, now);
    } else if (op === "levels") {
      const has = levels.some((l) => l.code === EXTRA_LEVEL.code);
      const next = has ? levels.filter((l) => l.code !== EXTRA_LEVEL.code) : [...levels, EXTRA_LEVEL];
      if (await updateCampaign(db, campaignId, { levels: next }, has ? [EXTRA_LEVEL.code] : [], clerkId, now)) levels = next;
      else wrote = false;
    } else if (op === "kinds") {
      kindsNarrow = !kindsNarrow;
      await updateCampaign(db, campaignId, { expectedKinds: kindsNarrow ? DEFAULT_EXPECTED_KINDS.filter((k) => k !== "agency") : [...DEFAULT_EXPECTED_KINDS] }, [], clerkId, now);
    } else if (op === "rubric" && ![...scores.values()].some((x) => !x.deleted)) {
      // As the admin route: thresholds change only while nothing is scored.
      const next = rubric === DEFAULT_RUBRIC ? OTHER_RUBRIC : DEFAULT_RUBRIC;
      await updateRubric(db, campaignId, next, clerkId, now);
      rubric = next;
    } else if (op === "plan") {
      const unit = units[s.pick % units.length]!.id;
      const deadline = day(s.content.day);
      if (plans.get(unit) === deadline) wrote = false;
      else {
        await setPlan(db, campaignId, unit, { planRef: `KH ${s.pick % 100}`, deadline }, clerkId, now);
        plans.set(unit, deadline);
      }
    } else if (op === "unplan" && plans.size) {
      const unit = [...plans.keys()][s.pick % plans.size]!;
      expect(await deletePlan(db, campaignId, unit, clerkId, now)).toBe(true);
      plans.delete(unit);
    } else wrote = false;
    if (wrote) moments.push(t);
  }
  return { moments, ids: ids() };
}

// ---------------------------------------------------------------------------------
// The replay: the log alone, forward from the beginning

interface Entry {
  id: number;
  at: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
}

interface Sheet {
  judgeId: number;
  total: number;
  criteria: Record<string, number>;
  deleted: boolean;
}

interface Then {
  campaign: { title: string; deadline: string; levels: Level[]; expectedKinds: string[]; rubric: Rubric };
  plans: Map<number, { planRef: string; deadline: string }>;
  regs: Map<string, RegistrationSnapshot & { state: string; award: Award | null; sheets: Sheet[] }>;
}

function replay(entries: readonly Entry[], at: string): Then {
  let campaign: Then["campaign"] | null = null;
  const plans: Then["plans"] = new Map();
  const forms = new Map<string, RegistrationSnapshot>();
  const reviews = new Map<string, { state: string; award: Award | null }>();
  const sheets = new Map<string, Map<number, Sheet>>();
  const upTo = entries.filter((e) => e.at <= at).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  for (const e of upTo) {
    const after = e.after === null ? null : JSON.parse(e.after);
    if (e.entity === "registration") forms.set(e.entity_id, after);
    else if (e.entity === "review") reviews.set(e.entity_id, { state: after.reviewState, award: after.award ?? null });
    else if (e.entity === "score") {
      if (!sheets.has(e.entity_id)) sheets.set(e.entity_id, new Map());
      sheets.get(e.entity_id)!.set(after.judgeId, after);
    } else if (e.entity === "campaign") {
      if (e.action === "create") campaign = after;
      else if (e.action === "update") Object.assign(campaign!, after);
      else if (e.action === "rubric") campaign!.rubric = after;
      else if (e.action === "plan_create" || e.action === "plan_update") plans.set(after.orgUnitId, after);
      else if (e.action === "plan_delete") plans.delete(JSON.parse(e.before!).orgUnitId);
    }
  }
  const regs: Then["regs"] = new Map();
  for (const [id, form] of forms) {
    if (form.deleted) continue;
    const review = reviews.get(id) ?? { state: "registered", award: null };
    regs.set(id, { ...form, ...review, sheets: [...(sheets.get(id)?.values() ?? [])].filter((x) => !x.deleted) });
  }
  return { campaign: campaign!, plans, regs };
}

// ---------------------------------------------------------------------------------
// The tables, recomputed plainly from the replay

type Reg = Then["regs"] extends Map<string, infer R> ? R & { id: string } : never;

function world(then: Then, units: Unit[]) {
  const unitById = new Map(units.map((u) => [u.id, u]));
  const regs: Reg[] = [...then.regs].map(([id, r]) => ({ ...r, id }));
  const unitOf = (r: Reg) => unitById.get(r.orgUnitId)!;
  const within = (r: Reg, scope: Unit) => unitOf(r).path.startsWith(scope.path);
  const deadlineOf = (r: Reg) => {
    const chain = unitOf(r).path.split("/").filter(Boolean).map(Number).reverse();
    const holder = chain.find((id) => then.plans.has(id));
    return holder === undefined ? then.campaign.deadline : then.plans.get(holder)!.deadline;
  };
  const maxOf = (kind: string) => then.campaign.rubric[kind as "collective"].reduce((s, c) => s + c.max, 0);
  const consolidated = (r: Reg) => {
    const n = r.sheets.length;
    if (n === 0) return null;
    const totals = r.sheets.map((x) => x.total).sort((a, b) => a - b);
    const sum = totals.reduce((a, b) => a + b, 0);
    const median = n % 2 ? totals[(n - 1) / 2]! : (totals[n / 2 - 1]! + totals[n / 2]!) / 2;
    const spread = totals[n - 1]! - totals[0]!;
    const max = maxOf(r.kind);
    const zeros = r.sheets.filter((x) => Object.values(x.criteria).some((p) => p === 0)).length;
    const rating =
      zeros * 2 > n ? "fail" : (then.campaign.rubric.ratings.find((x) => (sum / n / max) * 100 >= x.min - 1e-9)?.code ?? "fail");
    return { judges: n, mean: sum / n, median, spread, flagged: spread > then.campaign.rubric.flagSpread * max + 1e-9, rating };
  };
  const ratingLabel = (code: string | null) => then.campaign.rubric.ratings.find((x) => x.code === code)?.label ?? null;
  return { regs, unitOf, within, deadlineOf, consolidated, ratingLabel, unitById };
}

function expectedUnits(then: Then, units: Unit[], scope: Unit, depth: number) {
  const w = world(then, units);
  const target = scope.depth + depth;
  const figures = (rs: Reg[]) => {
    const counted = rs.filter((r) => r.state !== "withdrawn");
    const n = (f: (r: Reg) => boolean) => counted.filter(f).length;
    const row: Record<string, number> = {
      total: counted.length,
      collective: n((r) => r.kind === "collective"),
      individual: n((r) => r.kind === "individual"),
      expectedBenefit: counted.reduce((s, r) => s + (r.expectedBenefit ?? 0), 0),
      onTime: n((r) => r.submittedAt! <= w.deadlineOf(r)),
      late: n((r) => r.submittedAt! > w.deadlineOf(r)),
    };
    for (const f of FIELDS) row[f] = n((r) => r.field === f);
    for (const l of then.campaign.levels) row[l.code] = n((r) => r.level === l.code);
    for (const st of REVIEW_STATES) row[st] = rs.filter((r) => r.state === st).length;
    return row;
  };
  const inScope = w.regs.filter((r) => w.within(r, scope));
  const rows: { name: string; direct: number; code: string; figures: Record<string, number> }[] = [];
  for (const u of units) {
    if (!u.path.startsWith(scope.path)) continue;
    if (u.depth === target) rows.push({ name: u.name, direct: 0, code: u.code, figures: figures(inScope.filter((r) => w.unitOf(r).path.startsWith(u.path))) });
    if (u.depth < target) {
      const own = inScope.filter((r) => r.orgUnitId === u.id);
      if (own.length) rows.push({ name: `${u.name} (đăng ký trực tiếp)`, direct: 1, code: u.code, figures: figures(own) });
    }
  }
  rows.sort((a, b) => b.direct - a.direct || a.code.localeCompare(b.code, "vi", { numeric: true }));
  return { rows: rows.map((r) => [r.name, r.figures] as const), totals: figures(inScope), keys: Object.keys(figures([])) };
}

function expectedMatrix(then: Then, units: Unit[], scope: Unit) {
  const w = world(then, units);
  const counted = w.regs.filter((r) => w.within(r, scope) && r.state !== "withdrawn");
  return FIELDS.map((field) => {
    const row: Record<string, unknown> = { field, fieldLabel: FIELD_LABELS[field] };
    for (const l of then.campaign.levels) row[l.code] = counted.filter((r) => r.field === field && r.level === l.code).length;
    row.total = then.campaign.levels.reduce((s, l) => s + (row[l.code] as number), 0);
    return row;
  });
}

function expectedMissing(then: Then, units: Unit[], scope: Unit) {
  const w = world(then, units);
  return units
    .filter((u) => u.path.startsWith(scope.path) && then.campaign.expectedKinds.includes(u.kind))
    .filter((u) => !w.regs.some((r) => r.orgUnitId === u.id && r.state !== "withdrawn"))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((u) => ({ orgUnitId: u.id, orgUnitName: u.name, kind: u.kind, code: u.code, parentName: u.parentName, kindLabel: orgUnitKindLabel(u.kind) }));
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function expectedScores(then: Then, units: Unit[], scope: Unit) {
  const w = world(then, units);
  const scored = w.regs.filter((r) => w.within(r, scope) && r.state !== "withdrawn" && r.sheets.length > 0).map((r) => ({ r, c: w.consolidated(r)! }));
  return scored
    .map(({ r, c }) => ({
      registrationId: r.id,
      orgUnitName: w.unitOf(r).name,
      personName: r.kind === "individual" ? r.personName : null,
      modelName: r.modelName,
      kind: r.kind,
      field: r.field,
      ...c,
      rank: 1 + scored.filter((x) => x.r.kind === r.kind && x.c.mean > c.mean).length,
      kindLabel: KIND_LABELS[r.kind],
      fieldLabel: FIELD_LABELS[r.field],
      ratingLabel: w.ratingLabel(c.rating),
    }))
    .sort((a, b) => byText(a.kind, b.kind) || a.rank - b.rank || byText(a.modelName, b.modelName) || byText(a.registrationId, b.registrationId));
}

function expectedCommendations(then: Then, units: Unit[], scope: Unit) {
  const w = world(then, units);
  const order: Record<string, number> = { commended: 0, proposed: 1, exemplary: 2 };
  return w.regs
    .filter((r) => w.within(r, scope) && r.state in order)
    .map((r) => {
      const c = w.consolidated(r);
      const missingDecision = r.state === "commended" && !r.award?.decisionNo;
      const level = then.campaign.levels.find((l) => l.code === r.level)?.label ?? r.level;
      return {
        registrationId: r.id,
        orgUnitName: w.unitOf(r).name,
        kind: r.kind,
        kindLabel: KIND_LABELS[r.kind],
        name: r.kind === "individual" ? r.personName : r.unitName,
        position: r.position,
        modelName: r.modelName,
        field: r.field,
        fieldLabel: FIELD_LABELS[r.field],
        level: r.level,
        levelLabel: level,
        reviewState: r.state,
        reviewStateLabel: REVIEW_STATE_LABELS[r.state as "registered"],
        mean: c?.mean ?? null,
        rating: c?.rating ?? null,
        ratingLabel: w.ratingLabel(c?.rating ?? null) ?? "",
        awardForm: r.award?.form ?? null,
        awardFormLabel: r.award ? AWARD_FORM_LABELS[r.award.form] : null,
        awardIssuer: r.award?.issuer ?? null,
        awardDecisionNo: r.award?.decisionNo ?? null,
        awardDecisionDate: r.award?.decisionDate ?? null,
        awardDecisionDateLabel: r.award?.decisionDate ? r.award.decisionDate.split("-").reverse().join("/") : null,
        missingDecision,
        remark: missingDecision ? "Chưa có số quyết định khen thưởng" : null,
      };
    })
    .sort(
      (a, b) =>
        order[a.reviewState]! - order[b.reviewState]! ||
        byText(a.kind, b.kind) ||
        (b.mean ?? -Infinity) - (a.mean ?? -Infinity) ||
        byText(a.modelName, b.modelName) ||
        byText(a.registrationId, b.registrationId),
    );
}

function expectedList(then: Then, units: Unit[], scope: Unit) {
  const w = world(then, units);
  const ddmmyyyy = (d: string | null) => (d ? d.split("-").reverse().join("/") : null);
  const below = (u: Unit) => u.path.split("/").filter(Boolean).map(Number).slice(scope.depth + 1).map((id) => w.unitById.get(id)!);
  const unitOrder = (a: Unit, b: Unit) => {
    const [x, y] = [below(a), below(b)];
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const c = x[i]!.code.localeCompare(y[i]!.code, "vi", { numeric: true });
      if (c) return c;
    }
    return x.length - y.length;
  };
  const listed = w.regs
    .filter((r) => w.within(r, scope))
    .sort(
      (a, b) =>
        unitOrder(w.unitOf(a), w.unitOf(b)) ||
        byText(a.kind, b.kind) ||
        byText(a.submittedAt!, b.submittedAt!) ||
        byText(a.modelName, b.modelName) ||
        byText(a.id, b.id),
    );
  const rows: Record<string, unknown>[] = [];
  let last: number | null = null;
  listed.forEach((r, i) => {
    const u = w.unitOf(r);
    if (u.id !== last) {
      last = u.id;
      const chain = below(u);
      rows.push({ heading: chain.length ? chain.map((x) => x.name).join(" – ") : scope.name });
    }
    const c = w.consolidated(r);
    const onTime = r.submittedAt! <= w.deadlineOf(r);
    const period = r.periodText ?? (r.startDate && r.endDate ? `${ddmmyyyy(r.startDate)} – ${ddmmyyyy(r.endDate)}` : null);
    rows.push({
      stt: i + 1,
      registrationId: r.id,
      orgUnitId: u.id,
      orgUnitName: u.name,
      kind: r.kind,
      kindLabel: KIND_LABELS[r.kind],
      unitName: r.unitName,
      personName: r.personName,
      position: r.position,
      name: r.kind === "individual" ? `${r.personName} (${r.position})` : r.unitName,
      modelName: r.modelName,
      field: r.field,
      fieldLabel: FIELD_LABELS[r.field],
      level: r.level,
      levelLabel: then.campaign.levels.find((l) => l.code === r.level)?.label ?? r.level,
      expectedBenefit: r.expectedBenefit,
      participants: r.participants,
      periodText: r.periodText,
      startDate: r.startDate,
      endDate: r.endDate,
      period,
      submittedAt: r.submittedAt,
      submittedLabel: ddmmyyyy(r.submittedAt),
      onTime,
      onTimeLabel: onTime ? "Đúng hạn" : "Sau hạn",
      state: r.state,
      stateLabel: REVIEW_STATE_LABELS[r.state as "registered"],
      mean: c?.mean ?? null,
      rating: c?.rating ?? null,
      ratingLabel: w.ratingLabel(c?.rating ?? null),
      description: r.description,
    });
  });
  const counted = listed.filter((r) => r.state !== "withdrawn");
  return {
    rows,
    totals: { expectedBenefit: counted.reduce((s, r) => s + (r.expectedBenefit ?? 0), 0), participants: counted.reduce((s, r) => s + (r.participants ?? 0), 0) },
  };
}

// ---------------------------------------------------------------------------------
// The property

describe("reports as of a moment equal a replay of the audit log", () => {
  it("every cell of every table, at random moments of a random history", async () => {
    await fc.assert(
      fc.asyncProperty(shape, fc.array(step, { minLength: 8, maxLength: 40, size: "max" }), fc.array(moment, { minLength: 2, maxLength: 3 }), async (drawn, steps, moments) => {
        const units = await loadTree(drawn);
        const district = units[0]!;
        const start = T0 + run * 60_000;
        const campaignId = (await insertCampaign(
          env.DB,
          { orgUnitId: district.id, year: 2024, title: `Kế hoạch lịch sử ${run}`, planRef: `Kế hoạch số ${run}-KH/ĐU`, deadline: day(0), levels: [...DEFAULT_LEVELS], expectedKinds: [...DEFAULT_EXPECTED_KINDS], rubric: DEFAULT_RUBRIC },
          clerkId,
          iso(start),
        ))!;
        const history = await writeHistory(units, campaignId, steps, start);
        const { results: entries } = await env.DB.prepare(
          `SELECT * FROM audit_log WHERE (entity IN ('registration', 'review', 'score') AND entity_id IN (SELECT value FROM json_each(?1)))
             OR (entity = 'campaign' AND entity_id = ?2)`,
        )
          .bind(JSON.stringify(history.ids), String(campaignId))
          .all<Entry>();
        const times = [start, ...history.moments];
        const communes = units.filter((u) => u.kind === "commune");
        const get = async (table: string, at: string | null, scope: Unit, depth = 1) => {
          const query = new URLSearchParams({ scope: String(scope.id), depth: String(depth), ...(at ? { asOf: at } : {}) });
          const res = await call(`/api/v1/campaigns/${campaignId}/reports/${table}?${query}`, { token: admin.token });
          expect(res.status, `${table}: ${res.status === 200 ? "" : await res.clone().text()}`).toBe(200);
          return json(res);
        };
        // Each moment checks the district (grouped one and two levels down) and one commune,
        // so a registration moved between communes after the moment is looked for where it was.
        const check = async (at: string, commune: Unit) => {
          const then = replay(entries, at);
          for (const [scope, depth] of [[district, 1], [district, 2], [commune, 1]] as const) {
            const report = await get("units", at, scope, depth);
            expect(report.asOf).toBe(at);
            expect(report.notes.join(" ")).toContain("theo cây đơn vị hiện nay");
            const expected = expectedUnits(then, units, scope, depth);
            expect(report.columns.filter((c: { group?: string }) => c.group === "Cấp").map((c: { key: string }) => c.key)).toEqual(then.campaign.levels.map((l) => l.code));
            const pick = (r: Record<string, unknown>) => Object.fromEntries(expected.keys.map((k) => [k, r[k]]));
            expect(report.rows.map((r: Record<string, unknown>) => [r.orgUnitName, pick(r)])).toEqual(expected.rows);
            expect(pick(report.totals)).toEqual(expected.totals);
          }
          for (const scope of [district, commune]) {
            const matrix = await get("matrix", at, scope);
            expect(matrix.rows).toEqual(expectedMatrix(then, units, scope));
            expect((await get("missing", at, scope)).rows).toEqual(expectedMissing(then, units, scope));
            expect((await get("scores", at, scope)).rows).toEqual(expectedScores(then, units, scope));
            expect((await get("commendations", at, scope)).rows).toEqual(expectedCommendations(then, units, scope));
            const list = await get("list", at, scope);
            const expectedRows = expectedList(then, units, scope);
            expect(list.rows).toEqual(expectedRows.rows);
            expect({ expectedBenefit: list.totals.expectedBenefit, participants: list.totals.participants }).toEqual(expectedRows.totals);
          }
        };
        const snapshotted = new Set<string>();
        for (const m of moments) {
          const at =
            m.edge === "before" ? iso(start) : m.edge === "after" ? iso(times.at(-1)! + 60_000) : iso(Math.max(start, times[m.pick % times.length]! + m.shift));
          if (m.snapshot && !snapshotted.has(at)) {
            await env.DB.batch(takeSnapshot(env.DB, campaignId, at, iso(times.at(-1)! + 3_600_000)));
            snapshotted.add(at);
          }
          await check(at, communes[m.pick % communes.length]!);
        }
        // After everything, each table as of then is the table now.
        const end = iso(times.at(-1)! + 1);
        for (const table of ["units", "matrix", "scores", "missing", "commendations", "list"]) {
          for (const scope of [district]) {
            const [then, now] = [await get(table, end, scope, 2), await get(table, null, scope, 2)];
            expect({ rows: then.rows, totals: then.totals, columns: then.columns }, table).toEqual({ rows: now.rows, totals: now.totals, columns: now.columns });
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
