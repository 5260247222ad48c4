import * as z from "zod";

// zod otherwise probes for eval with `new Function`, which the pane's own
// Content-Security-Policy (script-src 'self') refuses and reports. Imported first by the
// pane's entry, so it runs before any schema is built or used.
z.config({ jitless: true });
