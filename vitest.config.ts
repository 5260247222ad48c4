import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig, type ViteUserConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const root = import.meta.dirname;

/**
 * The browser suites (one file, about two and a half minutes) start first and the
 * workerd files next, so the other slot works through them meanwhile and the quick
 * Node files fill the end; otherwise the browser suites wait for the add-in files and
 * finish last.
 */
const PROJECT_ORDER = ["e2e", "worker", "addin", "shared"];
class LongestProjectsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => PROJECT_ORDER.indexOf(f.project.name);
    // Array sort is stable: within a project, Vitest's own order (slowest last time first).
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}

// One `npm test`, four projects: the domain in Node, the worker inside workerd with a
// real D1 and the real migrations, the add-in against Excel stand-ins, and the browser
// end-to-end run in real Chromium against a real local worker.
export default defineConfig(async (): Promise<ViteUserConfig> => {
  const migrations = await readD1Migrations(path.join(root, "worker/migrations"));
  return {
    test: {
      reporters: ["default", ["json", { outputFile: path.join(root, "test-results.json") }]],
      // Vitest's default in a run is one worker fewer than the cores: on the 2-core machines
      // CI and officers' laptops have, one file at a time. Two keep both cores busy.
      maxWorkers: 2,
      sequence: { sequencer: LongestProjectsFirst },
      projects: [
        {
          test: { name: "shared", environment: "node", include: ["test/shared/**/*.test.ts"] },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              // Tests make thousands of requests with a few tokens; the limiter's own test
              // runs against wrangler dev with the real setting.
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations },
                ratelimits: { RATE_LIMITER: { simple: { limit: 1_000_000, period: 60 } } },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["test/worker/**/*.test.ts"],
            setupFiles: ["test/worker/apply-migrations.ts"],
          },
        },
        {
          test: { name: "addin", environment: "node", include: ["test/addin/**/*.test.ts"] },
        },
        {
          test: {
            name: "e2e",
            environment: "node",
            include: ["test/e2e/**/*.test.ts"],
            globalSetup: ["test/e2e/global-setup.ts"],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            // One file (browser.test.ts) runs the suites in order, beside the other projects.
          },
        },
      ],
    },
  };
});
