import "./zod-config.ts";
import { call } from "./api/client.ts";
import { setUpAdmin } from "./ui/admin.ts";
import { setUpCampaigns } from "./ui/campaigns.ts";
import { setUpConnect, type Session } from "./ui/connect.ts";
import { setUpEvidence } from "./ui/evidence.ts";
import { setUpFormPrinting, setUpScoringPrinting } from "./ui/print-documents.ts";
import { byId, setStatus, show } from "./ui/dom.ts";
import { reportError } from "./ui/errors.ts";
import { setUpRegistrations } from "./ui/registrations.ts";
import { setUpReports } from "./ui/reports.ts";
import { setUpReview } from "./ui/review.ts";
import { setUpScoring } from "./ui/scoring.ts";

const PANELS = ["campaign-card", "registrations", "scoring", "review", "reports", "admin"];

/** Panels by role: what an officer may do decides what the pane offers. */
async function showPanels(session: Session | null): Promise<void> {
  for (const id of PANELS) show(id, false);
  if (!session) return;
  const roles = new Set(session.me.roles);
  try {
    const picker = await setUpCampaigns(session.api, (c) => {
      byId("registration-close").textContent = c?.registrationOpen === false ? "Mở lại đăng ký" : "Khóa đăng ký";
    });
    if (roles.has("clerk") || roles.has("admin")) {
      setUpRegistrations(session.api, picker.current);
      setUpEvidence(session.api, session.connection, true);
      setUpFormPrinting(session.api, picker.current);
    }
    if (roles.has("judge")) {
      setUpScoring(session.api, picker.current);
      setUpScoringPrinting(session.api, picker.current);
    }
    if (roles.has("approver")) setUpReview(session.api, session.me, picker.current);
    // One read of the officer's units serves every panel that offers them as choices.
    const units = await call(session.api.api.v1["org-units"].$get());
    setUpReports(session.api, session.me, picker.current, units);
    if (roles.has("admin")) setUpAdmin(session.api, session.me, picker.current, picker.reload, units);
  } catch (err) {
    reportError(err);
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
