import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { SYSTEM_OFFICER_ID } from "../../worker/sql/attachments.ts";
import { pdf, upload } from "./attachment-files.ts";
import { call, json, officer } from "./helpers.ts";
import { collective, countRows, sync, unitId } from "./registrations.ts";

// The daily run of wrangler.toml's [triggers], called as Cloudflare calls it. Its clock
// is the trigger's scheduled time, so every date here is fixed, never today's.

const RUN_AT = Date.parse("2031-05-01T19:40:00.000Z");
const daysBefore = (days: number) => new Date(RUN_AT - days * 86_400_000).toISOString();

let clerk: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  village = await unitId("Thôn Trung Chính");
});

async function runScheduled(): Promise<void> {
  const controller = createScheduledController({ scheduledTime: RUN_AT, cron: "40 19 * * *" });
  const ctx = createExecutionContext();
  await worker.scheduled(controller, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** A registration with one file; deleted `deletedDaysAgo` days before the run, or live. */
async function registrationWithFile(deletedDaysAgo: number | null): Promise<{ id: string; file: string; key: string }> {
  const item = collective(village);
  expect((await sync(clerk, { registrations: [item], pull: false })).body.results[0].outcome).toBe("created");
  const file = (await json(await upload(clerk.token, item.id, pdf()))).id as string;
  if (deletedDaysAgo !== null) {
    expect((await sync(clerk, { registrations: [{ id: item.id, baseVersion: 1, deleted: true }], pull: false })).body.results[0].outcome).toBe("deleted");
    // Dated as if the tombstone had come that day (the version is untouched, so no audit entry).
    await env.DB.prepare("UPDATE registrations SET updated_at = ?2 WHERE id = ?1").bind(item.id, daysBefore(deletedDaysAgo)).run();
  }
  const key = (await env.DB.prepare("SELECT object_key FROM attachments WHERE id = ?1").bind(file).first<{ object_key: string }>())!.object_key;
  return { id: item.id, file, key };
}

async function exists(f: { file: string; key: string }): Promise<[boolean, boolean]> {
  const row = await countRows("SELECT count(*) AS n FROM attachments WHERE id = ?1", f.file);
  return [row === 1, (await env.FILES.head(f.key)) !== null];
}

describe("the scheduled upkeep", () => {
  it("removes the files of registrations deleted over 30 days ago, as the system, and keeps the rest", async () => {
    const old = await registrationWithFile(31);
    const recent = await registrationWithFile(29);
    const live = await registrationWithFile(null);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await runScheduled();
    log.mockRestore();

    expect(await exists(old)).toEqual([false, false]);
    expect(await exists(recent)).toEqual([true, true]);
    expect(await exists(live)).toEqual([true, true]);
    const { results: audit } = await env.DB.prepare(
      "SELECT officer_id, action, at, before, after, note FROM audit_log WHERE entity = 'attachment' AND entity_id = ?1 ORDER BY id",
    )
      .bind(old.file)
      .all<any>();
    expect(audit.map((a) => a.action)).toEqual(["create", "delete"]);
    expect(audit[1]).toMatchObject({ officer_id: SYSTEM_OFFICER_ID, at: new Date(RUN_AT).toISOString(), after: null, note: expect.stringMatching(/quá 30 ngày/) });
    expect(JSON.parse(audit[1].before)).toMatchObject({ registrationId: old.id, name: "minh-chung.pdf" });

    // The recent one is restored within its grace period: its file is there again.
    const restored = await env.DB.prepare("SELECT version FROM registrations WHERE id = ?1").bind(recent.id).first<{ version: number }>();
    const again = await sync(clerk, { registrations: [{ ...collective(village), id: recent.id, baseVersion: restored!.version }], pull: false });
    expect(again.body.results[0].outcome).toBe("updated");
    expect((await json(await call(`/api/v1/registrations/${recent.id}/attachments`, { token: clerk.token }))).map((f: { id: string }) => f.id)).toEqual([recent.file]);
  });

  it("finishes a removal that stopped half-way", async () => {
    const live = await registrationWithFile(null);
    await env.DB.prepare("UPDATE attachments SET removed_at = ?2, removed_by = 1 WHERE id = ?1").bind(live.file, daysBefore(1)).run();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await runScheduled();
    log.mockRestore();
    expect(await exists(live)).toEqual([false, false]);
  });

  it("purges download tickets that expired before the run and keeps the others", async () => {
    const officerId = (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(clerk.name).first<{ id: number }>())!.id;
    const insert = (hash: string, expiresAt: string) =>
      env.DB.prepare("INSERT INTO download_tickets (ticket_hash, officer_id, request, expires_at) VALUES (?1, ?2, '{}', ?3)").bind(hash, officerId, expiresAt).run();
    await insert("expired", daysBefore(1 / 24));
    await insert("live", new Date(RUN_AT + 3600_000).toISOString());
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await runScheduled();
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/tickets purged, optimize done/));
    log.mockRestore();
    expect(await countRows("SELECT count(*) AS n FROM download_tickets WHERE ticket_hash = 'expired'")).toBe(0);
    expect(await countRows("SELECT count(*) AS n FROM download_tickets WHERE ticket_hash = 'live'")).toBe(1);
  });

  it("still does the rest when the database refuses PRAGMA optimize", async () => {
    const refusing = new Proxy(env.DB, {
      get(t, p) {
        if (p === "prepare") {
          return (sql: string) => {
            if (/^PRAGMA/i.test(sql)) throw new Error("not authorized");
            return t.prepare(sql);
          };
        }
        const value = Reflect.get(t, p);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
    const old = await registrationWithFile(40);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: RUN_AT }), { ...env, DB: refusing }, ctx);
    expect(warn).toHaveBeenCalledWith("upkeep: PRAGMA optimize refused", expect.any(Error));
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/optimize refused/));
    warn.mockRestore();
    log.mockRestore();
    expect(await exists(old)).toEqual([false, false]);
  });
});
