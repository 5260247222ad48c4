import type Database from "better-sqlite3";
import type { D1Database, D1PreparedStatement, D1Result } from "../worker/cf-types.ts";

// The worker's own SQL functions over better-sqlite3, for loading the national dataset
// straight into the local D1 file: the same statements, triggers and audit as through
// the API, without HTTP and workerd in the way. Only what the worker's SQL uses: ?N
// parameters, booleans as 0/1 (as D1 binds them), a batch as one transaction.

type Row = Record<string, unknown>;

function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === undefined) throw new TypeError("D1_TYPE_ERROR: undefined is not bindable");
  return value;
}

export function d1OverSqlite(db: Database.Database): D1Database {
  const compiled = new Map<string, Database.Statement>();
  const compile = (sql: string) => {
    let stmt = compiled.get(sql);
    if (!stmt) {
      // better-sqlite3 takes ?N only by name: ?N becomes @pN with the same value.
      stmt = db.prepare(sql.replace(/\?(\d+)/g, "@p$1"));
      compiled.set(sql, stmt);
    }
    return stmt;
  };

  class Statement {
    constructor(
      readonly sql: string,
      readonly values: unknown[] = [],
    ) {}
    bind(...values: unknown[]) {
      return new Statement(this.sql, values.map(bindable));
    }
    execute(): D1Result<Row> {
      const stmt = compile(this.sql);
      const params = Object.fromEntries(this.values.map((v, i) => [`p${i + 1}`, v]));
      if (stmt.reader) {
        const results = stmt.all(params) as Row[];
        return { success: true, results, meta: { changes: 0, last_row_id: 0 } as D1Result["meta"] };
      }
      const info = stmt.run(params);
      return { success: true, results: [], meta: { changes: info.changes, last_row_id: Number(info.lastInsertRowid) } as D1Result["meta"] };
    }
    async all() {
      return this.execute();
    }
    async run() {
      return this.execute();
    }
    async first(column?: string) {
      const row = this.execute().results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    }
    async raw() {
      return this.execute().results.map((r) => Object.values(r));
    }
  }

  const asD1 = (s: Statement) => s as unknown as D1PreparedStatement;
  return {
    prepare: (sql: string) => asD1(new Statement(sql)),
    batch: async (statements: D1PreparedStatement[]) =>
      db.transaction(() => statements.map((s) => (s as unknown as Statement).execute()))(),
    exec: async (sql: string) => {
      db.exec(sql);
      return { count: 1, duration: 0 };
    },
    dump: async () => new ArrayBuffer(0),
    withSession: () => {
      throw new Error("no sessions over better-sqlite3");
    },
  } as unknown as D1Database;
}
