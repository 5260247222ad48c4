import type { Award } from "../../shared/schemas/review.ts";
import type { ReviewState } from "../../shared/vocabulary.ts";
import { DEMO_CODES, demoCode } from "./area.ts";
import type { DemoForm } from "./forms.ts";
import { sampleId } from "./samples.ts";
import { movesTo, type CampaignStory, type ModelStory, type MoveNotes } from "./story.ts";

// The 2023 campaign as the seed plan's year went: huyện Hà Trung's 113-KH/ĐU and xã Hà
// Giang's 97-KH/ĐU carry the province's campaign out with later deadlines; forms come
// in from three communes and a district agency, some after their deadline; xã Hà
// Giang's two council members score most of its models; its approver takes them along
// the review states, up to commendations with their decisions.

/** The implementing plans (PRODUCT.md "API", Implementing plans), by unit code. */
export const PLANS_2023 = [
  { unit: DEMO_CODES.districtHaTrung, planRef: "Kế hoạch số 113-KH/ĐU ngày 23/02/2023", deadline: "2023-03-28" },
  { unit: DEMO_CODES.communeHaGiang, planRef: "Kế hoạch số 97-KH/ĐU ngày 08/03/2023", deadline: "2023-03-31" },
] as const;

const id = (n: number) => `d3e0a7c2-2023-4d00-8a00-${String(n).padStart(12, "0")}`;
const HG = (name = "") => demoCode(DEMO_CODES.communeHaGiang, name);
const HL = (name = "") => demoCode(DEMO_CODES.communeHaLinh, name);
const VH = (name = "") => demoCode(DEMO_CODES.communeVinhHung, name);

const CLERK_HA_GIANG = "Nguyễn Thị Hoa";
const CLERK_HA_LINH = "Bùi Văn Tâm";
const CLERK_VINH_HUNG = "Ngô Thị Mai";
const CLERK_HA_TRUNG = "Đinh Thị Nga";
const JUDGE_A = "Lê Văn Bình";
const JUDGE_B = "Đỗ Thị Thu";
const APPROVER_HA_GIANG = "Hoàng Văn Sơn";
const APPROVER_HA_TRUNG = "Phạm Minh Đức";

const HA_GIANG_FORMS: DemoForm[] = [
  {
    id: id(1), unit: HG("Thôn Hà Thành"), kind: "collective",
    cells: ["Chi bộ thôn Hà Thành", "Thôn Hà Thành", "Dân vận khéo trong xây dựng thôn nông thôn mới kiểu mẫu", "Kinh tế", "khoảng 2 tỷ đồng", "Năm 2023 và những năm tiếp theo", "Cấp tỉnh", "24/3/2023"],
    account: {
      description: "Mục đích: đưa thôn Hà Thành đạt chuẩn nông thôn mới kiểu mẫu. Cách làm: chi bộ ra nghị quyết chuyên đề, họp dân bàn từng hạng mục, công khai các khoản đóng góp; mỗi đoàn thể nhận một tuyến đường hoa. Kết quả bước đầu: 1,2 km đường mở rộng, 3 km đường hoa, 100% hộ ký cam kết giữ vệ sinh chung.",
      participants: "khoảng 450 người",
    },
  },
  {
    id: id(2), unit: HG("Hội Cựu chiến binh xã"), kind: "collective",
    cells: ["Hội Cựu chiến binh xã", "UBND xã Hà Giang", "Cựu chiến binh tham gia hòa giải ở cơ sở", "XDHTCT", "", "Thường xuyên", "Cấp cơ sở", "03/4/2023"],
    account: {
      description: "Hội viên cựu chiến binh tham gia bốn tổ hòa giải ở thôn, nắm tình hình từ sớm, hòa giải mâu thuẫn đất đai và gia đình ngay tại cơ sở, không để thành đơn thư vượt cấp.",
      participants: "62 hội viên",
    },
  },
  {
    id: id(3), unit: HG("Ủy ban MTTQ xã"), kind: "collective",
    cells: ["Ủy ban MTTQ xã Hà Giang", "UBND xã Hà Giang", "Mặt trận lắng nghe ý kiến nhân dân", "Xây dựng hệ thống chính trị", "-", "Từ tháng 4/2023", "Cấp cơ sở", "30/3/2023"],
  },
  {
    id: id(4), unit: HG("Thôn Đông Môn"), kind: "individual", person: ["Phạm Thị Dung", "Bí thư Chi bộ thôn Đông Môn"],
    cells: ["Thôn Đông Môn", "", "Vận động nhân dân thực hiện nếp sống văn minh trong việc cưới, việc tang", "Văn hóa - Xã hội", "", "Năm 2023 và những năm tiếp theo", "Cấp cơ sở", "23/3/2023"],
    account: {
      description: "Đến từng gia đình có việc cưới, việc tang vận động tổ chức gọn nhẹ, không mời quá đông, không rải vàng mã trên đường; các đám cưới, đám tang trong thôn năm 2023 đều thực hiện đúng hương ước.",
      participants: "320 hộ",
    },
  },
  {
    id: id(5), unit: HG("Ban chỉ huy Quân sự xã"), kind: "individual", person: ["Lê Văn Tuấn", "Chỉ huy trưởng Ban chỉ huy Quân sự xã"],
    cells: ["Ban chỉ huy Quân sự xã", "", "Dân quân giúp dân thu hoạch lúa, phòng chống thiên tai", "QP-AN", "", "Tháng 5/2023 - tháng 10/2023", "Cấp cơ sở", "05/04/2023"],
    account: { description: "Tổ chức dân quân giúp các hộ neo đơn gặt lúa trước bão, gia cố đê bao, di dời tài sản khi mưa lũ.", participants: 45 },
  },
];

const OTHER_FORMS: { clerk: string; form: DemoForm }[] = [
  {
    clerk: CLERK_HA_LINH,
    form: {
      id: id(11), unit: HL("Thôn 1 Hà Lĩnh"), kind: "collective",
      cells: ["Chi bộ thôn 1", "Thôn 1, xã Hà Lĩnh", "Vận động hiến đất làm đường giao thông nội đồng", "Kinh tế", "300 triệu", "Quý II/2023 - Quý IV/2023", "Cấp cơ sở", "22/3/2023"],
      account: { description: "Chi bộ họp dân ba lần, đảng viên hiến đất trước; đo đạc, cắm mốc công khai; mở rộng 2,4 km đường nội đồng.", participants: "khoảng 180 hộ" },
    },
  },
  {
    clerk: CLERK_HA_LINH,
    form: {
      id: id(12), unit: HL("Hội Nông dân xã"), kind: "collective",
      cells: ["Hội Nông dân xã Hà Lĩnh", "UBND xã Hà Lĩnh", "Cánh đồng lớn liên kết tiêu thụ lúa giống", "Kinh tế", "dự kiến 1,5 tỷ", "Năm 2023", "Cấp huyện", "29/3/2023"],
    },
  },
  {
    clerk: CLERK_HA_LINH,
    form: {
      id: id(13), unit: HL("Công an xã"), kind: "individual", person: ["Nguyễn Văn Hùng", "Trưởng Công an xã"],
      cells: ["Công an xã", "", "Công an lắng nghe ý kiến nhân dân qua nhóm Zalo khu dân cư", "QP-AN", "", "thường xuyên", "Cấp xã", "27/3/2023"],
      account: { description: "Lập nhóm Zalo ở từng thôn, trả lời phản ánh trong ngày, tiếp nhận tin báo về trật tự, an toàn giao thông.", participants: "1.200 người" },
    },
  },
  {
    clerk: CLERK_VINH_HUNG,
    form: {
      id: id(21), unit: VH("Thôn 1 Vĩnh Hùng"), kind: "collective",
      cells: ["Ban công tác Mặt trận thôn 1", "Thôn 1, xã Vĩnh Hùng", "Khu dân cư không xả rác ra đường", "VH-XH", "50 triệu", "Năm 2023", "Cấp cơ sở", "24/3/2023"],
      account: { description: "Mỗi hộ phân loại rác tại nguồn, tổ tự quản thu gom hai lần một tuần, rác hữu cơ ủ làm phân bón.", participants: "210 hộ" },
    },
  },
  {
    clerk: CLERK_VINH_HUNG,
    form: {
      id: id(22), unit: VH("Đoàn Thanh niên xã"), kind: "collective",
      cells: ["Đoàn Thanh niên xã Vĩnh Hùng", "UBND xã Vĩnh Hùng", "Thanh niên tình nguyện giúp người già neo đơn", "VH-XH", "", "Từ năm 2023 đến nay", "Cấp cơ sở", "27/3/2023"],
    },
  },
  {
    clerk: CLERK_HA_TRUNG,
    form: {
      id: id(31), unit: DEMO_CODES.agencyHaTrung, kind: "collective",
      cells: ["Trung tâm Y tế huyện Hà Trung", "Thị trấn Hà Trung", "Dân vận khéo trong tiêm chủng mở rộng", "VH-XH", "", "Năm 2023", "Cấp huyện", "28/3/2023"],
      account: { description: "Cán bộ y tế cùng trưởng thôn đến từng nhà vận động đưa trẻ đi tiêm; nhắn tin nhắc lịch; tỷ lệ tiêm đủ mũi đạt trên 98%.", participants: "khoảng 150 người" },
    },
  },
  {
    clerk: CLERK_HA_TRUNG,
    form: {
      id: id(32), unit: DEMO_CODES.agencyHaTrung, kind: "individual", person: ["Trần Thị Hạnh", "Trưởng khoa Kiểm soát bệnh tật"],
      cells: ["Trung tâm Y tế huyện Hà Trung", "", "Khám bệnh, cấp thuốc miễn phí cho người cao tuổi", "Văn hóa - Xã hội", "ước tính 80 triệu", "hằng năm", "Cấp huyện", "02/4/2023"],
    },
  },
];

/** Accounts the units of xã Hà Giang sent after their forms, before the council met. */
const SAMPLE_ACCOUNTS: [sample: number, description: string, participants: string | number][] = [
  [1, "Chi bộ thôn vận động đảng viên, người có uy tín hiến đất trước; họp dân công khai phương án; 96 hộ hiến 3.200 m² đất, mở rộng 1,8 km đường trục thôn.", "96 hộ"],
  [2, "Liên kết với doanh nghiệp bao tiêu lúa chất lượng cao; hội viên góp đất thành vùng 40 ha, cấy cùng một giống, dùng chung dịch vụ làm đất.", "135 hội viên"],
  [3, "Đoàn viên góp công, vận động nhân dân góp tiền lắp đèn năng lượng mặt trời trên các tuyến đường thôn.", "120 đoàn viên"],
  [4, "Vận động các hộ lắp camera hướng ra đường, kết nối về Công an xã; phát hiện, xử lý kịp thời các vụ trộm cắp.", "khoảng 300 hộ"],
  [5, "Phát túi vải, vận động chợ và các hộ kinh doanh giảm túi ni lông; chi hội thu gom rác nhựa bán lấy quỹ.", "480 hội viên"],
  [7, "Hội viên góp vốn xoay vòng, giúp nhau con giống, kinh nghiệm chăn nuôi; 12 hộ cựu chiến binh thoát cận nghèo.", 38],
  [8, "Vận động phụ huynh và các nhà hảo tâm góp tiền xây thêm hai phòng học, mua đồ chơi ngoài trời.", "khoảng 260 người"],
  [9, "Đổi mới tiếp đón, khám bệnh theo giờ hẹn; lập nhóm Zalo tư vấn sức khỏe cho người bệnh mãn tính.", 9],
  [11, "Trực tiếp đến từng hộ vận động hiến đất, tự tháo dỡ tường rào của gia đình trước để làm gương.", "64 hộ"],
  [12, "Tổ chức các tổ tiết kiệm, cho hội viên nghèo vay vốn không lãi để chăn nuôi, buôn bán nhỏ.", "85 hội viên"],
];

// Awards as the decisions were made (PRODUCT.md "API", Commendations).
const COMMUNE_GIAY_KHEN_PROPOSED: Award = { form: "giay_khen", issuer: "Chủ tịch UBND xã Hà Giang", decisionNo: null, decisionDate: null };
const COMMUNE_GIAY_KHEN: Award = { form: "giay_khen", issuer: "Chủ tịch UBND xã Hà Giang", decisionNo: "Quyết định số 215/QĐ-UBND", decisionDate: "2023-12-20" };
const DISTRICT_GIAY_KHEN_PROPOSED: Award = { form: "giay_khen", issuer: "Chủ tịch UBND huyện Hà Trung", decisionNo: null, decisionDate: null };
const PROVINCE_BANG_KHEN_PROPOSED: Award = { form: "bang_khen", issuer: "Chủ tịch UBND tỉnh Thanh Hóa", decisionNo: null, decisionDate: null };

const NOTES: MoveNotes = {
  in_progress: "Đơn vị đã triển khai thực hiện mô hình",
  evaluated: "Hội đồng thẩm định đã chấm điểm",
  recognized: "Hội đồng thẩm định họp ngày 20/11/2023 thống nhất công nhận",
  not_recognized: "Hội đồng thẩm định họp ngày 20/11/2023: chưa công nhận, tiêu chí phương pháp, cách làm sáng tạo được 0 điểm",
  exemplary: "Chọn là mô hình, điển hình tiêu biểu năm 2023",
  proposed: "Đề nghị khen thưởng tại hội nghị tổng kết năm 2023",
  commended: "Đã khen thưởng tại hội nghị tổng kết năm 2023",
  withdrawn: "Đơn vị xin rút: mô hình theo năm học, sẽ đăng ký lại năm sau",
};

const reviewed = (by: string, to: ReviewState, awards?: Parameters<typeof movesTo>[2]) => ({ by, moves: movesTo(to, NOTES, awards) });
const haGiang = (to: ReviewState, awards?: Parameters<typeof movesTo>[2]) => reviewed(APPROVER_HA_GIANG, to, awards);
const both = (a: number[], b: number[], comments: { a?: string; b?: string } = {}) => ({
  [JUDGE_A]: { points: a, ...(comments.a ? { comment: comments.a } : {}) },
  [JUDGE_B]: { points: b, ...(comments.b ? { comment: comments.b } : {}) },
});

// Collective criteria: chủ trương · chủ thể · lực lượng · phương pháp · hiệu quả (20 each);
// individual: phẩm chất (30) · thành tích (40) · uy tín (30).
const MODELS: ModelStory[] = [
  { id: sampleId(1), scores: both([19, 19, 18, 19, 19], [18, 19, 18, 18, 19]), review: haGiang("commended", { proposed: COMMUNE_GIAY_KHEN_PROPOSED, commended: COMMUNE_GIAY_KHEN }) },
  { id: sampleId(2), scores: both([17, 18, 17, 18, 18], [18, 18, 18, 17, 19]), review: haGiang("proposed", { proposed: DISTRICT_GIAY_KHEN_PROPOSED }) },
  { id: sampleId(3), scores: both([18, 17, 18, 19, 18], [17, 17, 18, 18, 18]), review: haGiang("exemplary") },
  { id: sampleId(4), scores: both([16, 16, 15, 16, 17], [15, 16, 16, 15, 16]), review: haGiang("recognized") },
  // The two judges far apart: flagged for the council.
  { id: sampleId(5), scores: both([18, 18, 17, 18, 18], [12, 13, 12, 13, 12], { b: "Chưa có số liệu rác thải nhựa giảm được bao nhiêu" }), review: haGiang("evaluated") },
  { id: sampleId(6), scores: both([14, 15, 13, 14, 14], [15, 14, 14, 13, 15]), review: haGiang("recognized") },
  // Commended, but the decision's number has not come in: Biểu 5 flags it.
  { id: sampleId(7), scores: both([18, 19, 19, 18, 19], [19, 18, 18, 19, 18]), review: haGiang("commended", { proposed: COMMUNE_GIAY_KHEN_PROPOSED }) },
  // Both judges give 0 for the method: Không đạt whatever the total.
  {
    id: sampleId(8),
    scores: both([15, 15, 14, 0, 16], [16, 14, 15, 0, 15], { a: "Chủ yếu là quyên góp, chưa có cách vận động riêng", b: "Chưa thấy phương pháp, cách làm sáng tạo" }),
    review: haGiang("not_recognized"),
  },
  { id: sampleId(9), scores: both([10, 11, 10, 12, 11], [16, 17, 16, 17, 16]), review: haGiang("evaluated") },
  { id: sampleId(10), review: haGiang("in_progress") },
  { id: sampleId(11), scores: both([28, 38, 28], [27, 37, 29]), review: haGiang("commended", { proposed: COMMUNE_GIAY_KHEN_PROPOSED, commended: COMMUNE_GIAY_KHEN }) },
  { id: sampleId(12), scores: both([25, 32, 24], [26, 30, 25]), review: haGiang("recognized") },
  // Sample 13 is the commune's own: its own council members may not score it (recusal); it stays registered.
  { id: sampleId(14), review: haGiang("withdrawn") },
  { id: sampleId(15), scores: both([24, 30, 22], [22, 28, 21]), review: haGiang("recognized") },
  { id: id(1), scores: both([19, 18, 19, 18, 19], [18, 18, 19, 19, 18]), review: haGiang("proposed", { proposed: PROVINCE_BANG_KHEN_PROPOSED }) },
  { id: id(2), scores: both([15, 15, 16, 15, 15], [16, 15, 15, 16, 16]), review: haGiang("evaluated") },
  { id: id(4), scores: both([27, 35, 27], [28, 36, 27]), review: haGiang("exemplary") },
  // One judge so far.
  { id: id(5), scores: { [JUDGE_A]: { points: [20, 25, 20] } }, review: haGiang("in_progress") },
  // The district's approver: its agency's model recognised directly, a commune's model under way.
  { id: id(31), review: { by: APPROVER_HA_TRUNG, moves: [{ to: "recognized", note: "Ban Thường vụ Huyện ủy công nhận tại hội nghị sơ kết 6 tháng đầu năm 2023" }] } },
  { id: id(12), review: reviewed(APPROVER_HA_TRUNG, "in_progress") },
];

export const STORY_2023: CampaignStory = {
  forms: [...HA_GIANG_FORMS.map((form) => ({ clerk: CLERK_HA_GIANG, form })), ...OTHER_FORMS],
  accounts: SAMPLE_ACCOUNTS.map(([n, description, participants]) => ({ clerk: CLERK_HA_GIANG, id: sampleId(n), account: { description, participants } })),
  models: MODELS,
};
