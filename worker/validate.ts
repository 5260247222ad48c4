import { zValidator } from "@hono/zod-validator";
import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { z } from "zod";
import type { AppEnv } from "./env.ts";
import { problem } from "./problems.ts";
import type { RequestProblemCode } from "../shared/problems.ts";
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

/** A database id in a path: a positive integer of at most 16 digits that stays exact in JavaScript. */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/)
  .transform(Number)
  .refine((id) => Number.isSafeInteger(id));

/** A registration's or a file's id in a path: a UUID, lowercased as ids are stored. */
export const pathUuid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i)
  .transform((id) => id.toLowerCase());

/** What a path parameter that names nothing is refused as: a catalogue code (a 404), with its own message if given. */
export type NotFound = RequestProblemCode | { code: RequestProblemCode; message: string };

/**
 * Path parameters checked against `shape`. A value that does not parse names nothing, so
 * it is refused like an unknown id, as its `notFound` says (404), never as a bad request.
 */
export function pathParams<S extends Record<string, z.ZodType<unknown, string>>>(shape: S, notFound: { [K in keyof S]: NotFound }) {
  return zValidator("param", z.object(shape), (result) => {
    if (!result.success) {
      const refusal = notFound[result.error.issues[0]?.path[0] as keyof S] ?? "not_found";
      throw typeof refusal === "string" ? problem(refusal) : problem(refusal.code, { message: refusal.message });
    }
  });
}

/** An id read by hand (the report route's path, the `scope` query): not a positive integer, it names nothing: 404, like an unknown one. */
export function idParam(raw: string, notFound: RequestProblemCode): number {
  const id = pathId.safeParse(raw);
  if (!id.success) throw problem(notFound);
  return id.data;
}
