import { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";
import type { FieldError, ProblemBody } from "../../shared/problems.ts";

/** The worker's routes, typed from the worker itself: a change of shape breaks this build. */
export function createApi(serverUrl: string, token: string, fetchImpl?: typeof fetch) {
  return hc<AppType>(serverUrl.replace(/\/+$/, ""), {
    headers: () => ({ Authorization: `Bearer ${token}` }),
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}
export type Api = ReturnType<typeof createApi>;

/** A refusal from the server ({ code, message }) or "offline" when it could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly errors?: FieldError[],
  ) {
    super(message);
  }
  get offline(): boolean {
    return this.code === "offline";
  }
}

interface AnyResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}
type SuccessBody<R> = R extends { ok: false } ? never : R extends { json(): Promise<infer T> } ? T : never;

/** Awaits a typed call; anything but a 2xx becomes an ApiError with the server's own message. */
export async function call<R extends AnyResponse>(request: Promise<R>): Promise<SuccessBody<R>> {
  let res: R;
  try {
    res = await request;
  } catch {
    throw new ApiError(
      "offline",
      "Không kết nối được máy chủ. Kiểm tra mạng hoặc địa chỉ máy chủ; dữ liệu trên máy vẫn giữ nguyên.",
      0,
    );
  }
  const body = (await res.json().catch(() => null)) as unknown;
  if (res.ok) return body as SuccessBody<R>;
  const problem = body as Partial<ProblemBody> | null;
  throw new ApiError(
    typeof problem?.code === "string" ? problem.code : `http_${res.status}`,
    typeof problem?.message === "string" ? problem.message : `Máy chủ trả lời lỗi ${res.status}.`,
    res.status,
    problem?.errors,
  );
}
