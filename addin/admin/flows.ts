import { call, type Api } from "../api/client.ts";
import { layoutTableSheet } from "../host/tables.ts";
import { readOwnedRows, updateTableInPlace, writeRowsById } from "../host/table-rows.ts";
import { inRequests, ORG_UNIT_SHEET, orgUnitSheet, UNIT_COLUMNS, unitsFromRows, unitStatus } from "./org-unit-sheet.ts";
import { RUBRIC_SHEET, rubricFromRows, rubricSheet } from "./rubric-sheet.ts";
import type { Cell } from "../../shared/parse.ts";
import type { Me } from "../../shared/api.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { MAX_ORG_UNITS_PER_REQUEST } from "../../shared/schemas/admin.ts";

/** "Lấy danh mục": the admin's subtree into an editable table (empty, it is the template). */
export async function pullOrgUnits(api: Api, me: Me): Promise<number> {
  const units = await call(api.api.v1["org-units"].$get());
  await layoutTableSheet(orgUnitSheet(units, me.scope.name));
  return units.length;
}

export interface UnitSendSummary {
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

const NO_CODE = "Lỗi – chưa có mã đơn vị: mỗi đơn vị cần mã chính thức để gửi.";

/**
 * "Gửi danh mục": every row to the server (parents first), each row's answer into its
 * status, found again by its code whatever the admin did to the table meanwhile.
 */
export async function sendOrgUnits(api: Api): Promise<UnitSendSummary> {
  const { units, handle } = await updateTableInPlace(ORG_UNIT_SHEET, (rows, handle) => {
    const units = unitsFromRows(rows);
    // A row without a code cannot be found again after the network: it hears now.
    const updates = new Map(units.filter((u) => !u.unit.code).map((u) => [u.row, new Map<number, Cell>([[UNIT_COLUMNS.status, NO_CODE]])]));
    return { changes: { updates, deletions: [], appends: [] }, result: { units: units.filter((u) => u.unit.code), handle } };
  });
  const summary: UnitSendSummary = { created: 0, updated: 0, unchanged: 0, invalid: 0 };
  const status = new Map<string, Map<number, Cell>>();
  for (const request of inRequests(units, MAX_ORG_UNITS_PER_REQUEST)) {
    const { results } = await call(api.api.v1.admin["org-units"].$post({ json: { units: request.map((u) => u.unit) } }));
    results.forEach((r, i) => {
      const code = String(request[i]!.unit.code);
      summary[r.outcome]++;
      // Two rows with one code: the refusal is what both must see.
      if (!status.has(code) || r.outcome === "invalid") status.set(code, new Map([[UNIT_COLUMNS.status, unitStatus(r)]]));
    });
  }
  await writeRowsById(ORG_UNIT_SHEET, "code", status, handle);
  return summary;
}

export async function pullRubric(campaign: Campaign): Promise<void> {
  await layoutTableSheet(rubricSheet(campaign.rubric, campaign.title));
}

export async function saveRubric(api: Api, campaign: Campaign): Promise<Campaign> {
  const read = await readOwnedRows(RUBRIC_SHEET, ["group", "code", "label", "points"]);
  if (!read) throw new Error("Chưa có bảng tiêu chí: bấm “Lấy tiêu chí về sổ tính” trước.");
  return call(api.api.v1.admin.campaigns[":id"].rubric.$put({ param: { id: String(campaign.id) }, json: rubricFromRows(read.rows) }));
}
