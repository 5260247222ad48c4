import { createApi } from "../addin/api/client.ts";
import { REGISTRATION_TABLES } from "../addin/registrations/columns.ts";
import { checkRegistrations, layoutTables, syncRegistrations, type RegistrationContext } from "../addin/registrations/flows.ts";
import { UnitDirectory } from "../addin/registrations/units.ts";
import { DEFAULT_RUBRIC } from "../shared/schemas/rubric.ts";
import { DEFAULT_LEVELS } from "../shared/vocabulary.ts";
import { installExcelGlobals, StandInWorkbook } from "../test/excel-standin/index.ts";
import { FakeSyncServer } from "../test/addin/fake-server.ts";

export const name = "excel";

const ctx: RegistrationContext = {
  campaign: {
    id: 1, orgUnitId: 1, year: 2023, title: "Kế hoạch 2023", planRef: null, deadline: "2023-03-25",
    levels: [...DEFAULT_LEVELS], expectedKinds: [], registrationOpen: true, rubric: DEFAULT_RUBRIC, lastChange: null,
  },
  rows: {
    units: new UnitDirectory([{ id: 10, parentId: null, name: "Thôn Trung Chính", kind: "village", code: "TC" }]),
    levels: DEFAULT_LEVELS,
    year: 2023,
  },
};

/**
 * Excel round trips (context.sync calls, counted by the in-memory workbook that stands
 * in for Excel) of "Kiểm tra" and "Đồng bộ" on 10 and on 5,000 rows: they must not grow
 * with rows. The baseline is the same flow on 10 rows.
 */
async function measure(rows: number) {
  const workbook = new StandInWorkbook();
  const { counters, restore } = installExcelGlobals(workbook);
  try {
    await layoutTables(ctx);
    const spec = REGISTRATION_TABLES.collective;
    workbook.setValues(spec.sheet, "B5", Array.from({ length: rows }, (_, i) => [
      "Thôn Trung Chính", `Chi hội số ${i}`, "Thôn Trung Chính", `Mô hình dân vận khéo số ${i}`,
      i % 10 === 3 ? "Nông nghiệp" : "Kinh tế", "45 triệu", "Quý II/2023", "Cấp cơ sở", "", 45005,
    ]));
    counters.reset();
    let t = performance.now();
    await checkRegistrations(ctx);
    const check = { syncs: counters.syncCount, ms: performance.now() - t, maxBytes: counters.maxPayloadBytes };
    counters.reset();
    const server = new FakeSyncServer();
    t = performance.now();
    await syncRegistrations(createApi("http://127.0.0.1:1", "dvk_bench", server.fetch), ctx);
    const sync = { syncs: counters.syncCount, ms: performance.now() - t, maxBytes: counters.maxPayloadBytes };
    return { check, sync };
  } finally {
    restore();
  }
}

export async function run(): Promise<Record<string, number>> {
  const small = await measure(10);
  const large = await measure(5000);
  return {
    syncCallsCheck10Rows: small.check.syncs,
    syncCallsCheck5000Rows: large.check.syncs,
    syncCallsSync10Rows: small.sync.syncs,
    syncCallsSync5000Rows: large.sync.syncs,
    maxRequestBytesSync5000Rows: large.sync.maxBytes,
    checkMs5000Rows: Math.round(large.check.ms),
    syncMs5000RowsWithoutNetwork: Math.round(large.sync.ms),
  };
}
