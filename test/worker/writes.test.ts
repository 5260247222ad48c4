import { describeSuites } from "../suites.ts";

// Suites that write their own officers, units and registrations beside the demo and
// look only at what they wrote, run from one file for the same reason as basics.test.ts
// (a workerd per test file costs more than their tests); each keeps its own describe.
const SUITES = [
  "admin-officers",
  "admin-org-units",
  "history-privacy",
  "sync-access",
  "reviews",
  "awards",
  "d1-session",
  "races",
  "upkeep",
  "report-snapshots",
  "scores",
  "reports-list",
  "admin-campaigns",
] as const;

describeSuites(SUITES, (suite) => import(`./${suite}.suite.ts`));
