// Cloudflare's types as imports, not ambient globals: the add-in type-checks the
// worker's routes (through `hc<AppType>`) under the DOM library, where workerd's
// globals do not exist.
export type {
  D1Database,
  D1DatabaseSession,
  D1PreparedStatement,
  D1Result,
  ExecutionContext,
  Fetcher,
  R2Bucket,
  RateLimit,
  ScheduledController,
} from "@cloudflare/workers-types/latest";
