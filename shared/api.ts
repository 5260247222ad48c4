// Shapes on the wire between add-in and worker that zod does not already name
// (PRODUCT.md "API" and "Sync contract"). The add-in gets route types from `hc<AppType>`;
// these are for code on both sides that handles the values.
import type { FieldError } from "./problems.ts";
import type { Role } from "./vocabulary.ts";

export interface OrgUnitRef {
  id: number;
  name: string;
  kind: string;
}

export interface Me {
  officer: { id: number; name: string };
  roles: Role[];
  scope: OrgUnitRef;
  unit: OrgUnitRef;
}

export interface Health {
  ok: boolean;
  version: string;
  database: "reachable" | "unreachable";
  migration: string | null;
}

export const SYNC_OUTCOMES = ["created", "updated", "unchanged", "deleted", "conflict", "invalid", "forbidden"] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export interface ItemResult<Current = unknown> {
  id: string | null;
  outcome: SyncOutcome;
  version: number | null;
  errors?: FieldError[];
  current?: Current;
}
