import { app } from "../app.ts";
import type { D1Database } from "../cf-types.ts";
import type { Bindings } from "../env.ts";

/**
 * The demo's officers act through the worker's own API, in process: every form, score
 * and review goes through the same validation, scope and recusal checks and audit as
 * one sent from the pane. Only the database is bound; none of the routes the demo calls
 * reads files or counts requests.
 */
export class DemoClient {
  private readonly env: Bindings;

  constructor(db: D1Database) {
    this.env = { DB: db } as Bindings;
  }

  /** The answer's status and JSON body; a status outside `expected` is a seeding bug and throws with the worker's message. */
  async call<T = any>(token: string, method: string, path: string, body?: unknown, expected: readonly number[] = [200]): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await app.request(`/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }, this.env);
    const answer = (await res.json()) as T;
    if (!expected.includes(res.status)) throw new Error(`demo: ${method} ${path} answered ${res.status}: ${JSON.stringify(answer)}`);
    return { status: res.status, body: answer };
  }
}
