import { env, SELF } from "cloudflare:test";
import { seedDemo, type DemoOfficer } from "../../worker/demo/seed.ts";
import type { Role } from "../../shared/vocabulary.ts";

export const BASE = "http://127.0.0.1:8787";

let seeded: Promise<DemoOfficer[]> | undefined;

/** The demo area and officers, seeded once per test file. */
export function demo(): Promise<DemoOfficer[]> {
  seeded ??= seedDemo(env.DB);
  return seeded;
}

/** The first demo officer with `role` whose scope is named `scopeName` (or any). */
export async function officer(role: Role, scopeName?: string): Promise<DemoOfficer> {
  const found = (await demo()).find((o) => o.roles.includes(role) && (!scopeName || o.scopeName === scopeName));
  if (!found) throw new Error(`no demo officer with role ${role} in ${scopeName ?? "any scope"}`);
  return found;
}

export interface CallOptions {
  token?: string;
  method?: string;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Calls the worker as a client would, through its fetch handler. */
export async function call(path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  return SELF.fetch(`${BASE}${path}`, { method: opts.method ?? (body ? "POST" : "GET"), headers, body });
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
