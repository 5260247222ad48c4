import { setUpCampaigns } from "./ui/campaigns.ts";
import { setUpConnect, type Session } from "./ui/connect.ts";
import { setStatus, show } from "./ui/dom.ts";
import { setUpRegistrations } from "./ui/registrations.ts";

const PANELS = ["campaign-card", "registrations"];

/** Panels by role: what an officer may do decides what the pane offers. */
async function showPanels(session: Session | null): Promise<void> {
  for (const id of PANELS) show(id, false);
  if (!session) return;
  const roles = new Set(session.me.roles);
  try {
    const campaign = await setUpCampaigns(session.api);
    if (roles.has("clerk") || roles.has("admin")) setUpRegistrations(session.api, campaign);
  } catch (err) {
    setStatus(err instanceof Error ? err.message : String(err), "error");
  }
}

// The pane does nothing outside Excel: it says so and stops.
async function start(): Promise<void> {
  const info = typeof Office === "undefined" ? null : await Office.onReady();
  show("loading", false);
  if (info?.host !== Office.HostType.Excel) {
    show("outside-excel", true);
    setStatus("Chưa mở trong Excel.");
    return;
  }
  setUpConnect((session) => void showPanels(session));
}

void start();
