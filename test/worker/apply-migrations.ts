import { applyD1Migrations, env } from "cloudflare:test";

// The real migrations, exactly as `wrangler d1 migrations apply` would run them.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
