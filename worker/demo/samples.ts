import type { D1Database } from "../cf-types.ts";
import { parseDay, parseField, parseLevel, parseMoneyVnd, parsePeriod } from "../../shared/parse.ts";
import { registrationContentSchema, type RegistrationContent } from "../../shared/schemas/registration.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { DEMO_CODES } from "./area.ts";

// The forms of ../shared/samples as clerks typed them, filed under xã Hà Giang so the
// demo's tables and reports are not empty. They go through the same cell parsers as
// the add-in; the two rows the samples got wrong (a field that is not one of the four,
// a month 13) are left out here and are for trying "Kiểm tra" in Excel.

interface Sample {
  id: string;
  /** Where it is filed: the unit's code under xã Hà Giang ("" for the commune itself). */
  unit: string;
  kind: "collective" | "individual";
  cells: [unitName: string, address: string, modelName: string, field: string, benefit: string | number, period: string | number, level: string, submitted: string];
  person?: [name: string, position: string];
}

const SAMPLES: Sample[] = [
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000001", unit: "-TTRUNGCHINH", kind: "collective", cells: ["Chi bộ thôn Trung Chính", "Thôn Trung Chính", "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn", "Kinh tế", "1,2 tỷ đồng", "Tháng 3/2023 - tháng 11/2023", "Cấp cơ sở", "20/03/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000002", unit: "-D3", kind: "collective", cells: ["Hội Nông dân xã", "UBND xã Hà Giang", "Tổ hợp tác sản xuất lúa chất lượng cao theo chuỗi giá trị", "Kinh te", "850.000.000", "Năm 2023", "Cấp huyện", "24/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000003", unit: "-D4", kind: "collective", cells: ["Đoàn Thanh niên xã", "UBND xã Hà Giang", "Thắp sáng đường quê", "VH-XH", "45 triệu", "Quý II/2023", "cơ sở", "25/03/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000004", unit: "-B1", kind: "collective", cells: ["Công an xã", "Trụ sở Công an xã", "Camera an ninh vì cuộc sống bình yên", "Quốc phòng - An ninh", "300.000.000 đ", "Từ tháng 4 đến tháng 12/2023", "Cấp cơ sở", "27/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000005", unit: "-D2", kind: "collective", cells: ["Hội Liên hiệp Phụ nữ xã", "UBND xã Hà Giang", "Phụ nữ xã Hà Giang nói không với rác thải nhựa", "Văn hoá - Xã hội", "Không", "6 tháng đầu năm 2023", "Cấp xã", "22/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000006", unit: "-TDONGMON", kind: "collective", cells: ["Ban công tác Mặt trận thôn Đông Môn", "Thôn Đông Môn", "Xây dựng khu dân cư kiểu mẫu", "XDHTCT", "", "Tháng 5/2023", "Cấp cơ sở", ""] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000007", unit: "-TYENBAI", kind: "collective", cells: ["Chi hội Cựu chiến binh thôn Yên Bái", "Thôn Yên Bái", "Cựu chiến binh giúp nhau phát triển kinh tế", "KT", "150 triệu", "tháng 06/2023 – tháng 12/2023", "cấp cơ sở", "18/03/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000008", unit: "-B4", kind: "collective", cells: ["Trường Mầm non xã", "Thôn Trung Chính", "Xã hội hoá cơ sở vật chất phục vụ giáo dục", "Văn hóa-xã hội", "2,5 tỷ", "Năm học 2023 - 2024", "Cấp huyện", "23/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000009", unit: "-B3", kind: "collective", cells: ["Trạm Y tế xã", "Thôn Hà Thành", "Đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh", "Văn hóa - Xã hội", "không có", 45017, "Cấp cơ sở", "24/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000010", unit: "-B2", kind: "collective", cells: ["Ban chỉ huy Quân sự xã", "UBND xã Hà Giang", "Dân quân tham gia giữ gìn an ninh trật tự", "Quoc phong an ninh", "", "Cả năm 2023", "Cấp cơ sở", "24/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000011", unit: "-TTRUNGCHINH", kind: "individual", person: ["Nguyễn Văn Thắng", "Trưởng thôn"], cells: ["Thôn Trung Chính", "", "Vận động các hộ hiến đất làm đường liên thôn", "Kinh tế", "500 triệu đồng", "Tháng 3/2023 - tháng 9/2023", "Cấp cơ sở", "21/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000012", unit: "-D2", kind: "individual", person: ["Lê Thị Hương", "Chủ tịch Hội Phụ nữ xã"], cells: ["Hội LHPN xã", "", "Tiết kiệm vì phụ nữ nghèo", "Kinh tế", "120.000.000đ", "Năm 2023", "Cấp huyện", "24/03/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000013", unit: "", kind: "individual", person: ["Trịnh Văn Nam", "Công chức Tư pháp - Hộ tịch"], cells: ["UBND xã Hà Giang", "", "Nghe dân nói - nói dân hiểu trong hòa giải ở cơ sở", "Xây dựng hệ thống chính trị", "", "Quý 2/2023 - Quý 4/2023", "Cấp cơ sở", "25/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000014", unit: "-B5", kind: "individual", person: ["Hoàng Thị Lan", "Giáo viên"], cells: ["Trường Tiểu học xã", "", "Gia đình hiếu học, vận động học sinh không bỏ học", "VH - XH", "", "Năm học 2022-2023", "cơ sở", "26/3/2023"] },
  { id: "5b9b1f6e-1c0a-4d2e-9a1b-000000000015", unit: "-B1", kind: "individual", person: ["Đỗ Văn Hải", "Phó Công an xã"], cells: ["Công an xã", "", "Tổ tự quản an ninh trật tự", "QP-AN", "không", "Từ tháng 3/2023 đến tháng 12/2023", "Cấp xã", "20/3/2023"] },
];

/** A sample read as the add-in reads a row; a sample the parsers refuse would be a bug here. */
function read(sample: Sample, orgUnitId: number): RegistrationContent {
  const [unitName, address, modelName, field, benefit, period, level, submitted] = sample.cells;
  const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!r.ok) throw new Error(`demo sample ${sample.id}: ${r.message}`);
    return r.value;
  };
  const span = must(parsePeriod(period, { defaultYear: 2023 }));
  return registrationContentSchema.parse({
    orgUnitId,
    kind: sample.kind,
    unitName,
    address: address || null,
    personName: sample.person?.[0] ?? null,
    position: sample.person?.[1] ?? null,
    modelName,
    field: must(parseField(field)),
    level: must(parseLevel(level, DEFAULT_LEVELS)),
    expectedBenefit: must(parseMoneyVnd(benefit)),
    startDate: span.start,
    endDate: span.end,
    representative: null,
    submittedAt: must(parseDay(submitted)) ?? "2023-03-24",
  });
}

/** Files the samples once (fixed ids), as the commune's clerk, through the audited table. */
export async function seedSampleRegistrations(db: D1Database, campaignId: number, clerkId: number): Promise<void> {
  const { results } = await db
    .prepare(`SELECT id, code FROM org_units WHERE code = ?1 OR code LIKE ?1 || '-%'`)
    .bind(DEMO_CODES.communeHaGiang)
    .all<{ id: number; code: string }>();
  const unitOf = new Map(results.map((u) => [u.code.slice(DEMO_CODES.communeHaGiang.length), u.id]));
  const now = new Date().toISOString();
  const statements = SAMPLES.map((sample, i) => {
    const c = read(sample, unitOf.get(sample.unit)!);
    return db
      .prepare(
        `INSERT INTO registrations (id, campaign_id, org_unit_id, kind, unit_name, address, person_name, position, model_name,
           field, expected_benefit, start_date, end_date, level, representative, submitted_at, version, seq, deleted,
           created_at, created_by, updated_at, updated_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, NULL, ?15, 1,
           (SELECT value FROM counters WHERE name = 'change_seq') - ?19 + ?16, 0, ?17, ?18, ?17, ?18)
         ON CONFLICT (id) DO NOTHING`,
      )
      .bind(sample.id, campaignId, c.orgUnitId, c.kind, c.unitName, c.address, c.personName, c.position, c.modelName,
        c.field, c.expectedBenefit, c.startDate, c.endDate, c.level, c.submittedAt, i + 1, now, clerkId, SAMPLES.length);
  });
  // One transaction: sequence numbers reserved first (a re-run leaves a harmless gap).
  await db.batch([db.prepare(`UPDATE counters SET value = value + ?1 WHERE name = 'change_seq'`).bind(SAMPLES.length), ...statements]);
}
