import { describe, expect, it } from "vitest";
import { FakeSyncServer } from "./fake-server.ts";
import type { RegistrationRecord } from "../../shared/schemas/registration.ts";

// The fake must not let the add-in's tests pass on requests the real worker refuses.
// `it.fails` passes only when its test fails: each of those is a request (or a record)
// the contract forbids, and the answer is deliberately ignored, as a careless add-in might.

const ID = "5b0c4a57-3f0e-4d0a-9c1e-2f5d1b6a7c80";
const row = {
  id: ID, baseVersion: 0, orgUnitId: 10, kind: "collective", unitName: "Chi bộ thôn Trung Chính", address: null, personName: null,
  position: null, modelName: "Dân vận khéo", field: "economy", level: "grassroots", expectedBenefit: 1_000_000,
  startDate: "2023-03-01", endDate: "2023-11-30", representative: null, submittedAt: "2023-03-20",
};
const post = (server: FakeSyncServer, body: unknown, headers: Record<string, string> = {}) =>
  server.fetch("http://127.0.0.1:1/api/v1/sync", {
    method: "POST",
    headers: { authorization: "Bearer dvk_x", "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

describe("the add-in tests' fake sync server", () => {
  it("answers what the worker accepts in the worker's shape, and a replay as unchanged", async () => {
    const server = new FakeSyncServer();
    const first = await (await post(server, { campaignId: 1, cursor: null, registrations: [row], scores: [] })).json();
    expect(first).toEqual({ results: [{ id: ID, outcome: "created", version: 1 }], scoreResults: [], changes: [], cursor: "1", more: false });
    const again = await (await post(server, { campaignId: 1, cursor: "1", registrations: [row] })).json();
    expect(again.results).toEqual([{ id: ID, outcome: "unchanged", version: 1 }]);
    const stale = await (await post(server, { campaignId: 1, registrations: [{ ...row, modelName: "Bản khác" }] })).json();
    expect(stale.results[0]).toMatchObject({ outcome: "conflict", version: 1, current: { modelName: "Dân vận khéo" }, errors: [{ path: "baseVersion" }] });
  });

  it.fails("fails the test on an envelope the worker refuses (campaignId not a number)", async () => {
    await post(new FakeSyncServer(), { campaignId: "1", registrations: [] });
  });

  it.fails("fails the test on a body that is not JSON", async () => {
    await new FakeSyncServer().fetch("http://127.0.0.1:1/api/v1/sync", {
      method: "POST",
      headers: { authorization: "Bearer dvk_x", "content-type": "application/json" },
      body: "{",
    });
  });

  it.fails("fails the test on a request without a bearer token", async () => {
    await post(new FakeSyncServer(), { campaignId: 1 }, { authorization: "" });
  });

  it.fails("fails the test on an item the worker would mark invalid (end before start)", async () => {
    await post(new FakeSyncServer(), { campaignId: 1, registrations: [{ ...row, startDate: "2023-12-01", endDate: "2023-03-01" }] });
  });

  it.fails("fails the test when a queued change is not a record the worker could send", async () => {
    const server = new FakeSyncServer();
    const { baseVersion: _, ...content } = row;
    server.pending = [{ ...content, campaignId: 1, version: 1, deleted: false, reviewState: "đã duyệt", updatedAt: "" } as unknown as RegistrationRecord];
    await post(server, { campaignId: 1 });
  });
});
