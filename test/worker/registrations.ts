import { env } from "cloudflare:test";
import type { DemoOfficer } from "../../worker/demo/seed.ts";
import { call, json } from "./helpers.ts";

export async function campaignId(): Promise<number> {
  const row = await env.DB.prepare("SELECT id FROM campaigns ORDER BY id LIMIT 1").first<{ id: number }>();
  return row!.id;
}

export async function unitId(name: string, under?: number): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT id FROM org_units WHERE name = ?1 AND (?2 IS NULL OR parent_id = ?2) ORDER BY id LIMIT 1",
  )
    .bind(name, under ?? null)
    .first<{ id: number }>();
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

/** A collective registration as the add-in would send a fresh row. */
export function collective(orgUnitId: number, over: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    baseVersion: 0,
    orgUnitId,
    kind: "collective",
    unitName: "Chi bộ thôn Trung Chính",
    address: "Thôn Trung Chính",
    modelName: "Dân vận khéo trong vận động nhân dân hiến đất mở rộng đường giao thông nông thôn",
    field: "economy",
    level: "grassroots",
    expectedBenefit: 1_200_000_000,
    startDate: "2023-03-01",
    endDate: "2023-11-30",
    representative: "Nguyễn Văn A",
    submittedAt: "2023-03-20",
    ...over,
  };
}

export function individual(orgUnitId: number, over: Record<string, unknown> = {}) {
  return {
    ...collective(orgUnitId),
    kind: "individual",
    unitName: null,
    personName: "Nguyễn Văn Thắng",
    position: "Trưởng thôn",
    modelName: "Vận động các hộ hiến đất làm đường liên thôn",
    ...over,
  };
}

export interface SyncBody {
  campaignId?: number;
  cursor?: string | null;
  registrations?: unknown[];
  scores?: unknown[];
  pull?: boolean;
}

export async function sync(who: DemoOfficer, body: SyncBody) {
  const res = await call("/api/v1/sync", {
    token: who.token,
    body: { campaignId: await campaignId(), registrations: [], ...body },
  });
  return { status: res.status, body: await json(res) };
}

export async function countRows(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...binds).first<{ n: number }>();
  return row!.n;
}
