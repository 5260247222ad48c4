import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildAddin } from "../../scripts/build-addin.ts";
import { prepareLocalDatabase } from "../../scripts/local-db.ts";
import { startLocalWorker } from "../../scripts/local-worker.ts";
import type { DemoOfficer } from "../../worker/demo/seed.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    officers: DemoOfficer[];
  }
}

/**
 * One real local worker for the browser tests: migrated by wrangler, seeded with the
 * demo area, serving the built pane and the API from a throwaway directory.
 */
export default async function setup(project: TestProject) {
  // The pane under test is the one built from the sources now, not a stale dist/.
  await buildAddin();
  const dir = await mkdtemp(path.join(os.tmpdir(), "dvk-e2e-"));
  const officers = await prepareLocalDatabase({ persistTo: dir, officersFile: path.join(dir, "demo-officers.json") });
  const worker = await startLocalWorker({ persistTo: dir });
  project.provide("baseUrl", worker.url);
  project.provide("officers", officers);
  return async () => {
    await worker.dispose();
    await rm(dir, { recursive: true, force: true });
  };
}
