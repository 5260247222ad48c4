// The local demo area (PRODUCT.md "The local demo"): a province, two districts (the 2023
// structure the seed plan names), three communes in each, and under every commune its
// villages, departments and mass organisations, as the seed plan's commune (xã Hà Giang,
// huyện Hà Trung) has them; and one agency of each district.
//
// Codes follow the official pattern (administrative codes of the General Statistics
// Office: province 2 digits, district 3, commune 5), the units under a commune take the
// commune's code and three digits of their own (village 0xx, department 1xx, mass
// organisation 2xx), a district's agencies the district's code and 9xx. The numbers
// are the demo's own, not the official list's; like the real codes of the north
// ("01" Hà Nội, "00001" phường Phúc Xá) the communes' start with 0, so the demo shows
// that a code stays text from the database to the sheet and the report.

export interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  /** The code the demo gave the unit before official-style codes (DEMO-38-…); the seed re-codes it in place. */
  legacyCode: string | null;
}

const PROVINCE = { code: "38", name: "Tỉnh Thanh Hóa (mẫu)", legacy: "DEMO-38" };

const DISTRICTS = [
  {
    code: "392",
    legacy: "HT",
    name: "Huyện Hà Trung",
    agency: "Trung tâm Y tế huyện Hà Trung",
    communes: [
      { code: "04861", name: "Hà Giang" },
      { code: "04864", name: "Hà Lĩnh" },
      { code: "04867", name: "Hà Sơn" },
    ],
  },
  {
    code: "393",
    legacy: "VL",
    name: "Huyện Vĩnh Lộc",
    agency: "Trung tâm Y tế huyện Vĩnh Lộc",
    communes: [
      { code: "04891", name: "Vĩnh Hùng" },
      { code: "04894", name: "Vĩnh Tân" },
      { code: "04897", name: "Vĩnh An" },
    ],
  },
];

/** Villages of xã Hà Giang are the seed's; the others get numbered ones. */
const HA_GIANG_VILLAGES = ["Trung Chính", "Đông Môn", "Yên Bái", "Hà Thành"];

/** The last is new with official-style codes (the first demo had five). */
const DEPARTMENTS = ["Công an xã", "Ban chỉ huy Quân sự xã", "Trạm Y tế xã", "Trường Mầm non xã", "Trường Tiểu học xã", "Trường Trung học cơ sở xã"];
const FIRST_DEMO_DEPARTMENTS = 5;
const MASS_ORGANIZATIONS = [
  "Ủy ban MTTQ xã",
  "Hội Liên hiệp Phụ nữ xã",
  "Hội Nông dân xã",
  "Đoàn Thanh niên xã",
  "Hội Cựu chiến binh xã",
];

/** How the first demo spelled a name inside its codes (kept only to find those units again). */
function legacySlug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "")
    .toUpperCase();
}

const three = (n: number) => String(n).padStart(3, "0");

export function demoUnits(): DemoUnit[] {
  const units: DemoUnit[] = [{ code: PROVINCE.code, name: PROVINCE.name, kind: "province", parentCode: null, legacyCode: PROVINCE.legacy }];
  for (const d of DISTRICTS) {
    const legacyDistrict = `${PROVINCE.legacy}-${d.legacy}`;
    units.push({ code: d.code, name: d.name, kind: "district", parentCode: PROVINCE.code, legacyCode: legacyDistrict });
    for (const commune of d.communes) {
      const legacyCommune = `${legacyDistrict}-${legacySlug(commune.name)}`;
      const under = (suffix: number, name: string, kind: string, legacy: string | null): DemoUnit => ({
        code: `${commune.code}${three(suffix)}`,
        name,
        kind,
        parentCode: commune.code,
        legacyCode: legacy && `${legacyCommune}-${legacy}`,
      });
      units.push({ code: commune.code, name: `Xã ${commune.name}`, kind: "commune", parentCode: d.code, legacyCode: legacyCommune });
      const villages = commune.name === "Hà Giang" ? HA_GIANG_VILLAGES : ["1", "2", "3"].map((n) => `${n} ${commune.name}`);
      villages.forEach((v, i) => units.push(under(i + 1, `Thôn ${v}`, "village", `T${legacySlug(v)}`)));
      DEPARTMENTS.forEach((name, i) => units.push(under(101 + i, name, "department", i < FIRST_DEMO_DEPARTMENTS ? `B${i + 1}` : null)));
      MASS_ORGANIZATIONS.forEach((name, i) => units.push(under(201 + i, name, "mass_organization", `D${i + 1}`)));
    }
    // New with official-style codes: the first demo had no agencies.
    units.push({ code: `${d.code}901`, name: d.agency, kind: "agency", parentCode: d.code, legacyCode: null });
  }
  return units;
}

const UNITS = demoUnits();

/** The code of the unit called `name` directly under the unit with code `parentCode` (or that unit itself when `name` is empty). */
export function demoCode(parentCode: string, name = ""): string {
  if (!name) return parentCode;
  const unit = UNITS.find((u) => u.parentCode === parentCode && u.name === name);
  if (!unit) throw new Error(`demo area has no “${name}” under ${parentCode}`);
  return unit.code;
}

export const DEMO_CODES = {
  province: "38",
  districtHaTrung: "392",
  districtVinhLoc: "393",
  communeHaGiang: "04861",
  communeHaLinh: "04864",
  communeHaSon: "04867",
  communeVinhHung: "04891",
  agencyHaTrung: "392901",
} as const;

/**
 * The province's campaign, after the seed plan: the theme of 2023 and the deadline for
 * forms (25/3/2023). The district's 113-KH/ĐU and the commune's 97-KH/ĐU, which the
 * seed cites, are implementing plans of it (demo/activity.ts); the province's own plan
 * is not in the seed, so its reference is the demo's.
 */
export const DEMO_CAMPAIGN = {
  year: 2023,
  title: "Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023",
  planRef: "Kế hoạch số 01-KH/TU ngày 10/02/2023 (mẫu)",
  deadline: "2023-03-25",
} as const;

/** The first demo put the district's plan on the province's campaign; the seed moves it where it belongs. */
export const LEGACY_CAMPAIGN_PLAN_REF = "Kế hoạch số 113-KH/ĐU ngày 23/02/2023";
