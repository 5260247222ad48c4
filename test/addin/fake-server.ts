import type { InferRequestType, InferResponseType } from "hono/client";
import { expect } from "vitest";
import { z } from "zod";
import type { Api } from "../../addin/api/client.ts";
import type { ItemResult } from "../../shared/api.ts";
import type { FieldError } from "../../shared/problems.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import {
  registrationContentShape,
  registrationTombstoneSchema,
  registrationUpsertSchema,
  type RegistrationRecord,
} from "../../shared/schemas/registration.ts";
import { positiveId } from "../../shared/schemas/text.ts";
import { REVIEW_STATES } from "../../shared/vocabulary.ts";

type SyncRoute = Api["api"]["v1"]["sync"]["$post"];

/**
 * The envelope `worker/http/sync.ts` validates, from the same shared pieces. The worker
 * does not export its schema, so the line below ties the two together at compile time:
 * if the worker's route takes another shape, `npm run typecheck` fails here.
 */
const syncRequestSchema = z.object({
  campaignId: positiveId,
  cursor: z.string().regex(/^\d{1,15}$/).nullable().optional(),
  registrations: z.array(z.unknown()).default([]),
  scores: z.array(z.unknown()).default([]),
  pull: z.boolean().default(true),
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const envelopeIsTheWorkers: Same<z.input<typeof syncRequestSchema>, InferRequestType<SyncRoute>["json"]> = true;
void envelopeIsTheWorkers;

/** A registration as the worker sends it back (`toRecord`): the shared form items plus bookkeeping. */
const registrationRecordSchema = z.strictObject({
  id: z.uuid(),
  campaignId: positiveId,
  ...registrationContentShape,
  version: z.int().min(1),
  deleted: z.boolean(),
  reviewState: z.enum(REVIEW_STATES),
  updatedAt: z.string(),
});

type Item = z.output<typeof registrationUpsertSchema> | z.output<typeof registrationTombstoneSchema>;
const CONTENT_KEYS = Object.keys(registrationContentShape) as (keyof typeof registrationContentShape)[];

/** Marks the running test failed without throwing, so an add-in that swallows the answer cannot hide it. */
function contractBroken(why: string): void {
  expect.soft(why, "FakeSyncServer: the real worker would not accept or send this").toBe("");
}

/** What the worker's route answers, typed from the worker itself (the answer below must fit). */
type SyncAnswer = InferResponseType<SyncRoute, 200>;

/**
 * A stand-in for the worker's sync endpoint in Node tests of the add-in's Excel layer
 * (the real worker is exercised in the worker and browser tests): it keeps records in
 * memory and answers with the contract's shapes. Every request is checked as the worker
 * checks it — method, JSON body, bearer header, the envelope, each item against the
 * shared schemas — and every record it hands back (including those a test queues in
 * `pending`) against the record shape. A request the worker would refuse gets the
 * worker's answer *and* fails the running test, even if the add-in swallows the answer;
 * so does an item the worker would mark invalid, since the add-in checks rows with the
 * same schemas before sending. `offline` makes every call fail. The token's value is the
 * worker's own business (its auth tests), not checked here.
 */
export class FakeSyncServer {
  records = new Map<string, RegistrationRecord>();
  requests: { registrations: unknown[]; cursor: string | null }[] = [];
  pending: RegistrationRecord[] = [];
  offline = false;
  seq = 0;

  /** Fails the running test and answers as the worker would. */
  private refuse(status: number, code: string, why: string, errors?: FieldError[]): Response {
    contractBroken(`request refused (${status} ${code}): ${why}`);
    return Response.json({ code, message: why, ...(errors ? { errors } : {}) }, { status });
  }

  private record(value: RegistrationRecord): RegistrationRecord {
    const parsed = registrationRecordSchema.safeParse(value);
    if (!parsed.success) contractBroken(`a record the worker never sends: ${z.prettifyError(parsed.error)}`);
    return value;
  }

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError("fetch failed");
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (url.pathname !== "/api/v1/sync") return this.refuse(404, "route_not_found", `${url.pathname} is not the sync route`);
    if (request.method !== "POST") return this.refuse(404, "route_not_found", `${request.method} /api/v1/sync`);
    if (!/^Bearer\s+\S+\s*$/i.test(request.headers.get("authorization") ?? "")) return this.refuse(401, "token_missing", "no bearer token");
    if (!/^application\/json\b/.test(request.headers.get("content-type") ?? "")) {
      return this.refuse(415, "unsupported_media_type", `content-type ${request.headers.get("content-type")}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(await request.text());
    } catch {
      return this.refuse(400, "bad_json", "the body is not JSON");
    }
    const envelope = syncRequestSchema.safeParse(json);
    if (!envelope.success) return this.refuse(400, "invalid_request", z.prettifyError(envelope.error), toFieldErrors(envelope.error.issues, json));
    const body = envelope.data;
    this.requests.push({ registrations: body.registrations, cursor: body.cursor ?? null });

    const results: ItemResult<RegistrationRecord>[] = body.registrations.map((item) => {
      const isTombstone = (item as { deleted?: unknown } | null)?.deleted === true;
      const parsed = (isTombstone ? registrationTombstoneSchema : registrationUpsertSchema).safeParse(item);
      if (!parsed.success) {
        contractBroken(`an item the worker marks invalid: ${z.prettifyError(parsed.error)}`);
        const id = (item as { id?: unknown } | null)?.id;
        return { id: typeof id === "string" ? id : null, outcome: "invalid", version: null, errors: toFieldErrors(parsed.error.issues, item) };
      }
      return this.apply(parsed.data);
    });
    const changes = this.pending.splice(0).map((r) => this.record(r));
    const answer: SyncAnswer = { results, scoreResults: [], changes, cursor: String(++this.seq), more: false };
    return Response.json(answer);
  };

  /** The item's outcome against the records kept here, as worker/sync/plan-registrations.ts decides it. */
  private apply(item: Item): ItemResult<RegistrationRecord> {
    const current = this.records.get(item.id);
    const unchanged = (version: number): ItemResult<RegistrationRecord> => ({ id: item.id, outcome: "unchanged", version });
    const conflict = (stored: RegistrationRecord): ItemResult<RegistrationRecord> => ({
      id: item.id,
      outcome: "conflict",
      version: stored.version,
      current: this.record(stored),
      errors: [{ path: "baseVersion", code: "invalid_value", message: `Đăng ký đã được sửa ở nơi khác (phiên bản ${stored.version}).` }],
    });
    if (item.deleted === true) {
      if (!current) return unchanged(0);
      if (current.deleted) return unchanged(current.version);
      if (current.version !== item.baseVersion) return conflict(current);
      const next = this.record({ ...current, deleted: true, version: current.version + 1 });
      this.records.set(item.id, next);
      return { id: item.id, outcome: "deleted", version: next.version };
    }
    // A replay (its answer was lost) finds its own content stored: unchanged, not a conflict.
    const same = (stored: RegistrationRecord) =>
      !stored.deleted && CONTENT_KEYS.every((k) => (k === "submittedAt" && item[k] === null) || stored[k] === item[k]);
    if (current && same(current)) return unchanged(current.version);
    if (current && current.version !== item.baseVersion) return conflict(current);
    const version = (current?.version ?? 0) + 1;
    const content = Object.fromEntries(CONTENT_KEYS.map((k) => [k, item[k]])) as Pick<RegistrationRecord, (typeof CONTENT_KEYS)[number]>;
    const next = this.record({
      id: item.id,
      campaignId: 1,
      ...content,
      // The worker dates a form it first sees without a day.
      submittedAt: item.submittedAt ?? current?.submittedAt ?? "2023-03-24",
      version,
      deleted: false,
      reviewState: current?.reviewState ?? "registered",
      updatedAt: new Date(Date.UTC(2023, 2, 24, 0, 0, version)).toISOString(),
    });
    this.records.set(item.id, next);
    return { id: item.id, outcome: current ? "updated" : "created", version };
  }
}
