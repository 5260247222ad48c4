import { DEMO_CODES, demoCode } from "./area.ts";
import type { CampaignStory } from "./story.ts";

// A campaign under the two-level government (from 1 July 2025): levels Cấp tỉnh and
// Cấp xã, communes and wards registering themselves beside their villages. The demo
// keeps its 2023 tree, so "Cấp xã" forms come from the same communes.

export const CAMPAIGN_2026 = {
  year: 2026,
  title: "Đẩy mạnh phong trào thi đua Dân vận khéo năm 2026",
  planRef: "Kế hoạch số 02-KH/TU ngày 15/01/2026 (mẫu)",
  deadline: "2026-03-31",
} as const;

const id = (n: number) => `d3e0a7c2-2026-4d00-8a00-${String(n).padStart(12, "0")}`;
const HG = (name = "") => demoCode(DEMO_CODES.communeHaGiang, name);

export const STORY_2026: CampaignStory = {
  forms: [
    {
      clerk: "Nguyễn Thị Hoa",
      form: {
        id: id(1), unit: HG(), kind: "collective",
        cells: ["UBND xã Hà Giang", "UBND xã Hà Giang", "Chính quyền thân thiện, vì Nhân dân phục vụ", "XDHTCT", "", "Năm 2026 và những năm tiếp theo", "Cấp xã", "12/3/2026"],
        account: { description: "Bộ phận một cửa hẹn giờ trả kết quả, nhắn tin khi hồ sơ xong; lãnh đạo xã tiếp dân định kỳ tại thôn.", participants: "24 người" },
      },
    },
    {
      clerk: "Nguyễn Thị Hoa",
      form: {
        id: id(2), unit: HG("Thôn Trung Chính"), kind: "collective",
        cells: ["Chi bộ thôn Trung Chính", "Thôn Trung Chính", "Hiến đất mở rộng đường liên thôn, giai đoạn 2", "Kinh tế", "khoảng 900 triệu đồng", "Từ tháng 3/2026", "Cấp xã", "10/3/2026"],
      },
    },
    {
      clerk: "Nguyễn Thị Hoa",
      form: {
        id: id(3), unit: HG("Hội Liên hiệp Phụ nữ xã"), kind: "individual", person: ["Lê Thị Hương", "Chủ tịch Hội Phụ nữ xã"],
        cells: ["Hội LHPN xã", "", "Phụ nữ bán nông sản qua mạng", "Kinh tế", "trên 300 triệu", "Năm 2026", "Cấp tỉnh", "20/3/2026"],
      },
    },
    {
      clerk: "Bùi Văn Tâm",
      form: {
        id: id(4), unit: DEMO_CODES.communeHaLinh, kind: "collective",
        cells: ["UBND xã Hà Lĩnh", "UBND xã Hà Lĩnh", "Dân vận khéo trong chuyển đổi số ở cơ sở", "XDHTCT", "", "Quý I/2026 - Quý IV/2026", "Cấp tỉnh", "25/3/2026"],
      },
    },
    {
      clerk: "Ngô Thị Mai",
      form: {
        id: id(5), unit: demoCode(DEMO_CODES.communeVinhHung, "Thôn 2 Vĩnh Hùng"), kind: "collective",
        cells: ["Chi hội Nông dân thôn 2", "Thôn 2, xã Vĩnh Hùng", "Nuôi ong lấy mật theo chuỗi liên kết", "KT", "150 triệu", "Tháng 4/2026 - tháng 12/2026", "Cấp xã", "02/4/2026"],
      },
    },
  ],
  accounts: [],
  models: [{ id: id(1), review: { by: "Hoàng Văn Sơn", moves: [{ to: "in_progress", note: "Đơn vị đã triển khai thực hiện mô hình" }] } }],
};
