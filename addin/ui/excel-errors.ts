// What Excel refuses, said as a Vietnamese sentence that tells the officer what to do.
// Codes: Excel.ErrorCodes in @types/office-js and Microsoft's "Error handling with the
// Excel JavaScript API" (learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-error-handling).

const MESSAGES: Record<string, string> = {
  InvalidOperationInCellEditMode: "Excel đang ở chế độ gõ vào một ô: hãy bấm Enter (hoặc Esc) để rời ô đang gõ, rồi bấm lại.",
  AccessDenied: "Excel không cho ghi: trang tính hoặc sổ tính đang bị khóa (bảo vệ) hay đang mở ở chế độ chỉ đọc. Hãy bỏ khóa (Xem lại › Bỏ bảo vệ trang tính) rồi bấm lại.",
  InsertDeleteConflict: "Excel không thêm hoặc xóa được dòng vì bảng đang lọc hoặc vướng ô gộp: hãy bỏ lọc rồi bấm lại.",
  FilteredRangeConflict: "Excel không ghi được vào vùng đang lọc: hãy bỏ lọc (Dữ liệu › Xóa lọc) rồi bấm lại.",
  MergedRangeConflict: "Excel không ghi được vì vướng ô gộp: hãy bỏ gộp ô ở vùng đó rồi bấm lại.",
  ItemAlreadyExists: "Sổ tính đã có một trang hoặc bảng trùng tên với trang phần bổ trợ cần tạo: hãy đổi tên trang ấy rồi bấm lại.",
  ItemNotFound: "Không tìm thấy trang hoặc bảng cần dùng (có thể vừa bị xóa hay đổi tên): hãy bấm lại nút tạo bảng của mục này.",
  RequestPayloadSizeLimitExceeded: "Lượng dữ liệu ghi một lần quá lớn với Excel trên web: hãy chia bớt (ví dụ lọc theo đơn vị) rồi làm lại.",
  ResponsePayloadSizeLimitExceeded: "Bảng quá lớn để Excel trên web đọc một lần: hãy chia bớt (ví dụ tách theo đơn vị) rồi làm lại.",
  RangeExceedsLimit: "Vùng dữ liệu vượt quá giới hạn của Excel: hãy chia nhỏ bảng rồi làm lại.",
  Conflict: "Sổ tính vừa được thay đổi cùng lúc (có thể người khác đang sửa sổ tính dùng chung): hãy bấm lại.",
  RequestAborted: "Excel đã ngắt thao tác giữa chừng: hãy bấm lại.",
  ApiNotFound: "Phiên bản Excel này thiếu chức năng phần bổ trợ cần: hãy dùng Excel 2019 trở lên, Microsoft 365 hoặc Excel trên web.",
};

const FALLBACK = "Excel báo lỗi khi làm việc với sổ tính. Hãy bấm lại; nếu vẫn lỗi, lưu sổ tính rồi đóng và mở lại Excel.";

/** An error thrown by Excel.run (an OfficeExtension.Error) as a sentence for the officer, or null if it is not one. */
export function excelErrorMessage(err: unknown): string | null {
  if (!err || typeof err !== "object") return null;
  const e = err as { name?: unknown; code?: unknown; debugInfo?: unknown };
  const isExcel = e.name === "RichApi.Error" || (e.debugInfo !== undefined && typeof e.code === "string");
  if (!isExcel || typeof e.code !== "string") return null;
  const key = Object.keys(MESSAGES).find((k) => k.toLowerCase() === e.code!.toString().toLowerCase());
  return key ? MESSAGES[key]! : FALLBACK;
}
