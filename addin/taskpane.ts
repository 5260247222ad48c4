import { setUpConnect } from "./ui/connect.ts";
import { setStatus, show } from "./ui/dom.ts";

// The pane does nothing outside Excel: it says so and stops.
async function start(): Promise<void> {
  const info = typeof Office === "undefined" ? null : await Office.onReady();
  show("loading", false);
  if (info?.host !== Office.HostType.Excel) {
    show("outside-excel", true);
    setStatus("Chưa mở trong Excel.");
    return;
  }
  setUpConnect(() => {
    /* later panels (registrations, scoring, reports) attach to the session here */
  });
}

void start();
