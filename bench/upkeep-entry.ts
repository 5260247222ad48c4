import worker from "../worker/index.ts";
import type { Bindings } from "../worker/env.ts";
import type { ExecutionContext, ScheduledController } from "../worker/cf-types.ts";

// The reports bench's entry, never deployed: the real worker, plus one route that runs
// its scheduled handler (the daily upkeep) inside workerd as the cron would, now.
// Wrangler 4.86 can trigger a cron locally neither through /cdn-cgi/handler/scheduled
// while [assets] is on (workers-sdk issue 9882) nor through unstable_startWorker's
// `scheduled()` (it asks the proxy, not the worker, for the worker by name). The route
// sits under /api/ because [assets] answers every other path before the worker runs.

const UPKEEP_PATH = "/api/__bench/upkeep";

export default {
  async fetch(request: Request, env: Bindings, ctx: ExecutionContext): Promise<Response> {
    if (new URL(request.url).pathname !== UPKEEP_PATH) return worker.fetch(request, env, ctx);
    const controller: ScheduledController = { scheduledTime: Date.now(), cron: "40 19 * * *", noRetry: () => {} };
    await worker.scheduled(controller, env, ctx);
    return new Response("ok");
  },
  scheduled: worker.scheduled,
};
