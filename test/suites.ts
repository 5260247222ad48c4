import { describe } from "vitest";

/**
 * Runs suites from one test file, in the given order, each in a describe of its name
 * (its hooks stay its own): `load` imports the suite's module relative to the caller.
 */
export function describeSuites(suites: readonly string[], load: (suite: string) => Promise<unknown>): void {
  for (const suite of suites) {
    describe(suite, async () => {
      await load(suite);
    });
  }
}
