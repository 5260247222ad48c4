import { z } from "zod";
import { FIELDS, KINDS } from "../vocabulary.ts";
import { codeName, isoDate, nameText, optionalNameText, positiveId } from "./text.ts";

/**
 * The items of the two official forms (seed document, "ĐĂNG KÝ XÂY DỰNG MÔ HÌNH"),
 * with the labels the sheets and the error messages use.
 */
export const REGISTRATION_ITEM_LABELS = {
  id: "Mã đăng ký",
  orgUnitId: "Thuộc đơn vị",
  kind: "Loại",
  unitName: "Đơn vị",
  address: "Địa chỉ",
  personName: "Họ và tên",
  position: "Chức vụ, nhiệm vụ được giao",
  modelName: "Tên mô hình",
  field: "Lĩnh vực",
  expectedBenefit: "Giá trị dự kiến làm lợi",
  startDate: "Thời gian bắt đầu",
  endDate: "Thời gian hoàn thành",
  level: "Cấp đăng ký",
  representative: "Người ký",
  submittedAt: "Ngày nộp",
  baseVersion: "Phiên bản gốc",
  deleted: "Đã xóa",
} as const;
export type RegistrationItem = keyof typeof REGISTRATION_ITEM_LABELS;

export const registrationContentShape = {
  orgUnitId: positiveId,
  kind: z.enum(KINDS),
  unitName: optionalNameText,
  address: optionalNameText,
  personName: optionalNameText,
  position: optionalNameText,
  modelName: nameText,
  field: z.enum(FIELDS),
  level: codeName,
  expectedBenefit: z.int().min(0).max(Number.MAX_SAFE_INTEGER).nullable(),
  startDate: isoDate,
  endDate: isoDate,
  representative: optionalNameText,
  submittedAt: isoDate.nullable().optional().transform((d) => d ?? null),
};

type Content = z.infer<z.ZodObject<typeof registrationContentShape>>;

/** Rules that span items: what each form requires, and time running forwards. */
function checkForm(r: Content, ctx: z.RefinementCtx): void {
  const need = (path: keyof Content) =>
    ctx.addIssue({ code: "custom", path: [path], params: { code: "required" }, message: "required" });
  if (r.kind === "collective" && !r.unitName) need("unitName");
  if (r.kind === "individual") {
    if (!r.personName) need("personName");
    if (!r.position) need("position");
  }
  if (r.startDate > r.endDate) {
    ctx.addIssue({ code: "custom", path: ["endDate"], params: { code: "start_after_end" }, message: "start_after_end" });
  }
}

export const registrationContentSchema = z.object(registrationContentShape).superRefine(checkForm);
export type RegistrationContent = z.infer<typeof registrationContentSchema>;

const version = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A registration pushed in a sync request: an upsert, or a tombstone. */
export const registrationTombstoneSchema = z.object({
  id: z.uuid(),
  baseVersion: version,
  deleted: z.literal(true),
});
export const registrationUpsertSchema = z
  .object({
    id: z.uuid(),
    baseVersion: version,
    deleted: z.literal(false).optional(),
    ...registrationContentShape,
  })
  .superRefine(checkForm);
export type RegistrationUpsert = z.infer<typeof registrationUpsertSchema>;
export type RegistrationTombstone = z.infer<typeof registrationTombstoneSchema>;

/** A registration as the server sends it back (a change, or the server copy in a conflict). */
export interface RegistrationRecord extends RegistrationContent {
  id: string;
  campaignId: number;
  version: number;
  deleted: boolean;
  reviewState: string;
  updatedAt: string;
}
