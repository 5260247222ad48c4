import { Hono } from "hono";
import { app } from "./app.ts";
import type { ScheduledController } from "./cf-types.ts";
import type { AppEnv, Bindings } from "./env.ts";
import { runUpkeep } from "./maintenance.ts";
import { onError, onNotFound } from "./problems.ts";

// Static files of the task pane are answered by wrangler's [assets] before this runs;
// everything else, /api/v1 first of all, comes here. The bare origin (the manifest's
// AppDomain) leads to the landing page; any other path is a JSON 404 like the API's.
const root = new Hono<AppEnv>().get("/", (c) => c.redirect("/index.html", 302)).route("/", app);
root.notFound(onNotFound);
root.onError(onError);

export default {
  fetch: root.fetch,
  /** The daily upkeep of wrangler.toml's [triggers] (worker/maintenance.ts). */
  async scheduled(controller: ScheduledController, env: Bindings, _ctx?: unknown): Promise<void> {
    const report = await runUpkeep(env, new Date(controller.scheduledTime));
    const snapshots = report.snapshots.map((s) => `campaign ${s.campaignId} at ${s.at}`).join(", ") || "none";
    console.log(
      `upkeep: ${report.filesRemoved} files removed, ${report.ticketsPurged} tickets purged, optimize ${report.optimized ? "done" : "refused"}; half-year snapshots written: ${snapshots}`,
    );
  },
};
