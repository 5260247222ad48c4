import type { D1Database } from "../cf-types.ts";
import { DEFAULT_LEVELS } from "../../shared/vocabulary.ts";
import { DEMO_CODES, demoCode } from "./area.ts";
import { readForm, type DemoForm } from "./forms.ts";
import { unitIdsByCode } from "../sql/org-units.ts";
import { insertSeededRegistrations } from "../sql/registrations.ts";

// The forms of ../shared/samples as clerks typed them, filed under xã Hà Giang so the
// demo's tables and reports are not empty. They go through the same cell parsers as
// the add-in; the two rows the samples got wrong (a field that is not one of the four,
// a month 13) are left out here and are for trying "Kiểm tra" in Excel.

const HG = (name = "") => demoCode(DEMO_CODES.communeHaGiang, name);

/** The sample's fixed id: 5b9b1f6e-1c0a-4d2e-9a1b-0000000000NN, NN its row (1–15). */
export const sampleId = (n: number) => `5b9b1f6e-1c0a-4d2e-9a1b-${String(n).padStart(12, "0")}`;

export const SAMPLES: DemoForm[] = [
  { id: sampleId(1), unit: HG("Thôn Trung Chính"), kind: "collective", cells: ["Chi bộ thôn Trung Chính", "Thôn Trung Chính", "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn", "Kinh tế", "1,2 tỷ đồng", "Tháng 3/2023 - tháng 11/2023", "Cấp cơ sở", "20/03/2023"] },
  { id: sampleId(2), unit: HG("Hội Nông dân xã"), kind: "collective", cells: ["Hội Nông dân xã", "UBND xã Hà Giang", "Tổ hợp tác sản xuất lúa chất lượng cao theo chuỗi giá trị", "Kinh te", "850.000.000", "Năm 2023", "Cấp huyện", "24/3/2023"] },
  { id: sampleId(3), unit: HG("Đoàn Thanh niên xã"), kind: "collective", cells: ["Đoàn Thanh niên xã", "UBND xã Hà Giang", "Thắp sáng đường quê", "VH-XH", "45 triệu", "Quý II/2023", "cơ sở", "25/03/2023"] },
  { id: sampleId(4), unit: HG("Công an xã"), kind: "collective", cells: ["Công an xã", "Trụ sở Công an xã", "Camera an ninh vì cuộc sống bình yên", "Quốc phòng - An ninh", "300.000.000 đ", "Từ tháng 4 đến tháng 12/2023", "Cấp cơ sở", "27/3/2023"] },
  { id: sampleId(5), unit: HG("Hội Liên hiệp Phụ nữ xã"), kind: "collective", cells: ["Hội Liên hiệp Phụ nữ xã", "UBND xã Hà Giang", "Phụ nữ xã Hà Giang nói không với rác thải nhựa", "Văn hoá - Xã hội", "Không", "6 tháng đầu năm 2023", "Cấp xã", "22/3/2023"] },
  { id: sampleId(6), unit: HG("Thôn Đông Môn"), kind: "collective", cells: ["Ban công tác Mặt trận thôn Đông Môn", "Thôn Đông Môn", "Xây dựng khu dân cư kiểu mẫu", "XDHTCT", "", "Tháng 5/2023", "Cấp cơ sở", ""] },
  { id: sampleId(7), unit: HG("Thôn Yên Bái"), kind: "collective", cells: ["Chi hội Cựu chiến binh thôn Yên Bái", "Thôn Yên Bái", "Cựu chiến binh giúp nhau phát triển kinh tế", "KT", "150 triệu", "tháng 06/2023 – tháng 12/2023", "cấp cơ sở", "18/03/2023"] },
  { id: sampleId(8), unit: HG("Trường Mầm non xã"), kind: "collective", cells: ["Trường Mầm non xã", "Thôn Trung Chính", "Xã hội hoá cơ sở vật chất phục vụ giáo dục", "Văn hóa-xã hội", "2,5 tỷ", "Năm học 2023 - 2024", "Cấp huyện", "23/3/2023"] },
  { id: sampleId(9), unit: HG("Trạm Y tế xã"), kind: "collective", cells: ["Trạm Y tế xã", "Thôn Hà Thành", "Đổi mới phong cách, thái độ phục vụ hướng tới sự hài lòng của người bệnh", "Văn hóa - Xã hội", "không có", 45017, "Cấp cơ sở", "24/3/2023"] },
  { id: sampleId(10), unit: HG("Ban chỉ huy Quân sự xã"), kind: "collective", cells: ["Ban chỉ huy Quân sự xã", "UBND xã Hà Giang", "Dân quân tham gia giữ gìn an ninh trật tự", "Quoc phong an ninh", "", "Cả năm 2023", "Cấp cơ sở", "24/3/2023"] },
  { id: sampleId(11), unit: HG("Thôn Trung Chính"), kind: "individual", person: ["Nguyễn Văn Thắng", "Trưởng thôn"], cells: ["Thôn Trung Chính", "", "Vận động các hộ hiến đất làm đường liên thôn", "Kinh tế", "500 triệu đồng", "Tháng 3/2023 - tháng 9/2023", "Cấp cơ sở", "21/3/2023"] },
  { id: sampleId(12), unit: HG("Hội Liên hiệp Phụ nữ xã"), kind: "individual", person: ["Lê Thị Hương", "Chủ tịch Hội Phụ nữ xã"], cells: ["Hội LHPN xã", "", "Tiết kiệm vì phụ nữ nghèo", "Kinh tế", "120.000.000đ", "Năm 2023", "Cấp huyện", "24/03/2023"] },
  { id: sampleId(13), unit: HG(), kind: "individual", person: ["Trịnh Văn Nam", "Công chức Tư pháp - Hộ tịch"], cells: ["UBND xã Hà Giang", "", "Nghe dân nói - nói dân hiểu trong hòa giải ở cơ sở", "Xây dựng hệ thống chính trị", "", "Quý 2/2023 - Quý 4/2023", "Cấp cơ sở", "25/3/2023"] },
  { id: sampleId(14), unit: HG("Trường Tiểu học xã"), kind: "individual", person: ["Hoàng Thị Lan", "Giáo viên"], cells: ["Trường Tiểu học xã", "", "Gia đình hiếu học, vận động học sinh không bỏ học", "VH - XH", "", "Năm học 2022-2023", "cơ sở", "26/3/2023"] },
  { id: sampleId(15), unit: HG("Công an xã"), kind: "individual", person: ["Đỗ Văn Hải", "Phó Công an xã"], cells: ["Công an xã", "", "Tổ tự quản an ninh trật tự", "QP-AN", "không", "Từ tháng 3/2023 đến tháng 12/2023", "Cấp xã", "20/3/2023"] },
];

/**
 * Files the samples once (fixed ids), as the commune's clerk, through the audited table:
 * typed in the day the demo is first started, as a clerk types a pile of paper forms.
 */
export async function seedSampleRegistrations(db: D1Database, campaignId: number, clerkId: number): Promise<void> {
  const unitOf = await unitIdsByCode(db, SAMPLES.map((s) => s.unit));
  const now = new Date().toISOString();
  const forms = SAMPLES.map((sample) => ({ id: sample.id, ...readForm(sample, unitOf.get(sample.unit)!, DEFAULT_LEVELS, 2023) }));
  await insertSeededRegistrations(db, campaignId, clerkId, forms, now);
}
