import { unzipSync, strFromU8 } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { sharedLines } from "./xlsx-strings.ts";
import { campaignId, collective, individual, sync, unitId } from "./registrations.ts";
import { collectiveScore, makeOfficer } from "./scoring-helpers.ts";

// The list of registered models (Biểu 6), tables as of a moment through the API, and the
// printed documents (registration forms, a judge's scoring sheet). Xã Vĩnh An: nothing
// else in this file's database is filed there.

let cid: number;
let admin: DemoOfficer;
let clerk: DemoOfficer;
let viewer: DemoOfficer;
let judge: DemoOfficer;
const ids: Record<string, string> = {};
let units: Record<"commune" | "t1" | "t2" | "farmers", number>;

beforeAll(async () => {
  admin = await officer("admin");
  cid = await campaignId();
  clerk = await makeOfficer("Văn thư Vĩnh An", ["clerk"], "Xã Vĩnh An");
  viewer = await makeOfficer("Xem báo cáo Vĩnh An", ["viewer"], "Xã Vĩnh An");
  judge = await makeOfficer("Giám khảo Vĩnh An", ["judge"], "Xã Vĩnh An");
  units = {
    commune: await unitId("Xã Vĩnh An"),
    t1: await unitId("Thôn 1 Vĩnh An"),
    t2: await unitId("Thôn 2 Vĩnh An"),
    farmers: await unitId("Hội Nông dân xã", await unitId("Xã Vĩnh An")),
  };
  const items = {
    late: collective(units.t1, { unitName: "Chi hội Phụ nữ thôn 1", modelName: "Bếp ăn tình thương", submittedAt: "2023-03-27", expectedBenefit: null }),
    person: individual(units.t1, { personName: "Lê Thị Hoa", position: "Chi hội trưởng", modelName: "Vận động hiến đất", submittedAt: "2023-03-10" }),
    early: collective(units.t1, { unitName: "Chi bộ thôn 1", modelName: "Đường hoa nông thôn mới", submittedAt: "2023-03-20", representative: "Trần Văn Ba" }),
    account: collective(units.t2, {
      unitName: "Chi đoàn thôn 2",
      modelName: "Thanh niên giữ gìn an ninh",
      field: "defense_security",
      description: "Thuyết minh: tuần tra mỗi tối thứ bảy, 24 đoàn viên.",
      participants: 24,
      periodText: "năm 2023 và những năm tiếp theo",
      startDate: "2023-01-01",
      endDate: null,
    }),
    own: individual(units.commune, { personName: "Phạm Văn Tư", position: "Phó Chủ tịch UBND xã", modelName: "Tiếp dân cuối tuần" }),
    withdrawn: collective(units.farmers, { unitName: "Hội Nông dân xã", modelName: "Cánh đồng mẫu lớn" }),
    deleted: collective(units.t2, { modelName: "Đã xóa" }),
  };
  const pushed = await sync(clerk, { registrations: Object.values(items), pull: false });
  expect(pushed.body.results.every((r: { outcome: string }) => r.outcome === "created")).toBe(true);
  for (const [name, item] of Object.entries(items)) ids[name] = item.id;
  await sync(clerk, { registrations: [{ id: ids.deleted, baseVersion: 1, deleted: true }], pull: false });
  const approver = await makeOfficer("Xét duyệt Vĩnh An", ["approver"], "Xã Vĩnh An");
  expect((await call(`/api/v1/registrations/${ids.withdrawn}/review`, { token: approver.token, body: { to: "withdrawn", note: "Rút" } })).status).toBe(200);
  const scored = await json(await call("/api/v1/sync", { token: judge.token, body: { campaignId: cid, pull: false, scores: [collectiveScore(ids.early!, [18, 17, 16, 19, 15])] } }));
  expect(scored.scoreResults[0].outcome).toBe("created");
  // The commune's own implementing plan: the forms are addressed to it.
  const plan = await call(`/api/v1/admin/campaigns/${cid}/plans/${units.commune}`, { token: admin.token, method: "PUT", body: { planRef: "Kế hoạch số 45-KH/UBND", deadline: "2023-03-25" } });
  expect(plan.status).toBe(200);
});

async function xlsx(res: Response) {
  expect(res.status).toBe(200);
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const text = (name: string) => strFromU8(files[name] ?? new Uint8Array());
  // The lines of the shared strings: the closing block is one rich-text cell of several.
  const strings = sharedLines(text("xl/sharedStrings.xml"));
  return { sheet: text("xl/worksheets/sheet1.xml"), sheet2: text("xl/worksheets/sheet2.xml"), workbook: text("xl/workbook.xml"), strings };
}

const report = async (table: string, query: Record<string, string> = {}, who: DemoOfficer = viewer) =>
  call(`/api/v1/campaigns/${cid}/reports/${table}?${new URLSearchParams(query)}`, { token: who.token });

describe("the list of registered models", () => {
  it("lists every live registration by unit in the tree's order, collective before individual, withdrawn ones marked", async () => {
    const list = await json(await report("list"));
    expect(list.asOf).toBeNull();
    const shown = list.rows.map((r: { heading?: string; registrationId?: string }) => r.heading ?? Object.entries(ids).find(([, id]) => id === r.registrationId)![0]);
    // The commune's own first; then its units by official code: villages …001, …002, then
    // the mass organisations from …201 (Hội Nông dân xã is …203).
    expect(shown).toEqual(["Xã Vĩnh An", "own", "Thôn 1 Vĩnh An", "early", "late", "person", "Thôn 2 Vĩnh An", "account", "Hội Nông dân xã", "withdrawn"]);
    expect(list.rows.filter((r: { stt?: number }) => r.stt).map((r: { stt: number }) => r.stt)).toEqual([1, 2, 3, 4, 5, 6]);
    const row = (name: string) => list.rows.find((r: { registrationId?: string }) => r.registrationId === ids[name]);
    expect(Object.keys(row("early"))).toEqual(expect.arrayContaining([
      "stt", "registrationId", "orgUnitId", "orgUnitName", "kind", "unitName", "personName", "position", "modelName", "field", "level",
      "expectedBenefit", "periodText", "startDate", "endDate", "submittedAt", "onTime", "state", "mean", "rating", "description", "participants",
    ]));
    expect(row("early")).toMatchObject({
      orgUnitId: units.t1, orgUnitName: "Thôn 1 Vĩnh An", kind: "collective", kindLabel: "Tập thể", name: "Chi bộ thôn 1", field: "economy",
      fieldLabel: "Kinh tế", level: "grassroots", levelLabel: "Cấp cơ sở", expectedBenefit: 1_200_000_000, submittedAt: "2023-03-20",
      submittedLabel: "20/03/2023", onTime: true, onTimeLabel: "Đúng hạn", state: "registered", stateLabel: "Đã đăng ký", mean: 85, rating: "good",
      ratingLabel: "Tốt", period: "01/03/2023 – 30/11/2023",
    });
    expect(row("late")).toMatchObject({ onTime: false, onTimeLabel: "Sau hạn", mean: null, rating: null, ratingLabel: null });
    expect(row("person")).toMatchObject({ kind: "individual", personName: "Lê Thị Hoa", position: "Chi hội trưởng", name: "Lê Thị Hoa (Chi hội trưởng)", unitName: null });
    expect(row("account")).toMatchObject({ description: "Thuyết minh: tuần tra mỗi tối thứ bảy, 24 đoàn viên.", participants: 24, period: "năm 2023 và những năm tiếp theo", endDate: null });
    expect(row("withdrawn")).toMatchObject({ state: "withdrawn", stateLabel: "Đã rút đăng ký" });
    expect(list.totals).toMatchObject({ name: "Tổng cộng: 6 mô hình (4 tập thể, 2 cá nhân)", participants: 24 });
    expect(list.columns.find((c: { key: string }) => c.key === "description")).toMatchObject({ label: "Thuyết minh", print: false });
  });

  it("reaches CSV and XLSX in words: unit sub-headings, labels not codes, the account in the CSV only", async () => {
    const csv = await (await report("list", { format: "csv" })).text();
    const lines = csv.split("\r\n");
    expect(lines[0]).toContain("Tập thể / cá nhân đăng ký,Loại,Tên mô hình,Lĩnh vực,Cấp đăng ký");
    expect(lines).toContain("Thôn 1 Vĩnh An,,,,,,,,,,,,,");
    expect(csv).toContain("Lê Thị Hoa (Chi hội trưởng),Cá nhân,Vận động hiến đất,Kinh tế,Cấp cơ sở");
    expect(csv).toContain("Thuyết minh: tuần tra");
    for (const code of ["grassroots", "economy", "collective", "registered", "withdrawn"]) expect(csv).not.toContain(code);
    const { strings, sheet } = await xlsx(await report("list", { format: "xlsx" }));
    for (const text of ["Xã Vĩnh An", "Thôn 1 Vĩnh An", "Chi bộ thôn 1", "Đã rút đăng ký", "Sau hạn", "Số người tham gia", "Tốt"]) expect(strings, text).toContain(text);
    expect(strings).not.toContain("Thuyết minh");
    expect(strings.some((s) => s.startsWith("Thuyết minh: tuần tra"))).toBe(false);
    expect(sheet).toMatch(/<pageSetup [^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
  });

  it("the scoring results name the person of an individual model", async () => {
    await json(await call("/api/v1/sync", { token: judge.token, body: { campaignId: cid, pull: false, scores: [{ registrationId: ids.person, baseVersion: 0, criteria: { character: 25, achievement: 30, influence: 20 } }] } }));
    const scores = await json(await report("scores"));
    expect(scores.columns.map((c: { key: string }) => c.key)).toContain("personName");
    expect(scores.rows.find((r: { registrationId: string }) => r.registrationId === ids.person)).toMatchObject({ personName: "Lê Thị Hoa", kindLabel: "Cá nhân", mean: 75 });
    expect(scores.rows.find((r: { registrationId: string }) => r.registrationId === ids.early)).toMatchObject({ personName: null });
  });
});

describe("as of a moment", () => {
  it("refuses a malformed moment, a day that does not exist and one after today, in Vietnamese, by query and by download link", async () => {
    const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    for (const [asOf, message] of [
      ["30/06/2025", /không đúng dạng: cần ngày dạng YYYY-MM-DD/],
      ["2025-02-30", /không có thật/],
      ["2025-06-30T25:00", /không có thật/],
      [tomorrow, /không được sau hôm nay/],
      ["1999-12-31", /từ năm 2000/],
    ] as const) {
      const res = await report("units", { asOf });
      expect(res.status, asOf).toBe(400);
      const body = await json(res);
      expect(body.message, asOf).toMatch(message);
      expect(body.errors).toEqual([{ path: "asOf", code: "invalid_value", message: body.message }]);
      const link = await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "list", format: "xlsx", asOf } });
      expect(link.status, asOf).toBe(400);
    }
  });

  it("echoes the instant it rebuilt at, dates the document by it, and says the tree is today's", async () => {
    const res = await json(await report("units", { asOf: "2025-06-30" }));
    expect(res.asOf).toBe("2025-06-30T16:59:59.999Z");
    expect(res.notes.join(" ")).toContain("Số liệu tính đến hết ngày 30/06/2025 (giờ Việt Nam), dựng lại từ nhật ký thay đổi");
    expect(res.notes.join(" ")).toContain("theo cây đơn vị hiện nay");
    expect((await json(await report("units", { asOf: "2025-06-30T17:00:00+07:00" }))).asOf).toBe("2025-06-30T10:00:00.000Z");
    const file = await call(`/api/v1/campaigns/${cid}/reports/list?format=xlsx&asOf=2025-06-30`, { token: viewer.token });
    expect(file.headers.get("content-disposition")).toMatch(/Danh-sach-mo-hinh-Xa-Vinh-An-30-06-2025\.xlsx/);
    const { strings } = await xlsx(file);
    expect(strings).toContain("Số liệu tính đến ngày 30/06/2025");
    // Through a link: the moment is kept as the instant, so the file is the same whenever opened.
    const link = await json(await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: cid, table: "units", format: "xlsx", asOf: "2025-06-30" } }));
    expect((await xlsx(await call(new URL(link.url).pathname))).strings).toContain("Số liệu tính đến ngày 30/06/2025");
  });

  it("a report as of a moment stays as it was when registrations, reviews and the deadline change after it", async () => {
    const t3 = await unitId("Thôn 3 Vĩnh An");
    const later = collective(t3, { unitName: "Tổ hòa giải thôn 3", modelName: "Hòa giải ở cơ sở", submittedAt: "2023-03-26" });
    expect((await sync(clerk, { registrations: [later], pull: false })).body.results[0].outcome).toBe("created");
    const before = await json(await report("units", { depth: "1" }));
    const list = await json(await report("list"));
    await new Promise((r) => setTimeout(r, 5));
    const moment = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    // After the moment: the form is edited, moved on in review, and the deadline extended past it.
    expect((await sync(clerk, { registrations: [{ ...later, baseVersion: 1, modelName: "Hòa giải ở cơ sở (sửa)", field: "culture_society" }], pull: false })).body.results[0].outcome).toBe("updated");
    const approver = await makeOfficer("Xét duyệt Vĩnh An 2", ["approver"], "Xã Vĩnh An");
    expect((await call(`/api/v1/registrations/${later.id}/review`, { token: approver.token, body: { to: "recognized", note: "Đạt" } })).status).toBe(200);
    expect((await call(`/api/v1/admin/campaigns/${cid}/plans/${units.commune}`, { token: admin.token, method: "PUT", body: { planRef: "Kế hoạch số 45-KH/UBND", deadline: "2023-03-31" } })).status).toBe(200);
    try {
      const now = await json(await report("units"));
      const then = await json(await report("units", { asOf: moment }));
      const row = (r: { rows: Record<string, number | string>[] }) => r.rows.find((x) => x.orgUnitName === "Thôn 3 Vĩnh An")!;
      expect(row(then)).toEqual(row(before));
      expect(then.totals).toEqual(before.totals);
      expect(row(now)).toMatchObject({ onTime: 1, late: 0, recognized: 1, registered: 0, culture_society: 1 });
      expect(row(then)).toMatchObject({ onTime: 0, late: 1, recognized: 0, registered: 1, economy: 1 });
      expect(then.notes.join(" ")).toContain("hạn 25/03/2023");
      const listThen = await json(await report("list", { asOf: moment }));
      expect(listThen.rows).toEqual(list.rows);
      // Before the form existed, it is not there.
      const earlier = await json(await report("list", { asOf: "2024-01-01" }));
      expect(earlier.rows.some((r: { registrationId?: string }) => r.registrationId === later.id)).toBe(false);
    } finally {
      await call(`/api/v1/admin/campaigns/${cid}/plans/${units.commune}`, { token: admin.token, method: "PUT", body: { planRef: "Kế hoạch số 45-KH/UBND", deadline: "2023-03-25" } });
    }
  });
});

describe("printed documents", () => {
  it("one registration's form in the official layout, addressed to the plan it answers", async () => {
    const res = await call(`/api/v1/registrations/${ids.early}/form.xlsx`, { token: viewer.token });
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="Dang-ky-mo-hinh-Thon-1-Vinh-An-Duong-hoa-nong-thon-moi\.xlsx"/);
    const { strings, sheet, workbook } = await xlsx(res);
    for (const text of [
      "XÃ VĨNH AN", "THÔN 1 VĨNH AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ĐĂNG KÝ",
      "XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2023", "(Tập thể)", "Kính gửi: Ủy ban nhân dân xã Vĩnh An", "Đơn vị: Chi bộ thôn 1",
      "Địa chỉ: Thôn Trung Chính",
      "Thực hiện Kế hoạch số 45-KH/UBND của xã Vĩnh An về “Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023”.",
      "Đơn vị đăng ký thực hiện mô hình “Dân vận khéo” năm 2023 như sau:",
      "1. Tên mô hình, điển hình “Dân vận khéo” đăng ký xây dựng:", "Đường hoa nông thôn mới",
      "2. Lĩnh vực của mô hình đăng ký: Kinh tế", "3. Giá trị dự kiến làm lợi từ công trình đăng ký (nếu có): 1.200.000.000 đồng",
      "4. Thời gian thực hiện và hoàn thành: 01/03/2023 – 30/11/2023", "5. Đăng ký mô hình cấp: Cấp cơ sở",
      "Vĩnh An, ngày 20 tháng 3 năm 2023", "ĐẠI DIỆN LÃNH ĐẠO CƠ QUAN, ĐƠN VỊ", "(Ký và ghi rõ họ, tên)", "Trần Văn Ba",
    ]) expect(strings, text).toContain(text);
    expect(sheet).toMatch(/<pageSetup [^>]*paperSize="9" orientation="portrait"/);
    expect(sheet).not.toContain('fitToPage="1"');
    expect(sheet).not.toContain("<rowBreaks");
    expect(workbook).toContain('name="Đăng ký mô hình"');
    const person = await xlsx(await call(`/api/v1/registrations/${ids.person}/form.xlsx`, { token: viewer.token }));
    for (const text of ["(Cá nhân)", "Họ và tên: Lê Thị Hoa", "Chức vụ, nhiệm vụ được giao: Chi hội trưởng", "Đơn vị: Thôn 1 Vĩnh An", "Tôi đăng ký thực hiện mô hình “Dân vận khéo” năm 2023 như sau:", "NGƯỜI ĐĂNG KÝ"]) {
      expect(person.strings, text).toContain(text);
    }
    // Outside the caller's scope, deleted, or no such id: not found.
    const haLinh = await makeOfficer("Xem Hà Lĩnh", ["viewer"], "Xã Hà Lĩnh");
    expect((await call(`/api/v1/registrations/${ids.early}/form.xlsx`, { token: haLinh.token })).status).toBe(404);
    expect((await call(`/api/v1/registrations/${ids.deleted}/form.xlsx`, { token: viewer.token })).status).toBe(404);
    expect((await call(`/api/v1/registrations/${crypto.randomUUID()}/form.xlsx`, { token: viewer.token })).status).toBe(404);
  });

  it("the forms of a scope in one workbook, one a page in the list's order, withdrawn ones left out", async () => {
    const { strings, sheet } = await xlsx(await call(`/api/v1/campaigns/${cid}/forms?scope=${units.t1}`, { token: viewer.token }));
    expect(sheet.match(/<brk /g)).toHaveLength(2);
    expect(strings.filter((s) => s === "ĐĂNG KÝ")).toHaveLength(1); // shared strings are stored once
    expect(strings).toEqual(expect.arrayContaining(["Bếp ăn tình thương", "Đường hoa nông thôn mới", "Vận động hiến đất"]));
    const whole = await xlsx(await call(`/api/v1/campaigns/${cid}/forms`, { token: viewer.token }));
    expect(whole.strings).not.toContain("Cánh đồng mẫu lớn");
    expect(whole.strings).not.toContain("Đã xóa");
    expect((await call(`/api/v1/campaigns/${cid}/forms?scope=${await unitId("Xã Hà Lĩnh")}`, { token: viewer.token })).status).toBe(403);
  });

  it("a judge's own scoring sheet, to print and sign; no one else's", async () => {
    const res = await call(`/api/v1/campaigns/${cid}/scoring/print`, { token: judge.token });
    expect(res.headers.get("content-disposition")).toMatch(/Phieu-cham-diem-Giam-khao-Vinh-An-\d\d-\d\d-\d{4}\.xlsx/);
    const { strings, workbook, sheet } = await xlsx(res);
    expect(workbook).toContain('name="Phiếu chấm - Tập thể"');
    expect(workbook).toContain('name="Phiếu chấm - Cá nhân"');
    for (const text of [
      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Điểm theo tiêu chí", "Có chủ trương, định hướng (20 điểm)", "Tổng điểm (100)", "Nhận xét",
      "Lĩnh vực kinh tế", "Đường hoa nông thôn mới", "Bếp ăn tình thương", "Tốt", "THÀNH VIÊN HỘI ĐỒNG", "Giám khảo Vĩnh An",
    ]) expect(strings, text).toContain(text);
    expect(strings.some((s) => /^Thành viên hội đồng thẩm định: Giám khảo Vĩnh An – phiếu in ngày \d\d\/\d\d\/\d{4}$/.test(s))).toBe(true);
    expect(strings.some((s) => /^Đã chấm 1\/\d+ mô hình$/.test(s))).toBe(true);
    // The judge's points: 18, 17, 16, 19, 15 and 85 in the model's row.
    expect(sheet).toMatch(/<v>18<\/v>[\s\S]*<v>17<\/v>[\s\S]*<v>16<\/v>[\s\S]*<v>19<\/v>[\s\S]*<v>15<\/v>[\s\S]*<v>85<\/v>/);
    expect((await call(`/api/v1/campaigns/${cid}/scoring/print`, { token: viewer.token })).status).toBe(403);
  });

  it("each document through a short-lived link, checked again when opened", async () => {
    for (const [who, body, sheetName] of [
      [viewer, { document: "form", registrationId: ids.early }, "Đăng ký mô hình"],
      [viewer, { document: "forms", campaignId: cid, scope: units.t2 }, "Đăng ký mô hình"],
      [judge, { document: "scoring", campaignId: cid }, "Phiếu chấm - Tập thể"],
    ] as const) {
      const link = await call("/api/v1/downloads", { token: who.token, body });
      expect(link.status, body.document).toBe(201);
      const { workbook } = await xlsx(await call(new URL((await json(link)).url).pathname));
      expect(workbook).toContain(`name="${sheetName}"`);
    }
    expect((await call("/api/v1/downloads", { token: viewer.token, body: { document: "scoring", campaignId: cid } })).status).toBe(403);
    const bad = await call("/api/v1/downloads", { token: viewer.token, body: { document: "form", registrationId: "không-phải-mã" } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/Mã đăng ký/);
    expect((await call("/api/v1/downloads", { token: viewer.token, body: { document: "poster", campaignId: cid } })).status).toBe(400);
  });
});
