import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { benchWorker, median, round, timeRuns } from "./support.ts";

export const name = "api";

/**
 * The cost of one authenticated read through the real worker (`GET /me`: token hash,
 * one indexed join) against a bare Node HTTP server answering the same bytes on the
 * same loopback: what the worker and D1 add to a round trip.
 */
export async function run(): Promise<Record<string, number>> {
  const started = performance.now();
  const worker = await benchWorker();
  const readyMs = performance.now() - started;
  try {
    const clerk = worker.officers.find((o) => o.roles.includes("clerk"))!;
    const headers = { authorization: `Bearer ${clerk.token}` };
    const body = await (await fetch(`${worker.url}/api/v1/me`, { headers })).text();

    const raw = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
    await new Promise<void>((r) => raw.listen(0, "127.0.0.1", r));
    const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}/`;
    try {
      const me = median(await timeRuns(200, () => fetch(`${worker.url}/api/v1/me`, { headers }).then((r) => r.text())));
      const bare = median(await timeRuns(200, () => fetch(rawUrl).then((r) => r.text())));
      return {
        workerReadyMs: round(readyMs, 0),
        meMedianMs: round(me),
        rawHttpMedianMs: round(bare),
        ratioToRawHttp: round(me / bare),
      };
    } finally {
      raw.close();
    }
  } finally {
    await worker.dispose();
  }
}
