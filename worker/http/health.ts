import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { migrationLevel } from "../sql/meta.ts";
import type { Health } from "../../shared/api.ts";
import pkg from "../../package.json";

/** Liveness for people and monitors: no token, no data, just whether the store answers. */
export const health = new Hono<AppEnv>().get("/", async (c) => {
  let body: Health;
  try {
    body = { ok: true, version: pkg.version, database: "reachable", migration: await migrationLevel(c.env.DB) };
  } catch (err) {
    console.error("health: database unreachable", err);
    body = { ok: false, version: pkg.version, database: "unreachable", migration: null };
  }
  return c.json(body, body.ok ? 200 : 503);
});
