import { Hono } from "hono";
import { app } from "./app.ts";
import type { AppEnv } from "./env.ts";
import { onError, onNotFound } from "./problems.ts";

// Static files of the task pane are answered by wrangler's [assets] before this runs;
// everything else, /api/v1 first of all, comes here. The bare origin (the manifest's
// AppDomain) leads to the landing page; any other path is a JSON 404 like the API's.
const root = new Hono<AppEnv>().get("/", (c) => c.redirect("/index.html", 302)).route("/", app);
root.notFound(onNotFound);
root.onError(onError);

export default root;
