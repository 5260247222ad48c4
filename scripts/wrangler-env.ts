// Wrangler must never reach the network here (officers' machines are often offline,
// CI has no internet): no metrics, no cf-properties fetch, no update check.
export const QUIET_WRANGLER_ENV: Record<string, string> = {
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_HIDE_BANNER: "true",
  NO_UPDATE_NOTIFIER: "1",
};

export function quietWrangler(): void {
  Object.assign(process.env, QUIET_WRANGLER_ENV);
}
