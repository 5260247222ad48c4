import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { D1Database, D1DatabaseSession, D1PreparedStatement, D1Result } from "./cf-types.ts";
import type { AppEnv } from "./env.ts";

// Deployed, the worker runs near the officer and D1's primary may be an ocean away:
// every statement not batched is a round trip over that distance. Each request gets
// its own view of D1 that does two things about it.
//
// 1. Read replicas (D1 Sessions API). A request that may write starts at the primary
//    ("first-primary": its token is checked and its reads are decided where the writes
//    land); a read starts at the bookmark the officer's last answer carried (so he or
//    she reads his or her own writes) or anywhere ("first-unconstrained"), and a nearby
//    replica may serve it. The answer carries the session's newest bookmark in
//    X-D1-Bookmark; the add-in sends it back on its next request.
// 2. Reads issued together go together: SELECTs started in the same turn of the event
//    loop (a `Promise.all` of checks, a read beside a read batch) leave as one
//    `batch`, one round trip, each caller getting its own result. Writes never join
//    (a write's batch stays exactly as its code built it), and if a joint batch
//    fails, each read is run again alone so its own caller gets its own error.
//
// Routes keep using `c.env.DB` and need not know: the middleware hands them this view
// in place of the binding for the request (a copy of `env`, never the shared one).

export const BOOKMARK_HEADER = "X-D1-Bookmark";

/**
 * D1 bookmarks as D1 issues them, deployed and local alike (e.g.
 * 00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683); anything else a client
 * sends is ignored rather than handed to D1, so a mangled header never costs an error.
 */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i;

const READ_ONLY = /^\s*SELECT\b/i;

type ReadGroup = {
  statements: D1PreparedStatement[];
  resolve(results: D1Result[]): void;
  reject(err: unknown): void;
};

/** A statement of the request's view: reads go through the view's queue, everything else straight to D1. */
class Statement {
  constructor(
    private readonly view: RequestDatabase,
    readonly inner: D1PreparedStatement,
    readonly sql: string,
  ) {}

  bind(...values: unknown[]): Statement {
    return new Statement(this.view, this.inner.bind(...values), this.sql);
  }

  get readOnly(): boolean {
    return READ_ONLY.test(this.sql);
  }

  async all<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    if (!this.readOnly) return this.inner.all<T>();
    const [result] = await this.view.read([this.inner]);
    return result as D1Result<T>;
  }

  /** As D1's own `first`: the first row, or one column of it (an unknown column is an error), or null. */
  async first<T = unknown>(column?: string): Promise<T | null> {
    if (!this.readOnly) return column === undefined ? this.inner.first<T>() : this.inner.first<T>(column);
    const [row] = (await this.all<Record<string, unknown>>()).results;
    if (row === undefined) return null;
    if (column === undefined) return row as T;
    if (row[column] === undefined) throw new Error(`D1_COLUMN_NOTFOUND: Column not found (${column})`);
    return row[column] as T;
  }

  run<T = Record<string, unknown>>(): Promise<D1Result<T>> {
    return this.inner.run<T>();
  }

  // Column arrays keep duplicate names that row objects would merge: never joined.
  raw<T = unknown[]>(options?: { columnNames?: boolean }): Promise<T[] | [string[], ...T[]]> {
    return options?.columnNames ? this.inner.raw<T>({ columnNames: true }) : this.inner.raw<T>();
  }
}

class RequestDatabase {
  #pending: ReadGroup[] = [];

  constructor(
    readonly session: D1DatabaseSession,
    private readonly binding: D1Database,
  ) {}

  prepare(sql: string): D1PreparedStatement {
    return new Statement(this, this.session.prepare(sql), sql) as unknown as D1PreparedStatement;
  }

  batch<T = unknown>(statements: D1PreparedStatement[]): Promise<D1Result<T>[]> {
    const ours = statements.map((s) => (s instanceof Statement ? s : null));
    if (ours.length > 0 && ours.every((s) => s?.readOnly)) return this.read(ours.map((s) => s!.inner)) as Promise<D1Result<T>[]>;
    return this.session.batch<T>(statements.map((s) => (s instanceof Statement ? s.inner : s)));
  }

  /** Not part of a request's work (migrations, upkeep); outside the session. */
  exec(sql: string) {
    return this.binding.exec(sql);
  }

  dump() {
    return this.binding.dump();
  }

  withSession(constraintOrBookmark?: string) {
    return this.binding.withSession(constraintOrBookmark);
  }

  /** Queues read statements; everything queued in this turn of the event loop leaves as one batch. */
  read(statements: D1PreparedStatement[]): Promise<D1Result[]> {
    return new Promise((resolve, reject) => {
      this.#pending.push({ statements, resolve, reject });
      if (this.#pending.length === 1) setTimeout(() => void this.#flush(), 0);
    });
  }

  async #flush(): Promise<void> {
    const groups = this.#pending;
    this.#pending = [];
    if (groups.length === 1) return this.#runAlone(groups[0]!);
    let results: D1Result[];
    try {
      results = await this.session.batch(groups.flatMap((g) => g.statements));
    } catch {
      // Reads only: running them again alone is safe, and gives each caller its own error.
      await Promise.all(groups.map((g) => this.#runAlone(g)));
      return;
    }
    let at = 0;
    for (const g of groups) {
      g.resolve(results.slice(at, at + g.statements.length));
      at += g.statements.length;
    }
  }

  async #runAlone(group: ReadGroup): Promise<void> {
    try {
      const [only] = group.statements;
      group.resolve(group.statements.length === 1 ? [await only!.all()] : await this.session.batch(group.statements));
    } catch (err) {
      group.reject(err);
    }
  }
}

/** Where a request's session starts: writes at the primary, reads at the officer's bookmark or anywhere. */
export function sessionStart(method: string, bookmark: string | undefined): string {
  if (method !== "GET" && method !== "HEAD") return "first-primary";
  return bookmark && BOOKMARK.test(bookmark) ? bookmark : "first-unconstrained";
}

/** The request's view of D1 over a session of `binding`. */
export function requestDatabase(binding: D1Database, start: string): { db: D1Database; session: D1DatabaseSession } {
  const session = binding.withSession(start);
  return { db: new RequestDatabase(session, binding) as unknown as D1Database, session };
}

/** Per request: the binding itself and the sessions used (newest bookmark wins; bookmarks sort oldest to newest). */
const requests = new WeakMap<object, { binding: D1Database; sessions: D1DatabaseSession[] }>();

function useSession(c: Context<AppEnv>, start: string): void {
  const request = requests.get(c)!;
  const view = requestDatabase(request.binding, start);
  request.sessions.push(view.session);
  c.env = { ...c.env, DB: view.db };
}

/** Every API route: its D1 session, and the newest bookmark in the answer. */
export const d1Session = createMiddleware<AppEnv>(async (c, next) => {
  requests.set(c, { binding: c.env.DB, sessions: [] });
  useSession(c, sessionStart(c.req.method, c.req.header(BOOKMARK_HEADER)));
  await next();
  const newest = requests
    .get(c)!
    .sessions.map((s) => s.getBookmark())
    .filter((b): b is string => b !== null)
    .sort()
    .at(-1);
  if (newest) c.header(BOOKMARK_HEADER, newest);
});

/**
 * For a POST that turns out only to read (a sync with nothing to push): the rest of
 * the request reads from the officer's bookmark or anywhere, like a GET. Its token has
 * already been checked at the primary.
 */
export function readFromHere(c: Context<AppEnv>): void {
  if (requests.has(c)) useSession(c, sessionStart("GET", c.req.header(BOOKMARK_HEADER)));
}
