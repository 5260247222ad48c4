import type { D1Database, Fetcher, R2Bucket, RateLimit } from "./cf-types.ts";
import type { Role } from "../shared/vocabulary.ts";

export interface Bindings {
  DB: D1Database;
  /** Evidence files' bytes (wrangler.toml [[r2_buckets]]); their list is in D1. */
  FILES: R2Bucket;
  /** The add-in's static files (wrangler `[assets]`); absent in some tests. */
  ASSETS?: Fetcher;
  /** Requests per token per minute (wrangler.toml [[ratelimits]]); absent, nothing is limited. */
  RATE_LIMITER?: RateLimit;
  /** Extra origins allowed to call the API, comma-separated (the pane's own origin always is). */
  ALLOWED_ORIGINS?: string;
}

/** The officer behind the request's token, with the scope he or she may act on. */
export interface Caller {
  id: number;
  name: string;
  roles: Role[];
  scopeId: number;
  scopePath: string;
  scopeName: string;
  scopeKind: string;
  unitId: number;
  unitPath: string;
  unitName: string;
  unitKind: string;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: { caller: Caller };
}
