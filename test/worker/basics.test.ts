import { describeSuites } from "../suites.ts";

// Small suites that only read the demo (or touch nothing stored), run from one file:
// each test file of the worker project starts a workerd of its own, which costs more
// than these suites' tests together. Each keeps its own describe and hooks; run one
// alone with `npx vitest run test/worker/basics.test.ts -t "<name>"`.
const SUITES = [
  "health",
  "errors",
  "content-disposition",
  "reports-xlsx",
  "rating-rule",
  "auth",
  "rate-limit",
  "org-units",
  "campaigns",
  // Last: it spoils the demo campaign's stored rubric on purpose, to see the 500 it earns.
  "path-params",
] as const;

describeSuites(SUITES, (suite) => import(`./${suite}.suite.ts`));
