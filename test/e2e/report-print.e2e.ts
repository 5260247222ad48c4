import { execFile, spawnSync } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { REPORT_TABLES, type ReportTable } from "../../shared/reports.ts";
import type { Report } from "../../shared/schemas/report.ts";
import { demoCampaign } from "./harness.ts";

// The XLSX downloads as a real spreadsheet program prints them: fetched from the real
// worker, converted to PDF by LibreOffice (one invocation for all, it starts slowly),
// read back with poppler's pdftotext and pdfinfo. The report tables, one as of a past
// day, and the printed documents: the registration forms (one a page) and a judge's
// scoring sheet.

const run = promisify(execFile);
const baseUrl = inject("baseUrl");
const officers = inject("officers");
const communeViewer = officers.find((o) => o.name === "Vũ Thị Lan")!; // xã Hà Giang, where the demo files its forms
const provinceAdmin = officers.find((o) => o.name === "Trần Quốc Hưng")!;
const communeJudge = officers.find((o) => o.name === "Lê Văn Bình")!;

const TOOLS = ["soffice", "pdftotext", "pdfinfo"];
const missing = TOOLS.filter((tool) => spawnSync("sh", ["-c", `command -v ${tool}`]).status !== 0);

interface Printed {
  report: Report;
  pages: number;
  width: number;
  height: number;
  /** Page by page, text in drawing order (a wrapped cell's lines together), whitespace collapsed. */
  text: string[];
  /** Page 1 laid out as printed. */
  layout: string;
}

/** Each table for xã Hà Giang, and the units table of the whole province down to villages (several pages). */
const JOBS: { name: string; table: ReportTable; who: typeof communeViewer; query: Record<string, string> }[] = [
  ...REPORT_TABLES.map((table) => ({ name: table, table, who: communeViewer, query: {} as Record<string, string> })),
  { name: "province-units", table: "units", who: provinceAdmin, query: { depth: "3", head: "Lê Thị Hồng Nhung", place: "Thanh Hóa" } },
  { name: "list-asof", table: "list", who: communeViewer, query: { asOf: "2024-06-30" } },
];

/** The printed documents: every form of xã Hà Giang, one of them alone, and a judge's own scoring sheet. */
const DOCUMENTS = ["forms", "form-one", "scoring"] as const;
type DocumentJob = (typeof DOCUMENTS)[number];

const printed = new Map<string, Printed>();
const documents = new Map<DocumentJob, Omit<Printed, "report">>();
/** The forms' models in the order the list (and so the forms) has them: live, not withdrawn. */
let formModels: string[] = [];
let dir = "";

async function pdfText(file: string, page: number, mode: "-raw" | "-layout"): Promise<string> {
  const { stdout } = await run("pdftotext", ["-f", String(page), "-l", String(page), mode, "-enc", "UTF-8", file, "-"]);
  return stdout;
}

beforeAll(async () => {
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(", ")} not found: this test prints the XLSX downloads with LibreOffice and reads the PDF with poppler. ` +
        "Install the Debian packages: apt-get install -y libreoffice-calc-nogui poppler-utils (.ci/run does so when they are missing).",
    );
  }
  dir = await mkdtemp(path.join(os.tmpdir(), "dvk-print-"));
  const headers = (who: typeof communeViewer) => ({ authorization: `Bearer ${who.token}` });
  const campaign = demoCampaign((await (await fetch(`${baseUrl}/api/v1/campaigns`, { headers: headers(communeViewer) })).json()) as { id: number; year: number }[]);
  const reports = new Map<string, Report>();
  for (const job of JOBS) {
    const url = (format: string) => `${baseUrl}/api/v1/campaigns/${campaign!.id}/reports/${job.table}?${new URLSearchParams({ ...job.query, format })}`;
    const [xlsx, json] = await Promise.all([fetch(url("xlsx"), { headers: headers(job.who) }), fetch(url("json"), { headers: headers(job.who) })]);
    expect(xlsx.status, job.name).toBe(200);
    await writeFile(path.join(dir, `${job.name}.xlsx`), new Uint8Array(await xlsx.arrayBuffer()));
    reports.set(job.name, (await json.json()) as Report);
  }
  const listed = reports.get("list")!.rows.filter((r) => r.registrationId && r.state !== "withdrawn");
  formModels = listed.map((r) => String(r.modelName));
  const paths: Record<DocumentJob, [string, typeof communeViewer]> = {
    forms: [`/api/v1/campaigns/${campaign!.id}/forms`, communeViewer],
    "form-one": [`/api/v1/registrations/${listed[0]!.registrationId}/form.xlsx`, communeViewer],
    scoring: [`/api/v1/campaigns/${campaign!.id}/scoring/print`, communeJudge],
  };
  for (const name of DOCUMENTS) {
    const [url, who] = paths[name];
    const res = await fetch(`${baseUrl}${url}`, { headers: headers(who) });
    expect(res.status, name).toBe(200);
    await writeFile(path.join(dir, `${name}.xlsx`), new Uint8Array(await res.arrayBuffer()));
  }
  const names = [...JOBS.map((j) => j.name), ...DOCUMENTS];
  await run(
    "soffice",
    [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...names.map((n) => path.join(dir, `${n}.xlsx`))],
    { timeout: 170_000 },
  );
  const read = async (name: string) => {
    const pdf = path.join(dir, `${name}.pdf`);
    const { stdout: info } = await run("pdfinfo", [pdf]);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
    const [, width, height] = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
    const text: string[] = [];
    for (let p = 1; p <= pages; p++) text.push((await pdfText(pdf, p, "-raw")).replace(/\s+/g, " "));
    return { pages, width: Number(width), height: Number(height), text, layout: await pdfText(pdf, 1, "-layout") };
  };
  for (const job of JOBS) printed.set(job.name, { report: reports.get(job.name)!, ...(await read(job.name)) });
  for (const name of DOCUMENTS) documents.set(name, await read(name));
}, 240_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("an XLSX download printed by LibreOffice", () => {
  it.each(JOBS.map((j) => j.name))("%s: A4 landscape, one page wide, every column header on page 1", (name) => {
    const p = printed.get(name)!;
    expect(p.width).toBeCloseTo(841.89, 0);
    expect(p.height).toBeCloseTo(595.28, 0);
    const page1 = p.text[0]!;
    const headers = [...new Set(p.report.columns.filter((c) => c.print !== false).flatMap((c) => (c.group ? [c.group, c.label] : [c.label])))];
    for (const label of ["STT", ...headers]) expect(page1, label).toContain(label);
  });

  it.each(JOBS.map((j) => j.name))("%s: the national header, the title, the plan, the date of the figures, with their diacritics", (name) => {
    const { text, layout, report } = printed.get(name)!;
    const page1 = text[0]!;
    // The scope's implementing plan, else the campaign's (the province's own, in the demo).
    const plan = report.plan ? "Thực hiện Kế hoạch số 97-KH/ĐU ngày 08/03/2023 của Xã Hà Giang" : "Thực hiện Kế hoạch số 01-KH/TU ngày 10/02/2023 (mẫu)";
    for (const words of ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", plan]) {
      expect(page1, words).toContain(words);
    }
    expect(page1).toContain(report.title.toUpperCase());
    expect(page1).toMatch(/Số liệu tính đến ngày \d\d\/\d\d\/\d{4}/);
    // The body above and the issuer at the left of the national name and motto, line by line.
    const lines = layout.split("\n");
    const beside = (right: string, left: string) => {
      const line = lines.find((l) => l.includes(right))!;
      expect(line.indexOf(left), `${left} | ${right}`).toBeGreaterThanOrEqual(0);
      expect(line.indexOf(left)).toBeLessThan(line.indexOf(right));
    };
    if (report.scope.parentName) beside("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", report.scope.parentName.toUpperCase());
    beside("Độc lập - Tự do - Hạnh phúc", report.scope.name.toUpperCase());
  });

  it.each(JOBS.map((j) => j.name))("%s: the totals, the notes, the place and date, the two signature blocks", (name) => {
    const { text, report } = printed.get(name)!;
    const all = text.join(" ");
    if (report.totals) expect(all).toContain("Tổng cộng");
    expect(all).toContain("Ghi chú:");
    for (const note of report.notes) expect(all).toContain(note.replace(/\s+/g, " "));
    for (const words of ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"]) expect(all, words).toContain(words);
    // The closing block prints whole on the last page: a head of unit never signs under
    // a title left on the page before.
    const last = text[text.length - 1]!;
    const job = JOBS.find((j) => j.name === name)!;
    const names = [job.who.name, job.query.head ?? "……………………………"];
    for (const words of [", ngày", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)", ...names]) expect(last, words).toContain(words);
  });

  it("the commune's units table names its villages, its preparer and its place", () => {
    const { text } = printed.get("units")!;
    const all = text.join(" ");
    for (const words of ["Thôn Trung Chính", "Thôn Đông Môn", "Thôn Yên Bái", "Thôn Hà Thành", "Kết quả xét duyệt", "Đã rút đăng ký", "Vũ Thị Lan"]) {
      expect(all, words).toContain(words);
    }
    expect(all).toMatch(/Hà Giang, ngày \d\d tháng \d\d? năm \d{4}/);
  });

  it("a table longer than a page repeats its column headers on every page, and prints the officer's details", () => {
    const { text, pages, report } = printed.get("province-units")!;
    expect(report.rows.length).toBeGreaterThan(60);
    expect(pages).toBeGreaterThan(1);
    for (const page of text) {
      for (const label of ["STT", "Đơn vị", "Lĩnh vực", "Kết quả xét duyệt", "Đã rút đăng ký"]) expect(page, label).toContain(label);
    }
    const all = text.join(" ");
    expect(all).toContain("Lê Thị Hồng Nhung");
    expect(all).toMatch(/Thanh Hóa, ngày \d\d tháng \d\d? năm \d{4}/);
    expect(text[text.length - 1]).toContain("Tổng cộng");
  });
});

describe("the list and a table as of a past day, printed", () => {
  it("the list groups its rows under each unit's name and leaves the model's account out of print", () => {
    const { text, report } = printed.get("list")!;
    const all = text.join(" ");
    for (const heading of report.rows.filter((r) => r.heading).map((r) => String(r.heading))) expect(all, heading).toContain(heading);
    for (const words of ["Tập thể / cá nhân đăng ký", "Số người tham gia", "Đúng hạn"]) expect(all, words).toContain(words);
    // The column's label is not printed; only the note saying so names it.
    expect(all.split("Thuyết minh").length - 1).toBe(1);
    for (const account of report.rows.map((r) => r.description).filter((d): d is string => typeof d === "string")) {
      expect(all).not.toContain(account.replace(/\s+/g, " "));
    }
  });

  it("dates the figures by the day asked for", () => {
    const { text, report } = printed.get("list-asof")!;
    expect(report.asOf).toBe("2024-06-30T16:59:59.999Z");
    expect(text[0]).toContain("Số liệu tính đến ngày 30/06/2024");
    expect(text.join(" ")).toContain("theo cây đơn vị hiện nay");
  });
});

describe("printed documents, printed by LibreOffice", () => {
  const ITEMS = [
    "ĐĂNG KÝ",
    "XÂY DỰNG MÔ HÌNH “DÂN VẬN KHÉO” NĂM 2023",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Kính gửi:",
    "1. Tên mô hình, điển hình “Dân vận khéo” đăng ký xây dựng:",
    "2. Lĩnh vực của mô hình đăng ký:",
    "3. Giá trị dự kiến làm lợi từ công trình đăng ký (nếu có):",
    "4. Thời gian thực hiện và hoàn thành:",
    "5. Đăng ký mô hình cấp:",
    "(Ký và ghi rõ họ, tên)",
  ];

  it("the forms of a commune: A4 portrait, one form a page, each with its items and signature line, in the list's order", () => {
    const { pages, width, height, text } = documents.get("forms")!;
    expect(formModels.length).toBeGreaterThan(5);
    expect(pages).toBe(formModels.length);
    expect(width).toBeCloseTo(595.28, 0);
    expect(height).toBeCloseTo(841.89, 0);
    text.forEach((page, i) => {
      for (const item of ITEMS) expect(page, `page ${i + 1}: ${item}`).toContain(item);
      expect(page).toMatch(/\((Tập thể|Cá nhân)\)/);
      expect(page).toMatch(/ĐẠI DIỆN LÃNH ĐẠO CƠ QUAN, ĐƠN VỊ|NGƯỜI ĐĂNG KÝ/);
      expect(page, `page ${i + 1}`).toContain(formModels[i]!.replace(/\s+/g, " "));
    });
  });

  it("one form alone is one page", () => {
    const { pages, text } = documents.get("form-one")!;
    expect(pages).toBe(1);
    expect(text[0]).toContain(formModels[0]!.replace(/\s+/g, " "));
  });

  it("a judge's scoring sheet: the judge's name, the criteria with their maxima, the signature", () => {
    const { text, width } = documents.get("scoring")!;
    expect(width).toBeCloseTo(841.89, 0);
    const all = text.join(" ");
    for (const words of ["Lê Văn Bình", "THÀNH VIÊN HỘI ĐỒNG", "Điểm theo tiêu chí", "(20 điểm)", "Tổng điểm", "Nhận xét", "Đã chấm"]) {
      expect(all, words).toContain(words);
    }
    expect(all).toMatch(/phiếu in ngày \d\d\/\d\d\/\d{4}/);
  });
});
