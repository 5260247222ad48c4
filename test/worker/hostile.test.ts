import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { MAX_BODY_BYTES } from "../../worker/validate.ts";
import { call, officer } from "./helpers.ts";
import { campaignId, collective, unitId } from "./registrations.ts";

// Random JSON, wrong types, very long strings, control characters and lone
// surrogates, SQL metacharacters, deep nesting and wrong content types, against every
// route that takes input: never a 5xx, always { code, message }, and what is refused
// leaves the database as it was.

let admin: DemoOfficer;
let cid: number;
let village: number;
let registrationId: string;

/** Routes that take input, with the method each answers. */
const ROUTES = [
  "POST /sync",
  "POST /review",
  "POST /registrations/:reg/review",
  "POST /registrations/:reg/review/undo",
  "POST /downloads",
  "POST /admin/org-units",
  "POST /admin/campaigns",
  "POST /admin/officers",
  "PUT /admin/campaigns/:cid/rubric",
  "POST /admin/campaigns/:cid/registration",
  "PATCH /admin/campaigns/:cid",
  "PUT /admin/campaigns/:cid/plans/:unit",
  "DELETE /admin/campaigns/:cid/plans/:unit",
  "GET /campaigns/:cid/reports/units",
  "GET /campaigns/:cid/reports/list",
  "GET /campaigns/:cid/forms",
  "GET /campaigns/:cid/scoring/print",
  "GET /registrations/:reg/form.xlsx",
  "POST /registrations/:reg/attachments",
  "POST /attachments/links",
  "DELETE /attachments/:reg",
] as const;

beforeAll(async () => {
  admin = await officer("admin");
  cid = await campaignId();
  village = await unitId("Thôn Trung Chính");
  // A real registration, so uploads get past "no such registration" to the file checks.
  const item = collective(village);
  const res = await call("/api/v1/sync", { token: admin.token, body: { campaignId: cid, registrations: [item], pull: false } });
  expect(res.status).toBe(200);
  registrationId = item.id;
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }), // lone surrogates included
  fc.string({ unit: fc.constantFrom("\u0000", "\u0007", "\u001b", "\r", "\t", "\u200b", "\ud800", "\udfff", "'", '"', ";", "--", "%", "_", "\\") }),
  fc.constantFrom("'; DROP TABLE registrations; --", "\" OR 1=1 --", "=HYPERLINK(\"http://x\")", "x".repeat(5000), "Ư".repeat(301), "NaN", "null"),
);
const scalar = fc.oneof(nasty, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(Number.MAX_SAFE_INTEGER + 2));
const deep = fc.integer({ min: 50, max: 3000 }).map((d) => JSON.parse(`${"[".repeat(d)}1${"]".repeat(d)}`));
const value = fc.oneof(fc.jsonValue(), scalar, deep, fc.array(scalar), fc.dictionary(nasty, scalar));

/** Near-valid registrations: the right keys with anything in them, so validation is exercised item by item. */
const registrationLike = fc.record(
  {
    id: fc.oneof(fc.uuid(), nasty),
    baseVersion: fc.oneof(fc.nat(), scalar),
    orgUnitId: fc.oneof(fc.constant(0), fc.nat(), scalar),
    kind: fc.oneof(fc.constantFrom("collective", "individual"), nasty),
    unitName: scalar,
    modelName: scalar,
    field: fc.oneof(fc.constantFrom("economy", "culture_society"), nasty),
    level: fc.oneof(fc.constantFrom("grassroots"), nasty),
    expectedBenefit: scalar,
    startDate: fc.oneof(fc.constant("2023-03-01"), nasty),
    endDate: fc.oneof(fc.constant("2023-12-31"), nasty),
    deleted: scalar,
  },
  { requiredKeys: [] },
);

/** A path segment; a lone surrogate goes as its raw (invalid) UTF-8 bytes, a hostile path in itself. */
function pathSegment(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}

interface Probe {
  path: string;
  method: string;
  body: string;
  type: string | undefined;
  fileName: string | null;
}

const probe: fc.Arbitrary<Probe> = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    shape: fc.oneof(
      value,
      fc.record({ campaignId: fc.oneof(fc.constant(0), scalar), cursor: scalar, registrations: fc.array(registrationLike, { maxLength: 5 }), scores: fc.array(value, { maxLength: 3 }) }),
      fc.record({ units: fc.array(fc.record({ code: nasty, name: nasty, kind: nasty, parentCode: scalar }), { maxLength: 5 }) }),
      fc.record({ ids: fc.array(fc.oneof(fc.uuid(), nasty), { maxLength: 3 }), to: nasty, note: scalar }),
      fc.record({ title: scalar, planRef: scalar, deadline: fc.oneof(fc.constant("2023-03-31"), nasty), levels: value, expectedKinds: value }, { requiredKeys: [] }),
      // Download links: a report as of a moment, or a printed document.
      fc.record(
        {
          document: fc.oneof(fc.constantFrom("form", "forms", "scoring"), nasty, scalar),
          table: fc.oneof(fc.constantFrom("units", "list"), nasty),
          campaignId: fc.oneof(fc.constant(1), scalar),
          registrationId: fc.oneof(fc.uuid(), nasty),
          scope: scalar,
          asOf: fc.oneof(fc.constantFrom("2024-06-30", "2099-12-31", "2024-06-30T12:00:00+07:00"), nasty, scalar),
        },
        { requiredKeys: [] },
      ),
    ),
    raw: fc.option(fc.string({ unit: "binary", maxLength: 200 }), { freq: 4 }),
    type: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data", undefined, "application/x-www-form-urlencoded"),
    param: fc.oneof(fc.constant("1"), nasty.map(pathSegment), fc.uuid(), fc.constant("REGISTRATION")),
    unit: fc.oneof(fc.constant("village"), fc.constant("0"), nasty.map(pathSegment)),
    fileName: fc.option(nasty.map(pathSegment)),
    query: fc.oneof(
      fc.constant(""),
      fc.record({ scope: nasty, depth: nasty, format: nasty, asOf: fc.oneof(nasty, fc.constantFrom("2024-06-30", "2099-01-01", "2024-02-30T10:00")) }, { requiredKeys: [] }).map(
        (q) => `?${new URLSearchParams(q as Record<string, string>)}`,
      ),
    ),
  })
  .map(({ route, shape, raw, type, param, unit, query, fileName }) => {
    const [method, path] = route.split(" ") as [string, string];
    return {
      path:
        path
          .replace(":reg", param === "REGISTRATION" ? registrationId : param)
          .replace(":cid", /reports|forms|print/.test(path) ? String(cid) : param)
          .replace(":unit", unit === "village" ? String(village) : unit) + (/reports|forms/.test(path) ? query : ""),
      method,
      body: raw ?? JSON.stringify(shape) ?? "null",
      type,
      fileName,
    };
  });

async function counts(): Promise<number[]> {
  const tables = ["registrations", "org_units", "officers", "campaigns", "campaign_plans", "scores", "audit_log", "download_tickets", "attachments"];
  const rows = await Promise.all(tables.map(async (t) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${t}`).first<{ n: number }>())!.n));
  return [...rows, (await env.FILES.list()).objects.length];
}

describe("hostile input", () => {
  it("never answers 5xx, always { code, message }, and a refused request changes nothing", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    await fc.assert(
      fc.asyncProperty(probe, async (p) => {
        const before = await counts();
        const headers: Record<string, string> = { authorization: `Bearer ${admin.token}` };
        if (p.type) headers["content-type"] = p.type;
        if (p.fileName !== null) headers["x-file-name"] = p.fileName;
        const res = await call(`/api/v1${p.path}`, { method: p.method, rawBody: p.method === "GET" ? undefined : p.body, headers });
        expect(res.status, `${p.method} ${p.path} ${p.body.slice(0, 200)}`).toBeLessThan(500);
        const text = await res.text();
        if (res.status >= 400) {
          const body = JSON.parse(text);
          expect(typeof body.code).toBe("string");
          expect(typeof body.message).toBe("string");
          expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    expect(log).not.toHaveBeenCalled();
    log.mockRestore();
  }, 240_000);

  it("stores nothing for refused items of an accepted request", async () => {
    const bad = [
      { ...collective(village), modelName: "\ud800 tên lỗi" },
      { ...collective(village), unitName: "Tên\u0000ẩn" },
      { ...collective(village), modelName: "'); DELETE FROM registrations; --" },
    ];
    const before = await counts();
    const res = await call("/api/v1/sync", { token: admin.token, body: { campaignId: cid, registrations: bad, pull: false } });
    const body = await res.json<{ results: { outcome: string; errors?: { message: string }[] }[] }>();
    expect(body.results.map((r) => r.outcome)).toEqual(["invalid", "invalid", "created"]);
    expect(body.results[0]!.errors![0]!.message).toMatch(/ký tự lỗi/);
    const after = await counts();
    expect(after[0]).toBe(before[0]! + 1);
    const stored = await env.DB.prepare("SELECT model_name FROM registrations WHERE id = ?1").bind(bad[2]!.id).first<{ model_name: string }>();
    expect(stored!.model_name).toBe("'); DELETE FROM registrations; --");
  });

  it("answers a body over the limit with 413 before reading it whole", async () => {
    const res = await call("/api/v1/sync", {
      token: admin.token,
      rawBody: `{"campaignId":${cid},"registrations":[${'"x",'.repeat(MAX_BODY_BYTES / 4)}"x"]}`,
      headers: { "content-type": "application/json" },
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: "payload_too_large", message: expect.stringMatching(/quá .*MB/) });
  });
});
