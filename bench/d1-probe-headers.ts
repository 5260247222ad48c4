// The D1 probe's headers (bench/d1-probe-entry.ts). Apart because a worker entry may
// export nothing but handlers.

/** The answer's count of calls that left for D1. */
export const CALLS_HEADER = "X-Bench-D1-Calls";
/** Milliseconds the probe holds back every call to D1, asked for by the request. */
export const DELAY_HEADER = "X-Bench-D1-Delay-Ms";
