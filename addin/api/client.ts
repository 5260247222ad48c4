import { hc } from "hono/client";
import type { AppType } from "../../worker/app.ts";
import type { FieldError, ProblemBody } from "../../shared/problems.ts";

/** The worker's D1 session bookmark header (worker/d1-session.ts `BOOKMARK_HEADER`). */
export const BOOKMARK_HEADER = "X-D1-Bookmark";

/**
 * The newest D1 bookmark each server has answered with. Sent back on the next request,
 * it lets a nearby read replica answer while guaranteeing the officer reads his or her
 * own last writes. In memory only: a reopened pane reads from any replica, which has
 * caught up long since. Bookmarks sort oldest to newest, so answers arriving out of
 * order never move it back.
 */
const bookmarks = new Map<string, string>();

function remember(server: string, bookmark: string | null): void {
  const known = bookmarks.get(server);
  if (bookmark && (!known || bookmark > known)) bookmarks.set(server, bookmark);
}

/** The worker's routes, typed from the worker itself: a change of shape breaks this build. */
export function createApi(serverUrl: string, token: string, fetchImpl?: typeof fetch) {
  const server = serverUrl.replace(/\/+$/, "");
  const send = fetchImpl ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  return hc<AppType>(server, {
    headers: (): Record<string, string> => {
      const bookmark = bookmarks.get(server);
      return { Authorization: `Bearer ${token}`, ...(bookmark ? { [BOOKMARK_HEADER]: bookmark } : {}) };
    },
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const res = await send(input, init);
      remember(server, res.headers.get(BOOKMARK_HEADER));
      return res;
    },
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
