import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { sharedLines } from "./xlsx-strings.ts";
import { campaignId, collective, individual, sync, unitId } from "./registrations.ts";
import { makeOfficer } from "./scoring-helpers.ts";
import { REPORT_TABLES } from "../../shared/reports.ts";

let clerk: DemoOfficer;
let viewer: DemoOfficer;
let province: DemoOfficer;
let cid: number;
const ids: string[] = [];

// Xã Hà Sơn: a commune the demo files no sample forms in, so every figure below is this file's.
beforeAll(async () => {
  province = await officer("admin"); // seeds the demo area first
  clerk = await makeOfficer("Văn thư Hà Sơn", ["clerk"], "Xã Hà Sơn");
  viewer = await makeOfficer("Xem báo cáo Hà Sơn", ["viewer"], "Xã Hà Sơn");
  cid = await campaignId();
  const tc = await unitId("Thôn 1 Hà Sơn");
  const dm = await unitId("Thôn 2 Hà Sơn");
  const commune = await unitId("Xã Hà Sơn");
  const items = [
    collective(tc, { field: "economy", level: "grassroots", expectedBenefit: 1_200_000_000, submittedAt: "2023-03-20" }),
    collective(tc, { field: "culture_society", level: "district", expectedBenefit: null, submittedAt: "2023-03-27" }),
    individual(dm, { field: "defense_security", level: "grassroots", expectedBenefit: 45_000_000, submittedAt: "2023-03-25" }),
    collective(commune, { field: "political_system", level: "grassroots", unitName: "=HYPERLINK(\"http://x\")", modelName: "+cmd|' /C calc'!A0", expectedBenefit: null, submittedAt: "2023-03-01" }),
    collective(dm, { field: "economy", level: "grassroots", expectedBenefit: 5, submittedAt: "2023-03-02" }),
  ];
  await sync(clerk, { registrations: items });
  ids.push(...items.map((i) => i.id));
  await sync(clerk, { registrations: [{ id: ids[4]!, baseVersion: 1, deleted: true }] });
  const approver = await makeOfficer("Xét duyệt Hà Sơn", ["approver"], "Xã Hà Sơn");
  await call(`/api/v1/registrations/${ids[1]}/review`, { token: approver.token, body: { to: "withdrawn", note: "Đơn vị rút" } });
  await call(`/api/v1/registrations/${ids[0]}/review`, { token: approver.token, body: { to: "exemplary", note: "Tiêu biểu" } });
  await call(`/api/v1/registrations/${ids[3]}/review`, { token: approver.token, body: { to: "proposed", note: "Đề nghị" } });
});

/** The parts of an XLSX a test reads: the sheet, the workbook, the shared strings (decoded) and the styles. */
async function xlsx(res: Response) {
  expect(res.status).toBe(200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  // The lines of the shared strings: the closing block is one rich-text cell of several.
  const strings = sharedLines(text("xl/sharedStrings.xml"));
  return { sheet: text("xl/worksheets/sheet1.xml"), workbook: text("xl/workbook.xml"), strings, styles: text("xl/styles.xml") };
}

const get = (path: string, who: DemoOfficer = viewer) => call(`/api/v1/campaigns/${cid}/reports/${path}`, { token: who.token });

describe("the units table", () => {
  it("counts a commune's registrations by village, with the commune's own as a row, and a totals row", async () => {
    const res = await get("units");
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report.scope).toMatchObject({ name: "Xã Hà Sơn", kind: "commune", parentName: "Huyện Hà Trung" });
    expect(report.campaign).toEqual({ title: "Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023", year: 2023, planRef: "Kế hoạch số 01-KH/TU ngày 10/02/2023 (mẫu)" });
    expect(report).toMatchObject({ plan: null, asOf: null });
    const groups = Object.fromEntries(report.columns.map((c: { key: string; group?: string }) => [c.key, c.group ?? null]));
    expect(groups).toMatchObject({ orgUnitName: null, total: null, collective: "Loại", economy: "Lĩnh vực", grassroots: "Cấp", expectedBenefit: null, late: "Thời hạn nộp", withdrawn: "Kết quả xét duyệt" });
    expect(report.columns.map((c: { key: string }) => c.key)).toEqual([
      "orgUnitName", "total", "collective", "individual", "economy", "culture_society", "defense_security", "political_system",
      "province", "district", "grassroots", "expectedBenefit", "onTime", "late",
      "registered", "in_progress", "evaluated", "recognized", "not_recognized", "exemplary", "proposed", "commended", "withdrawn",
    ]);
    const row = (name: string) => report.rows.find((r: { orgUnitName: string }) => r.orgUnitName === name);
    expect(row("Thôn 1 Hà Sơn")).toMatchObject({ total: 1, collective: 1, economy: 1, culture_society: 0, grassroots: 1, district: 0, expectedBenefit: 1_200_000_000, onTime: 1, late: 0, exemplary: 1, withdrawn: 1 });
    expect(row("Thôn 2 Hà Sơn")).toMatchObject({ total: 1, individual: 1, defense_security: 1, expectedBenefit: 45_000_000, onTime: 1, registered: 1 });
    expect(row("Xã Hà Sơn (đăng ký trực tiếp)")).toMatchObject({ total: 1, political_system: 1 });
    expect(row("Công an xã")).toMatchObject({ total: 0, onTime: 0 });
    expect(report.totals).toMatchObject({ orgUnitName: "Tổng cộng", total: 3, withdrawn: 1, proposed: 1, expectedBenefit: 1_245_000_000 });
    for (const r of [...report.rows, report.totals]) expect(r.onTime + r.late).toBe(r.total);
    expect(report.notes.join(" ")).toMatch(/đã xóa.*đã rút/);
  });

  it("groups a province by district, or by commune with depth=2, and refuses a scope outside the caller's", async () => {
    const byDistrict = await json(await get("units", province));
    expect(byDistrict.rows.map((r: { orgUnitName: string }) => r.orgUnitName)).toEqual(["Huyện Hà Trung", "Huyện Vĩnh Lộc"]);
    const byCommune = await json(await call(`/api/v1/campaigns/${cid}/reports/units?depth=2`, { token: province.token }));
    expect(byCommune.rows.map((r: { orgUnitName: string }) => r.orgUnitName)).toEqual(expect.arrayContaining(["Xã Hà Giang", "Xã Vĩnh An"]));
    expect(byCommune.totals.total).toBe(byDistrict.totals.total);
    const outside = await call(`/api/v1/campaigns/${cid}/reports/units?scope=${await unitId("Xã Hà Lĩnh")}`, { token: viewer.token });
    expect(outside.status).toBe(403);
    const bad = await call(`/api/v1/campaigns/${cid}/reports/units?depth=0&format=pdf`, { token: viewer.token });
    expect(bad.status).toBe(400);
    expect((await get("nope")).status).toBe(404);
  });
});

// Xã Vĩnh Tân, huyện Vĩnh Lộc: nothing else is filed there, so every figure is these four.
describe("on time under implementing plans", () => {
  let admin: DemoOfficer;
  let units: Record<"commune" | "t1" | "t2" | "t3" | "district", number>;
  const timeliness = async (scope: number, depth = 1) => {
    const report = await json(await call(`/api/v1/campaigns/${cid}/reports/units?scope=${scope}&depth=${depth}`, { token: admin.token }));
    for (const r of [...report.rows, report.totals]) expect(r.onTime + r.late).toBe(r.total);
    const rows = Object.fromEntries(report.rows.filter((r: { total: number }) => r.total > 0).map((r: Record<string, unknown>) => [r.orgUnitName, [r.onTime, r.late]]));
    return { rows, totals: [report.totals.onTime, report.totals.late], notes: report.notes.join(" ") as string };
  };
  const setPlan = async (unit: number, planRef: string, deadline: string) =>
    expect((await call(`/api/v1/admin/campaigns/${cid}/plans/${unit}`, { token: admin.token, method: "PUT", body: { planRef, deadline } })).status).toBe(200);
  const dropPlan = async (unit: number) =>
    expect((await call(`/api/v1/admin/campaigns/${cid}/plans/${unit}`, { token: admin.token, method: "DELETE" })).status).toBe(200);
  const setDeadline = async (deadline: string) =>
    expect((await call(`/api/v1/admin/campaigns/${cid}`, { token: admin.token, method: "PATCH", body: { deadline } })).status).toBe(200);

  beforeAll(async () => {
    admin = province;
    units = {
      district: await unitId("Huyện Vĩnh Lộc"),
      commune: await unitId("Xã Vĩnh Tân"),
      t1: await unitId("Thôn 1 Vĩnh Tân"),
      t2: await unitId("Thôn 2 Vĩnh Tân"),
      t3: await unitId("Thôn 3 Vĩnh Tân"),
    };
    const clerk = await makeOfficer("Văn thư Vĩnh Tân", ["clerk"], "Xã Vĩnh Tân");
    const pushed = await sync(clerk, {
      registrations: [
        collective(units.t1, { submittedAt: "2023-03-28" }),
        collective(units.t2, { submittedAt: "2023-03-30" }),
        collective(units.t3, { submittedAt: "2023-03-20" }),
        collective(units.commune, { submittedAt: "2023-03-27" }),
        // Withdrawn and deleted ones are neither on time nor late, plans or not.
        collective(units.t1, { submittedAt: "2023-03-10", modelName: "Rút" }),
      ],
    });
    const withdrawn = pushed.body.results[4].id;
    const approver = await makeOfficer("Xét duyệt Vĩnh Tân", ["approver"], "Xã Vĩnh Tân");
    expect((await call(`/api/v1/registrations/${withdrawn}/review`, { token: approver.token, body: { to: "withdrawn", note: "Rút" } })).status).toBe(200);
  });

  it("judges by the campaign's deadline while there is no plan", async () => {
    const { rows, totals, notes } = await timeliness(units.commune);
    expect(rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [0, 1], "Thôn 1 Vĩnh Tân": [0, 1], "Thôn 2 Vĩnh Tân": [0, 1], "Thôn 3 Vĩnh Tân": [1, 0] });
    expect(totals).toEqual([1, 3]);
    expect(notes).toContain("Đúng hạn: ngày nộp không muộn hơn hạn 25/03/2023.");
  });

  it("a commune's later deadline makes its own and its villages' late forms on time; a nearer plan wins, earlier or later", async () => {
    await setPlan(units.commune, "Kế hoạch số 97-KH/ĐU", "2023-03-28");
    let r = await timeliness(units.commune);
    expect(r.rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [1, 0], "Thôn 1 Vĩnh Tân": [1, 0], "Thôn 2 Vĩnh Tân": [0, 1], "Thôn 3 Vĩnh Tân": [1, 0] });
    expect(r.notes).toMatch(/kế hoạch thực hiện gần nhất.*Xã Vĩnh Tân \(Kế hoạch số 97-KH\/ĐU\) hạn 28\/03\/2023.*hạn chung 25\/03\/2023/);

    await setPlan(units.t2, "Kế hoạch của thôn", "2023-03-31");
    await setPlan(units.t1, "Kế hoạch của thôn", "2023-03-26");
    r = await timeliness(units.commune);
    expect(r.rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [1, 0], "Thôn 1 Vĩnh Tân": [0, 1], "Thôn 2 Vĩnh Tân": [1, 0], "Thôn 3 Vĩnh Tân": [1, 0] });
    expect(r.totals).toEqual([3, 1]);

    // The same registrations seen from above: the province by district and by commune, and a village alone.
    const provinceId = await unitId("Tỉnh Thanh Hóa (mẫu)");
    expect((await timeliness(provinceId)).rows["Huyện Vĩnh Lộc"]).toEqual([3, 1]);
    expect((await timeliness(provinceId, 2)).rows["Xã Vĩnh Tân"]).toEqual([3, 1]);
    expect((await timeliness(units.district, 2)).rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [1, 0], "Thôn 1 Vĩnh Tân": [0, 1], "Thôn 2 Vĩnh Tân": [1, 0], "Thôn 3 Vĩnh Tân": [1, 0] });
    expect((await timeliness(units.t2)).rows).toEqual({ "Thôn 2 Vĩnh Tân (đăng ký trực tiếp)": [1, 0] });
    // A district plan above the commune's changes nothing the commune's plan decides; without it, the district's holds.
    await setPlan(units.district, "Kế hoạch số 113-KH/ĐU", "2023-03-19");
    expect((await timeliness(units.district)).rows["Xã Vĩnh Tân"]).toEqual([3, 1]);
    expect((await timeliness(units.commune)).rows["Thôn 3 Vĩnh Tân"]).toEqual([1, 0]);
    await dropPlan(units.commune);
    r = await timeliness(units.commune);
    expect(r.rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [0, 1], "Thôn 1 Vĩnh Tân": [0, 1], "Thôn 2 Vĩnh Tân": [1, 0], "Thôn 3 Vĩnh Tân": [0, 1] });
    expect((await timeliness(provinceId)).rows["Huyện Vĩnh Lộc"]).toEqual([1, 3]);
    await dropPlan(units.district);
  });

  it("follows the campaign's deadline when a plan goes and the admin extends it", async () => {
    await dropPlan(units.t1);
    let r = await timeliness(units.commune);
    expect(r.rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [0, 1], "Thôn 1 Vĩnh Tân": [0, 1], "Thôn 2 Vĩnh Tân": [1, 0], "Thôn 3 Vĩnh Tân": [1, 0] });
    await setDeadline("2023-03-28");
    r = await timeliness(units.commune);
    expect(r.rows).toEqual({ "Xã Vĩnh Tân (đăng ký trực tiếp)": [1, 0], "Thôn 1 Vĩnh Tân": [1, 0], "Thôn 2 Vĩnh Tân": [1, 0], "Thôn 3 Vĩnh Tân": [1, 0] });
    expect(r.notes).toMatch(/hạn chung 28\/03\/2023/);
    await dropPlan(units.t2);
    await setDeadline("2023-03-25");
    expect((await timeliness(units.commune)).totals).toEqual([1, 3]);
  });
});

describe("the other tables", () => {
  it("matrix: fields by levels with totals", async () => {
    const report = await json(await get("matrix"));
    expect(report.title).toMatch(/^Tổng hợp đăng ký mô hình theo lĩnh vực và cấp – /);
    expect(report.columns.slice(1, 4).map((c: { group?: string }) => c.group)).toEqual(["Cấp", "Cấp", "Cấp"]);
    expect(report.rows.map((r: { field: string }) => r.field)).toEqual(["economy", "culture_society", "defense_security", "political_system"]);
    expect(report.rows[0]).toMatchObject({ grassroots: 1, district: 0, total: 1 });
    expect(report.totals).toMatchObject({ grassroots: 3, district: 0, total: 3 });
  });

  it("missing: expected units with nothing registered", async () => {
    const report = await json(await get("missing"));
    const names = report.rows.map((r: { orgUnitName: string }) => r.orgUnitName);
    expect(names).toContain("Công an xã");
    expect(names).not.toContain("Thôn 1 Hà Sơn");
    expect(names).not.toContain("Xã Hà Sơn");
    expect(report.columns.map((c: { label: string }) => c.label)).toEqual(["Đơn vị", "Loại đơn vị", "Đơn vị cấp trên", "Mã đơn vị"]);
  });

  it("scores: labelled in plain words, no registration id shown", async () => {
    const report = await json(await get("scores"));
    const labels = report.columns.map((c: { label: string }) => c.label);
    expect(labels).toEqual(expect.arrayContaining(["Số thành viên chấm", "Điểm trung bình", "Điểm giữa", "Chênh lệch"]));
    expect(report.columns.map((c: { key: string }) => c.key)).not.toContain("registrationId");
    expect(report.notes.join(" ")).toMatch(/Điểm giữa: /);
  });

  it("commendations: exemplary, proposed and commended", async () => {
    const report = await json(await get("commendations"));
    expect(report.rows.map((r: { registrationId: string }) => r.registrationId)).toContain(ids[0]);
    expect(report.rows.every((r: { reviewState: string }) => ["exemplary", "proposed", "commended"].includes(r.reviewState))).toBe(true);
  });
});

describe("downloads", () => {
  it("CSV: UTF-8 with BOM, CRLF, quoting, Vietnamese headers, formula-looking text made inert, an RFC 5987 name", async () => {
    const res = await call(`/api/v1/campaigns/${cid}/reports/commendations?format=csv`, { token: viewer.token });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Bieu-5-Khen-thuong-Xa-Ha-Son-\d\d-\d\d-\d{4}\.csv"; filename\*=UTF-8''Bi%E1%BB%83u%205/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split("\r\n")[0]).toBe("Trạng thái,Loại,Tập thể / cá nhân,Chức vụ,Đơn vị,Tên mô hình,Lĩnh vực,Cấp đăng ký,Điểm TB,Xếp loại,Hình thức khen thưởng,Cơ quan/người khen thưởng,Số quyết định,Ngày quyết định,Ghi chú");
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain("'+cmd|' /C calc'!A0");
    const units = new TextDecoder().decode(new Uint8Array(await (await call(`/api/v1/campaigns/${cid}/reports/units?format=csv`, { token: viewer.token })).arrayBuffer()));
    expect(units).toContain("Tổng cộng");
  });

  it("XLSX keeps formula-looking text as plain string cells", async () => {
    const { sheet, strings } = await xlsx(await call(`/api/v1/campaigns/${cid}/reports/commendations?format=xlsx`, { token: viewer.token }));
    expect(sheet).not.toMatch(/<f[ >]/);
    expect(sheet).not.toMatch(/t="(str|inlineStr)"/);
    expect(strings).toContain('=HYPERLINK("http://x")');
    expect(strings).toContain("+cmd|' /C calc'!A0");
  });

  it("XLSX: the official document, its details defaulting to the scope, its parent and the officer", async () => {
    const res = await call(`/api/v1/campaigns/${cid}/reports/units?format=xlsx`, { token: viewer.token });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Bieu-1-Theo-don-vi-Xa-Ha-Son-\d\d-\d\d-\d{4}\.xlsx"/);
    const { sheet, workbook, strings, styles } = await xlsx(res);
    for (const text of [
      "HUYỆN HÀ TRUNG", "XÃ HÀ SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Thực hiện Kế hoạch số 01-KH/TU ngày 10/02/2023 (mẫu)", "STT", "Lĩnh vực", "Kết quả xét duyệt", "Đã rút đăng ký", "Tổng cộng",
      "Ghi chú:", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)", "Xem báo cáo Hà Sơn",
    ]) expect(strings, text).toContain(text);
    expect(strings.some((t) => t.startsWith("TỔNG HỢP ĐĂNG KÝ MÔ HÌNH “DÂN VẬN KHÉO” THEO ĐƠN VỊ – "))).toBe(true);
    expect(strings.some((t) => /^Số liệu tính đến ngày \d\d\/\d\d\/\d{4}$/.test(t))).toBe(true);
    expect(strings.some((t) => /^Hà Sơn, ngày \d\d tháng \d\d? năm \d{4}$/.test(t))).toBe(true);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;Biểu 1 - Theo đơn vị&apos;!$8:$9</definedName>`);
    expect(sheet).toMatch(/<pageSetup [^>]*paperSize="9" orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
    expect(sheet).toContain('<mergeCell ref="A8:A9"/>');
    // "#,##0" is Excel's built-in format 3, named by its number.
    expect(styles).toMatch(/<xf numFmtId="3"[^>]*applyNumberFormat="1"/);
    expect(styles).toContain('<name val="Times New Roman"/>');
    expect(sheet).not.toMatch(/<f[ >]/);
  });

  it("XLSX: no id, table code or column key in anything an officer reads", async () => {
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const table of REPORT_TABLES) {
      const res = await call(`/api/v1/campaigns/${cid}/reports/${table}?format=xlsx`, { token: viewer.token });
      const disposition = decodeURIComponent(res.headers.get("content-disposition")!.split("UTF-8''")[1]!);
      const { strings } = await xlsx(res);
      const keys = (await json(await get(table))).columns.map((c: { key: string }) => c.key);
      for (const text of [disposition, ...strings]) {
        expect(text).not.toMatch(uuid);
        expect(text, text).not.toMatch(new RegExp(`\\b(${[table, "registrationId", ...keys].join("|")})\\b`));
      }
    }
  });

  it("XLSX: the officer's document details replace the defaults, by query or through a download link; too long is refused in Vietnamese", async () => {
    const details = { bodyAbove: "Đảng ủy huyện Hà Trung", issuer: "Ban Chỉ đạo xã Hà Sơn", place: "Hà Trung", preparer: "Nguyễn Văn An", head: "Lê Văn Bình" };
    const query = new URLSearchParams({ format: "xlsx", ...details });
    const { strings } = await xlsx(await call(`/api/v1/campaigns/${cid}/reports/units?${query}`, { token: viewer.token }));
    for (const text of ["ĐẢNG ỦY HUYỆN HÀ TRUNG", "BAN CHỈ ĐẠO XÃ HÀ SƠN", "Nguyễn Văn An", "Lê Văn Bình"]) expect(strings, text).toContain(text);
    expect(strings.some((t) => t.startsWith("Hà Trung, ngày "))).toBe(true);
    expect(strings).not.toContain("Xem báo cáo Hà Sơn");
    expect(strings).not.toContain("XÃ HÀ SƠN");

    const long = await call(`/api/v1/campaigns/${cid}/reports/units?format=xlsx&head=${"x".repeat(301)}`, { token: viewer.token });
    expect(long.status).toBe(400);
    expect((await json(long)).message).toMatch(/Thủ trưởng đơn vị.*dài quá 300 ký tự/);

    const link = await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "matrix", format: "xlsx", head: "Lê Văn Bình", place: "Hà Trung" } });
    expect(link.status).toBe(201);
    const file = await xlsx(await call(new URL((await json(link)).url).pathname));
    expect(file.strings).toContain("Lê Văn Bình");
    expect(file.strings.some((t) => t.startsWith("Hà Trung, ngày "))).toBe(true);
    const refused = await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "units", format: "xlsx", issuer: "y".repeat(301) } });
    expect(refused.status).toBe(400);
    expect((await json(refused)).message).toMatch(/Cơ quan ban hành.*dài quá 300 ký tự/);
  });

  it("hands the pane a short-lived link that works without the token, and dies with the token", async () => {
    const res = await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "units", format: "csv" } });
    expect(res.status).toBe(201);
    const { url, expiresAt } = await json(res);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    const path = new URL(url).pathname;
    const file = await call(path);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toMatch(/\.csv"/);
    await file.arrayBuffer();
    expect((await call(path.replace(/.$/, (c) => (c === "A" ? "B" : "A")))).status).toBe(404);
    expect((await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "units", scope: await unitId("Xã Hà Lĩnh"), format: "csv" } })).status).toBe(403);
    // A ticket has a prefix of its own: it is no bearer token, and a token opens no download.
    const ticket = path.split("/").at(-1)!;
    expect(ticket).toMatch(/^dvkdl_/);
    expect((await call("/api/v1/me", { token: ticket })).status).toBe(401);
    expect((await call(`/api/v1/downloads/${viewer.token}`)).status).toBe(404);
  });
});

describe("official codes", () => {
  it("stay text with their leading zeros through the area's list, the org-unit list and the reports", async () => {
    const units = [
      { code: "07490900", name: "Phường Mã Số", kind: "ward", parentCode: "393" },
      { code: "00001", name: "Thôn Mã Số", kind: "village", parentCode: "07490900" },
      { code: "0100", name: "Cơ quan Mã Số", kind: "agency", parentCode: "07490900" },
    ];
    const loaded = await json(await call("/api/v1/admin/org-units", { token: province.token, body: { units } }));
    expect(loaded.results.map((r: { code: string; outcome: string }) => [r.code, r.outcome])).toEqual([["07490900", "created"], ["00001", "created"], ["0100", "created"]]);
    const listed = await json<{ id: number; code: string; kind: string }[]>(await call("/api/v1/org-units", { token: province.token }));
    const ward = listed.find((u) => u.code === "07490900")!;
    expect(listed.filter((u) => ["07490900", "00001", "0100"].includes(u.code as string)).map((u) => [u.code, u.kind])).toEqual([
      ["07490900", "ward"], ["00001", "village"], ["0100", "agency"],
    ]);
    const numbered = await call("/api/v1/admin/org-units", { token: province.token, body: { units: [{ code: 1, name: "Số", kind: "village", parentCode: "07490900" }] } });
    expect((await json(numbered)).results[0]).toMatchObject({ outcome: "invalid", errors: [{ path: "code", code: "invalid_type" }] });

    const missing = await json(await call(`/api/v1/campaigns/${cid}/reports/missing?scope=${ward.id}`, { token: province.token }));
    expect(missing.rows.map((r: { code: unknown; kindLabel: string }) => [r.code, r.kindLabel])).toEqual([["00001", "Thôn"], ["0100", "Cơ quan/đơn vị"]]);
    const csv = await (await call(`/api/v1/campaigns/${cid}/reports/missing?scope=${ward.id}&format=csv`, { token: province.token })).text();
    expect(csv).toMatch(/,00001\r\n/);
    expect(csv).toMatch(/,0100\r\n/);
    const byUnit = await json(await call(`/api/v1/campaigns/${cid}/reports/units?scope=${ward.id}`, { token: province.token }));
    expect(byUnit.rows.map((r: { orgUnitName: string }) => r.orgUnitName)).toEqual(["Thôn Mã Số", "Cơ quan Mã Số"]);
  });
});
