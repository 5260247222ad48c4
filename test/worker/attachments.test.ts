import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../worker/index.ts";
import { storeAttachment } from "../../worker/attachments/store.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { ACCEPTED_LABELS, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_REGISTRATION } from "../../shared/attachments.ts";
import { REQUEST_PROBLEMS } from "../../shared/problems.ts";
import { EXE, JPEG, PLAIN_ZIP, PNG, WEBP, concat, docx, pdf, sha256Hex, upload, xlsx, zip } from "./attachment-files.ts";
import { BASE, call, json, officer } from "./helpers.ts";
import { campaignId, collective, countRows, sync, unitId } from "./registrations.ts";

let clerk: DemoOfficer;
let admin: DemoOfficer;
let judge: DemoOfficer;
let viewer: DemoOfficer;
let otherClerk: DemoOfficer;
let village: number;

beforeAll(async () => {
  clerk = await officer("clerk", "Xã Hà Giang");
  admin = await officer("admin");
  judge = await officer("judge", "Xã Hà Giang");
  viewer = await officer("viewer", "Xã Hà Giang");
  otherClerk = await officer("clerk", "Xã Hà Lĩnh");
  village = await unitId("Thôn Trung Chính");
});

/** A fresh registration of xã Hà Giang, filed by its clerk. */
async function registration(): Promise<string> {
  const item = collective(village);
  const { body } = await sync(clerk, { registrations: [item], pull: false });
  expect(body.results[0].outcome).toBe("created");
  return item.id;
}

async function objectCount(): Promise<number> {
  return (await env.FILES.list()).objects.length;
}

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("uploading evidence files", () => {
  it.each([
    ["a PDF", () => pdf(), "application/pdf", "Biên bản.pdf"],
    ["a JPEG photo", () => JPEG, "image/jpeg", "Ảnh hiện trường.jpg"],
    ["a PNG image", () => PNG, "image/png", "Sơ đồ.png"],
    ["a WebP image", () => WEBP, "image/webp", "Ảnh.webp"],
    ["a Word document", () => docx(), DOCX_TYPE, "Báo cáo.docx"],
    ["an Excel workbook", () => xlsx(), XLSX_TYPE, "Danh sách hộ.xlsx"],
  ] as const)("accepts %s, records its SHA-256, and keeps the bytes in R2", async (_what, make, type, name) => {
    const id = await registration();
    const bytes = await make();
    const res = await upload(clerk.token, id, bytes, { name, type });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), name, size: bytes.length, contentType: type, sha256: await sha256Hex(bytes) });
    const row = await env.DB.prepare("SELECT registration_id, object_key, sha256, uploaded_by FROM attachments WHERE id = ?1").bind(body.id).first<any>();
    expect(row).toMatchObject({ registration_id: id, sha256: body.sha256, uploaded_by: (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(clerk.name).first<{ id: number }>())!.id });
    const object = await env.FILES.get(row.object_key);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    expect(object!.httpMetadata?.contentType).toBe(type);
  });

  it("goes by the bytes, not the declared type: a generic type is fine and the name gets the right extension", async () => {
    const id = await registration();
    const res = await upload(clerk.token, id, JPEG, { name: "ảnh chụp.png", type: "application/octet-stream" });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ name: "ảnh chụp.png.jpg", contentType: "image/jpeg" });
    const untyped = await upload(clerk.token, id, pdf(), { name: "Tờ trình", type: null });
    expect(untyped.status).toBe(201);
    expect(await json(untyped)).toMatchObject({ name: "Tờ trình.pdf", contentType: "application/pdf" });
  });

  it.each([
    ["a program renamed .pdf", EXE, "application/pdf", "bao-cao.pdf"],
    ["a plain zip renamed .docx", PLAIN_ZIP, DOCX_TYPE, "bao-cao.docx"],
    ["a zip with content types but no Word or Excel part", zip({ "[Content_Types].xml": "<Types/>", "ppt/slide1.xml": "<x/>" }), DOCX_TYPE, "x.docx"],
    ["a truncated zip", PLAIN_ZIP.subarray(0, 40), XLSX_TYPE, "x.xlsx"],
    ["a zip whose directory points past its end", (() => {
      const z = PLAIN_ZIP.slice();
      new DataView(z.buffer).setUint32(z.length - 6, 0x7fffffff, true);
      return z;
    })(), DOCX_TYPE, "x.docx"],
    ["an old .doc (OLE)", concat([Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), new Uint8Array(100)]), "application/msword", "cu.doc"],
    ["plain text", new TextEncoder().encode("%PD not quite"), "application/pdf", "x.pdf"],
  ])("refuses %s with 415 and a message listing what is accepted, storing nothing", async (_what, bytes, type, name) => {
    const id = await registration();
    const before = [await objectCount(), await countRows("SELECT count(*) AS n FROM attachments")];
    const res = await upload(clerk.token, id, bytes, { name, type });
    expect(res.status).toBe(415);
    const body = await json(res);
    expect(body.code).toBe("attachment_type_unsupported");
    expect(body.message).toContain(ACCEPTED_LABELS);
    expect(body.message).toMatch(/PDF.*JPEG.*PNG.*WebP.*\.docx.*\.xlsx/);
    expect([await objectCount(), await countRows("SELECT count(*) AS n FROM attachments")]).toEqual(before);
  });

  it("refuses a macro-enabled document renamed .docx, saying why", async () => {
    const id = await registration();
    const res = await upload(clerk.token, id, docx({ "word/vbaProject.bin": new Uint8Array(64) }), { name: "x.docx", type: DOCX_TYPE });
    expect(res.status).toBe(415);
    expect(await json(res)).toEqual({ code: "attachment_type_unsupported", message: expect.stringMatching(/macro/) });
  });

  it("refuses a declared type that is neither accepted nor generic before reading the body", async () => {
    const id = await registration();
    const res = await upload(clerk.token, id, pdf(), { type: "application/x-msdownload" });
    expect(res.status).toBe(415);
    expect((await json(res)).code).toBe("attachment_type_unsupported");
  });

  it("accepts exactly 10 MB and refuses 10 MB + 1 byte with 413, whether the length is declared or not", async () => {
    const id = await registration();
    const exact = concat([pdf(), new Uint8Array(MAX_ATTACHMENT_BYTES - pdf().length)]);
    expect(exact.length).toBe(MAX_ATTACHMENT_BYTES);
    expect((await upload(clerk.token, id, exact)).status).toBe(201);

    const over = concat([exact, Uint8Array.of(0x0a)]);
    const declared = await upload(clerk.token, id, over);
    expect(declared.status).toBe(413);
    expect(await json(declared)).toEqual({ code: "attachment_too_large", message: REQUEST_PROBLEMS.attachment_too_large.message });

    // No Content-Length: the body is counted as it streams and given up past the limit,
    // long before the 100 MB this sender would go on to send. (Handed to the worker
    // directly, so that giving up cancels this stream rather than a test connection.)
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(pdf());
        else if (sent > 100) controller.close();
        else controller.enqueue(chunk);
        sent++;
      },
      cancel() {
        cancelled = true;
      },
    });
    const req = new Request(`${BASE}/api/v1/registrations/${id}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${clerk.token}`, "content-type": "application/pdf", "x-file-name": "lon.pdf" },
      body: stream,
    });
    expect(req.headers.get("content-length")).toBeNull();
    const streamed = await worker.fetch(req, env as never);
    expect(streamed.status).toBe(413);
    expect((await json(streamed)).code).toBe("attachment_too_large");
    expect(cancelled).toBe(true);
    expect(sent).toBeLessThan(20);
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE registration_id = ?1", id)).toBe(1);
  });

  it("refuses an empty file with 400", async () => {
    const id = await registration();
    const res = await upload(clerk.token, id, new Uint8Array(0));
    expect(res.status).toBe(400);
    expect((await json(res)).code).toBe("attachment_empty");
  });

  it(`takes ${MAX_ATTACHMENTS_PER_REGISTRATION} files per registration and refuses the next with 409 until one is removed`, async () => {
    const id = await registration();
    const ids: string[] = [];
    for (let i = 1; i <= MAX_ATTACHMENTS_PER_REGISTRATION; i++) {
      const res = await upload(clerk.token, id, pdf(`trang ${i}`), { name: `Trang ${i}.pdf` });
      expect(res.status).toBe(201);
      ids.push((await json(res)).id);
    }
    const before = await objectCount();
    const refused = await upload(clerk.token, id, pdf("thua"), { name: "Trang 21.pdf" });
    expect(refused.status).toBe(409);
    expect(await json(refused)).toEqual({ code: "attachment_limit_reached", message: expect.stringContaining(`${MAX_ATTACHMENTS_PER_REGISTRATION} tệp`) });
    expect(await objectCount()).toBe(before);
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE registration_id = ?1", id)).toBe(MAX_ATTACHMENTS_PER_REGISTRATION);

    expect((await call(`/api/v1/attachments/${ids[0]}`, { token: clerk.token, method: "DELETE" })).status).toBe(204);
    expect((await upload(clerk.token, id, pdf("thay"), { name: "Trang 21.pdf" })).status).toBe(201);
  });

  it("re-checks the limit and the tombstone in the write itself, so an upload overtaken by another leaves nothing", async () => {
    // What a request that passed its checks just before another filled the last place meets.
    const full = await registration();
    for (let i = 1; i <= MAX_ATTACHMENTS_PER_REGISTRATION; i++) expect((await upload(clerk.token, full, pdf(`${i}`))).status).toBe(201);
    const gone = await registration();
    await sync(clerk, { registrations: [{ id: gone, baseVersion: 1, deleted: true }], pull: false });
    const clerkId = (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(clerk.name).first<{ id: number }>())!.id;
    const before = [await objectCount(), await countRows("SELECT count(*) AS n FROM attachments"), await countRows("SELECT count(*) AS n FROM audit_log")];
    for (const registrationId of [full, gone]) {
      const stored = await storeAttachment(env, { registrationId, name: "x.pdf", bytes: new Uint8Array(pdf()), contentType: "application/pdf", officerId: clerkId, admin: true });
      expect(stored).toBeNull();
    }
    expect([await objectCount(), await countRows("SELECT count(*) AS n FROM attachments"), await countRows("SELECT count(*) AS n FROM audit_log")]).toEqual(before);
  });

  it("refuses uploads to a deleted registration, but keeps its files readable", async () => {
    const id = await registration();
    const kept = await json(await upload(clerk.token, id, pdf()));
    const { body } = await sync(clerk, { registrations: [{ id, baseVersion: 1, deleted: true }], pull: false });
    expect(body.results[0].outcome).toBe("deleted");
    const res = await upload(clerk.token, id, pdf());
    expect(res.status).toBe(409);
    expect((await json(res)).code).toBe("registration_deleted");
    const list = await json(await call(`/api/v1/registrations/${id}/attachments`, { token: viewer.token }));
    expect(list.map((f: { id: string }) => f.id)).toEqual([kept.id]);
    expect((await call(`/api/v1/attachments/${kept.id}`, { token: judge.token })).status).toBe(200);
  });

  it("follows the campaign's lock: a clerk cannot add or remove files of a closed campaign, an admin can", async () => {
    const id = await registration();
    const file = await json(await upload(clerk.token, id, pdf()));
    const campaign = (await env.DB.prepare("SELECT campaign_id FROM registrations WHERE id = ?1").bind(id).first<{ campaign_id: number }>())!.campaign_id;
    await env.DB.prepare("UPDATE campaigns SET registration_open = 0 WHERE id = ?1").bind(campaign).run();
    try {
      const refused = await upload(clerk.token, id, pdf());
      expect(refused.status).toBe(403);
      expect((await json(refused)).code).toBe("campaign_closed");
      expect((await call(`/api/v1/attachments/${file.id}`, { token: clerk.token, method: "DELETE" })).status).toBe(403);
      expect((await upload(admin.token, id, pdf())).status).toBe(201);
      expect((await call(`/api/v1/attachments/${file.id}`, { token: admin.token, method: "DELETE" })).status).toBe(204);
    } finally {
      await env.DB.prepare("UPDATE campaigns SET registration_open = 1 WHERE id = ?1").bind(campaign).run();
    }
  });

  it("answers an unknown or malformed registration id with 404", async () => {
    expect((await upload(clerk.token, crypto.randomUUID(), pdf())).status).toBe(404);
    expect((await upload(clerk.token, "khong-phai-ma", pdf())).status).toBe(404);
    expect((await call(`/api/v1/registrations/${crypto.randomUUID()}/attachments`, { token: clerk.token })).status).toBe(404);
  });
});

describe("file names", () => {
  const NAME = "Biên bản họp dân (lần 2) – thôn Trung Chính's.pdf";

  it("keeps a Vietnamese name exactly and sends it back in Content-Disposition (RFC 6266 / 5987)", async () => {
    const id = await registration();
    // Typed on a Mac: NFD. Stored NFC, like every other text.
    const created = await json(await upload(clerk.token, id, pdf(), { name: NAME.normalize("NFD") }));
    expect(created.name).toBe(NAME);
    const [listed] = await json(await call(`/api/v1/registrations/${id}/attachments`, { token: clerk.token }));
    expect(listed.name).toBe(NAME);
    const res = await call(`/api/v1/attachments/${created.id}`, { token: judge.token });
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toBe(
      `attachment; filename="Bien-ban-hop-dan-lan-2-thon-Trung-Chinh-s.pdf"; filename*=UTF-8''${encodeURIComponent(NAME).replace(/['()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
    );
    // RFC 5987 attr-chars only after UTF-8'': no quote, parenthesis or star left raw.
    const encoded = /filename\*=UTF-8''(.*)$/.exec(disposition)![1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(decodeURIComponent(encoded)).toBe(NAME);
  });

  it("drops a folder some browsers send with the name", async () => {
    const id = await registration();
    expect(await json(await upload(clerk.token, id, pdf(), { name: "C:\\fakepath\\Tờ trình.pdf" }))).toMatchObject({ name: "Tờ trình.pdf" });
    expect(await json(await upload(clerk.token, id, pdf(), { name: "../../etc/Tờ trình.pdf" }))).toMatchObject({ name: "Tờ trình.pdf" });
  });

  it.each([
    ["missing", null],
    ["broken percent-encoding", "Bi%C3%AAn%20b%E1%BA"],
    ["raw (not encoded) accented letters", "Bi\u00ean b\u00e1o.pdf"],
    ["a control character", "x%00.pdf"],
    ["a right-to-left override hiding an .exe", "hoso%E2%80%AEfdp.exe"],
    ["a lone surrogate", "%ED%A0%80.pdf"],
    ["only a folder", "abc%2F"],
    ["a name of 256 characters", encodeURIComponent(`${"Đ".repeat(252)}.pdf`)],
  ])("refuses X-File-Name with %s with 400", async (_what, raw) => {
    const id = await registration();
    const res = await upload(clerk.token, id, pdf(), raw === null ? { name: null } : { rawName: raw });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ code: "attachment_name_invalid", message: REQUEST_PROBLEMS.attachment_name_invalid.message });
  });
});

describe("listing, downloading and removing", () => {
  it("lists a registration's files oldest first, serves the bytes, and removes one with 204", async () => {
    const id = await registration();
    const first = await json(await upload(clerk.token, id, pdf("mot"), { name: "Một.pdf" }));
    const second = await json(await upload(admin.token, id, PNG, { name: "Hai.png", type: "image/png" }));
    const list = await json(await call(`/api/v1/registrations/${id}/attachments`, { token: viewer.token }));
    expect(list).toEqual([
      { ...first, uploadedAt: expect.any(String), uploadedBy: { id: expect.any(Number), name: clerk.name } },
      { ...second, uploadedAt: expect.any(String), uploadedBy: { id: expect.any(Number), name: admin.name } },
    ]);

    const res = await call(`/api/v1/attachments/${second.id}`, { token: judge.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(PNG.length));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toMatch(/no-store/);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);

    const key = (await env.DB.prepare("SELECT object_key FROM attachments WHERE id = ?1").bind(second.id).first<{ object_key: string }>())!.object_key;
    const removed = await call(`/api/v1/attachments/${second.id}`, { token: clerk.token, method: "DELETE" });
    expect(removed.status).toBe(204);
    expect(await env.FILES.head(key)).toBeNull();
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE id = ?1", second.id)).toBe(0);
    expect((await json(await call(`/api/v1/registrations/${id}/attachments`, { token: clerk.token }))).map((f: { id: string }) => f.id)).toEqual([first.id]);
    expect((await call(`/api/v1/attachments/${second.id}`, { token: clerk.token })).status).toBe(404);
    const again = await call(`/api/v1/attachments/${second.id}`, { token: clerk.token, method: "DELETE" });
    expect(again.status).toBe(404);
    expect((await json(again)).code).toBe("attachment_not_found");
  });

  it("audits every upload and removal with who, when, before and after", async () => {
    const id = await registration();
    const file = await json(await upload(clerk.token, id, pdf(), { name: "Tờ trình.pdf" }));
    await call(`/api/v1/attachments/${file.id}`, { token: admin.token, method: "DELETE" });
    const { results } = await env.DB.prepare(
      "SELECT a.officer_id, o.name, a.action, a.before, a.after, a.at FROM audit_log a JOIN officers o ON o.id = a.officer_id WHERE a.entity = 'attachment' AND a.entity_id = ?1 ORDER BY a.id",
    )
      .bind(file.id)
      .all<any>();
    const snapshot = { registrationId: id, name: "Tờ trình.pdf", size: file.size, contentType: "application/pdf", sha256: file.sha256 };
    expect(results.map((r) => ({ ...r, before: JSON.parse(r.before), after: JSON.parse(r.after) }))).toEqual([
      { officer_id: expect.any(Number), name: clerk.name, action: "create", before: null, after: snapshot, at: expect.any(String) },
      { officer_id: expect.any(Number), name: admin.name, action: "delete", before: snapshot, after: null, at: expect.any(String) },
    ]);
    expect(results[0]!.at <= results[1]!.at).toBe(true);
  });

  it("keeps reading to the scope and writing to clerks and admins of it", async () => {
    const id = await registration();
    const file = await json(await upload(clerk.token, id, pdf()));
    for (const who of [clerk, admin, judge, viewer]) {
      expect((await call(`/api/v1/registrations/${id}/attachments`, { token: who.token })).status).toBe(200);
      expect((await call(`/api/v1/attachments/${file.id}`, { token: who.token })).status).toBe(200);
    }
    expect((await call(`/api/v1/registrations/${id}/attachments`, { token: otherClerk.token })).status).toBe(404);
    expect((await call(`/api/v1/attachments/${file.id}`, { token: otherClerk.token })).status).toBe(404);
    const outside = await upload(otherClerk.token, id, pdf());
    expect(outside.status).toBe(403);
    expect((await json(outside)).code).toBe("forbidden_scope");
    expect((await call(`/api/v1/attachments/${file.id}`, { token: otherClerk.token, method: "DELETE" })).status).toBe(403);
    for (const who of [judge, viewer]) {
      const res = await upload(who.token, id, pdf());
      expect(res.status).toBe(403);
      expect((await json(res)).code).toBe("forbidden_role");
      expect((await call(`/api/v1/attachments/${file.id}`, { token: who.token, method: "DELETE" })).status).toBe(403);
    }
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE registration_id = ?1", id)).toBe(1);
  });
});

describe("when a store fails", () => {
  function failing<T extends object>(target: T, method: string): T {
    return new Proxy(target, {
      get(t, p) {
        if (p === method) return async () => Promise.reject(new Error(`${method} unavailable`));
        // The worker reads and writes D1 through a session of the binding (worker/d1-session.ts): it fails alike.
        if (p === "withSession") return (...args: unknown[]) => failing((t as { withSession(...a: unknown[]): object }).withSession(...args), method);
        const value = Reflect.get(t, p);
        return typeof value === "function" ? value.bind(t) : value;
      },
    });
  }

  async function uploadWith(bindings: object, id: string) {
    const req = new Request(`${BASE}/api/v1/registrations/${id}/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${clerk.token}`, "content-type": "application/pdf", "x-file-name": "x.pdf" },
      body: pdf(),
    });
    return worker.fetch(req, { ...env, ...bindings } as never);
  }

  it("deletes the R2 object again when D1 cannot record it: no object without a row", async () => {
    const id = await registration();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const before = await objectCount();
    const res = await uploadWith({ DB: failing(env.DB, "batch") }, id);
    expect(res.status).toBe(500);
    expect((await json(res)).code).toBe("internal");
    expect(await objectCount()).toBe(before);
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE registration_id = ?1", id)).toBe(0);
    log.mockRestore();
  });

  it("writes no row when R2 refuses the bytes: no row without an object", async () => {
    const id = await registration();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await uploadWith({ FILES: failing(env.FILES, "put") }, id);
    expect(res.status).toBe(500);
    expect(await countRows("SELECT count(*) AS n FROM attachments WHERE registration_id = ?1", id)).toBe(0);
    expect(await countRows("SELECT count(*) AS n FROM audit_log WHERE entity = 'attachment' AND after ->> 'registrationId' = ?1", id)).toBe(0);
    log.mockRestore();
  });

  it("hides a file at once when R2 cannot delete it yet, and leaves the rest for the clean-up", async () => {
    const id = await registration();
    const file = await json(await upload(clerk.token, id, pdf()));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const req = new Request(`${BASE}/api/v1/attachments/${file.id}`, { method: "DELETE", headers: { authorization: `Bearer ${clerk.token}` } });
    const res = await worker.fetch(req, { ...env, FILES: failing(env.FILES, "delete") } as never);
    expect(res.status).toBe(204);
    log.mockRestore();
    expect(await json(await call(`/api/v1/registrations/${id}/attachments`, { token: clerk.token }))).toEqual([]);
    const row = await env.DB.prepare("SELECT removed_at, object_key FROM attachments WHERE id = ?1").bind(file.id).first<any>();
    expect(row.removed_at).not.toBeNull();
    expect(await env.FILES.head(row.object_key)).not.toBeNull();
  });
});

describe("download links for sheets", () => {
  async function links(token: string, body: unknown) {
    const res = await call("/api/v1/attachments/links", { token, body });
    return { status: res.status, body: await json(res) };
  }

  it("gives links for many files in one request, including every file of named registrations", async () => {
    const a = await registration();
    const b = await registration();
    const fa = await json(await upload(clerk.token, a, pdf("a"), { name: "Hồ sơ A.pdf" }));
    const fb1 = await json(await upload(clerk.token, b, PNG, { name: "Ảnh B.png", type: "image/png" }));
    const fb2 = await json(await upload(clerk.token, b, JPEG, { name: "Ảnh B2.jpg", type: "image/jpeg" }));
    const unknown = crypto.randomUUID();
    // A fixed clock, so the expiry can be checked to the millisecond.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-20T01:02:03.004Z") });
    let answer: Awaited<ReturnType<typeof links>>;
    try {
      answer = await links(judge.token, { ids: [fa.id, unknown], registrationIds: [b] });
    } finally {
      vi.useRealTimers();
    }
    const { status, body } = answer;
    expect(status).toBe(201);
    expect(body.missing).toEqual([unknown]);
    expect(body.links.map((l: { id: string }) => l.id).sort()).toEqual([fa.id, fb1.id, fb2.id].sort());
    const link = body.links.find((l: { id: string }) => l.id === fb1.id);
    // A week, not the ten minutes of a report link: the link lives in a sheet.
    expect(link).toEqual({
      id: fb1.id,
      registrationId: b,
      name: "Ảnh B.png",
      size: PNG.length,
      contentType: "image/png",
      url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8787\/api\/v1\/downloads\/dvkdl_[A-Za-z0-9_-]{43}\//),
      expiresAt: "2026-03-27T01:02:03.004Z",
    });
    // The ticket was dated by the fixed clock: move its end past today so the link can be used now.
    await env.DB.prepare("UPDATE download_tickets SET expires_at = '9999-12-31T00:00:00.000Z' WHERE request LIKE ?1").bind(`%${fb1.id}%`).run();

    // No token: the link alone opens the file, under its own name.
    const res = await call(new URL(link.url).pathname);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent("Ảnh B.png")}`);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
  });

  it("leaves out what the caller cannot read and serves only the files a link names", async () => {
    const inside = await registration();
    const mine = await json(await upload(clerk.token, inside, pdf()));
    const other = await json(await upload(clerk.token, inside, pdf("khac")));
    const { body } = await links(otherClerk.token, { ids: [mine.id], registrationIds: [inside] });
    expect(body).toEqual({ links: [], missing: [mine.id, inside] });

    const made = (await links(viewer.token, { ids: [mine.id] })).body.links[0];
    const [, ticket] = /downloads\/([^/]+)\//.exec(made.url)!;
    expect((await call(`/api/v1/downloads/${ticket}/${other.id}`)).status).toBe(404);
    // An attachment ticket names no report, and a report ticket no file.
    expect((await call(`/api/v1/downloads/${ticket}`)).status).toBe(404);
    const report = await json(await call("/api/v1/downloads", { token: viewer.token, body: { campaignId: await campaignId(), table: "units", format: "csv" } }));
    const [, reportTicket] = /downloads\/([^/]+)$/.exec(report.url)!;
    expect((await call(`/api/v1/downloads/${reportTicket}/${mine.id}`)).status).toBe(404);
  });

  it("stops working when the link expires, the file goes, or the officer's token is revoked", async () => {
    const id = await registration();
    const f1 = await json(await upload(clerk.token, id, pdf("1")));
    const f2 = await json(await upload(clerk.token, id, pdf("2")));
    const mint = async (officer: DemoOfficer) => (await links(officer.token, { ids: [f1.id, f2.id] })).body.links as { id: string; url: string }[];
    const path = (l: { url: string }) => new URL(l.url).pathname;

    const made = await mint(viewer);
    const l1 = made.find((l) => l.id === f1.id);
    const l2 = made.find((l) => l.id === f2.id);
    await call(`/api/v1/attachments/${f2.id}`, { token: clerk.token, method: "DELETE" });
    expect((await call(path(l2!))).status).toBe(404);
    expect((await call(path(l1!))).status).toBe(200);
    await env.DB.prepare("UPDATE download_tickets SET expires_at = '2000-01-01T00:00:00.000Z' WHERE ticket_hash IN (SELECT ticket_hash FROM download_tickets WHERE request LIKE ?1)")
      .bind(`%${f1.id}%`)
      .run();
    const expired = await call(path(l1!));
    expect(expired.status).toBe(404);
    expect((await json(expired)).message).toMatch(/hết hạn/);

    const f3 = await json(await upload(clerk.token, id, pdf("3")));
    const { body } = await links(clerk.token, { ids: [f3.id] });
    const clerkId = (await env.DB.prepare("SELECT id FROM officers WHERE name = ?1").bind(clerk.name).first<{ id: number }>())!.id;
    const revokedAt = "2026-01-01T00:00:00Z";
    await env.DB.prepare("UPDATE officers SET revoked_at = ?2 WHERE id = ?1").bind(clerkId, revokedAt).run();
    try {
      const revoked = await call(path(body.links[0]));
      expect(revoked.status).toBe(401);
      expect((await json(revoked)).code).toBe("token_revoked");
    } finally {
      await env.DB.prepare("UPDATE officers SET revoked_at = NULL WHERE id = ?1").bind(clerkId).run();
    }
  });

  it("handles hundreds of ids in one request", async () => {
    const id = await registration();
    const real = await json(await upload(clerk.token, id, pdf()));
    const ids = [real.id, ...Array.from({ length: 299 }, () => crypto.randomUUID())];
    const { status, body } = await links(clerk.token, { ids, registrationIds: Array.from({ length: 300 }, () => crypto.randomUUID()) });
    expect(status).toBe(201);
    expect(body.links.map((l: { id: string }) => l.id)).toEqual([real.id]);
    expect(body.missing).toHaveLength(599);
  });

  it("refuses a request naming nothing, or ids that are not ids", async () => {
    expect((await links(clerk.token, {})).status).toBe(400);
    expect((await links(clerk.token, { ids: ["x"] })).status).toBe(400);
    expect((await links(clerk.token, { ids: Array.from({ length: 1001 }, () => crypto.randomUUID()) })).status).toBe(400);
  });
});

describe("from a pane on another allowed origin", () => {
  it("lets the preflight through for uploads (X-File-Name) and removals (DELETE)", async () => {
    const preflight = await call(`/api/v1/registrations/${crypto.randomUUID()}/attachments`, {
      method: "OPTIONS",
      headers: { origin: BASE, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-file-name" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBe(BASE);
    expect(preflight.headers.get("access-control-allow-headers")?.toLowerCase()).toContain("x-file-name");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("DELETE");
  });
});
