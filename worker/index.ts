import { app } from "./app.ts";

// Static files of the task pane are answered by wrangler's [assets] before this runs;
// everything else, /api/v1 first of all, comes here.
export default app;
