import { reportDocument, resolveDocumentDetails } from "./shared/report-document.ts";
const base: any = {
    title: "Tổng hợp", scope: { id: 7, name: "Xã Hà Giang", kind: "commune", parentName: "Huyện Hà Trung" },
    generatedAt: "2026-06-30T18:30:00.000Z", asOf: null,
    campaign: { title: "Năm 2026", year: 2026, planRef: "Kế hoạch số 113" }, plan: null,
    columns: [ { key: "orgUnitName", label: "Đơn vị" }, { key: "collective", label: "Tập thể", type: "integer", group: "Loại" } ],
    totals: null, notes: ["Không tính đăng ký đã xóa."] };
for (const n of [5, 20, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 40]) {
  const rep = { ...base, rows: Array.from({ length: n }, (_, i) => ({ orgUnitName: `Đơn vị ${i}`, collective: i })) };
  const doc = reportDocument(rep, resolveDocumentDetails(rep, {}, "Vũ"));
  console.log(n, doc.rows.length, doc.rowBreaks);
}
