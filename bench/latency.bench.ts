import { must, pushAndPull, scenario, type Measured, type Scenario } from "./d1-scenario.ts";
import { median, round } from "./support.ts";

export const name = "latency";

/** What a Worker in Vietnam waits for each D1 call to a primary far away, one way and back. */
const DELAY_MS = 30;
const TARGETS = { sync1000Ms: 250, reportUnitsMs: 120, meMs: 70 };

/** Median time and the round trips of `runs` requests, after two untimed ones. */
async function timed(runs: number, request: () => Promise<Measured>): Promise<{ ms: number; roundTrips: number }> {
  for (let i = 0; i < 2; i++) must(await request(), "warm-up");
  const times: number[] = [];
  const trips = new Set<number>();
  for (let i = 0; i < runs; i++) {
    const m = must(await request(), "timed run");
    times.push(m.ms);
    trips.add(m.roundTrips);
  }
  if (trips.size !== 1) throw new Error(`round trips varied between runs: ${[...trips].join(", ")}`);
  return { ms: median(times), roundTrips: [...trips][0]! };
}

/** The request at the distance, beside the same request without it and the distance times its round trips. */
async function figure(key: string, runs: number, request: (delayMs: number) => Promise<Measured>) {
  const near = await timed(runs, () => request(0));
  const far = await timed(runs, () => request(DELAY_MS));
  return {
    [`${key}Ms`]: round(far.ms, 1),
    [`${key}NoDelayMs`]: round(near.ms, 1),
    [`${key}RoundTrips`]: far.roundTrips,
    [`${key}DelayTimesRoundTripsMs`]: DELAY_MS * far.roundTrips,
  };
}

/**
 * The officer's requests with every D1 call held back 30 ms (bench/d1-probe-entry.ts),
 * as from a Worker in Vietnam to a primary in another region: `me` (median of 20),
 * the units report of the commune (median of 10, on 1,100 registrations), a push of
 * 1,000 new registrations with its pull (median of 5). Each beside the same request
 * without the delay, and the delay times its round trips: what is left is the
 * worker's own time.
 */
export async function run(): Promise<Record<string, unknown>> {
  const s: Scenario = await scenario();
  try {
    let cursor = (await pushAndPull(s, 1000, "0", "seed")).cursor;
    await pushAndPull(s, 100, cursor, "seed2");
    let n = 0;
    const sync = async (delayMs: number) => {
      const m = await pushAndPull(s, 1000, cursor, `run${n++}`, delayMs);
      cursor = m.cursor;
      return m;
    };
    return {
      delayMs: DELAY_MS,
      ...(await figure("me", 20, (d) => s.request(s.clerk, "GET", "/me", undefined, d))),
      ...(await figure("reportUnits", 10, (d) => s.request(s.clerk, "GET", `/campaigns/${s.campaignId}/reports/units?depth=1`, undefined, d))),
      ...(await figure("sync1000", 5, sync)),
      targets: TARGETS,
    };
  } finally {
    await s.worker.dispose();
  }
}
