import { describe, expect, it, vi } from "vitest";
import { HTTPException } from "hono/http-exception";
import { onError } from "../../worker/problems.ts";
import { REQUEST_PROBLEMS } from "../../shared/problems.ts";
import { BASE, call, json } from "./helpers.ts";

const fakeContext = { req: { method: "GET", url: `${BASE}/api/v1/x` } } as Parameters<typeof onError>[1];

describe("errors", () => {
  it("answers an unknown path with 404 { code, message }, inside and outside /api/v1", async () => {
    for (const path of ["/api/v1/nope", "/api/v2/health", "/nope.html"]) {
      const res = await call(path);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/application\/json/);
      expect(await json(res)).toEqual({ code: "route_not_found", message: REQUEST_PROBLEMS.route_not_found.message });
    }
  });

  it("turns a parse failure into 400 bad_json and anything unexpected into 500 without a stack", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const bad = onError(new SyntaxError("Unexpected token"), fakeContext);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: "bad_json", message: REQUEST_PROBLEMS.bad_json.message });

    const honoBad = onError(new HTTPException(400, { message: "Malformed JSON in request body" }), fakeContext);
    expect(await honoBad.json()).toMatchObject({ code: "bad_json" });

    const boom = onError(new Error("secret internals at worker/sql.ts:42"), fakeContext);
    expect(boom.status).toBe(500);
    const text = await boom.text();
    expect(text).not.toMatch(/secret|sql\.ts|at /);
    expect(JSON.parse(text)).toEqual({ code: "internal", message: REQUEST_PROBLEMS.internal.message });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("allows cross-origin calls only from the pane's own origin", async () => {
    const own = await call("/api/v1/health", { headers: { origin: BASE } });
    expect(own.headers.get("access-control-allow-origin")).toBe(BASE);
    const foreign = await call("/api/v1/health", { headers: { origin: "https://evil.example" } });
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await call("/api/v1/me", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "GET" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
