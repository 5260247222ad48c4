import * as z from "zod";
import { codeName, nameText } from "./text.ts";

export const criterionSchema = z.object({
  key: codeName,
  label: nameText,
  max: z.number().positive().max(1000),
});
export type Criterion = z.infer<typeof criterionSchema>;

export const RATING_CODES = ["excellent", "good", "pass", "fail"] as const;
export type RatingCode = (typeof RATING_CODES)[number];

export const ratingSchema = z.object({
  code: z.enum(RATING_CODES),
  label: nameText,
  /** Lowest total, out of 100, that earns this rating. */
  min: z.number().min(0).max(100),
});
export type Rating = z.infer<typeof ratingSchema>;

const uniqueKeys = (criteria: readonly Criterion[]) => new Set(criteria.map((c) => c.key)).size === criteria.length;

export const rubricSchema = z
  .object({
    collective: z.array(criterionSchema).min(1).max(20).refine(uniqueKeys, { params: { code: "duplicate" }, message: "duplicate" }),
    individual: z.array(criterionSchema).min(1).max(20).refine(uniqueKeys, { params: { code: "duplicate" }, message: "duplicate" }),
    ratings: z
      .array(ratingSchema)
      .min(1)
      .max(4)
      // Highest first, each threshold below the one before, down to 0 so every total has a rating.
      .refine((r) => r.every((x, i) => i === 0 || x.min < r[i - 1]!.min), { params: { code: "invalid_value" }, message: "order" })
      .refine((r) => r.at(-1)?.min === 0, { params: { code: "invalid_value" }, message: "floor" })
      .refine((r) => new Set(r.map((x) => x.code)).size === r.length, { params: { code: "duplicate" }, message: "duplicate" }),
    /** Spread of judges' totals, as a fraction of the maximum, above which the council looks again. */
    flagSpread: z.number().gt(0).max(1),
  });
export type Rubric = z.infer<typeof rubricSchema>;

/**
 * The seed document's criteria (section III); the points are ours (PRODUCT.md "Scoring").
 */
export const DEFAULT_RUBRIC: Rubric = {
  collective: [
    { key: "direction", label: "Có chủ trương, định hướng", max: 20 },
    { key: "actor", label: "Có chủ thể thực hiện cụ thể", max: 20 },
    { key: "participation", label: "Có lực lượng tham gia xây dựng và tổ chức mô hình", max: 20 },
    { key: "method", label: "Có phương pháp, cách làm sáng tạo", max: 20 },
    { key: "effectiveness", label: "Có hiệu quả thiết thực trong đời sống xã hội", max: 20 },
  ],
  individual: [
    { key: "character", label: "Phẩm chất chính trị, đạo đức, lối sống", max: 30 },
    { key: "achievement", label: "Thành tích tiêu biểu, cách làm sáng tạo", max: 40 },
    { key: "influence", label: "Được ghi nhận, có uy tín, sức lan tỏa", max: 30 },
  ],
  ratings: [
    { code: "excellent", label: "Xuất sắc", min: 90 },
    { code: "good", label: "Tốt", min: 75 },
    { code: "pass", label: "Đạt", min: 50 },
    { code: "fail", label: "Không đạt", min: 0 },
  ],
  flagSpread: 0.2,
};
