import type { D1Database } from "../cf-types.ts";
import { subtreeRange } from "../sql/org-units.ts";
import { registrationsAt } from "../sql/history.ts";
import { asOfNotes, reportHeading, type Report, type ReportInput } from "./types.ts";
import { orgUnitKindLabel } from "../../shared/vocabulary.ts";

/** Table 4: units of the kinds expected to register that have no live registration of their own. */
export async function missingReport(db: D1Database, input: ReportInput): Promise<Report> {
  const { expectedKinds } = input.campaign;
  const [from, to] = subtreeRange(input.scope.path);
  // A unit has registered when one of its own registrations is live (as of the moment, as it stood then).
  const registered = input.asOf
    ? `u.id IN (SELECT r.org_unit_id FROM reg r WHERE r.review_state <> 'withdrawn')`
    : `EXISTS (SELECT 1 FROM registrations r
         WHERE r.campaign_id = ?1 AND r.org_unit_id = u.id AND r.deleted = 0 AND r.review_state <> 'withdrawn')`;
  const { results } = await db
    .prepare(
      `${input.asOf ? `WITH ${registrationsAt({ campaign: "?1", from: "?2", to: "?3", at: "?5" }, [])}` : ""}
       SELECT u.id AS orgUnitId, u.name AS orgUnitName, u.kind, u.code, p.name AS parentName
       FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id
       WHERE u.path >= ?2 AND u.path < ?3 AND u.kind IN (SELECT value FROM json_each(?4)) AND NOT ${registered}
       ORDER BY u.path`,
    )
    .bind(input.campaign.id, from, to, JSON.stringify(expectedKinds), ...(input.asOf ? [input.asOf] : []))
    .all<{ orgUnitId: number; orgUnitName: string; kind: string; code: string; parentName: string | null }>();
  return {
    ...reportHeading(input, `Đơn vị chưa đăng ký mô hình – ${input.campaign.title}`),
    columns: [
      { key: "orgUnitName", label: "Đơn vị" },
      { key: "kindLabel", label: "Loại đơn vị" },
      { key: "parentName", label: "Đơn vị cấp trên" },
      { key: "code", label: "Mã đơn vị" },
    ],
    rows: results.map((r) => ({ ...r, kindLabel: orgUnitKindLabel(r.kind) })),
    totals: { orgUnitName: `Tổng cộng: ${results.length} đơn vị` },
    notes: [
      `Các loại đơn vị phải đăng ký theo kế hoạch: ${expectedKinds.map(orgUnitKindLabel).join(", ")}.`,
      "Một đơn vị được coi là đã đăng ký khi có ít nhất một đăng ký của chính đơn vị đó còn hiệu lực (chưa xóa, chưa rút).",
      ...asOfNotes(input),
    ],
  };
}
