// Vietnam keeps UTC+7 all year (no daylight saving): the day and time officers read.

export const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** The wall-clock of Vietnam at `instant`, as a Date to read with its getUTC… methods. */
export function vietnamClock(instant: string | Date): Date {
  return new Date(new Date(instant).getTime() + VIETNAM_OFFSET_MS);
}

/** "YYYY-MM-DD" in Vietnam at `now`: the day a form is first seen, "today" in reports. */
export function vietnamToday(now: Date = new Date()): string {
  return vietnamClock(now).toISOString().slice(0, 10);
}

/** The Vietnam calendar day ("YYYY-MM-DD") of an ISO instant; a plain day is that day. */
export function vietnamIsoDay(iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : vietnamToday(new Date(iso));
}

/** "hh:mm dd/mm/yyyy" in Vietnam for an ISO instant. */
export function vietnamDateTime(iso: string): string {
  const d = vietnamClock(iso);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The last millisecond of the Vietnam calendar day `YYYY-MM-DD`, as an ISO instant. */
export function endOfVietnamDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - VIETNAM_OFFSET_MS - 1).toISOString();
}
