import { Hono } from "hono";
import { requireOfficer, requireRole } from "../auth.ts";
import type { AppEnv } from "../env.ts";
import { problem } from "../problems.ts";
import { buildDocument, documentResponse } from "../reports/documents.ts";
import { idParam } from "../validate.ts";

// Printable documents as XLSX downloads (worker/reports/documents.ts); the same through
// a short-lived link: POST /downloads with { document: "form" | "forms" | "scoring", … }.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** GET /registrations/:id/form.xlsx — the registration form of one model, as the seed's official form. */
export const registrationForm = new Hono<AppEnv>().use(requireOfficer).get("/", async (c) => {
  const id = c.req.param("id") ?? "";
  if (!UUID.test(id)) throw problem("registration_not_found");
  return documentResponse(await buildDocument(c.env.DB, c.get("caller"), { document: "form", registrationId: id }));
});

/** GET /campaigns/:id/forms?scope= — every live registration's form in a scope (default: the caller's), one a page. */
export const campaignForms = new Hono<AppEnv>().use(requireOfficer).get("/", async (c) => {
  const scope = c.req.query("scope");
  const req = {
    document: "forms" as const,
    campaignId: idParam(c.req.param("id") ?? "", "campaign_not_found"),
    ...(scope ? { scope: idParam(scope, "org_unit_not_found") } : {}),
  };
  return documentResponse(await buildDocument(c.env.DB, c.get("caller"), req));
});

/** GET /campaigns/:id/scoring/print — the calling judge's own scoring sheet, to print and sign. */
export const scoringPrint = new Hono<AppEnv>().use(requireOfficer, requireRole("judge")).get("/", async (c) => {
  const req = { document: "scoring" as const, campaignId: idParam(c.req.param("id") ?? "", "campaign_not_found") };
  return documentResponse(await buildDocument(c.env.DB, c.get("caller"), req));
});
