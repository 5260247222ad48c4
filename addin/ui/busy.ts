import { setStatus } from "./dom.ts";
import { reportError } from "./errors.ts";

/** Runs a panel's action with its buttons disabled, the label on the status line, and errors reported. */
export function busy(buttons: readonly HTMLButtonElement[], label: string, work: () => Promise<void>): () => Promise<void> {
  return async () => {
    buttons.forEach((b) => (b.disabled = true));
    setStatus(label);
    try {
      await work();
    } catch (err) {
      reportError(err);
    } finally {
      buttons.forEach((b) => (b.disabled = false));
    }
  };
}
