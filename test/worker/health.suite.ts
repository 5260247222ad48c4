import { describe, expect, it } from "vitest";
import pkg from "../../package.json";
import { call, json } from "./helpers.ts";

describe("GET /api/v1/health", () => {
  it("answers without a token: version, database reachable, migration level", async () => {
    const res = await call("/api/v1/health");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toEqual({ ok: true, version: pkg.version, database: "reachable", migration: expect.any(String) });
    expect(body.migration).toMatch(/^\d{4}_.+\.sql$/);
  });
});
