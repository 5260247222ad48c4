import { CALLS_HEADER, DELAY_HEADER } from "./d1-probe-headers.ts";
import worker from "../worker/index.ts";
import type { Bindings } from "../worker/env.ts";
import type { D1Database, D1DatabaseSession, D1PreparedStatement, ExecutionContext } from "../worker/cf-types.ts";

// The bench's entry, never deployed: the real worker (worker/index.ts) with its D1
// binding wrapped, so the bench sees what production would send over the network.
// Every call that leaves for D1 (`first`, `all`, `run`, `raw`, `batch`, `exec`; a
// batch is one) is counted, and may be held back first by a delay the request asks
// for, standing in for the distance between a Worker in Vietnam and its D1 primary.
// The count comes back in the answer's X-Bench-D1-Calls. Production code pays nothing:
// wrangler.toml's `main` is worker/index.ts, and only bench/support.ts starts this one.


interface Probe {
  calls: number;
  delayMs: number;
}

async function leave<T>(probe: Probe, send: () => Promise<T>): Promise<T> {
  probe.calls++;
  if (probe.delayMs > 0) await new Promise((r) => setTimeout(r, probe.delayMs));
  return send();
}

class ProbeStatement {
  constructor(
    readonly probe: Probe,
    readonly inner: D1PreparedStatement,
  ) {}
  bind(...values: unknown[]) {
    return new ProbeStatement(this.probe, this.inner.bind(...values));
  }
  first(column?: string) {
    return leave(this.probe, () => (column === undefined ? this.inner.first() : this.inner.first(column)));
  }
  all() {
    return leave(this.probe, () => this.inner.all());
  }
  run() {
    return leave(this.probe, () => this.inner.run());
  }
  raw(options?: { columnNames?: boolean }) {
    return leave(this.probe, () => (options?.columnNames ? this.inner.raw({ columnNames: true }) : this.inner.raw()));
  }
}

const unwrap = (s: D1PreparedStatement) => (s instanceof ProbeStatement ? s.inner : s) as D1PreparedStatement;
const wrap = (probe: Probe, s: D1PreparedStatement) => new ProbeStatement(probe, s) as unknown as D1PreparedStatement;

function probeSession(probe: Probe, session: D1DatabaseSession): D1DatabaseSession {
  return {
    prepare: (sql) => wrap(probe, session.prepare(sql)),
    batch: (statements) => leave(probe, () => session.batch(statements.map(unwrap))),
    getBookmark: () => session.getBookmark(),
  } as D1DatabaseSession;
}

function probeDatabase(probe: Probe, db: D1Database): D1Database {
  return {
    prepare: (sql) => wrap(probe, db.prepare(sql)),
    batch: (statements) => leave(probe, () => db.batch(statements.map(unwrap))),
    exec: (sql) => leave(probe, () => db.exec(sql)),
    dump: () => leave(probe, () => db.dump()),
    withSession: (start) => probeSession(probe, db.withSession(start)),
  } as D1Database;
}

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    const probe: Probe = { calls: 0, delayMs: Number(request.headers.get(DELAY_HEADER) ?? 0) || 0 };
    const answer = await worker.fetch(request, { ...env, DB: probeDatabase(probe, env.DB) }, ctx);
    // The body is complete before the count is read: nothing the answer streams touches D1.
    const body = await answer.arrayBuffer();
    const out = new Response(body, answer);
    out.headers.set(CALLS_HEADER, String(probe.calls));
    return out;
  },
  scheduled: worker.scheduled,
};
