// The local demo area (PRODUCT.md "The local demo"): a province, two districts, three
// communes in each, and under every commune its villages, departments and mass
// organisations, as the seed plan's commune (xã Hà Giang, huyện Hà Trung) has them.
// Codes start with DEMO- so they never collide with an official list loaded later.

export interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

const PROVINCE = { code: "DEMO-38", name: "Tỉnh Thanh Hóa (mẫu)" };

const DISTRICTS = [
  { slug: "HT", name: "Huyện Hà Trung", communes: ["Hà Giang", "Hà Lĩnh", "Hà Sơn"] },
  { slug: "VL", name: "Huyện Vĩnh Lộc", communes: ["Vĩnh Hùng", "Vĩnh Tân", "Vĩnh An"] },
];

/** Villages of xã Hà Giang are the seed's; the others get numbered ones. */
const HA_GIANG_VILLAGES = ["Trung Chính", "Đông Môn", "Yên Bái", "Hà Thành"];

const DEPARTMENTS = ["Công an xã", "Ban chỉ huy Quân sự xã", "Trạm Y tế xã", "Trường Mầm non xã", "Trường Tiểu học xã"];
const MASS_ORGANIZATIONS = [
  "Ủy ban MTTQ xã",
  "Hội Liên hiệp Phụ nữ xã",
  "Hội Nông dân xã",
  "Đoàn Thanh niên xã",
  "Hội Cựu chiến binh xã",
];

function slug(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^A-Za-z0-9]+/g, "")
    .toUpperCase();
}

export function demoUnits(): DemoUnit[] {
  const units: DemoUnit[] = [{ ...PROVINCE, kind: "province", parentCode: null }];
  for (const d of DISTRICTS) {
    const districtCode = `${PROVINCE.code}-${d.slug}`;
    units.push({ code: districtCode, name: d.name, kind: "district", parentCode: PROVINCE.code });
    for (const commune of d.communes) {
      const communeCode = `${districtCode}-${slug(commune)}`;
      units.push({ code: communeCode, name: `Xã ${commune}`, kind: "commune", parentCode: districtCode });
      const villages = commune === "Hà Giang" ? HA_GIANG_VILLAGES : ["1", "2", "3"].map((n) => `${n} ${commune}`);
      for (const v of villages) {
        units.push({ code: `${communeCode}-T${slug(v)}`, name: `Thôn ${v}`, kind: "village", parentCode: communeCode });
      }
      DEPARTMENTS.forEach((name, i) =>
        units.push({ code: `${communeCode}-B${i + 1}`, name, kind: "department", parentCode: communeCode }),
      );
      MASS_ORGANIZATIONS.forEach((name, i) =>
        units.push({ code: `${communeCode}-D${i + 1}`, name, kind: "mass_organization", parentCode: communeCode }),
      );
    }
  }
  return units;
}

export const DEMO_CODES = {
  province: PROVINCE.code,
  districtHaTrung: `${PROVINCE.code}-HT`,
  communeHaGiang: `${PROVINCE.code}-HT-HAGIANG`,
  communeHaLinh: `${PROVINCE.code}-HT-HALINH`,
  communeVinhHung: `${PROVINCE.code}-VL-VINHHUNG`,
} as const;

export const DEMO_CAMPAIGN = {
  year: 2023,
  title: "Năm đẩy mạnh phong trào thi đua Dân vận khéo năm 2023",
  planRef: "Kế hoạch số 113-KH/ĐU ngày 23/02/2023",
  deadline: "2023-03-25",
} as const;
