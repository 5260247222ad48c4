import type { RegistrationRecord } from "../../shared/schemas/registration.ts";

/**
 * A stand-in for the worker's sync endpoint in Node tests of the add-in's Excel layer
 * (the real worker is exercised in the worker and browser tests): it keeps records in
 * memory and answers with the contract's shapes. `offline` makes every call fail.
 */
export class FakeSyncServer {
  records = new Map<string, RegistrationRecord>();
  requests: { registrations: unknown[]; cursor: string | null }[] = [];
  pending: RegistrationRecord[] = [];
  offline = false;
  seq = 0;

  fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (this.offline) throw new TypeError("fetch failed");
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
    if (!url.pathname.endsWith("/api/v1/sync")) return Response.json({ code: "route_not_found", message: "?" }, { status: 404 });
    const body = JSON.parse(String(init?.body)) as { registrations: Record<string, unknown>[]; cursor: string | null };
    this.requests.push(body);
    const results = body.registrations.map((item) => {
      const id = String(item.id);
      const current = this.records.get(id);
      if (item.deleted === true) {
        if (!current || current.deleted) return { id, outcome: "unchanged", version: current?.version ?? 0 };
        const next = { ...current, deleted: true, version: current.version + 1 };
        this.records.set(id, next);
        return { id, outcome: "deleted", version: next.version };
      }
      const { baseVersion, ...content } = item;
      if (current && current.version !== baseVersion) return { id, outcome: "conflict", version: current.version, current };
      const version = (current?.version ?? 0) + 1;
      this.records.set(id, { ...(content as object), submittedAt: (content.submittedAt as string) ?? "2023-03-24", version, deleted: false, campaignId: 1, reviewState: "registered", updatedAt: "" } as RegistrationRecord);
      return { id, outcome: current ? "updated" : "created", version };
    });
    const changes = this.pending.splice(0);
    return Response.json({ results, scoreResults: [], changes, cursor: String(++this.seq), more: false });
  };
}
