import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, individual, sync, unitId } from "./registrations.ts";
import { makeOfficer } from "./scoring-helpers.ts";

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

const get = (path: string, who: DemoOfficer = viewer) => call(`/api/v1/campaigns/${cid}/reports/${path}`, { token: who.token });

describe("the units table", () => {
  it("counts a commune's registrations by village, with the commune's own as a row, and a totals row", async () => {
    const res = await get("units");
    expect(res.status).toBe(200);
    const report = await json(res);
    expect(report.scope).toMatchObject({ name: "Xã Hà Sơn", kind: "commune" });
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

describe("the other tables", () => {
  it("matrix: fields by levels with totals", async () => {
    const report = await json(await get("matrix"));
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
    const res = await call(`/api/v1/campaigns/${cid}/reports/commendations?format=xlsx`, { token: viewer.token });
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    const strings = strFromU8(files["xl/sharedStrings.xml"] ?? new Uint8Array());
    expect(sheet).not.toMatch(/<f>/);
    expect(strings).toContain(`<t>=HYPERLINK("http://x")</t>`);
    expect(sheet).not.toMatch(/t="str"/);
  });

  it("XLSX: a real workbook with title, bold header, frozen header, VND format, totals and string cells for text", async () => {
    const res = await call(`/api/v1/campaigns/${cid}/reports/units?format=xlsx`, { token: viewer.token });
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    const strings = strFromU8(files["xl/sharedStrings.xml"] ?? new Uint8Array());
    const styles = strFromU8(files["xl/styles.xml"]!);
    expect(sheet).toMatch(/<pane [^>]*ySplit="4"[^>]*state="frozen"/);
    expect(sheet).not.toMatch(/<f>/);
    expect(strings + sheet).toContain("Tổng hợp đăng ký mô hình");
    expect(strings + sheet).toContain("Tổng cộng");
    expect(styles).toContain('formatCode="#,##0"');
    expect(styles).toMatch(/<b\s*\/>/);
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
  });
});
