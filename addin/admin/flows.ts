import { call, type Api } from "../api/client.ts";
import { readTableRows, replaceTableSheet, writeTableColumn } from "../host/tables.ts";
import { inRequests, ORG_UNIT_TABLE, orgUnitSheet, unitsFromRows, unitStatus } from "./org-unit-sheet.ts";
import { RUBRIC_TABLE, rubricFromRows, rubricSheet } from "./rubric-sheet.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { MAX_ORG_UNITS_PER_REQUEST } from "../../shared/schemas/admin.ts";

/** "Lấy danh mục": the admin's subtree into an editable table (empty, it is the template). */
export async function pullOrgUnits(api: Api, me: Me): Promise<number> {
  const units = await call(api.api.v1["org-units"].$get());
  await replaceTableSheet(orgUnitSheet(units, me.scope.name));
  return units.length;
}

export interface UnitSendSummary {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

/** "Gửi danh mục": every row to the server (parents first), each row's answer into its status. */
export async function sendOrgUnits(api: Api): Promise<UnitSendSummary> {
  const rows = await readTableRows(ORG_UNIT_TABLE);
  if (!rows) throw new Error("Chưa có bảng danh mục đơn vị: bấm “Lấy danh mục về sổ tính” trước.");
  const status = rows.map(() => "");
  const summary: UnitSendSummary = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  for (const request of inRequests(unitsFromRows(rows), MAX_ORG_UNITS_PER_REQUEST)) {
    const { results } = await call(api.api.v1.admin["org-units"].$post({ json: { units: request.map((u) => u.unit) } }));
    results.forEach((r, i) => {
      status[request[i]!.row] = unitStatus(r);
      summary[r.outcome]++;
    });
  }
  await writeTableColumn(ORG_UNIT_TABLE, 0, status);
  return summary;
}

export async function pullRubric(campaign: Campaign): Promise<void> {
  await replaceTableSheet(rubricSheet(campaign.rubric, campaign.title));
}

export async function saveRubric(api: Api, campaign: Campaign): Promise<Campaign> {
  const rows = await readTableRows(RUBRIC_TABLE);
  if (!rows) throw new Error("Chưa có bảng tiêu chí: bấm “Lấy tiêu chí về sổ tính” trước.");
  return call(api.api.v1.admin.campaigns[":id"].rubric.$put({ param: { id: String(campaign.id) }, json: rubricFromRows(rows) }));
}
