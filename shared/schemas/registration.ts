import * as z from "zod";
import { FIELDS, KINDS } from "../vocabulary.ts";
import { codeName, isoDate, nameText, optionalNameText, optionalLongText, positiveId } from "./text.ts";

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
  periodText: "Thời gian thực hiện (như đơn vị ghi)",
  level: "Cấp đăng ký",
  description: "Thuyết minh mô hình",
  participants: "Số người tham gia",
  representative: "Người ký",
  submittedAt: "Ngày nộp",
  baseVersion: "Phiên bản gốc",
  deleted: "Đã xóa",
} as const;
export type RegistrationItem = keyof typeof REGISTRATION_ITEM_LABELS;

/** The model's account (thuyết minh: aim, how, results so far), as long as judges need to read. */
export const MAX_DESCRIPTION = 4000;
/** More people than live in Vietnam is a typing mistake, not a model. */
export const MAX_PARTICIPANTS = 100_000_000;

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
  // Null: an open period ("từ tháng 3/2023": no end) or a standing one ("thường xuyên":
  // neither); the items must still be sent, so a forgotten date is never read as "ongoing".
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  /** The period cell as the unit wrote it, so reports can show "Năm 2023 và những năm tiếp theo". */
  periodText: optionalNameText,
  representative: optionalNameText,
  submittedAt: isoDate.nullable().optional().transform((d) => d ?? null),
  description: optionalLongText(MAX_DESCRIPTION),
  participants: z
    .int()
    .min(0)
    .max(MAX_PARTICIPANTS)
    .nullish()
    .transform((n) => n ?? null),
};

/**
 * Rules that span items: what each form requires, and time running forwards. They run
 * even when other items are wrong (`when`), so one check lists every problem of a row;
 * the value may then be malformed, hence the defensive reads.
 */
function withFormRules<T extends z.ZodType>(schema: T) {
  const always = { when: () => true };
  const get = (v: unknown, key: string): unknown => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);
  const filled = (v: unknown, key: string) => {
    const x = get(v, key);
    return typeof x === "string" && x.trim() !== "";
  };
  return schema
    .refine((v) => get(v, "kind") !== "collective" || filled(v, "unitName"), {
      ...always,
      path: ["unitName"],
      params: { code: "required" },
      message: "required",
    })
    .refine((v) => get(v, "kind") !== "individual" || filled(v, "personName"), {
      ...always,
      path: ["personName"],
      params: { code: "required" },
      message: "required",
    })
    .refine((v) => get(v, "kind") !== "individual" || filled(v, "position"), {
      ...always,
      path: ["position"],
      params: { code: "required" },
      message: "required",
    })
    .refine(
      (v) => {
        const [start, end] = [get(v, "startDate"), get(v, "endDate")];
        return typeof start !== "string" || typeof end !== "string" || start <= end;
      },
      { ...always, path: ["endDate"], params: { code: "start_after_end" }, message: "start_after_end" },
    );
}

export const registrationContentSchema = withFormRules(z.object(registrationContentShape));
export type RegistrationContent = z.infer<typeof registrationContentSchema>;

const version = z.int().min(0).max(Number.MAX_SAFE_INTEGER);

/** A registration pushed in a sync request: an upsert, or a tombstone. */
export const registrationTombstoneSchema = z.object({
  id: z.uuid(),
  baseVersion: version,
  deleted: z.literal(true),
});
export const registrationUpsertSchema = withFormRules(
  z.object({
    id: z.uuid(),
    baseVersion: version,
    deleted: z.literal(false).optional(),
    ...registrationContentShape,
  }),
);
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
