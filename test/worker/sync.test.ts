import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json, officer } from "./helpers.ts";
import { campaignId, collective, countRows, individual, sync, unitId } from "./registrations.ts";
import { packByBytes } from "../../worker/sql/json-params.ts";
import { encodeWrite, type RegistrationSnapshot } from "../../worker/sql/registrations.ts";

let clerk: DemoOfficer;
let otherClerk: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  otherClerk = await officer("clerk", "Xã Hà Lĩnh");
  village = await unitId("Thôn Trung Chính");
});

describe("POST /api/v1/sync: pushing registrations", () => {
  it("creates both forms, answers one result per item, and writes one audit entry each", async () => {
    const a = collective(village);
    const b = individual(village);
    const { status, body } = await sync(clerk, { registrations: [a, b] });
    expect(status).toBe(200);
    expect(body.results).toEqual([
      { id: a.id, outcome: "created", version: 1 },
      { id: b.id, outcome: "created", version: 1 },
    ]);
    expect(body.changes.map((c: { id: string }) => c.id)).not.toContain(a.id);
    expect(body.cursor).toMatch(/^\d+$/);
    const stored = await env.DB.prepare("SELECT * FROM registrations WHERE id = ?1").bind(b.id).first<Record<string, unknown>>();
    expect(stored).toMatchObject({ kind: "individual", person_name: "Nguyễn Văn Thắng", position: "Trưởng thôn", version: 1, deleted: 0 });
    expect(await countRows("SELECT count(*) n FROM audit_log WHERE entity_id IN (?1, ?2) AND action = 'create'", a.id, b.id)).toBe(2);
  });

  it("answers a replayed request with unchanged: no duplicate row, no second audit entry, no false conflict", async () => {
    const items = [collective(village), individual(village)];
    const first = await sync(clerk, { registrations: items });
    const again = await sync(clerk, { registrations: items });
    expect(again.body.results).toEqual(items.map((i) => ({ id: i.id, outcome: "unchanged", version: 1 })));
    for (const i of items) {
      expect(await countRows("SELECT count(*) n FROM registrations WHERE id = ?1", i.id)).toBe(1);
      expect(await countRows("SELECT count(*) n FROM audit_log WHERE entity_id = ?1", i.id)).toBe(1);
    }
    // An edit whose answer was lost, replayed: still unchanged, at the version it made.
    const edited = { ...items[0]!, baseVersion: 1, modelName: "Tên mô hình đã sửa" };
    expect((await sync(clerk, { registrations: [edited] })).body.results[0]).toEqual({ id: edited.id, outcome: "updated", version: 2 });
    expect((await sync(clerk, { registrations: [edited] })).body.results[0]).toEqual({ id: edited.id, outcome: "unchanged", version: 2 });
    expect(first.status).toBe(200);
  });

  it("refuses a stale edit with different content as a conflict carrying the server's copy", async () => {
    const item = collective(village);
    await sync(clerk, { registrations: [item] });
    await sync(clerk, { registrations: [{ ...item, baseVersion: 1, modelName: "Bản của máy A" }] });
    const { body } = await sync(clerk, { registrations: [{ ...item, baseVersion: 1, modelName: "Bản của máy B" }] });
    expect(body.results[0]).toMatchObject({ id: item.id, outcome: "conflict", version: 2, current: { modelName: "Bản của máy A", version: 2 } });
    expect(body.results[0].errors[0].message).toMatch(/sửa ở nơi khác/);
    const row = await env.DB.prepare("SELECT model_name FROM registrations WHERE id = ?1").bind(item.id).first<{ model_name: string }>();
    expect(row!.model_name).toBe("Bản của máy A");
  });

  it("lets exactly one of two racing edits from the same base win; the other gets a conflict", async () => {
    const items = Array.from({ length: 20 }, () => collective(village));
    await sync(clerk, { registrations: items });
    const [a, b] = await Promise.all([
      sync(clerk, { registrations: items.map((i) => ({ ...i, baseVersion: 1, modelName: "bản A" })) }),
      sync(clerk, { registrations: items.map((i) => ({ ...i, baseVersion: 1, modelName: "bản B" })) }),
    ]);
    items.forEach((_item, k) => {
      const outcomes = [a.body.results[k].outcome, b.body.results[k].outcome].sort();
      expect(outcomes).toEqual(["conflict", "updated"]);
      const loser = a.body.results[k].outcome === "conflict" ? a.body.results[k] : b.body.results[k];
      expect(loser.current.modelName).toBe(a.body.results[k].outcome === "updated" ? "bản A" : "bản B");
    });
    for (const item of items) {
      expect(await countRows("SELECT count(*) n FROM audit_log WHERE entity_id = ?1 AND action = 'update'", item.id)).toBe(1);
    }
  });

  it("deletes by tombstone, idempotently, and refuses a tombstone on a newer version", async () => {
    const item = collective(village);
    await sync(clerk, { registrations: [item] });
    const tomb = { id: item.id, baseVersion: 1, deleted: true };
    expect((await sync(clerk, { registrations: [tomb] })).body.results[0]).toEqual({ id: item.id, outcome: "deleted", version: 2 });
    expect((await sync(clerk, { registrations: [tomb] })).body.results[0]).toEqual({ id: item.id, outcome: "unchanged", version: 2 });
    const row = await env.DB.prepare("SELECT deleted, model_name FROM registrations WHERE id = ?1").bind(item.id).first();
    expect(row).toEqual({ deleted: 1, model_name: item.modelName });

    const other = collective(village);
    await sync(clerk, { registrations: [other] });
    await sync(clerk, { registrations: [{ ...other, baseVersion: 1, modelName: "sửa" }] });
    const late = await sync(clerk, { registrations: [{ id: other.id, baseVersion: 1, deleted: true }] });
    expect(late.body.results[0]).toMatchObject({ outcome: "conflict", current: { modelName: "sửa", deleted: false } });
  });

  it("accepts a form handed in after the deadline, and dates an undated one today", async () => {
    const late = collective(village, { submittedAt: "2023-03-27" });
    const undated = collective(village, { submittedAt: undefined });
    const { body } = await sync(clerk, { registrations: [late, undated] });
    expect(body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "created"]);
    const rows = await env.DB.prepare("SELECT id, submitted_at FROM registrations WHERE id IN (?1, ?2)").bind(late.id, undated.id).all<{ id: string; submitted_at: string }>();
    const byId = new Map(rows.results.map((r) => [r.id, r.submitted_at]));
    expect(byId.get(late.id)).toBe("2023-03-27");
    expect(byId.get(undated.id)).toMatch(/^20\d\d-\d\d-\d\d$/);
    // Re-sending without the day keeps the day recorded.
    const again = await sync(clerk, { registrations: [{ ...undated, baseVersion: 1 }] });
    expect(again.body.results[0].outcome).toBe("unchanged");
  });

  it("writes rows packed across several D1 parameters when a batch is large", async () => {
    const long = `${"Mô hình dân vận khéo ".repeat(14).slice(0, 299)}.`;
    const items = Array.from({ length: 600 }, () =>
      collective(village, { modelName: long, unitName: long, address: long, representative: long }),
    );
    const { body } = await sync(clerk, { registrations: items });
    expect(body.results.every((r: { outcome: string }) => r.outcome === "created")).toBe(true);
    expect(await countRows(`SELECT count(*) n FROM registrations WHERE model_name = ?1`, long)).toBe(600);
    expect(await countRows(`SELECT count(*) n FROM audit_log a JOIN registrations r ON r.id = a.entity_id WHERE r.model_name = ?1`, long)).toBe(600);
  });
});

describe("POST /api/v1/sync: bad input", () => {
  it("refuses each bad item on its own, naming the field and the reason in Vietnamese; the rest land", async () => {
    const good = collective(village);
    const items = [
      { ...collective(village), modelName: "" },
      { ...collective(village), field: "Nông nghiệp" },
      { ...collective(village), id: "not-a-uuid" },
      { ...collective(village), expectedBenefit: "nhiều" },
      { ...collective(village), startDate: "2023-12-01", endDate: "2023-03-01" },
      { ...collective(village), unitName: "x".repeat(301) },
      { ...individual(village), personName: null },
      { ...collective(village), level: "commune" },
      { ...collective(village), orgUnitId: 99_999_999 },
      "a string",
      null,
      good,
    ];
    const { status, body } = await sync(clerk, { registrations: items });
    expect(status).toBe(200);
    const codes = body.results.map((r: { outcome: string; errors?: { path: string; code: string }[] }) => [
      r.outcome,
      r.errors?.map((e) => `${e.path}:${e.code}`).join(","),
    ]);
    expect(codes).toEqual([
      ["invalid", "modelName:required"],
      ["invalid", "field:unknown_field"],
      ["invalid", "id:invalid_uuid"],
      ["invalid", "expectedBenefit:invalid_type"],
      ["invalid", "endDate:start_after_end"],
      ["invalid", "unitName:too_long"],
      ["invalid", "personName:required"],
      ["invalid", "level:unknown_level"],
      ["invalid", "orgUnitId:unknown_org_unit"],
      ["invalid", expect.any(String)],
      ["invalid", expect.any(String)],
      ["created", undefined],
    ]);
    for (const r of body.results.slice(0, -1)) {
      for (const e of r.errors) expect(e.message).toMatch(/[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i);
    }
    expect(body.results[1].errors[0].message).toMatch(/^Lĩnh vực: /);
    expect(await countRows("SELECT count(*) n FROM registrations WHERE id = ?1", good.id)).toBe(1);
  });

  it("refuses more than 1,000 items whole, with 413 and how to split", async () => {
    const items = Array.from({ length: 1001 }, () => collective(village));
    const { status, body } = await sync(clerk, { registrations: items });
    expect(status).toBe(413);
    expect(body.code).toBe("too_many_items");
    expect(body.message).toMatch(/1\.001.*2 lần gửi/);
    expect(await countRows("SELECT count(*) n FROM registrations WHERE id = ?1", items[0]!.id)).toBe(0);
  });

  it("answers malformed JSON 400, another content type 415, an unknown campaign 404, a bad envelope 400", async () => {
    const bad = await call("/api/v1/sync", { token: clerk.token, rawBody: '{"campaignId": 1,', headers: { "content-type": "application/json" } });
    expect(bad.status).toBe(400);
    expect((await json(bad)).code).toBe("bad_json");
    const text = await call("/api/v1/sync", { token: clerk.token, rawBody: "campaignId=1", headers: { "content-type": "text/plain" } });
    expect(text.status).toBe(415);
    expect((await json(text)).code).toBe("unsupported_media_type");
    const unknown = await sync(clerk, { campaignId: 424242 });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("campaign_not_found");
    const envelope = await call("/api/v1/sync", { token: clerk.token, body: { campaignId: "một", registrations: {} } });
    expect(envelope.status).toBe(400);
    expect(await json(envelope)).toMatchObject({ code: "invalid_request", errors: expect.any(Array) });
  });

  it("keeps a batch all-or-nothing when D1 fails inside it", async () => {
    const items = [collective(village), collective(village), collective(village)];
    await env.DB.prepare(
      `CREATE TRIGGER inject_failure BEFORE INSERT ON audit_log WHEN NEW.entity_id = '${items[1]!.id}' BEGIN SELECT RAISE(ABORT, 'injected'); END`,
    ).run();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const failed = await sync(clerk, { registrations: items });
    log.mockRestore();
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ code: "internal", message: expect.any(String) });
    for (const i of items) expect(await countRows("SELECT count(*) n FROM registrations WHERE id = ?1", i.id)).toBe(0);
    await env.DB.prepare("DROP TRIGGER inject_failure").run();
    const retried = await sync(clerk, { registrations: items });
    expect(retried.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(["created", "created", "created"]);
  });
});

describe("POST /api/v1/sync: pulling", () => {
  it("gives another officer of the commune every change since the cursor, tombstones included, in pages", async () => {
    const judge = await officer("judge", "Xã Hà Giang");
    const start = await sync(judge, {});
    let cursor: string = start.body.cursor;
    const batch = Array.from({ length: 700 }, () => collective(village));
    const more = Array.from({ length: 700 }, () => collective(village));
    await sync(clerk, { registrations: batch });
    await sync(clerk, { registrations: more });
    await sync(clerk, { registrations: [{ id: batch[0]!.id, baseVersion: 1, deleted: true }] });

    const seen = new Map<string, { deleted: boolean; version: number }>();
    let pages = 0;
    for (;;) {
      const { body } = await sync(judge, { cursor });
      pages++;
      for (const c of body.changes) seen.set(c.id, c);
      cursor = body.cursor;
      if (!body.more) break;
    }
    expect(pages).toBe(2);
    expect(seen.size).toBe(1400);
    expect(seen.get(batch[0]!.id)).toMatchObject({ deleted: true, version: 2 });
    expect((await sync(judge, { cursor })).body.changes).toEqual([]);
  });

  it("never sends another commune's registrations", async () => {
    const mine = collective(village);
    await sync(clerk, { registrations: [mine] });
    // The other commune's own registration must come through the same pull, so an empty
    // pull cannot pass for a filtered one.
    const theirVillage = await env.DB.prepare("SELECT id FROM org_units WHERE parent_id = ?1 AND kind = 'village' ORDER BY id LIMIT 1")
      .bind(otherClerk.scopeId)
      .first<{ id: number }>();
    const theirs = collective(theirVillage!.id);
    expect((await sync(otherClerk, { registrations: [theirs], pull: false })).body.results[0].outcome).toBe("created");
    let cursor: string | null = null;
    const ids = new Set<string>();
    for (;;) {
      const { body } = await sync(otherClerk, { cursor });
      for (const c of body.changes) ids.add(c.id);
      cursor = body.cursor;
      if (!body.more) break;
    }
    expect(ids.has(theirs.id)).toBe(true);
    expect(ids.has(mine.id)).toBe(false);
  });
});

describe("the audit log", () => {
  it("is append-only", async () => {
    await sync(clerk, { registrations: [collective(village)] });
    await expect(env.DB.prepare("UPDATE audit_log SET note = 'x'").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM audit_log").run()).rejects.toThrow(/append-only/);
  });

  it("records who, when, before and after", async () => {
    // Two different officers, so an entry naming the creator (or anyone fixed) fails.
    const admin = await officer("admin");
    const idOf = async (o: DemoOfficer) =>
      (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1 AND scope_id = ?2").bind(o.name, o.scopeId).first<{ id: number }>())!.id;
    const item = collective(village);
    await sync(clerk, { registrations: [item] });
    await sync(admin, { registrations: [{ ...item, baseVersion: 1, expectedBenefit: null }] });
    const rows = await env.DB.prepare("SELECT officer_id, at, action, version, before, after FROM audit_log WHERE entity_id = ?1 ORDER BY id")
      .bind(item.id)
      .all<{ officer_id: number; at: string; action: string; version: number; before: string | null; after: string }>();
    expect(rows.results.map((r) => [r.action, r.version, r.officer_id])).toEqual([
      ["create", 1, await idOf(clerk)],
      ["update", 2, await idOf(admin)],
    ]);
    expect(rows.results[0]!.before).toBeNull();
    expect(JSON.parse(rows.results[1]!.before!).expectedBenefit).toBe(1_200_000_000);
    expect(JSON.parse(rows.results[1]!.after).expectedBenefit).toBeNull();
    expect(rows.results[0]!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(rows.results[1]!.at >= rows.results[0]!.at).toBe(true);
  });
});

describe("POST /api/v1/sync: the period as written, open periods, the model's account", () => {
  /** A thuyết minh at its 4,000-character maximum: Vietnamese, several paragraphs. */
  const account = (seed: string) => {
    const paragraph = `${seed}: mục đích vận động nhân dân hiến đất, cách làm “dân biết, dân bàn, dân làm, dân kiểm tra”, kết quả bước đầu đã mở rộng 2,5 km đường.\n`;
    return paragraph.repeat(Math.ceil(4000 / paragraph.length)).slice(0, 3999) + ".";
  };

  it("stores and pulls periodText, description and participants as sent", async () => {
    const item = collective(village, {
      periodText: "Năm 2023 và những năm tiếp theo",
      description: "Mục đích: vận động hiến đất.\nCách làm: họp dân từng xóm.\nKết quả: 120 hộ hiến đất.",
      participants: 450,
    });
    expect((await sync(clerk, { registrations: [item] })).body.results[0]).toEqual({ id: item.id, outcome: "created", version: 1 });
    const judge = await officer("judge", "Xã Hà Giang");
    const pulled = await pullAll(judge);
    expect(pulled.get(item.id)).toMatchObject({
      periodText: "Năm 2023 và những năm tiếp theo",
      description: "Mục đích: vận động hiến đất.\nCách làm: họp dân từng xóm.\nKết quả: 120 hộ hiến đất.",
      participants: 450,
      startDate: "2023-03-01",
      endDate: "2023-11-30",
    });
    // Absent, null and blank all mean "not given".
    const bare = collective(village, { periodText: "  ", description: "\n \n" });
    await sync(clerk, { registrations: [bare] });
    const row = await env.DB.prepare("SELECT period_text, description, participants FROM registrations WHERE id = ?1").bind(bare.id).first();
    expect(row).toEqual({ period_text: null, description: null, participants: null });
  });

  it("keeps an open period (no end) and a standing one (no dates) with null dates, and still refuses a start after its end", async () => {
    const ongoing = collective(village, { startDate: "2023-03-01", endDate: null, periodText: "Từ tháng 3/2023" });
    const standing = collective(village, { startDate: null, endDate: null, periodText: "Thường xuyên" });
    const backwards = collective(village, { startDate: "2023-12-01", endDate: "2023-03-01" });
    const forgotten = collective(village, { endDate: undefined });
    const { body } = await sync(clerk, { registrations: [ongoing, standing, backwards, forgotten] });
    expect(body.results.map((r: { outcome: string; errors?: { path: string; code: string }[] }) => [r.outcome, r.errors?.map((e) => `${e.path}:${e.code}`).join()])).toEqual([
      ["created", undefined],
      ["created", undefined],
      ["invalid", "endDate:start_after_end"],
      ["invalid", "endDate:required"],
    ]);
    expect(body.results[3].errors[0].message).toMatch(/^Thời gian hoàn thành: /);
    const rows = await env.DB.prepare("SELECT id, start_date, end_date FROM registrations WHERE id IN (?1, ?2)").bind(ongoing.id, standing.id).all();
    expect(new Map(rows.results.map((r) => [r.id, [r.start_date, r.end_date]]))).toEqual(
      new Map([[ongoing.id, ["2023-03-01", null]], [standing.id, [null, null]]]),
    );
    const pulled = await pullAll(await officer("judge", "Xã Hà Giang"));
    expect(pulled.get(ongoing.id)).toMatchObject({ startDate: "2023-03-01", endDate: null, periodText: "Từ tháng 3/2023" });
    expect(pulled.get(standing.id)).toMatchObject({ startDate: null, endDate: null, periodText: "Thường xuyên" });
    // Closing the period later is an ordinary edit.
    const closed = { ...ongoing, baseVersion: 1, endDate: "2024-12-31", periodText: "Từ tháng 3/2023 đến hết năm 2024" };
    expect((await sync(clerk, { registrations: [closed] })).body.results[0]).toMatchObject({ outcome: "updated", version: 2 });
  });

  it("refuses a description over 4,000 characters, a negative or fractional number of participants, naming the item", async () => {
    const items = [
      collective(village, { description: `${account("quá dài")}x` }),
      collective(village, { participants: -1 }),
      collective(village, { participants: 12.5 }),
      collective(village, { periodText: "x".repeat(301) }),
    ];
    const { body } = await sync(clerk, { registrations: items });
    expect(body.results.map((r: { errors: { path: string; code: string }[] }) => r.errors.map((e) => `${e.path}:${e.code}`).join())).toEqual([
      "description:too_long",
      "participants:out_of_range",
      "participants:invalid_type",
      "periodText:too_long",
    ]);
    expect(body.results[0].errors[0].message).toBe("Thuyết minh mô hình: dài quá 4000 ký tự.");
    expect(body.results[1].errors[0].message).toMatch(/^Số người tham gia: /);
  });

  it("answers a replay of the new items unchanged, even with Windows line breaks and stray spaces", async () => {
    const item = collective(village, { description: "Dòng một.\r\nDòng hai.", participants: 0, endDate: null, periodText: "Từ năm 2023 đến nay" });
    expect((await sync(clerk, { registrations: [item] })).body.results[0].outcome).toBe("created");
    const replay = { ...item, description: "  Dòng một.\nDòng hai.\n", periodText: " Từ năm 2023  đến nay " };
    expect((await sync(clerk, { registrations: [replay] })).body.results[0]).toEqual({ id: item.id, outcome: "unchanged", version: 1 });
    expect((await sync(clerk, { registrations: [{ ...replay, baseVersion: 1 }] })).body.results[0]).toEqual({ id: item.id, outcome: "unchanged", version: 1 });
    // A stale copy that differs only in a new item is a conflict like any other.
    await sync(clerk, { registrations: [{ ...item, baseVersion: 1, participants: 30 }] });
    const stale = (await sync(clerk, { registrations: [{ ...item, baseVersion: 1, participants: 31 }] })).body.results[0];
    expect(stale).toMatchObject({ outcome: "conflict", current: { participants: 30, description: "Dòng một.\nDòng hai.", endDate: null } });
    expect(await countRows("SELECT count(*) n FROM audit_log WHERE entity_id = ?1", item.id)).toBe(2);
  });

  it("packs 4,000-character Vietnamese accounts across several D1 parameters and stores each exactly", async () => {
    // About 5.5 KB of UTF-8 each: 800 rows make about 4.6 MB, three parameters of at most 1.9 MB.
    const items = Array.from({ length: 800 }, (_, i) => ({ ...collective(village), description: account(`Mô hình ${i}`), participants: i }));
    const chunks = packByBytes(
      items.map((i, k) => ({ id: i.id, snapshot: { ...i, deleted: false } as unknown as RegistrationSnapshot, version: 1, seqOffset: k + 1 })),
      encodeWrite,
    );
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    for (const c of chunks) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(1_900_000);
    const { status, body } = await sync(clerk, { registrations: items, pull: false });
    expect(status).toBe(200);
    expect(body.results.every((r: { outcome: string }) => r.outcome === "created")).toBe(true);
    const stored = await env.DB.prepare(
      "SELECT id, description, participants FROM registrations WHERE id IN (SELECT value FROM json_each(?1))",
    )
      .bind(JSON.stringify(items.map((i) => i.id)))
      .all<{ id: string; description: string; participants: number }>();
    const byId = new Map(stored.results.map((r) => [r.id, r]));
    for (const i of items) {
      expect(byId.get(i.id)!.description).toBe(i.description);
      expect(byId.get(i.id)!.description.length).toBe(4000);
      expect(byId.get(i.id)!.participants).toBe(i.participants);
    }
    const audited = await env.DB.prepare(
      "SELECT after ->> '$.description' AS d FROM audit_log WHERE entity = 'registration' AND entity_id = ?1",
    )
      .bind(items[799]!.id)
      .first<{ d: string }>();
    expect(audited!.d).toBe(items[799]!.description);
  });

  it("audits every item of the form, the new ones included, as one flat object before and after", async () => {
    const item = collective(village, { periodText: "Quý II/2023", description: "Thuyết minh ngắn.", participants: 12 });
    await sync(clerk, { registrations: [item] });
    await sync(clerk, { registrations: [{ ...item, baseVersion: 1, description: null, participants: null, endDate: null }] });
    const rows = await env.DB.prepare("SELECT action, before, after FROM audit_log WHERE entity_id = ?1 ORDER BY id")
      .bind(item.id)
      .all<{ action: string; before: string | null; after: string }>();
    const items = [
      "orgUnitId", "kind", "unitName", "address", "personName", "position", "modelName", "field", "expectedBenefit",
      "startDate", "endDate", "periodText", "level", "representative", "submittedAt", "description", "participants", "deleted",
    ].sort();
    const [created, updated] = rows.results;
    expect(Object.keys(JSON.parse(created!.after)).sort()).toEqual(items);
    expect(JSON.parse(created!.after)).toMatchObject({ periodText: "Quý II/2023", description: "Thuyết minh ngắn.", participants: 12 });
    expect(Object.keys(JSON.parse(updated!.before!)).sort()).toEqual(items);
    expect(JSON.parse(updated!.before!)).toMatchObject({ description: "Thuyết minh ngắn.", participants: 12, endDate: "2023-11-30" });
    expect(Object.keys(JSON.parse(updated!.after)).sort()).toEqual(items);
    expect(JSON.parse(updated!.after)).toMatchObject({ description: null, participants: null, endDate: null, periodText: "Quý II/2023" });
  });
});

/** Every change in the officer's scope, from the beginning, page by page. */
async function pullAll(who: DemoOfficer): Promise<Map<string, Record<string, unknown>>> {
  const seen = new Map<string, Record<string, unknown>>();
  let cursor: string | null = null;
  for (;;) {
    const { body } = await sync(who, { cursor });
    for (const c of body.changes) seen.set(c.id, c);
    cursor = body.cursor;
    if (!body.more) return seen;
  }
}
