import { describe, expect, it } from "vitest";
import { BOOKMARK_HEADER, call, createApi } from "../../addin/api/client.ts";
import { BOOKMARK_HEADER as WORKER_BOOKMARK_HEADER } from "../../worker/d1-session.ts";

// The add-in's half of D1 read replication: whatever bookmark a server answered with
// last goes back to that server on the next request, so a replica that answers it has
// at least the officer's own writes (worker/d1-session.ts has the server's half).

const OLDER = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";
const NEWER = "00000085-0000024d-00000001-8e61117bf38d7adb71b934ebbf891683";

let port = 7000;

/** A server (a new address each time) that answers each request with the next bookmark of `answers` and keeps what it was sent. */
function server(answers: (string | null)[], status = 200) {
  const sent: (string | null)[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(new Headers(init?.headers).get(BOOKMARK_HEADER));
    const bookmark = answers.shift() ?? null;
    return Response.json(status === 200 ? { officer: { id: 1, name: "x" } } : { code: "conflict", message: "Xung đột" }, {
      status,
      headers: bookmark ? { [BOOKMARK_HEADER]: bookmark } : {},
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, sent, url: `http://127.0.0.1:${port++}` };
}

describe("the add-in sends the last D1 bookmark back", () => {
  it("names the same header as the worker", () => {
    expect(BOOKMARK_HEADER).toBe(WORKER_BOOKMARK_HEADER);
  });

  it("sends none before the server has answered with one, then the one it answered with", async () => {
    const s = server([OLDER, NEWER, null]);
    const api = createApi(s.url, "dvk_x", s.fetch);
    await call(api.api.v1.me.$get());
    await call(api.api.v1.me.$get());
    await call(api.api.v1.me.$get());
    await call(api.api.v1.me.$get());
    // The third answer carried none: the newest known still goes.
    expect(s.sent).toEqual([null, OLDER, NEWER, NEWER]);
  });

  it("keeps the newest when answers arrive out of order, and remembers a refusal's too", async () => {
    const s = server([NEWER, OLDER]);
    const api = createApi(s.url, "dvk_x", s.fetch);
    await call(api.api.v1.me.$get());
    await call(api.api.v1.me.$get());
    const refused = server([], 409);
    refused.url = s.url;
    await expect(call(createApi(s.url, "dvk_x", refused.fetch).api.v1.me.$get())).rejects.toMatchObject({ code: "conflict" });
    expect(refused.sent).toEqual([NEWER]);
  });

  it("keeps one bookmark per server, shared by every connection to it", async () => {
    const a = server([NEWER]);
    const b = server([]);
    await call(createApi(a.url, "dvk_a", a.fetch).api.v1.me.$get());
    await call(createApi(b.url, "dvk_b", b.fetch).api.v1.me.$get());
    // The same server again, under a new token and with a trailing slash: the same database.
    const again = server([]);
    await call(createApi(`${a.url}/`, "dvk_c", again.fetch).api.v1.me.$get());
    expect(b.sent).toEqual([null]);
    expect(again.sent).toEqual([NEWER]);
  });

  it("still sends the token with it", async () => {
    let authorization: string | null = null;
    const fetch = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      authorization = new Headers(init?.headers).get("authorization");
      return Response.json({});
    }) as typeof globalThis.fetch;
    await call(createApi("http://127.0.0.1:9", "dvk_token", fetch).api.v1.me.$get());
    expect(authorization).toBe("Bearer dvk_token");
  });
});
