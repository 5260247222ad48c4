// Vietnam keeps UTC+7 all year (no daylight saving): the day and time officers read.

const OFFSET_MS = 7 * 3600_000;

/** "YYYY-MM-DD" in Vietnam at `now`: the day a form is first seen, "today" in reports. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** "hh:mm dd/mm/yyyy" in Vietnam for an ISO instant. */
export function vietnamDateTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
