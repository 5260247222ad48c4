import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Context } from "hono";
import { REQUEST_PROBLEMS, type FieldError, type ProblemBody, type RequestProblemCode } from "../shared/problems.ts";

/** A refused request: throw it anywhere; `onError` turns it into `{ code, message }`. */
export function problem(
  code: RequestProblemCode,
  extra: { message?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): HTTPException {
  const { status, message } = REQUEST_PROBLEMS[code];
  const body: ProblemBody = { code, message: extra.message ?? message };
  if (extra.errors) body.errors = extra.errors;
  const res = new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...extra.headers },
  });
  return new HTTPException(status as ContentfulStatusCode, { res, message: body.message });
}

/** Hono's own exceptions (bad JSON, body limit) mapped onto the catalogue. */
function fromStatus(err: HTTPException): RequestProblemCode {
  switch (err.status) {
    case 400:
      return /json/i.test(err.message) ? "bad_json" : "invalid_request";
    case 401:
      return "token_invalid";
    case 404:
      return "not_found";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    default:
      return "internal";
  }
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof HTTPException) {
    // Ours carry their response; Hono's are re-dressed so every error has one shape.
    if (err.res?.headers.get("content-type")?.startsWith("application/json")) return err.res;
    return problem(fromStatus(err)).getResponse();
  }
  if (err instanceof SyntaxError) return problem("bad_json").getResponse();
  // Never a stack trace to the client; the log keeps it for us.
  console.error(`${c.req.method} ${new URL(c.req.url).pathname} failed:`, err);
  return problem("internal").getResponse();
}

export function onNotFound(): Response {
  return problem("route_not_found").getResponse();
}
