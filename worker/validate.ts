import { zValidator } from "@hono/zod-validator";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import type { AppEnv } from "./env.ts";
import { problem } from "./problems.ts";
import { toFieldErrors } from "../shared/schemas/field-errors.ts";

/** Largest request body accepted: 1,000 registrations at their maxima fit with room to spare. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw problem("payload_too_large", {
      message: `Dữ liệu gửi lên vượt quá ${MAX_BODY_BYTES / 1024 / 1024} MB. Hãy chia thành nhiều lần gửi nhỏ hơn.`,
    });
  },
});

const requireJsonType = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) throw problem("unsupported_media_type");
  await next();
});

/**
 * Reads the body once (Hono keeps it for the validator): anything JSON.parse refuses,
 * including nesting deep enough to exhaust its stack, is malformed JSON, not a 500.
 */
const parseJson = createMiddleware<AppEnv>(async (c, next) => {
  try {
    await c.req.json();
  } catch {
    throw problem("bad_json");
  }
  await next();
});

/**
 * A JSON body checked against `schema`; a refusal lists every field with its reason
 * in Vietnamese. Content type and size are checked before the body is read.
 */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return [
    requireJsonType,
    limitBody,
    parseJson,
    zValidator("json", schema, (result) => {
      if (!result.success) {
        const errors = toFieldErrors(result.error.issues, result.data);
        throw problem("invalid_request", {
          message: `Yêu cầu không hợp lệ: ${errors.map((e) => e.message).join(" ")}`,
          errors,
        });
      }
    }),
  ] as const;
}

/** Query parameters checked against `schema`, refused in Vietnamese like a body. */
export function queryParams<T extends z.ZodType>(schema: T) {
  return zValidator("query", schema, (result) => {
    if (!result.success) {
      const errors = toFieldErrors(result.error.issues, result.data);
      throw problem("invalid_request", { message: `Tham số không hợp lệ: ${errors.map((e) => e.message).join(" ")}`, errors });
    }
  });
}

/** A path id that is not a positive integer names nothing: 404, like an unknown one. */
export function idParam(raw: string, notFound: Parameters<typeof problem>[0]): number {
  const id = /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw problem(notFound);
  return id;
}
