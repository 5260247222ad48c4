import { describe, expect, it } from "vitest";
import { createApi } from "../../addin/api/client.ts";
import { REGISTRATION_TABLES } from "../../addin/registrations/columns.ts";
import { layoutTables, syncRegistrations, type RegistrationContext } from "../../addin/registrations/flows.ts";
import type { Campaign } from "../../shared/schemas/campaign.ts";
import { DEFAULT_RUBRIC } from "../../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { useStandInExcel } from "./standin.ts";
import { FakeSyncServer } from "./fake-server.ts";
import { CAMPAIGN_2023, rowContext } from "./fixtures.ts";

// With Windows set to Vietnamese, Excel reads a typed 1.500.000 as a number (dot for
// thousands, comma for decimals) and 25/3/2023 as a date; in en-US 1.500.000 stays text
// and 2/3/2023 would become 3 February — so the day column is Text and read the
// Vietnamese way. The clerk types the same thing either way; the server gets the same.

const campaign: Campaign = CAMPAIGN_2023;
const ctx: RegistrationContext = { campaign, rows: rowContext() };
const spec = REGISTRATION_TABLES.collective;

/** What a clerk types, cell by cell, in the collective form's columns. */
const TYPED: Record<string, string>[] = [
  { orgUnit: "Thôn Trung Chính", unitName: "Chi bộ thôn", address: "Thôn Trung Chính", modelName: "Hiến đất làm đường", field: "Kinh tế", expectedBenefit: "1.500.000", period: "Quý II/2023", level: "Cấp cơ sở", submittedAt: "25/3/2023" },
  { orgUnit: "Thôn Đông Môn", unitName: "Chi hội Phụ nữ", address: "Thôn Đông Môn", modelName: "Tổ liên gia an toàn", field: "QP-AN", expectedBenefit: "2.500.000đ", period: "Tháng 3/2023 - tháng 11/2023", level: "cấp cơ sở", submittedAt: "2/3/2023" },
  { orgUnit: "Thôn Trung Chính", unitName: "Công an xã", address: "UBND xã", modelName: "Camera an ninh", field: "QP-AN", expectedBenefit: "1,5 tỷ", period: "năm 2023", level: "Cấp huyện", submittedAt: "24/03/2023" },
];

async function typeAndSync(excel: ReturnType<typeof useStandInExcel>) {
  const server = new FakeSyncServer();
  await layoutTables(ctx);
  const headers = excel.workbook.tableHeaders(spec.table);
  TYPED.forEach((row, r) => {
    for (const [key, value] of Object.entries(row)) {
      const column = headers.indexOf(spec.columns.find((c) => c.key === key)!.header);
      excel.workbook.typeCell(spec.sheet, `${String.fromCharCode(65 + column)}${5 + r}`, value);
    }
  });
  const report = await syncRegistrations(createApi("http://127.0.0.1:1", "dvk_x", server.fetch), ctx);
  expect(report.counts).toMatchObject({ sent: 3, accepted: 3, refused: 0 });
  return [...server.records.values()]
    .map(({ id: _id, updatedAt: _u, version: _v, ...content }) => content)
    .sort((a, b) => a.modelName.localeCompare(b.modelName));
}

const EXPECTED = [
  { modelName: "Camera an ninh", field: "defense_security", level: "district", expectedBenefit: 1_500_000_000, startDate: "2023-01-01", endDate: "2023-12-31", submittedAt: "2023-03-24" },
  { modelName: "Hiến đất làm đường", field: "economy", level: "grassroots", expectedBenefit: 1_500_000, startDate: "2023-04-01", endDate: "2023-06-30", submittedAt: "2023-03-25" },
  { modelName: "Tổ liên gia an toàn", field: "defense_security", level: "grassroots", expectedBenefit: 2_500_000, startDate: "2023-03-01", endDate: "2023-11-30", submittedAt: "2023-03-02" },
];

describe.each(["en-US", "vi-VN"] as const)("typed in an Excel set to %s", (locale) => {
  const excel = useStandInExcel({ locale });

  it("sends the same values whichever way Excel converted what was typed", async () => {
    const records = await typeAndSync(excel);
    expect(records).toEqual(EXPECTED.map((e) => expect.objectContaining(e)));
    // The conversion really differs: in vi-VN the sum typed is a number, in en-US text.
    const money = excel.workbook.tableHeaders(spec.table).indexOf("3. Giá trị dự kiến làm lợi (đồng)");
    const cell = excel.workbook.cell(spec.sheet, `${String.fromCharCode(65 + money)}5`).value;
    expect(cell).toBe(locale === "vi-VN" ? 1_500_000 : "1.500.000");
  });
});
