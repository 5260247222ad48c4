import type { D1Database } from "../cf-types.ts";
import type { Caller } from "../env.ts";
import { contentDisposition } from "../content-disposition.ts";
import { problem } from "../problems.ts";
import { campaignInReach, unitInReach } from "../reach.ts";
import { isRecused } from "../scoring/recusal.ts";
import { plansAt } from "../sql/campaigns.ts";
import { getOrgUnit, isInSubtree, parentName, unitKinds } from "../sql/org-units.ts";
import { filedAt } from "../sql/registrations.ts";
import { scoringRows } from "../sql/scores.ts";
import { inTreeOrder, registrationLines, type Place, type RegistrationLine } from "./registrations.ts";
import type { ReportInput } from "./types.ts";
import { renderWorkbook, type NamedSheet } from "./xlsx.ts";
import { formsDocument, periodLabel, type RegistrationForm } from "../../shared/print-documents.ts";
import { placeName, reportDocument, resolveDocumentDetails, vietnamDay } from "../../shared/report-document.ts";
import { formatDay } from "../../shared/parse.ts";
import type { Campaign, CampaignPlan } from "../../shared/schemas/campaign.ts";
import type { DocumentRequest, Report, ReportColumn, ReportRow } from "../../shared/schemas/report.ts";
import { ratingLabel, ratingOf } from "../../shared/rating.ts";
import { maxTotal } from "../../shared/scoring.ts";
import { vietnamToday } from "../../shared/vietnam-time.ts";
import { FIELD_LABELS, FIELDS, KIND_LABELS, KINDS, REVIEW_STATES, type Kind } from "../../shared/vocabulary.ts";

// Printable single documents (issue #11 point 5), as XLSX through the document model and
// the exceljs writer of the report tables: the registration form of one model, the forms
// of a scope one a page, and a judge's own scoring sheet.


/** Forms in one workbook at most: a commune's or a district's; a province prints district by district. */
export const MAX_FORMS = 1000;

export interface PrintedDocument {
  fileName: string;
  title: string;
  sheets: NamedSheet[];
}

/** "Xã Hà Giang" → "xã Hà Giang", for the middle of a sentence. */
function inSentence(unitName: string): string {
  const place = placeName(unitName);
  if (place === unitName) return unitName;
  return `${unitName.slice(0, unitName.length - place.length).trim().toLowerCase()} ${place}`;
}

/** Kinds of unit that have a people's committee to address a form to. */
const GOVERNED = new Set(["province", "city", "district", "urban_district", "town", "provincial_city", "commune", "ward", "township", "special_zone"]);

interface Receiver {
  name: string;
  kind: string;
  planRef: string | null;
}

/** The printed form of one registration line, addressed to the unit whose plan it answers. */
function formOf(l: RegistrationLine, campaign: Campaign, receiver: Receiver, parentName: string): RegistrationForm {
  const ref = receiver.planRef?.trim() || "Kế hoạch";
  const said = /^thực hiện\b/i.test(ref) ? ref : `Thực hiện ${ref}`;
  return {
    kind: l.kind,
    year: campaign.year,
    bodyAbove: parentName,
    unit: l.org_unit_name,
    recipient: GOVERNED.has(receiver.kind) ? `Ủy ban nhân dân ${inSentence(receiver.name)}` : receiver.name,
    planLine: `${said} của ${inSentence(receiver.name)} về “${campaign.title}”.`,
    unitName: l.unit_name,
    address: l.address,
    personName: l.person_name,
    position: l.position,
    orgUnitName: l.org_unit_name,
    modelName: l.model_name,
    fieldLabel: FIELD_LABELS[l.field],
    expectedBenefit: l.expected_benefit,
    period: periodLabel(l.period_text, l.start_date, l.end_date),
    levelLabel: campaign.levels.find((x) => x.code === l.level)?.label ?? l.level,
    place: placeName(receiver.name),
    day: vietnamDay(l.submitted_at),
    signer: l.kind === "collective" ? l.representative : l.person_name,
  };
}

/**
 * Whom each line's form goes to: the unit of the nearest implementing plan at or above
 * its unit (the plan the form cites), else the unit running the campaign.
 */
async function receivers(db: D1Database, campaign: Campaign, scopePath: string): Promise<(l: RegistrationLine) => Receiver> {
  const [plans, owner] = await Promise.all([
    plansAt(db, campaign.id, scopePath).all<CampaignPlan>().then((r) => r.results),
    getOrgUnit(db, campaign.orgUnitId),
  ]);
  const kinds = await unitKinds(db, plans.map((p) => p.orgUnitId));
  const byUnit = new Map(plans.map((p) => [p.orgUnitId, p]));
  const fallback: Receiver = { name: owner?.name ?? "", kind: owner?.kind ?? "", planRef: campaign.planRef };
  return (l) => {
    const chain = l.unit_path.split("/").filter(Boolean).map(Number).reverse();
    const plan = chain.map((id) => byUnit.get(id)).find(Boolean);
    return plan ? { name: plan.orgUnitName, kind: kinds.get(plan.orgUnitId) ?? "", planRef: plan.planRef } : fallback;
  };
}

function scopeInput(campaign: Campaign, unit: { id: number; name: string; kind: string; path: string; depth: number }, parentName: string | null): ReportInput {
  return { campaign, scope: { ...unit, parentName }, depth: 1 };
}

/** One registration's form: any officer whose scope holds its unit may print it (as read its history). */
async function registrationForm(db: D1Database, caller: Caller, registrationId: string): Promise<PrintedDocument> {
  const row = await filedAt(db, registrationId.toLowerCase());
  if (!row || row.deleted || !isInSubtree(row.path, caller.scopePath)) throw problem("registration_not_found");
  const campaign = await campaignInReach(db, caller, row.campaign_id);
  const unit = { id: row.org_unit_id, name: row.name, kind: row.kind, path: row.path, depth: row.depth };
  const above = await parentName(db, unit.id);
  const lines = (await registrationLines(db, scopeInput(campaign, unit, above))).filter((l) => l.id === registrationId.toLowerCase());
  const receiver = await receivers(db, campaign, unit.path);
  const l = lines[0]!;
  return {
    fileName: `Đăng ký mô hình - ${l.org_unit_name} - ${l.model_name.slice(0, 60)}.xlsx`,
    title: `Đăng ký xây dựng mô hình “Dân vận khéo” năm ${campaign.year}`,
    sheets: [{ name: "Đăng ký mô hình", doc: formsDocument([formOf(l, campaign, receiver(l), above ?? "")]) }],
  };
}

/** Every live registration's form in a scope (withdrawn ones left out), one a page, in the list's order. */
async function scopeForms(db: D1Database, caller: Caller, campaignId: number, scopeId?: number): Promise<PrintedDocument> {
  const [campaign, scope] = await Promise.all([campaignInReach(db, caller, campaignId), unitInReach(db, caller, scopeId)]);
  const input = scopeInput(campaign, scope, await parentName(db, scope.id));
  const lines = await registrationLines(db, input, { states: REVIEW_STATES.filter((s) => s !== "withdrawn") });
  if (lines.length > MAX_FORMS) {
    throw problem("invalid_request", {
      message: `${scope.name} có ${lines.length.toLocaleString("vi-VN")} đăng ký, quá ${MAX_FORMS.toLocaleString("vi-VN")} mẫu một lần in; hãy chọn phạm vi nhỏ hơn (một xã hoặc một huyện).`,
    });
  }
  const [{ sorted, below }, receiver] = await Promise.all([inTreeOrder(db, input.scope, lines), receivers(db, campaign, scope.path)]);
  const parentOf = (l: RegistrationLine) => {
    const chain: Place[] = below(l.unit_path);
    return chain.length >= 2 ? chain[chain.length - 2]!.name : chain.length === 1 ? scope.name : (input.scope.parentName ?? "");
  };
  return {
    fileName: `Đăng ký mô hình - ${scope.name}.xlsx`,
    title: `Đăng ký xây dựng mô hình “Dân vận khéo” năm ${campaign.year} – ${scope.name}`,
    sheets: [{ name: "Đăng ký mô hình", doc: formsDocument(sorted.map((l) => formOf(l, campaign, receiver(l), parentOf(l)))) }],
  };
}

const SHEET_NAMES: Record<Kind, string> = { collective: "Phiếu chấm - Tập thể", individual: "Phiếu chấm - Cá nhân" };

/**
 * The calling judge's own scoring sheet for printing, one sheet per kind of model: the
 * models the judge may score (recused ones left out), grouped by field, with each
 * criterion's points the judge gave, the total, the rating it earns and the comment;
 * blank where not yet scored; the judge's name above and a signature block below.
 */
async function scoringSheet(db: D1Database, caller: Caller, campaignId: number): Promise<PrintedDocument> {
  const campaign = await campaignInReach(db, caller, campaignId);
  const [scope, rows] = await Promise.all([unitInReach(db, caller), scoringRows(db, campaign.id, caller.scopePath, caller.id)]);
  const above = await parentName(db, scope.id);
  const models = rows.filter((r) => !isRecused(caller, r.unit_path));
  const now = new Date();
  const today = vietnamToday(now);
  const { rubric } = campaign;
  const kinds = KINDS.filter((k) => models.some((m) => m.kind === k));
  const sheets = (kinds.length ? kinds : (["collective"] as Kind[])).map((kind): NamedSheet => {
    const criteria = rubric[kind];
    const mine = models.filter((m) => m.kind === kind);
    const columns: ReportColumn[] = [
      { key: "orgUnitName", label: "Đơn vị", maxWidth: 18 },
      ...(kind === "individual" ? [{ key: "name", label: "Họ và tên, chức vụ", maxWidth: 20 }] : []),
      { key: "modelName", label: "Tên mô hình", maxWidth: 30 },
      ...criteria.map((c) => ({ key: `point:${c.key}`, label: `${c.label} (${c.max} điểm)`, type: "number" as const, group: "Điểm theo tiêu chí", maxWidth: 13 })),
      { key: "total", label: `Tổng điểm (${maxTotal(rubric, kind)})`, type: "number", maxWidth: 10 },
      { key: "ratingLabel", label: "Xếp loại", maxWidth: 10 },
      { key: "comment", label: "Nhận xét", maxWidth: 24 },
    ];
    const body: ReportRow[] = [];
    let scored = 0;
    for (const field of FIELDS) {
      const inField = mine.filter((m) => m.field === field);
      if (inField.length === 0) continue;
      body.push({ heading: `Lĩnh vực ${FIELD_LABELS[field].toLowerCase()}` });
      for (const m of inField) {
        const sheet = m.score_version !== null && m.score_deleted !== 1 ? m.criteria : null;
        const row: ReportRow = {
          orgUnitName: m.org_unit_name,
          name: [m.person_name, m.position].filter(Boolean).join(", ") || null,
          modelName: m.model_name,
          comment: sheet ? m.comment : null,
        };
        for (const c of criteria) row[`point:${c.key}`] = sheet?.[c.key] ?? null;
        if (sheet) {
          scored++;
          const total = criteria.reduce((s, c) => s + (sheet[c.key] ?? 0), 0);
          const anyZero = criteria.some((c) => sheet[c.key] === 0);
          row.total = total;
          row.ratingLabel = ratingLabel(rubric, ratingOf(rubric, { sum: total, judges: 1, zeros: anyZero ? 1 : 0, max: maxTotal(rubric, kind) }));
        }
        body.push(row);
      }
    }
    const report: Report = {
      title: `Phiếu chấm điểm mô hình “Dân vận khéo” (${KIND_LABELS[kind].toLowerCase()}) – ${campaign.title}`,
      scope: { id: scope.id, name: scope.name, kind: scope.kind, parentName: above },
      generatedAt: now.toISOString(),
      asOf: null,
      campaign: { title: campaign.title, year: campaign.year, planRef: campaign.planRef },
      plan: null,
      columns,
      rows: body,
      totals: { orgUnitName: `Đã chấm ${scored}/${mine.length} mô hình` },
      notes: [
        "Điểm tối đa của từng tiêu chí ghi trong ngoặc ở tiêu đề cột; ô để trống là mô hình chưa chấm.",
        `Xếp loại theo tổng điểm trên thang 100: ${rubric.ratings.map((r) => `${r.label} từ ${r.min}`).join(", ")}; mô hình có tiêu chí 0 điểm xếp loại ${rubric.ratings.find((r) => r.code === "fail")?.label ?? "Không đạt"}.`,
        "Không gồm mô hình của đơn vị nơi thành viên hội đồng công tác và các đơn vị trực thuộc (thành viên không chấm mô hình của đơn vị mình).",
      ],
    };
    const doc = reportDocument(report, resolveDocumentDetails(report, {}, caller.name), {
      lines: [`Thành viên hội đồng thẩm định: ${caller.name} – phiếu in ngày ${formatDay(today)}`],
      signatures: { left: null, right: { title: "THÀNH VIÊN HỘI ĐỒNG", name: caller.name } },
    });
    return { name: SHEET_NAMES[kind], doc };
  });
  return {
    fileName: `Phiếu chấm điểm - ${caller.name} - ${formatDay(today).replaceAll("/", "-")}.xlsx`,
    title: `Phiếu chấm điểm mô hình “Dân vận khéo” – ${caller.name}`,
    sheets,
  };
}

/** Builds a printed document for a caller, with the same checks as its route. */
export function buildDocument(db: D1Database, caller: Caller, req: DocumentRequest): Promise<PrintedDocument> {
  switch (req.document) {
    case "form":
      return registrationForm(db, caller, req.registrationId);
    case "forms":
      return scopeForms(db, caller, req.campaignId, req.scope);
    case "scoring":
      if (!caller.roles.includes("judge")) throw problem("forbidden_role");
      return scoringSheet(db, caller, req.campaignId);
  }
}

export async function documentResponse(doc: PrintedDocument): Promise<Response> {
  const body = await renderWorkbook(doc.sheets, doc.title);
  return new Response(body, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": contentDisposition(doc.fileName),
      "cache-control": "no-store",
    },
  });
}
