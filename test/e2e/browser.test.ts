import { describeSuites } from "../suites.ts";

// The end-to-end suites share one local worker and its database (global-setup.ts), so
// they run one after another, in this order, each in its own describe (its hooks stay
// its own). One file rather than fourteen: Vitest runs a project whose files must not
// run in parallel only after every other project has finished, while a single file runs
// beside the worker and add-in tests, which keeps `npm test` within its time on two
// cores. Run one suite alone with `npx vitest run test/e2e -t "<name>"`.
const SUITES = [
  "report-print",
  "reports",
  "plans-and-evidence",
  "faults",
  "officer-edits",
  "scoring",
  "registrations",
  "office-toolchain",
  "admin",
  "csp",
  "manifest",
  "limits",
  "connect",
  "outside-excel",
] as const;

describeSuites(SUITES, (suite) => import(`./${suite}.e2e.ts`));
