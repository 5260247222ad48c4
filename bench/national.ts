// A national-scale dataset, deterministic: the post-2025 tree (34 provinces, 3,321
// communes and wards, about 20 villages and units under each) and yearly registrations
// with PRODUCT.md "Sizes" proportions (40/35/13/12% by field, ~25% individual). A small
// PRNG keeps every run identical (but the UUIDs).

export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface UnitSpec {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
}

export const ROOT_CODE = "VN";
export const PROVINCES = 34;
export const COMMUNES = 3321;

/** Communes per province: uneven as in life, the largest (index 0) with 166. */
export function communesPerProvince(): number[] {
  const counts = Array.from({ length: PROVINCES }, (_, i) => (i === 0 ? 166 : 60 + ((i * 37) % 80)));
  let rest = COMMUNES - counts.reduce((a, b) => a + b, 0);
  for (let i = 1; rest !== 0; i = (i % (PROVINCES - 1)) + 1) {
    const step = Math.sign(rest);
    counts[i]! += step;
    rest -= step;
  }
  return counts;
}

const CHILD_KINDS = ["village", "village", "village", "village", "village", "village", "village", "village", "village", "village",
  "village", "village", "department", "department", "department", "mass_organization", "mass_organization", "mass_organization",
  "mass_organization", "agency"];

/** The tree, parents first: the country, provinces, communes and ~20 units under each commune. */
export function nationalUnits(): UnitSpec[] {
  const units: UnitSpec[] = [{ code: ROOT_CODE, name: "Toàn quốc", kind: "country", parentCode: null }];
  communesPerProvince().forEach((communes, p) => {
    const province = `VN-${String(p + 1).padStart(2, "0")}`;
    units.push({ code: province, name: `Tỉnh số ${p + 1}`, kind: "province", parentCode: ROOT_CODE });
    for (let c = 0; c < communes; c++) {
      const commune = `${province}-${String(c + 1).padStart(3, "0")}`;
      units.push({ code: commune, name: `Xã số ${c + 1} tỉnh ${p + 1}`, kind: "commune", parentCode: province });
      CHILD_KINDS.forEach((kind, k) => units.push({ code: `${commune}-${k + 1}`, name: `Đơn vị ${k + 1} xã ${c + 1}`, kind, parentCode: commune }));
    }
  });
  return units;
}

const FIELD_WEIGHTS: [string, number][] = [["economy", 0.4], ["culture_society", 0.35], ["defense_security", 0.13], ["political_system", 0.12]];

function weighted<T>(random: () => number, choices: [T, number][]): T {
  let x = random();
  for (const [value, w] of choices) if ((x -= w) < 0) return value;
  return choices.at(-1)![0];
}

/** The five yearly national campaigns of the bench: three-tier levels before 2025, two-tier after. */
export const YEARS = [2023, 2024, 2025, 2026, 2027] as const;

const THREE_TIER: [string, number][] = [["grassroots", 0.8], ["district", 0.15], ["province", 0.05]];
const TWO_TIER: [string, number][] = [["commune", 0.85], ["province", 0.15]];

/** A model's account (thuyết minh) as units write them: a few sentences, some hundreds of characters. */
function account(i: number, random: () => number): string {
  const parts = [
    `Mục đích: vận động nhân dân cùng tham gia mô hình số ${i}, phát huy vai trò của chi bộ, chính quyền và các đoàn thể.`,
    "Cách làm: họp dân công khai, lấy ý kiến từng hộ, phân công cán bộ phụ trách, đôn đốc và kiểm tra hằng tháng.",
    `Kết quả bước đầu: ${10 + Math.floor(random() * 300)} hộ tham gia, ${Math.floor(random() * 2000)} ngày công, nhân dân đồng thuận cao.`,
    "Bài học: gần dân, hiểu dân, trọng dân; cán bộ, đảng viên gương mẫu đi trước để dân làm theo.",
  ];
  return parts.slice(0, 2 + Math.floor(random() * 3)).join(" ");
}

/**
 * `count` registrations of `year` on random units below the communes (ids are unit ids
 * of the loaded tree), as clerks send them: six in ten with the model's account.
 */
export function nationalRegistrations(count: number, unitIds: readonly number[], random = prng(2023), year = 2023) {
  const levels = year >= 2025 ? TWO_TIER : THREE_TIER;
  return Array.from({ length: count }, (_, i) => {
    const individual = random() < 0.25;
    const day = 1 + Math.floor(random() * 40);
    return {
      id: crypto.randomUUID(),
      baseVersion: 0,
      orgUnitId: unitIds[Math.floor(random() * unitIds.length)]!,
      kind: individual ? "individual" : "collective",
      unitName: individual ? null : `Chi hội số ${i % 97}`,
      address: `Thôn số ${i % 20}`,
      personName: individual ? `Nguyễn Văn ${i}` : null,
      position: individual ? "Chi hội trưởng" : null,
      modelName: `Mô hình dân vận khéo số ${i}`,
      field: weighted(random, FIELD_WEIGHTS),
      level: weighted(random, levels),
      expectedBenefit: random() < 0.5 ? null : Math.floor(random() * 2000) * 1_000_000,
      startDate: `${year}-03-01`,
      endDate: `${year}-12-31`,
      representative: individual ? null : "Trần Văn Bình",
      submittedAt: `${year}-${day > 31 ? "04" : "03"}-${String(day > 31 ? day - 31 : day).padStart(2, "0")}`,
      description: random() < 0.6 ? account(i, random) : null,
      participants: random() < 0.6 ? 5 + Math.floor(random() * 500) : null,
    };
  });
}
