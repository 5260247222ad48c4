// Proleptic Gregorian arithmetic on plain numbers: no Date, so no time zone can move a
// day, and the same code runs in the add-in and the worker.

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function toIso(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** The date of a valid "YYYY-MM-DD", else null. */
export function fromIso(iso: unknown): Ymd | null {
  if (typeof iso !== "string") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const date = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  const valid = date.m >= 1 && date.m <= 12 && date.d >= 1 && date.d <= daysInMonth(date.y, date.m);
  return valid ? date : null;
}

export function isIsoDate(iso: unknown): iso is string {
  return fromIso(iso) !== null;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): Ymd {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

// Excel's 1900 date system counts 1900-01-01 as 1 and, copying Lotus 1-2-3, has a
// 29 February 1900 (serial 60) that never existed; from serial 61 (1900-03-01) on, a
// serial is simply days since 1899-12-30.
const EXCEL_EPOCH = daysFromCivil(1899, 12, 30);
const EXCEL_MAX = 2958465; // 9999-12-31

/** The day of an Excel serial (a fraction is a time of that day), or null if there is none. */
export function excelSerialToIso(serial: number): string | null {
  if (typeof serial !== "number" || !Number.isFinite(serial)) return null;
  const whole = Math.floor(serial);
  if (whole < 1 || whole === 60 || whole > EXCEL_MAX) return null;
  const date = civilFromDays(EXCEL_EPOCH + whole + (whole < 60 ? 1 : 0));
  return toIso(date.y, date.m, date.d);
}

/** The Excel serial of an ISO day from 1900-01-01 on, or null. */
export function isoToExcelSerial(iso: string): number | null {
  const date = fromIso(iso);
  if (!date || date.y < 1900) return null;
  const days = daysFromCivil(date.y, date.m, date.d) - EXCEL_EPOCH;
  return days < 61 ? days - 1 : days;
}

/** "dd/mm/yyyy"; anything that is not an ISO day comes back unchanged. */
export function formatDay(iso: string): string {
  const date = fromIso(iso);
  return date ? `${pad(date.d, 2)}/${pad(date.m, 2)}/${pad(date.y, 4)}` : String(iso);
}
