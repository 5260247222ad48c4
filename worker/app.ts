import { Hono } from "hono";
import { cors } from "hono/cors";
import { BOOKMARK_HEADER, d1Session } from "./d1-session.ts";
import type { AppEnv } from "./env.ts";
import { admin } from "./http/admin/index.ts";
import { attachments, registrationAttachments } from "./http/attachments.ts";
import { campaigns } from "./http/campaigns.ts";
import { campaignForms, registrationForm, scoringPrint } from "./http/documents.ts";
import { downloads } from "./http/downloads.ts";
import { health } from "./http/health.ts";
import { me } from "./http/me.ts";
import { orgUnits } from "./http/org-units.ts";
import { reports } from "./http/reports.ts";
import { registrationHistory } from "./http/registration-history.ts";
import { registrationReview } from "./http/registration-review.ts";
import { review } from "./http/review.ts";
import { reviewSheet } from "./http/review-sheet.ts";
import { scoring } from "./http/scoring.ts";
import { sync } from "./http/sync.ts";

/**
 * The pane is served by this same worker, so its calls are same-origin; other origins
 * (a pane hosted elsewhere for a store submission) must be listed in ALLOWED_ORIGINS.
 */
const apiCors = cors({
  origin: (origin, c) => {
    const own = new URL(c.req.url).origin;
    const extra = (c.env.ALLOWED_ORIGINS ?? "").split(",").map((o: string) => o.trim());
    return origin === own || extra.includes(origin) ? origin : null;
  },
  allowHeaders: ["Authorization", "Content-Type", "X-File-Name", BOOKMARK_HEADER],
  allowMethods: ["GET", "POST", "PUT", "DELETE", "OPTIONS"],
  exposeHeaders: ["Content-Disposition", "Retry-After", BOOKMARK_HEADER],
  maxAge: 600,
});

const api = new Hono<AppEnv>()
  .basePath("/api/v1")
  .use(apiCors)
  // Each request's D1 session (read replicas) and its reads batched: worker/d1-session.ts.
  .use(d1Session)
  .route("/health", health)
  .route("/me", me)
  .route("/org-units", orgUnits)
  .route("/campaigns", campaigns)
  .route("/campaigns/:id/reports", reports)
  .route("/campaigns/:id/forms", campaignForms)
  // Before /campaigns/:id/scoring: its own handler answers, and the officer is looked up once.
  .route("/campaigns/:id/scoring/print", scoringPrint)
  .route("/campaigns/:id/scoring", scoring)
  .route("/campaigns/:id/review-sheet", reviewSheet)
  .route("/registrations/:id/attachments", registrationAttachments)
  .route("/registrations/:id/review", registrationReview)
  .route("/registrations/:id/history", registrationHistory)
  .route("/registrations/:id/form.xlsx", registrationForm)
  .route("/attachments", attachments)
  .route("/review", review)
  .route("/sync", sync)
  .route("/downloads", downloads)
  .route("/admin", admin);

// Errors and unknown paths are answered once, by the root in index.ts, for every route.
export const app = api;
export type AppType = typeof api;
