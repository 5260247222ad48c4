import { describe, expect, it } from "vitest";
import {
  type Cell,
  type ParseResult,
  compactKey,
  excelSerialToIso,
  foldText,
  formatDay,
  formatMoneyVnd,
  formatPeriod,
  isoToExcelSerial,
  normalizeText,
  parseDay,
  parseField,
  parseKind,
  parseLevel,
  parseMoneyVnd,
  parsePeriod,
  periodText,
  PERIOD_TEXT_MAX,
} from "../../shared/parse.ts";
import type { FieldProblemCode } from "../../shared/problems.ts";
import type { Level } from "../../shared/vocabulary.ts";

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;

function expectOk<T>(result: ParseResult<T>, value: T): void {
  expect(result).toEqual({ ok: true, value });
}

/** The code, a Vietnamese message, and (for a non-empty cell) the cell quoted in it. */
function expectError<T>(result: ParseResult<T>, code: FieldProblemCode, cell: Cell): string {
  expect(result.ok).toBe(false);
  if (result.ok) return "";
  expect(result.code).toBe(code);
  expect(result.message).toMatch(VIETNAMESE);
  const text = typeof cell === "string" ? normalizeText(cell) : cell === null || cell === undefined ? "" : String(cell);
  if (text !== "") expect(result.message).toContain(`“${text}”`);
  return result.message;
}

const span = (start: string, end = start) => ({ start, end });
/** Ongoing: started, no end yet. */
const from = (start: string) => ({ start, end: null });
/** An end written without its start. */
const until = (end: string) => ({ start: null, end });
/** No time limit: "thường xuyên", "hằng năm". */
const always = { start: null, end: null };

describe("normalizeText and foldText", () => {
  it("normalises to NFC, trims and collapses whitespace including non-breaking spaces", () => {
    expect(normalizeText("  Văn\u00A0hóa \t\n  xã\u202Fhội\u200B ")).toBe("Văn hóa xã hội");
    expect(normalizeText("Ha\u0300 Giang")).toBe("Hà Giang");
    expect(normalizeText("Ha\u0300 Giang")).toHaveLength("Hà Giang".length);
    expect(normalizeText("")).toBe("");
  });

  it("folds case, diacritics, đ and both tone placements", () => {
    expect(foldText("Văn hoá - Xã hội")).toBe("van hoa - xa hoi");
    expect(foldText("VĂN HÓA")).toBe("van hoa");
    expect(foldText("Văn hóa".normalize("NFD"))).toBe("van hoa");
    expect(foldText("thuỷ")).toBe(foldText("thủy"));
    expect(foldText("Đồng đội")).toBe("dong doi");
    expect(foldText("ðồng")).toBe("dong");
    expect(compactKey("VH - XH")).toBe(compactKey("vh-xh"));
  });
});

describe("parseKind", () => {
  it.each([
    ["Tập thể", "collective"],
    ["tap the", "collective"],
    ["TẬP THỂ", "collective"],
    ["Mô hình tập thể", "collective"],
    ["TT", "collective"],
    ["collective", "collective"],
    ["Cá nhân", "individual"],
    ["ca nhan", "individual"],
    ["CN", "individual"],
    ["individual", "individual"],
  ] as const)("%s → %s", (cell, kind) => expectOk(parseKind(cell), kind));

  it("refuses anything else", () => {
    expectError(parseKind("Hộ gia đình"), "unknown_kind", "Hộ gia đình");
    expectError(parseKind(1), "unknown_kind", 1);
    expectError(parseKind(""), "required", "");
    expectError(parseKind(null), "required", null);
  });
});

describe("parseField", () => {
  it.each([
    ["Kinh tế", "economy"],
    ["kinh te", "economy"],
    ["KINH TẾ", "economy"],
    ["Kinh te", "economy"],
    ["KT", "economy"],
    ["Lĩnh vực kinh tế", "economy"],
    ["economy", "economy"],
    ["Văn hoá - Xã hội", "culture_society"],
    ["Văn hóa - Xã hội", "culture_society"],
    ["Văn hóa-xã hội", "culture_society"],
    ["van hoa xa hoi", "culture_society"],
    ["Văn hóa, xã hội", "culture_society"],
    ["VH-XH", "culture_society"],
    ["VH - XH", "culture_society"],
    ["VHXH", "culture_society"],
    ["culture_society", "culture_society"],
    ["Quốc phòng - An ninh", "defense_security"],
    ["Quoc phong an ninh", "defense_security"],
    ["an ninh quốc phòng", "defense_security"],
    ["QP-AN", "defense_security"],
    ["QPAN", "defense_security"],
    ["defense_security", "defense_security"],
    ["Xây dựng hệ thống chính trị", "political_system"],
    ["XDHTCT", "political_system"],
    ["XD HTCT", "political_system"],
    ["HTCT", "political_system"],
    ["xay dung he thong chinh tri", "political_system"],
    ["political_system", "political_system"],
    ["Văn hóa - Xã hội".normalize("NFD"), "culture_society"],
    ["\u00A0Kinh\u00A0tế\u00A0", "economy"],
  ] as const)("%s → %s", (cell, field) => expectOk(parseField(cell), field));

  it("names the four fields when the field is not one of them", () => {
    const message = expectError(parseField("Nông nghiệp"), "unknown_field", "Nông nghiệp");
    for (const label of ["Kinh tế", "Văn hóa - Xã hội", "Quốc phòng - An ninh", "Xây dựng hệ thống chính trị"]) {
      expect(message).toContain(label);
    }
  });

  it("never guesses from part of a label", () => {
    expectError(parseField("Kinh tế - Xã hội"), "unknown_field", "Kinh tế - Xã hội");
    expectError(parseField("Văn hóa"), "unknown_field", "Văn hóa");
    expectError(parseField(true), "unknown_field", "TRUE");
  });

  it("requires a value", () => {
    expectError(parseField(""), "required", "");
    expectError(parseField("   "), "required", "");
    expectError(parseField(undefined), "required", undefined);
  });
});

describe("parseLevel", () => {
  it.each([
    ["Cấp tỉnh", "province"],
    ["tỉnh", "province"],
    ["cap tinh", "province"],
    ["province", "province"],
    ["Cấp huyện", "district"],
    ["huyện", "district"],
    ["quận", "district"],
    ["Cấp quận", "district"],
    ["thị xã", "district"],
    ["Cấp cơ sở", "grassroots"],
    ["cấp cơ sở", "grassroots"],
    ["cơ sở", "grassroots"],
    ["co so", "grassroots"],
    ["Cấp xã", "grassroots"],
    ["xã", "grassroots"],
    ["phường", "grassroots"],
    ["Cấp phường", "grassroots"],
    ["thị trấn", "grassroots"],
    ["grassroots", "grassroots"],
  ] as const)("%s → %s", (cell, level) => expectOk(parseLevel(cell), level));

  it("refuses a city, which may be a province or a district", () => {
    expectError(parseLevel("Cấp thành phố"), "unknown_level", "Cấp thành phố");
    expectError(parseLevel("thành phố"), "unknown_level", "thành phố");
  });

  it("lists the campaign's levels when it does not know one", () => {
    const message = expectError(parseLevel("Cấp trung ương"), "unknown_level", "Cấp trung ương");
    for (const label of ["Cấp tỉnh", "Cấp huyện", "Cấp cơ sở"]) expect(message).toContain(label);
    expectError(parseLevel(""), "required", "");
    expectError(parseLevel("-"), "unknown_level", "-");
  });

  it("matches a campaign's own levels by code or label, with or without “Cấp”", () => {
    const levels: Level[] = [
      { code: "province", label: "Cấp tỉnh" },
      { code: "commune", label: "Cấp xã" },
      { code: "village", label: "Cấp thôn" },
    ];
    expectOk(parseLevel("Cấp xã", levels), "commune");
    expectOk(parseLevel("xa", levels), "commune");
    expectOk(parseLevel("commune", levels), "commune");
    expectOk(parseLevel("thôn", levels), "village");
    expectOk(parseLevel("CẤP THÔN", levels), "village");
    expectOk(parseLevel("tỉnh", levels), "province");
    // "huyện" is a synonym of the seed's district level, which this campaign does not have.
    const message = expectError(parseLevel("huyện", levels), "unknown_level", "huyện");
    expect(message).toContain("Cấp thôn");
  });

  it("prefers a campaign's label to the seed's synonyms, and refuses a tie", () => {
    const levels: Level[] = [
      { code: "grassroots", label: "Cấp cơ sở" },
      { code: "commune", label: "Cấp xã" },
    ];
    expectOk(parseLevel("xã", levels), "commune");
    const twins: Level[] = [
      { code: "a", label: "Cấp xã" },
      { code: "b", label: "Cấp Xã" },
    ];
    expectError(parseLevel("xã", twins), "unknown_level", "xã");
    expectError(parseLevel("xã", []), "unknown_level", "xã");
  });
});

describe("parseMoneyVnd", () => {
  it.each([
    [1500000, 1500000],
    [0, 0],
    [-0, 0],
    ["1.500.000", 1500000],
    ["1,500,000", 1500000],
    ["1 500 000", 1500000],
    ["1500000", 1500000],
    ["1.500", 1500],
    ["1.500.000,00", 1500000],
    ["2.500.000đ", 2500000],
    ["300.000.000 đ", 300000000],
    ["120.000.000đ", 120000000],
    ["850.000.000", 850000000],
    ["1.000.000 VNĐ", 1000000],
    ["1.000.000 vnđ", 1000000],
    ["1.000.000 vnd", 1000000],
    ["1.000.000 đồng", 1000000],
    ["1,5 tỷ", 1500000000],
    ["1.5 tỷ", 1500000000],
    ["1,5 tỉ", 1500000000],
    ["1,5tỷ", 1500000000],
    ["1,2 tỷ đồng", 1200000000],
    ["500 triệu", 500000000],
    ["500 triệu đồng", 500000000],
    ["45 triệu", 45000000],
    ["300 nghìn", 300000],
    ["300 ngàn", 300000],
    ["1 tỷ 200 triệu", 1200000000],
    ["2 tỷ 500 triệu đồng", 2500000000],
    ["1 triệu 500 nghìn", 1500000],
    ["1 tỷ 500 nghìn", 1000500000],
    ["1,25 triệu", 1250000],
    ["1 trieu", 1000000],
    ["0 đồng", 0],
    ["0", 0],
  ] as const)("%s → %s", (cell, value) => expectOk(parseMoneyVnd(cell), value));

  it.each([
    [""],
    ["   "],
    [null],
    [undefined],
    ["không"],
    ["Không"],
    ["KHÔNG CÓ"],
    ["không có"],
    ["khong"],
    ["chưa có"],
    ["-"],
    ["—"],
    ["–"],
    ["−"],
    ["--"],
    [" - "],
    ["không xác định"],
    ["Không xác định"],
    ["KHONG XAC DINH"],
    ["chưa xác định"],
    ["Chưa xác định"],
    ["chưa xác định được"],
    ["chưa xác định".normalize("NFD")],
  ] as const)("%s means none", (cell) => expectOk(parseMoneyVnd(cell), null));

  // A rough sum keeps its qualifier in the cell; the figure is the amount written.
  it.each([
    ["khoảng 500 triệu", 500_000_000],
    ["Khoảng 500 triệu đồng", 500_000_000],
    ["khoang 500 trieu", 500_000_000],
    ["KHOẢNG 500 TRIỆU", 500_000_000],
    ["khoảng 1 tỷ", 1_000_000_000],
    ["khoảng chừng 200 triệu", 200_000_000],
    ["chừng 200 triệu", 200_000_000],
    ["xấp xỉ 1,5 tỷ", 1_500_000_000],
    ["dự kiến 1,2 tỷ", 1_200_000_000],
    ["Dự kiến: 1,2 tỷ", 1_200_000_000],
    ["dự kiến đạt 1,2 tỷ", 1_200_000_000],
    ["dự tính 80 triệu", 80_000_000],
    ["ước tính 50 triệu", 50_000_000],
    ["ước 50 triệu", 50_000_000],
    ["ước đạt 50 triệu", 50_000_000],
    ["trên 300 triệu", 300_000_000],
    ["hơn 300 triệu", 300_000_000],
    ["gần 1 tỷ", 1_000_000_000],
    ["trên dưới 1 tỷ", 1_000_000_000],
    ["dưới 100 triệu", 100_000_000],
    ["tối thiểu 20 triệu", 20_000_000],
    ["ít nhất 20 triệu", 20_000_000],
    ["không dưới 20 triệu", 20_000_000],
    ["tối đa 20 triệu", 20_000_000],
    ["không quá 20 triệu", 20_000_000],
    ["dự kiến khoảng 1 tỷ 200 triệu", 1_200_000_000],
    ["Ước tính trên 2.500.000đ", 2_500_000],
    ["khoảng 1.500.000", 1_500_000],
    ["khoảng 0 đồng", 0],
  ] as const)("reads past the qualifier of %s", (cell, value) => expectOk(parseMoneyVnd(cell), value));

  it("says what is missing when only a qualifier is written", () => {
    for (const cell of ["khoảng", "Dự kiến", "dự kiến khoảng", "trên:"]) {
      expect(expectError(parseMoneyVnd(cell), "invalid_money", cell)).toContain("Chưa ghi số tiền");
    }
  });

  // Qualifiers and none-words are the only new forms: everything else refused before is refused still.
  it.each([
    ["abc"],
    ["1,5,3 tỷ"],
    ["500 triệu đô"],
    ["500 USD"],
    ["khoảng khoảng 1 tỷ"],
    ["trên khoảng 1 tỷ"],
    ["khoảng 1-2 tỷ"],
    ["khoảng không"],
    ["dự kiến chưa xác định"],
    ["khoảng500 triệu"],
    ["1 tỷ khoảng"],
    ["500 triệu trở lên"],
    ["- -"],
    ["-/-"],
    ["không rõ"],
    ["xác định"],
    ["…"],
    ["0 - 1 tỷ"],
  ] as const)("still refuses %s", (cell) => {
    expectError(parseMoneyVnd(cell), "invalid_money", cell);
  });

  it("keeps refusing negative, fractional and ambiguous amounts behind a qualifier", () => {
    expect(expectError(parseMoneyVnd("khoảng -500 triệu"), "invalid_money", "khoảng -500 triệu")).toContain("âm");
    expect(expectError(parseMoneyVnd("trên -1.000.000"), "invalid_money", "trên -1.000.000")).toContain("âm");
    expect(expectError(parseMoneyVnd("khoảng 1,5"), "invalid_money", "khoảng 1,5")).toContain("lẻ");
    expect(expectError(parseMoneyVnd("dự kiến 1.500 tỷ"), "invalid_money", "dự kiến 1.500 tỷ")).toContain("1,5 tỷ");
    expect(expectError(parseMoneyVnd("khoảng 10000000 tỷ"), "invalid_money", "khoảng 10000000 tỷ")).toContain("quá lớn");
  });

  it.each([
    ["1-2 tỷ"],
    ["nhiều"],
    ["VNĐ"],
    ["1 triệu 500"],
    ["200 triệu 1 tỷ"],
    ["1 tỷ 1500 triệu"],
    ["1,5 tỷ 200 triệu"],
    ["1.500.00"],
    ["1,50,000"],
    ["(1.000.000)"],
    ["500k"],
  ] as const)("refuses the unclear %s", (cell) => {
    expectError(parseMoneyVnd(cell), "invalid_money", cell);
  });

  it("refuses negative amounts", () => {
    expect(expectError(parseMoneyVnd(-5000), "invalid_money", -5000)).toContain("âm");
    expect(expectError(parseMoneyVnd("-1.500.000"), "invalid_money", "-1.500.000")).toContain("âm");
  });

  it("refuses fractions of a đồng", () => {
    expect(expectError(parseMoneyVnd(1500.5), "invalid_money", 1500.5)).toContain("lẻ");
    expect(expectError(parseMoneyVnd("1,5"), "invalid_money", "1,5")).toContain("lẻ");
    expect(expectError(parseMoneyVnd("1.500,5"), "invalid_money", "1.500,5")).toContain("lẻ");
    expect(expectError(parseMoneyVnd("1,2345678 triệu"), "invalid_money", "1,2345678 triệu")).toContain("lẻ");
  });

  it("refuses a separator before a unit that may be decimal or thousands", () => {
    expect(expectError(parseMoneyVnd("1.500 tỷ"), "invalid_money", "1.500 tỷ")).toContain("1,5 tỷ");
    expectError(parseMoneyVnd("1,500 triệu"), "invalid_money", "1,500 triệu");
  });

  it("refuses amounts above Number.MAX_SAFE_INTEGER and numbers that are not amounts", () => {
    expectOk(parseMoneyVnd(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
    expectOk(parseMoneyVnd("9.007.199.254.740.991"), Number.MAX_SAFE_INTEGER);
    expect(expectError(parseMoneyVnd("9.007.199.254.740.992"), "invalid_money", "9.007.199.254.740.992")).toContain("quá lớn");
    expectError(parseMoneyVnd(2 ** 60), "invalid_money", 2 ** 60);
    expectError(parseMoneyVnd("10000000 tỷ"), "invalid_money", "10000000 tỷ");
    expectError(parseMoneyVnd(Number.NaN), "invalid_money", Number.NaN);
    expectError(parseMoneyVnd(Number.POSITIVE_INFINITY), "invalid_money", Number.POSITIVE_INFINITY);
    expectError(parseMoneyVnd(true), "invalid_money", "TRUE");
  });

  it("formats with dots and “đ”, and an empty cell for none", () => {
    expect(formatMoneyVnd(1500000)).toBe("1.500.000 đ");
    expect(formatMoneyVnd(0)).toBe("0 đ");
    expect(formatMoneyVnd(999)).toBe("999 đ");
    expect(formatMoneyVnd(1000)).toBe("1.000 đ");
    expect(formatMoneyVnd(null)).toBe("");
    expect(formatMoneyVnd(-1)).toBe("-1");
  });
});

describe("parsePeriod", () => {
  it.each([
    // Excel numbers: date serials and typed years
    [45017, span("2023-04-01")],
    [45017.75, span("2023-04-01")],
    [36526, span("2000-01-01")],
    [73050, span("2099-12-31")],
    [2023, span("2023-01-01", "2023-12-31")],
    ["45017", span("2023-04-01")],
    // days
    ["25/3/2023", span("2023-03-25")],
    ["25/03/2023", span("2023-03-25")],
    ["25-3-2023", span("2023-03-25")],
    ["25.3.2023", span("2023-03-25")],
    ["2023-03-25", span("2023-03-25")],
    ["ngày 25/3/2023", span("2023-03-25")],
    ["ngày 23 tháng 2 năm 2023", span("2023-02-23")],
    ["29/2/2024", span("2024-02-29")],
    // months
    ["tháng 6/2023", span("2023-06-01", "2023-06-30")],
    ["Tháng 06/2023", span("2023-06-01", "2023-06-30")],
    ["6/2023", span("2023-06-01", "2023-06-30")],
    ["T6/2023", span("2023-06-01", "2023-06-30")],
    ["tháng 6 năm 2023", span("2023-06-01", "2023-06-30")],
    ["tháng 2/2024", span("2024-02-01", "2024-02-29")],
    ["tháng 6 / 2023", span("2023-06-01", "2023-06-30")],
    // quarters
    ["Quý II/2023", span("2023-04-01", "2023-06-30")],
    ["Quý 2/2023", span("2023-04-01", "2023-06-30")],
    ["quý 2 năm 2023", span("2023-04-01", "2023-06-30")],
    ["Q2/2023", span("2023-04-01", "2023-06-30")],
    ["Quý I/2023", span("2023-01-01", "2023-03-31")],
    ["Quý III/2023", span("2023-07-01", "2023-09-30")],
    ["Quý IV/2023", span("2023-10-01", "2023-12-31")],
    // years and halves
    ["năm 2023", span("2023-01-01", "2023-12-31")],
    ["Năm 2023", span("2023-01-01", "2023-12-31")],
    ["2023", span("2023-01-01", "2023-12-31")],
    ["cả năm 2023", span("2023-01-01", "2023-12-31")],
    ["Cả năm 2023", span("2023-01-01", "2023-12-31")],
    ["trong năm 2023", span("2023-01-01", "2023-12-31")],
    ["6 tháng đầu năm 2023", span("2023-01-01", "2023-06-30")],
    ["6 tháng cuối năm 2023", span("2023-07-01", "2023-12-31")],
    ["nửa đầu năm 2023", span("2023-01-01", "2023-06-30")],
    // school years (September to May)
    ["Năm học 2022-2023", span("2022-09-01", "2023-05-31")],
    ["Năm học 2023 - 2024", span("2023-09-01", "2024-05-31")],
    ["năm học 2023–2024", span("2023-09-01", "2024-05-31")],
    // ranges
    ["Từ tháng 3/2023 đến tháng 12/2023", span("2023-03-01", "2023-12-31")],
    ["3/2023 - 12/2023", span("2023-03-01", "2023-12-31")],
    ["Tháng 3/2023 - tháng 11/2023", span("2023-03-01", "2023-11-30")],
    ["tháng 06/2023 – tháng 12/2023", span("2023-06-01", "2023-12-31")],
    ["tháng 06/2023 — tháng 12/2023", span("2023-06-01", "2023-12-31")],
    ["tháng 3/2023 tới tháng 5/2023", span("2023-03-01", "2023-05-31")],
    ["Quý 2/2023 - Quý 4/2023", span("2023-04-01", "2023-12-31")],
    ["1/3/2023 - 30/11/2023", span("2023-03-01", "2023-11-30")],
    ["Từ ngày 1/3/2023 đến ngày 30/11/2023", span("2023-03-01", "2023-11-30")],
    ["25-3-2023 - 30-11-2023", span("2023-03-25", "2023-11-30")],
    ["2023-03-01 - 2023-11-30", span("2023-03-01", "2023-11-30")],
    ["tháng 9/2022 - tháng 5/2023", span("2022-09-01", "2023-05-31")],
    ["2021-2025", span("2021-01-01", "2025-12-31")],
    ["Năm 2022 - năm 2023", span("2022-01-01", "2023-12-31")],
    ["Từ 2022 đến 2023", span("2022-01-01", "2023-12-31")],
    ["từ tháng 3/2023 đến hết tháng 12/2023", span("2023-03-01", "2023-12-31")],
    // a range whose year is written once
    ["Từ tháng 4 đến tháng 12/2023", span("2023-04-01", "2023-12-31")],
    ["tháng 3 - tháng 11/2023", span("2023-03-01", "2023-11-30")],
    ["Tháng 3-12/2023", span("2023-03-01", "2023-12-31")],
    ["3 - 12/2023", span("2023-03-01", "2023-12-31")],
    ["Quý II - Quý IV/2023", span("2023-04-01", "2023-12-31")],
    ["1/3 - 30/11/2023", span("2023-03-01", "2023-11-30")],
    ["Từ tháng 3/2023 đến tháng 12", span("2023-03-01", "2023-12-31")],
  ] as const)("%s → %o", (cell, value) => expectOk(parsePeriod(cell), value));

  // PRODUCT.md "Registration": `end: null` means ongoing.
  it.each([
    ["từ tháng 3/2023", from("2023-03-01")],
    ["Từ tháng 3/2023", from("2023-03-01")],
    ["TỪ THÁNG 3/2023", from("2023-03-01")],
    ["tu thang 3/2023", from("2023-03-01")],
    ["từ tháng 3/2023".normalize("NFD"), from("2023-03-01")],
    ["từ 15/3/2023", from("2023-03-15")],
    ["Từ ngày 15/3/2023", from("2023-03-15")],
    ["từ quý II/2023", from("2023-04-01")],
    ["từ năm 2023", from("2023-01-01")],
    ["từ 2023", from("2023-01-01")],
    ["từ 6 tháng cuối năm 2023", from("2023-07-01")],
    ["từ năm học 2023-2024", from("2023-09-01")],
    ["kể từ ngày 1/3/2023", from("2023-03-01")],
    ["bắt đầu từ tháng 3/2023", from("2023-03-01")],
    ["bắt đầu tháng 3/2023", from("2023-03-01")],
    ["từ năm 2023 đến nay", from("2023-01-01")],
    ["Từ tháng 3/2023 đến nay", from("2023-03-01")],
    ["tháng 3/2023 đến nay", from("2023-03-01")],
    ["tháng 3/2023, đến nay", from("2023-03-01")],
    ["từ tháng 3/2023 tới nay", from("2023-03-01")],
    ["từ năm 2023 đến hiện nay", from("2023-01-01")],
    ["2023 - nay", from("2023-01-01")],
    ["2023-nay", from("2023-01-01")],
    ["2023 – nay", from("2023-01-01")],
    ["tháng 3/2023 - nay", from("2023-03-01")],
    ["tháng 3/2023 - hiện tại", from("2023-03-01")],
    ["từ năm 2023 trở đi", from("2023-01-01")],
    ["năm 2023 trở đi", from("2023-01-01")],
    ["từ tháng 3/2023 trở về sau", from("2023-03-01")],
    ["năm 2023 và những năm tiếp theo", from("2023-01-01")],
    ["Năm 2023 và những năm tiếp theo", from("2023-01-01")],
    ["2023 và các năm tiếp theo", from("2023-01-01")],
    ["năm 2023 và các năm sau", from("2023-01-01")],
    ["năm 2023 và những năm tới", from("2023-01-01")],
    ["Quý II/2023 và các quý tiếp theo", from("2023-04-01")],
    ["năm 2023 và lâu dài", from("2023-01-01")],
    ["năm 2023, lâu dài", from("2023-01-01")],
    ["2023 - lâu dài", from("2023-01-01")],
    ["Năm học 2022-2023 - nay", from("2022-09-01")],
    // recurring words beside an ongoing period add nothing to it
    ["thường xuyên từ năm 2023", from("2023-01-01")],
    ["từ năm 2023, thường xuyên", from("2023-01-01")],
    ["Hằng năm, từ tháng 3/2023 đến nay", from("2023-03-01")],
  ] as const)("%s is ongoing: %o", (cell, value) => expectOk(parsePeriod(cell), value));

  it.each([
    ["thường xuyên"],
    ["Thường xuyên"],
    ["THƯỜNG XUYÊN"],
    ["thuong xuyen"],
    ["thường xuyên".normalize("NFD")],
    ["hằng năm"],
    ["Hằng năm"],
    ["hàng năm"],
    ["Hàng Năm"],
    ["hang nam"],
    ["lâu dài"],
    ["Lâu dài"],
    ["lau dai"],
    ["thường xuyên, lâu dài"],
    ["thường xuyên và lâu dài"],
    ["Thường xuyên - liên tục"],
    ["hằng tháng"],
    ["hằng quý"],
    ["thường niên"],
    ["định kỳ"],
    ["theo định kỳ"],
    ["định kỳ hằng năm"],
    ["thường xuyên."],
  ] as const)("%s has no time limit", (cell) => expectOk(parsePeriod(cell), always));

  // An end written without its start keeps its end; the start is not guessed.
  it.each([
    ["đến hết năm 2025", until("2025-12-31")],
    ["Đến hết năm 2025", until("2025-12-31")],
    ["đến năm 2025", until("2025-12-31")],
    ["đến tháng 12/2023", until("2023-12-31")],
    ["đến hết tháng 12/2023", until("2023-12-31")],
    ["tới hết quý III/2023", until("2023-09-30")],
    ["cho đến hết năm 2024", until("2024-12-31")],
    ["đến ngày 30/11/2023", until("2023-11-30")],
    ["đến 30/11/2023", until("2023-11-30")],
    // as the seed's "trước ngày 25/3/2023", whose 25/3 still counts
    ["trước ngày 25/3/2023", until("2023-03-25")],
    ["trước 25/3/2023", until("2023-03-25")],
  ] as const)("%s has an end only: %o", (cell, value) => expectOk(parsePeriod(cell), value));

  it.each([
    ["nhiệm kỳ 2020-2025", span("2020-01-01", "2025-12-31")],
    ["Nhiệm kỳ 2020 - 2025", span("2020-01-01", "2025-12-31")],
    ["giai đoạn 2021-2025", span("2021-01-01", "2025-12-31")],
    // a term is never a school year, so two consecutive years are plain years here
    ["giai đoạn 2022-2023", span("2022-01-01", "2023-12-31")],
    ["giai đoạn từ năm 2021 đến năm 2025", span("2021-01-01", "2025-12-31")],
  ] as const)("%s is a span of years", (cell, value) => expectOk(parsePeriod(cell), value));

  it("uses defaultYear for open periods too", () => {
    const options = { defaultYear: 2023 };
    expectOk(parsePeriod("từ tháng 3", options), from("2023-03-01"));
    expectOk(parsePeriod("tháng 3 đến nay", options), from("2023-03-01"));
    expectOk(parsePeriod("đến hết tháng 11", options), until("2023-11-30"));
    expectOk(parsePeriod("từ năm 2024", options), from("2024-01-01"));
    expect(expectError(parsePeriod("từ tháng 3"), "invalid_period", "từ tháng 3")).toContain("chưa ghi năm");
  });

  it("names what it did not understand in an open period, with an example", () => {
    const start = expectError(parsePeriod("từ tháng tư năm 2023"), "invalid_period", "từ tháng tư năm 2023");
    expect(start).toContain("sau “từ”");
    expect(start).toContain("“từ tháng 3/2023”");
    expect(expectError(parsePeriod("kể từ hôm nay"), "invalid_period", "kể từ hôm nay")).toContain("sau “kể từ”");
    const ongoing = expectError(parsePeriod("tháng tư đến nay"), "invalid_period", "tháng tư đến nay");
    expect(ongoing).toContain("thời điểm bắt đầu");
    expect(ongoing).toContain("“từ năm 2023 đến nay”");
    const end = expectError(parsePeriod("đến hết tháng tư"), "invalid_period", "đến hết tháng tư");
    expect(end).toContain("thời điểm kết thúc sau “đến hết”");
    expect(end).toContain("“đến hết năm 2025”");
    for (const cell of ["đến nay", "Từ nay", "hiện nay", "tới nay"]) {
      expect(expectError(parsePeriod(cell), "invalid_period", cell)).toContain("chưa ghi bắt đầu từ khi nào");
    }
    expect(expectError(parsePeriod("từ tháng 13/2023"), "invalid_period", "từ tháng 13/2023")).toContain("tháng phải từ 1 đến 12");
    expect(expectError(parsePeriod("đến 31/2/2024"), "invalid_period", "đến 31/2/2024")).toContain("29 ngày");
  });

  it("refuses “trước” a month, quarter or year, which may or may not include it", () => {
    for (const cell of ["trước tháng 6/2023", "trước năm 2024", "trước Quý III/2023"]) {
      expect(expectError(parsePeriod(cell), "invalid_period", cell)).toContain("“đến hết tháng 5/2023”");
    }
  });

  it("refuses recurring words beside a period that has an end", () => {
    for (const cell of ["năm 2023, thường xuyên", "Thường xuyên trong năm 2023", "hằng năm, tháng 3/2023 - tháng 11/2023"]) {
      expect(expectError(parsePeriod(cell), "invalid_period", cell)).toContain("không rõ");
    }
    expect(expectError(parsePeriod("thường xuyên abc"), "invalid_period", "thường xuyên abc")).toContain("“thường xuyên”");
  });

  it.each([
    ["từ"],
    ["đến"],
    ["đến hết"],
    ["trở đi"],
    ["và những năm tiếp theo"],
    ["từ tháng 3/2023 đến"],
    ["từ tháng 3/2023 - tháng 5/2023 đến nay"],
    ["từ 45017"],
    ["từ 6"],
    ["nhiệm kỳ"],
    ["2023 và"],
    ["thường"],
    ["năm tiếp theo"],
  ] as const)("refuses the incomplete %s", (cell) => {
    expectError(parsePeriod(cell), "invalid_period", cell);
  });

  it("uses defaultYear when the text leaves the year out", () => {
    const options = { defaultYear: 2023 };
    expectOk(parsePeriod("6 tháng đầu năm", options), span("2023-01-01", "2023-06-30"));
    expectOk(parsePeriod("6 tháng cuối năm", options), span("2023-07-01", "2023-12-31"));
    expectOk(parsePeriod("cả năm", options), span("2023-01-01", "2023-12-31"));
    expectOk(parsePeriod("Cả năm", options), span("2023-01-01", "2023-12-31"));
    expectOk(parsePeriod("tháng 6", options), span("2023-06-01", "2023-06-30"));
    expectOk(parsePeriod("Quý II", options), span("2023-04-01", "2023-06-30"));
    expectOk(parsePeriod("tháng 3 - tháng 6", options), span("2023-03-01", "2023-06-30"));
    expectOk(parsePeriod("25/3", options), span("2023-03-25"));
    // A year in the text wins over the default.
    expectOk(parsePeriod("năm 2024", options), span("2024-01-01", "2024-12-31"));
  });

  it("says the year is missing when there is no defaultYear", () => {
    for (const cell of ["6 tháng đầu năm", "cả năm", "tháng 6", "Quý II", "tháng 3 - tháng 6"]) {
      expect(expectError(parsePeriod(cell), "invalid_period", cell)).toContain("chưa ghi năm");
    }
    expect(expectError(parsePeriod("cả năm", { defaultYear: 23 }), "invalid_period", "cả năm")).toContain("chưa ghi năm");
  });

  it("explains an impossible month, day, quarter or school year", () => {
    expect(parsePeriod("tháng 13/2023")).toEqual({
      ok: false,
      code: "invalid_period",
      message: "Không hiểu thời gian “tháng 13/2023”: tháng phải từ 1 đến 12.",
    });
    expect(expectError(parsePeriod("31/2/2023"), "invalid_period", "31/2/2023")).toContain("28 ngày");
    expect(expectError(parsePeriod("29/2/2023"), "invalid_period", "29/2/2023")).toContain("28 ngày");
    expect(expectError(parsePeriod("0/3/2023"), "invalid_period", "0/3/2023")).toContain("ngày phải từ 1");
    expect(expectError(parsePeriod("Quý V/2023"), "invalid_period", "Quý V/2023")).toContain("quý phải từ I đến IV");
    expect(expectError(parsePeriod("Quý 5/2023"), "invalid_period", "Quý 5/2023")).toContain("quý phải từ I đến IV");
    expect(expectError(parsePeriod("Năm học 2022-2024"), "invalid_period", "Năm học 2022-2024")).toContain("liền nhau");
    expect(expectError(parsePeriod("tháng 3/2023 - tháng 13/2023"), "invalid_period", "tháng 3/2023 - tháng 13/2023")).toContain(
      "tháng phải từ 1 đến 12",
    );
    expect(expectError(parsePeriod("năm 1800"), "invalid_period", "năm 1800")).toContain("1900");
    expect(expectError(parsePeriod("3/25/2023"), "invalid_period", "3/25/2023")).toContain("tháng phải từ 1 đến 12");
  });

  it("refuses a start after its end", () => {
    expectError(parsePeriod("tháng 12/2023 - tháng 3/2023"), "start_after_end", "tháng 12/2023 - tháng 3/2023");
    expectError(parsePeriod("30/11/2023 - 1/3/2023"), "start_after_end", "30/11/2023 - 1/3/2023");
    expectError(parsePeriod("Từ tháng 11 đến tháng 2/2024"), "start_after_end", "Từ tháng 11 đến tháng 2/2024");
    expectError(parsePeriod("2025-2021"), "start_after_end", "2025-2021");
  });

  it("refuses two consecutive bare years, which may be a school year", () => {
    expect(expectError(parsePeriod("2022-2023"), "invalid_period", "2022-2023")).toContain("Năm học 2022-2023");
    expectError(parsePeriod("Năm 2022 - 2023"), "invalid_period", "Năm 2022 - 2023");
  });

  it.each([
    ["6 tháng năm 2023"],
    ["25/3/23"],
    ["6/23"],
    ["3-12"],
    ["năm"],
    ["tháng tư năm 2023"],
    ["sắp tới"],
    ["12345"],
    ["02023"],
    ["Quý"],
    ["6"],
  ] as const)("refuses %s", (cell) => {
    expectError(parsePeriod(cell), "invalid_period", cell);
  });

  it("refuses numbers that are neither a plausible serial nor a year", () => {
    for (const n of [0, 1, 60, 1899, 2101, 36525, 73051, -45017, 6.2023, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expectError(parsePeriod(n), "invalid_period", n);
    }
    expectError(parsePeriod(false), "invalid_period", "FALSE");
  });

  it("requires a value", () => {
    expectError(parsePeriod(""), "required", "");
    expectError(parsePeriod(null), "required", null);
    expectError(parsePeriod(undefined), "required", undefined);
    expectError(parsePeriod(" \u00A0 "), "required", "");
  });

  it("refuses values Excel never gives", () => {
    expectError(parsePeriod({} as unknown as Cell), "invalid_type", "");
    expectError(parseMoneyVnd(10n as unknown as Cell), "invalid_type", "");
  });
});

describe("parseDay", () => {
  it.each([
    [45017, "2023-04-01"],
    ["45017", "2023-04-01"],
    ["25/3/2023", "2023-03-25"],
    ["25/03/2023", "2023-03-25"],
    ["25-3-2023", "2023-03-25"],
    ["25.3.2023", "2023-03-25"],
    ["2023-03-25", "2023-03-25"],
    ["ngày 25/3/2023", "2023-03-25"],
    ["ngày 25 tháng 3 năm 2023", "2023-03-25"],
    ["", null],
    [null, null],
    [undefined, null],
  ] as const)("%s → %s", (cell, value) => expectOk(parseDay(cell), value));

  it.each([["tháng 3/2023"], ["31/2/2023"], ["25/3"], ["năm 2023"], ["hôm qua"], ["3/25/2023"]] as const)("refuses %s", (cell) => {
    expectError(parseDay(cell), "invalid_date", cell);
  });

  it("refuses numbers that are not plausible serials", () => {
    for (const n of [2023, 0, 73051, 1.5, Number.NaN]) expectError(parseDay(n), "invalid_date", n);
    expectError(parseDay(true), "invalid_date", "TRUE");
  });
});

describe("Excel serials and day formatting", () => {
  it.each([
    [1, "1900-01-01"],
    [59, "1900-02-28"],
    [61, "1900-03-01"],
    [36526, "2000-01-01"],
    [44927, "2023-01-01"],
    [45017, "2023-04-01"],
    [73050, "2099-12-31"],
    [2958465, "9999-12-31"],
  ] as const)("%i ↔ %s", (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
    expect(isoToExcelSerial(iso)).toBe(serial);
  });

  it("has no day for serial 60 (Excel's 29/2/1900) or outside Excel's calendar", () => {
    for (const n of [60, 0, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY]) expect(excelSerialToIso(n)).toBeNull();
    for (const iso of ["1899-12-31", "2023-02-29", "2023-13-01", "25/03/2023", ""]) expect(isoToExcelSerial(iso)).toBeNull();
  });

  it("formats a day as dd/mm/yyyy", () => {
    expect(formatDay("2023-03-25")).toBe("25/03/2023");
    expect(formatDay("2023-12-01")).toBe("01/12/2023");
    expect(formatDay("not a day")).toBe("not a day");
  });
});

describe("formatPeriod", () => {
  it.each([
    [span("2023-01-01", "2023-12-31"), "Năm 2023"],
    [span("2023-04-01", "2023-06-30"), "Quý II/2023"],
    [span("2023-10-01", "2023-12-31"), "Quý IV/2023"],
    [span("2023-06-01", "2023-06-30"), "Tháng 6/2023"],
    [span("2023-03-01", "2023-11-30"), "Tháng 3/2023 - Tháng 11/2023"],
    [span("2023-01-01", "2023-06-30"), "6 tháng đầu năm 2023"],
    [span("2023-07-01", "2023-12-31"), "6 tháng cuối năm 2023"],
    [span("2022-09-01", "2023-05-31"), "Tháng 9/2022 - Tháng 5/2023"],
    [span("2021-01-01", "2025-12-31"), "Năm 2021 - Năm 2025"],
    [span("2023-03-25"), "25/03/2023"],
    [span("2023-03-25", "2023-11-30"), "25/03/2023 - 30/11/2023"],
    [span("2023-03-01", "2023-03-30"), "01/03/2023 - 30/03/2023"],
    [from("2023-01-01"), "Từ năm 2023"],
    [from("2023-03-01"), "Từ tháng 3/2023"],
    [from("2023-03-15"), "Từ 15/03/2023"],
    [until("2025-12-31"), "Đến hết năm 2025"],
    [until("2023-06-30"), "Đến hết tháng 6/2023"],
    [until("2023-03-25"), "Đến ngày 25/03/2023"],
    [always, "Thường xuyên"],
  ] as const)("%o → %s", (value, text) => {
    expect(formatPeriod(value)).toBe(text);
    expectOk(parsePeriod(text), value);
  });
});

// The two sample files of PRODUCT.md ("samples/"), verbatim, so every cell is checked here.
const COLLECTIVE_CSV = `Đơn vị,Địa chỉ,Tên mô hình,Lĩnh vực,Giá trị dự kiến làm lợi,Thời gian thực hiện và hoàn thành,Cấp đăng ký,Ngày nộp
Chi bộ thôn Trung Chính,Thôn Trung Chính,"Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",Kinh tế,"1,2 tỷ đồng",Tháng 3/2023 - tháng 11/2023,Cấp cơ sở,20/03/2023
Hội Nông dân xã,UBND xã Hà Giang,Tổ hợp tác sản xuất lúa chất lượng cao theo chuỗi giá trị,Kinh te,850.000.000,Năm 2023,Cấp huyện,24/3/2023
Đoàn Thanh niên xã,UBND xã Hà Giang,Thắp sáng đường quê,VH-XH,"45 triệu",Quý II/2023,cơ sở,25/03/2023
Công an xã,Trụ sở Công an xã,Camera an ninh vì cuộc sống bình yên,Quốc phòng - An ninh,"300.000.000 đ",Từ tháng 4 đến tháng 12/2023,Cấp cơ sở,27/3/2023
Hội Liên hiệp Phụ nữ xã,UBND xã Hà Giang,"Phụ nữ xã Hà Giang nói không với rác thải nhựa",Văn hoá - Xã hội,Không,6 tháng đầu năm 2023,Cấp xã,22/3/2023
Ban công tác Mặt trận thôn Đông Môn,Thôn Đông Môn,Xây dựng khu dân cư kiểu mẫu,XDHTCT,,Tháng 5/2023,Cấp cơ sở,
Chi hội Cựu chiến binh thôn Yên Bái,Thôn Yên Bái,Cựu chiến binh giúp nhau phát triển kinh tế,KT,"150 triệu",tháng 06/2023 – tháng 12/2023,cấp cơ sở,18/03/2023
Trường Mầm non xã,Thôn Trung Chính,"Xã hội hoá cơ sở vật chất phục vụ giáo dục",Văn hóa-xã hội,"2,5 tỷ",Năm học 2023 - 2024,Cấp huyện,23/3/2023
Trạm Y tế xã,Thôn Hà Thành,"Đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh",Văn hóa - Xã hội,không có,45017,Cấp cơ sở,24/3/2023
Ban chỉ huy Quân sự xã,UBND xã Hà Giang,Dân quân tham gia giữ gìn an ninh trật tự,Quoc phong an ninh,,Cả năm 2023,Cấp cơ sở,24/3/2023
`;

const INDIVIDUAL_CSV = `Họ và tên,Chức vụ / nhiệm vụ được giao,Đơn vị,Tên mô hình,Lĩnh vực,Giá trị dự kiến làm lợi,Thời gian thực hiện và hoàn thành,Cấp đăng ký,Ngày nộp
Nguyễn Văn Thắng,Trưởng thôn,Thôn Trung Chính,Vận động các hộ hiến đất làm đường liên thôn,Kinh tế,"500 triệu đồng",Tháng 3/2023 - tháng 9/2023,Cấp cơ sở,21/3/2023
Lê Thị Hương,Chủ tịch Hội Phụ nữ xã,Hội LHPN xã,Tiết kiệm vì phụ nữ nghèo,Kinh tế,"120.000.000đ",Năm 2023,Cấp huyện,24/03/2023
Trịnh Văn Nam,Công chức Tư pháp - Hộ tịch,UBND xã Hà Giang,Nghe dân nói - nói dân hiểu trong hòa giải ở cơ sở,Xây dựng hệ thống chính trị,,Quý 2/2023 - Quý 4/2023,Cấp cơ sở,25/3/2023
Hoàng Thị Lan,Giáo viên,Trường Tiểu học xã,"Gia đình hiếu học, vận động học sinh không bỏ học",VH - XH,,"Năm học 2022-2023",cơ sở,26/3/2023
Đỗ Văn Hải,Phó Công an xã,Công an xã,Tổ tự quản an ninh trật tự,QP-AN,"không",Từ tháng 3/2023 đến tháng 12/2023,Cấp xã,20/3/2023
Phạm Thị Mai,Chi hội trưởng Nông dân,Thôn Yên Bái,Liên kết tiêu thụ rau an toàn,Nông nghiệp,"80 triệu",tháng 13/2023,Cấp cơ sở,24/3/2023
`;

/** Enough CSV for the samples: quoted fields may hold commas, "" is a quote. */
function splitCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split("\n").filter((l) => l !== "")) {
    const cells: string[] = [];
    let cell = "";
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = !quoted;
      else if (c === "," && !quoted) cells.push(cell), (cell = "");
      else cell += c;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** Expected outcome per column: a value, or the code of the error. */
interface Expected {
  field: string;
  money: number | null | { error: FieldProblemCode };
  period: { start: string; end: string } | { error: FieldProblemCode };
  level: string;
  submitted: string | null;
}

const err = (code: FieldProblemCode) => ({ error: code });

const COLLECTIVE_EXPECTED: Expected[] = [
  { field: "economy", money: 1_200_000_000, period: span("2023-03-01", "2023-11-30"), level: "grassroots", submitted: "2023-03-20" },
  { field: "economy", money: 850_000_000, period: span("2023-01-01", "2023-12-31"), level: "district", submitted: "2023-03-24" },
  { field: "culture_society", money: 45_000_000, period: span("2023-04-01", "2023-06-30"), level: "grassroots", submitted: "2023-03-25" },
  { field: "defense_security", money: 300_000_000, period: span("2023-04-01", "2023-12-31"), level: "grassroots", submitted: "2023-03-27" },
  { field: "culture_society", money: null, period: span("2023-01-01", "2023-06-30"), level: "grassroots", submitted: "2023-03-22" },
  { field: "political_system", money: null, period: span("2023-05-01", "2023-05-31"), level: "grassroots", submitted: null },
  { field: "economy", money: 150_000_000, period: span("2023-06-01", "2023-12-31"), level: "grassroots", submitted: "2023-03-18" },
  { field: "culture_society", money: 2_500_000_000, period: span("2023-09-01", "2024-05-31"), level: "district", submitted: "2023-03-23" },
  { field: "culture_society", money: null, period: span("2023-04-01"), level: "grassroots", submitted: "2023-03-24" },
  { field: "defense_security", money: null, period: span("2023-01-01", "2023-12-31"), level: "grassroots", submitted: "2023-03-24" },
];

const INDIVIDUAL_EXPECTED: (Omit<Expected, "field"> & { field: string | { error: FieldProblemCode } })[] = [
  { field: "economy", money: 500_000_000, period: span("2023-03-01", "2023-09-30"), level: "grassroots", submitted: "2023-03-21" },
  { field: "economy", money: 120_000_000, period: span("2023-01-01", "2023-12-31"), level: "district", submitted: "2023-03-24" },
  { field: "political_system", money: null, period: span("2023-04-01", "2023-12-31"), level: "grassroots", submitted: "2023-03-25" },
  { field: "culture_society", money: null, period: span("2022-09-01", "2023-05-31"), level: "grassroots", submitted: "2023-03-26" },
  { field: "defense_security", money: null, period: span("2023-03-01", "2023-12-31"), level: "grassroots", submitted: "2023-03-20" },
  { field: err("unknown_field"), money: 80_000_000, period: err("invalid_period"), level: "grassroots", submitted: "2023-03-24" },
];

function expectOutcome<T>(result: ParseResult<T>, expected: T | { error: FieldProblemCode }, cell: string): void {
  if (typeof expected === "object" && expected !== null && "error" in expected) expectError(result, expected.error, cell);
  else expectOk(result, expected as T);
}

function checkSample(csv: string, textColumns: readonly string[], expected: readonly (Omit<Expected, "field"> & { field: unknown })[]) {
  const [header = [], ...rows] = splitCsv(csv);
  const at = (row: string[], name: string) => {
    const i = header.indexOf(name);
    expect(i, name).toBeGreaterThanOrEqual(0);
    return row[i] ?? "";
  };
  expect(rows).toHaveLength(expected.length);
  rows.forEach((row, i) => {
    const want = expected[i];
    if (!want) throw new Error(`no expectation for row ${i + 2}`);
    expect(row).toHaveLength(header.length);
    for (const name of textColumns) {
      const cell = at(row, name);
      expect(normalizeText(cell), `${name} of row ${i + 2}`).toBe(cell);
      expect(cell.length).toBeGreaterThan(0);
    }
    expectOutcome(parseField(at(row, "Lĩnh vực")), want.field as string, at(row, "Lĩnh vực"));
    expectOutcome(parseMoneyVnd(at(row, "Giá trị dự kiến làm lợi")), want.money, at(row, "Giá trị dự kiến làm lợi"));
    const period = at(row, "Thời gian thực hiện và hoàn thành");
    expectOutcome(parsePeriod(period), want.period, period);
    expectOutcome(parseLevel(at(row, "Cấp đăng ký")), want.level, at(row, "Cấp đăng ký"));
    expectOutcome(parseDay(at(row, "Ngày nộp")), want.submitted, at(row, "Ngày nộp"));
  });
}

describe("the sample registrations", () => {
  it("reads every cell of dang-ky-tap-the.csv", () => {
    checkSample(COLLECTIVE_CSV, ["Đơn vị", "Địa chỉ", "Tên mô hình"], COLLECTIVE_EXPECTED);
  });

  it("reads every cell of dang-ky-ca-nhan.csv", () => {
    checkSample(INDIVIDUAL_CSV, ["Họ và tên", "Chức vụ / nhiệm vụ được giao", "Đơn vị", "Tên mô hình"], INDIVIDUAL_EXPECTED);
  });

  it("explains the two mistakes of the individual sample", () => {
    expect(expectError(parseField("Nông nghiệp"), "unknown_field", "Nông nghiệp")).toContain("Kinh tế");
    expect(expectError(parsePeriod("tháng 13/2023"), "invalid_period", "tháng 13/2023")).toContain("tháng phải từ 1 đến 12");
  });

  it("reads the serial 45017 as Excel gives it, a number", () => {
    expectOk(parsePeriod(45017), span("2023-04-01"));
  });
});

// Every period phrase of the seed document (shared/seed/000_2ba63652f802fcfd.txt), as it is
// written there; the line is the seed's. Numbers such as "34/2016" there are document
// numbers, not times.
describe("the seed document's own periods", () => {
  it.each([
    ["năm 2023", span("2023-01-01", "2023-12-31")], // title and throughout
    ["NĂM 2023", span("2023-01-01", "2023-12-31")], // 130, 175: the forms' titles
    ["năm 2023 và những năm tiếp theo", from("2023-01-01")], // 11
    ["ngày 23 tháng 2 năm 2023", span("2023-02-23")], // 7
    ["ngày 08 tháng 3 năm 2023", span("2023-03-08")], // 7
    ["ngày 26/12/2022", span("2022-12-26")], // 11
    ["ngày 02/02/2023", span("2023-02-02")], // 11
    ["nhiệm kỳ 2020-2025", span("2020-01-01", "2025-12-31")], // 11
    ["ngày 24/7/2007", span("2007-07-24")], // 47
    ["ngày 09/01/2015", span("2015-01-09")], // 47
    ["ngày 14/12/2020", span("2020-12-14")], // 47
    ["ngày 20/4/2007", span("2007-04-20")], // 99
    ["ngày 8/5/2018", span("2018-05-08")], // 99
    ["trước ngày 25/3/2023", until("2023-03-25")], // 111: the deadline, 25/3 included
    ["thường xuyên", always], // 43
    ["theo định kỳ", always], // 93
    ["định kỳ 6 tháng, một năm", always], // 97
  ] as const)("%s → %o", (cell, value) => expectOk(parsePeriod(cell), value));

  it("refuses the forms' blanks as printed", () => {
    // 164, 211: the signature line; 157-160: item 4 itself.
    const blank = expectError(parsePeriod("ngày tháng năm 2023"), "invalid_period", "ngày tháng năm 2023");
    expect(blank).toContain("để trống");
    expect(blank).toContain("“ngày 25 tháng 3 năm 2023”");
    expect(expectError(parsePeriod("....., ngày tháng năm 2023"), "invalid_period", "....., ngày tháng năm 2023")).toContain("“tháng 6/2023”");
    expectError(parsePeriod("....."), "invalid_period", ".....");
    expectError(parseMoneyVnd("....."), "invalid_money", ".....");
  });
});

describe("periodText", () => {
  it.each([
    ["Tháng 3/2023 - tháng 11/2023", "Tháng 3/2023 - tháng 11/2023"],
    ["  năm 2023 và\u00A0những năm   tiếp theo ", "năm 2023 và những năm tiếp theo"],
    ["Thường xuyên".normalize("NFD"), "Thường xuyên"],
    ["tháng 13/2023", "tháng 13/2023"],
    [45017, "01/04/2023"],
    [45017.75, "01/04/2023"],
    ["45017", "01/04/2023"],
    [2023, "2023"],
    ["2023", "2023"],
    [6.2023, "6.2023"],
    ["", null],
    ["  ", null],
    [null, null],
    [undefined, null],
  ] as const)("%o → %o", (cell, text) => {
    expect(periodText(cell)).toBe(text);
  });

  it("cuts a long text to PERIOD_TEXT_MAX with “…”, never inside a surrogate pair", () => {
    const long = `Từ tháng 3/2023 ${"và tiếp tục ".repeat(40)}`;
    const text = periodText(long) ?? "";
    expect(text.length).toBeLessThanOrEqual(PERIOD_TEXT_MAX);
    expect(text.endsWith("…")).toBe(true);
    expect(long.startsWith(text.slice(0, -1))).toBe(true);
    const emoji = periodText("😀".repeat(200)) ?? "";
    expect(emoji.length).toBeLessThanOrEqual(PERIOD_TEXT_MAX);
    // 149 pairs (298 units) and "…": a 150th pair would need 301.
    expect(emoji).toBe(`${"😀".repeat(149)}…`);
    expect(periodText("a".repeat(PERIOD_TEXT_MAX))).toBe("a".repeat(PERIOD_TEXT_MAX));
    expect(periodText({} as unknown as Cell)).toBeNull();
  });
});
