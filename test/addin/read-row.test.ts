import { describe, expect, it } from "vitest";
import { REGISTRATION_TABLES, type ColumnKey } from "../../addin/registrations/columns.ts";
import { readRow } from "../../addin/registrations/read-row.ts";
import { UnitDirectory } from "../../addin/registrations/units.ts";
import type { Cell } from "../../shared/parse.ts";
import { rowContext, UNITS } from "./fixtures.ts";

const collective = REGISTRATION_TABLES.collective;
const individual = REGISTRATION_TABLES.individual;

function row(spec = collective, cells: Partial<Record<ColumnKey, Cell>>): Cell[] {
  return spec.columns.map((c) => cells[c.key] ?? "");
}

const SAMPLE = {
  orgUnit: "Thôn Trung Chính",
  unitName: "Chi bộ thôn Trung Chính",
  address: "Thôn Trung Chính",
  modelName: "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
  field: "Kinh tế",
  expectedBenefit: "1,2 tỷ đồng",
  period: "Tháng 3/2023 - tháng 11/2023",
  level: "Cấp cơ sở",
  submittedAt: "20/03/2023",
};

describe("reading a registration row", () => {
  it("reads a sample row of the collective form into the wire shape", () => {
    const r = readRow(collective, row(collective, SAMPLE), rowContext());
    expect(r.errors).toEqual([]);
    expect(r.content).toEqual({
      orgUnitId: 10,
      kind: "collective",
      unitName: "Chi bộ thôn Trung Chính",
      address: "Thôn Trung Chính",
      personName: null,
      position: null,
      modelName: SAMPLE.modelName,
      field: "economy",
      level: "grassroots",
      expectedBenefit: 1_200_000_000,
      startDate: "2023-03-01",
      endDate: "2023-11-30",
      periodText: SAMPLE.period,
      description: null,
      participants: null,
      representative: null,
      submittedAt: "2023-03-20",
    });
  });

  it("reads the model's account with its line breaks, the headcount as the unit wrote it, and the period text as written", () => {
    const r = readRow(
      collective,
      row(collective, { ...SAMPLE, period: "năm 2023 và những năm tiếp theo", description: "Mục đích: …\r\nCách làm: …\nKết quả: …", participants: "khoảng 1.200 người" }),
      rowContext(),
    );
    expect(r.errors).toEqual([]);
    expect(r.content).toMatchObject({
      startDate: "2023-01-01",
      endDate: null,
      periodText: "năm 2023 và những năm tiếp theo",
      description: "Mục đích: …\nCách làm: …\nKết quả: …",
      participants: 1200,
    });
    expect(readRow(collective, row(collective, { ...SAMPLE, participants: "nhiều" }), rowContext()).errors).toEqual([
      { column: "participants", message: expect.stringMatching(/^Không hiểu số người tham gia “nhiều”/) },
    ]);
  });

  it("treats a row with nothing typed as blank, not as an error", () => {
    expect(readRow(collective, row(collective, { status: "Lỗi – cũ", id: "x" }), rowContext())).toEqual({ blank: true, content: null, errors: [] });
  });

  it("names every bad column with its reason, and does not report one cell twice", () => {
    const r = readRow(
      individual,
      row(individual, { ...SAMPLE, orgUnit: "Thôn Không Có", field: "Nông nghiệp", period: "tháng 13/2023", personName: "" }),
      rowContext(),
    );
    expect(r.content).toBeNull();
    expect(r.errors.map((e) => e.column)).toEqual(["orgUnit", "period", "field", "personName", "position"]);
    expect(r.errors.find((e) => e.column === "field")!.message).toMatch(/“Nông nghiệp”/);
    expect(r.errors.find((e) => e.column === "personName")!.message).toMatch(/bắt buộc/);
  });

  it("finds units by label, by plain name when unique, and by code; two 'Công an xã' need their commune", () => {
    const units = new UnitDirectory(UNITS);
    expect(units.find("thon trung chinh")).toBe(10);
    expect(units.find("HG-CA")).toBe(12);
    expect(units.find("Công an xã")).toBeUndefined();
    expect(units.labels).toContain("Công an xã (Xã Hà Lĩnh)");
    expect(units.find("Công an xã (Xã Hà Lĩnh)")).toBe(13);
  });
});
