import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { D1Database, D1DatabaseSession } from "../../worker/cf-types.ts";
import { BOOKMARK_HEADER, requestDatabase, sessionStart } from "../../worker/d1-session.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { BASE, call, json, officer } from "./helpers.ts";
import { campaignId, collective, unitId } from "./registrations.ts";

// Locally D1 has no replicas; what is tested is the contract the deployed worker keeps:
// every answer carries the session's bookmark, a request sent with it sees everything
// written before it, writes start at the primary, and reads issued together leave as
// one batch without mixing up their answers or their errors.

let clerk: DemoOfficer;
let village: number;
let campaign: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  village = await unitId("Thôn Trung Chính");
  campaign = await campaignId();
});

describe("D1 sessions: the bookmark travels", () => {
  it("answers reads and writes with the session's bookmark, exposed to other origins the pane may run on", async () => {
    const read = await call("/api/v1/me", { token: clerk.token, headers: { origin: BASE } });
    expect(read.status).toBe(200);
    expect(read.headers.get(BOOKMARK_HEADER)).toMatch(/\S/);
    expect(read.headers.get("access-control-expose-headers")).toContain(BOOKMARK_HEADER);
    // What the worker hands out, it takes back (a bookmark it did not recognise would be ignored).
    const bookmark = read.headers.get(BOOKMARK_HEADER)!;
    expect(sessionStart("GET", bookmark)).toBe(bookmark);

    const write = await call("/api/v1/sync", { token: clerk.token, body: { campaignId: campaign, registrations: [collective(village)] } });
    expect(write.status).toBe(200);
    expect(write.headers.get(BOOKMARK_HEADER)).toMatch(/\S/);
    // Bookmarks sort oldest to newest: the write's is not older than the read before it.
    expect(write.headers.get(BOOKMARK_HEADER)! >= read.headers.get(BOOKMARK_HEADER)!).toBe(true);
  });

  it("a read sent with the bookmark of a write sees that write, in the scoring sheet and the reports alike", async () => {
    const item = collective(village, { modelName: "Mô hình vừa gửi, đọc lại ngay" });
    const write = await call("/api/v1/sync", { token: clerk.token, body: { campaignId: campaign, registrations: [item], pull: false } });
    const bookmark = write.headers.get(BOOKMARK_HEADER)!;
    expect(bookmark).toMatch(/\S/);

    const judge = await officer("judge", "Xã Hà Giang");
    const sheet = await call(`/api/v1/campaigns/${campaign}/scoring`, { token: judge.token, headers: { [BOOKMARK_HEADER]: bookmark } });
    expect(sheet.status).toBe(200);
    expect((await json(sheet)).models.map((m: { registrationId: string }) => m.registrationId)).toContain(item.id);

    const pulled = await call("/api/v1/sync", { token: clerk.token, headers: { [BOOKMARK_HEADER]: bookmark }, body: { campaignId: campaign } });
    expect((await json(pulled)).changes.map((c: { id: string }) => c.id)).toContain(item.id);
    expect(pulled.headers.get(BOOKMARK_HEADER)! >= bookmark).toBe(true);
  });

  it("ignores a bookmark header that is not one, rather than failing the request", async () => {
    for (const junk of ["not a bookmark", "'; DROP TABLE officers; --", "x".repeat(5000), "first-primary"]) {
      const res = await call("/api/v1/me", { token: clerk.token, headers: { [BOOKMARK_HEADER]: junk } });
      expect(res.status).toBe(200);
    }
  });

  it("starts writes at the primary, reads at the officer's bookmark or anywhere", () => {
    const bookmark = "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683";
    expect(sessionStart("POST", bookmark)).toBe("first-primary");
    expect(sessionStart("DELETE", undefined)).toBe("first-primary");
    expect(sessionStart("GET", bookmark)).toBe(bookmark);
    expect(sessionStart("GET", undefined)).toBe("first-unconstrained");
    expect(sessionStart("GET", "first-primary")).toBe("first-unconstrained");
  });
});

/** The binding with its sessions' batches counted: what leaves for D1 as a batch. */
function counted(): { binding: D1Database; batches: string[][] } {
  const batches: string[][] = [];
  const binding = {
    withSession(start: string) {
      const session = env.DB.withSession(start);
      return {
        prepare: (sql: string) => session.prepare(sql),
        batch: (statements: { statement?: string }[]) => {
          batches.push(statements.map((s) => String(s.statement)));
          return session.batch(statements as never);
        },
        getBookmark: () => session.getBookmark(),
      } as unknown as D1DatabaseSession;
    },
  } as unknown as D1Database;
  return { binding, batches };
}

describe("D1 sessions: reads issued together leave together", () => {
  it("sends concurrent reads as one batch and gives each caller its own answer", async () => {
    const { binding, batches } = counted();
    const { db } = requestDatabase(binding, "first-primary");
    const [one, units, count, nothing] = await Promise.all([
      db.prepare("SELECT 1 AS one").first<{ one: number }>(),
      db.prepare("SELECT id FROM org_units WHERE id = ?1").bind(village).all<{ id: number }>(),
      db.prepare("SELECT count(*) AS n FROM org_units").first<number>("n"),
      db.prepare("SELECT id FROM org_units WHERE id = -1").first(),
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(4);
    expect(one).toEqual({ one: 1 });
    expect(units.results).toEqual([{ id: village }]);
    expect(count).toBeGreaterThan(10);
    expect(nothing).toBeNull();
  });

  it("joins a read batch with reads beside it and hands each its own slice", async () => {
    const { binding, batches } = counted();
    const { db } = requestDatabase(binding, "first-primary");
    const [pair, single] = await Promise.all([
      db.batch<{ v: number }>([db.prepare("SELECT 1 AS v"), db.prepare("SELECT 2 AS v")]),
      db.prepare("SELECT 3 AS v").first<{ v: number }>(),
    ]);
    expect(batches).toHaveLength(1);
    expect(pair.map((r) => r.results[0]!.v)).toEqual([1, 2]);
    expect(single).toEqual({ v: 3 });
  });

  it("gives a failing read its own error and the others their answers", async () => {
    const { binding } = counted();
    const { db } = requestDatabase(binding, "first-primary");
    const results = await Promise.allSettled([
      db.prepare("SELECT 1 AS v").first<{ v: number }>(),
      db.prepare("SELECT nope FROM no_such_table").all(),
      db.prepare("SELECT 1 AS v").first<number>("no_such_column"),
      db.prepare("SELECT 2 AS v").first<{ v: number }>(),
    ]);
    expect(results[0]).toEqual({ status: "fulfilled", value: { v: 1 } });
    expect(results[1]).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/no_such_table/) } });
    expect(results[2]).toMatchObject({ status: "rejected", reason: { message: expect.stringMatching(/D1_COLUMN_NOTFOUND/) } });
    expect(results[3]).toEqual({ status: "fulfilled", value: { v: 2 } });
  });

  it("never joins a write: its batch leaves as its code built it, whatever reads run beside it", async () => {
    const { binding, batches } = counted();
    const { db } = requestDatabase(binding, "first-primary");
    const write = [
      db.prepare("UPDATE counters SET value = value WHERE name = 'change_seq'"),
      db.prepare("SELECT value FROM counters WHERE name = 'change_seq'"),
    ];
    const [written, read] = await Promise.all([db.batch(write), db.prepare("SELECT 7 AS v").first<{ v: number }>()]);
    expect(batches.map((b) => b.length).sort()).toEqual([2]);
    expect(batches[0]![0]).toMatch(/^UPDATE/);
    expect(written).toHaveLength(2);
    expect(read).toEqual({ v: 7 });
  });
});
