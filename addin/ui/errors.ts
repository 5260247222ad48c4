import { ApiError } from "../api/client.ts";
import { setStatus } from "./dom.ts";
import { excelErrorMessage } from "./excel-errors.ts";

let signOut: () => void = () => {};

/** What to do when the server no longer accepts the token (revoked, expired): set by the connect form. */
export function onTokenRefused(handler: () => void): void {
  signOut = handler;
}

/**
 * Every panel's failures end here: the server's own Vietnamese message on the status
 * line, and a refused token signs the officer out so the connect form is offered again.
 */
export function reportError(err: unknown): void {
  // Excel's own refusals come in English with a code: the officer reads what to do.
  const fromExcel = excelErrorMessage(err);
  if (fromExcel) console.warn("Excel refused:", err);
  const message = fromExcel ?? (err instanceof Error ? err.message : String(err));
  setStatus(message, "error");
  if (err instanceof ApiError && err.status === 401) {
    signOut();
    setStatus(message, "error");
  }
}
