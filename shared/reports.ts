// The six biểu tổng hợp of PRODUCT.md "Reports": their names in the API, and their
// Vietnamese names for sheets and downloaded files (an Excel sheet name: at most 31
// characters, none of []:*?/\); and the moment a table's figures stand at (`asOf`).
import { formatDay } from "./parse/calendar.ts";
import { endOfVietnamDay, vietnamClock, vietnamToday } from "./vietnam-time.ts";

export const REPORT_TABLES = ["units", "matrix", "scores", "missing", "commendations", "list"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const REPORT_NAMES: Record<ReportTable, string> = {
  units: "Biểu 1 - Theo đơn vị",
  matrix: "Biểu 2 - Theo lĩnh vực và cấp",
  scores: "Biểu 3 - Kết quả chấm điểm",
  missing: "Biểu 4 - Chưa đăng ký",
  commendations: "Biểu 5 - Khen thưởng",
  list: "Biểu 6 - Danh sách mô hình",
};

// ---------------------------------------------------------------------------------
// As of a moment (PRODUCT.md "Reports": every table takes `asOf`)


const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$/;

export type AsOfResult = { ok: true; instant: string } | { ok: false; message: string };

const FORM_HINT =
  "ngày dạng YYYY-MM-DD (tính đến hết ngày đó, giờ Việt Nam), ví dụ 2025-06-30, hoặc thời điểm ISO 8601, ví dụ 2025-06-30T17:00:00+07:00";

function validDay(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/**
 * `asOf` as the API takes it: a day (`YYYY-MM-DD`, the end of that day in Vietnam) or an
 * ISO 8601 date-time (without an offset, Vietnam time), normalised to the ISO instant
 * (UTC, milliseconds) the tables are rebuilt at. Refused: anything else, a day that does
 * not exist, a year before 2000, and a moment after the end of today in Vietnam.
 */
export function parseAsOf(text: string, now: Date): AsOfResult {
  const raw = text.trim();
  let instant: number;
  const day = DAY.exec(raw);
  const dateTime = day ? null : DATE_TIME.exec(raw);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]), Number(day[3])];
    if (!validDay(y, m, d)) return { ok: false, message: `Ngày tính số liệu (asOf) “${raw}” không có thật.` };
    instant = Date.parse(endOfVietnamDay(raw));
  } else if (dateTime) {
    const [y, m, d, hh, mm] = [1, 2, 3, 4, 5].map((i) => Number(dateTime[i]));
    const ss = Number(dateTime[6] ?? 0);
    if (!validDay(y!, m!, d!) || hh! > 23 || mm! > 59 || ss > 59) {
      return { ok: false, message: `Thời điểm tính số liệu (asOf) “${raw.slice(0, 40)}” không có thật.` };
    }
    const ms = Number((dateTime[7] ?? "0").padEnd(3, "0").slice(0, 3));
    const zone = dateTime[8] ?? "+07:00";
    const offset = zone === "Z" ? 0 : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6))) * 60_000;
    instant = Date.UTC(y!, m! - 1, d!, hh!, mm!, ss, ms) - offset;
  } else {
    return { ok: false, message: `Ngày tính số liệu (asOf) không đúng dạng: cần ${FORM_HINT}.` };
  }
  if (new Date(instant).getUTCFullYear() < 2000) return { ok: false, message: "Ngày tính số liệu (asOf) phải từ năm 2000 trở đi." };
  const today = vietnamToday(now);
  if (instant > Date.parse(endOfVietnamDay(today))) {
    const [y, m, d] = today.split("-");
    return { ok: false, message: `Ngày tính số liệu (asOf) không được sau hôm nay (${d}/${m}/${y}).` };
  }
  return { ok: true, instant: new Date(instant).toISOString() };
}

/**
 * How a table names its moment: "hết ngày 30/06/2025" for the end of a Vietnam day, else
 * "10:15 ngày 30/06/2025" (Vietnam time).
 */
export function asOfLabel(instant: string): string {
  const local = vietnamClock(instant);
  const iso = local.toISOString();
  const day = formatDay(iso.slice(0, 10));
  if (endOfVietnamDay(iso.slice(0, 10)) === instant) return `hết ngày ${day}`;
  return `${iso.slice(11, 13)}:${iso.slice(14, 16)} ngày ${day}`;
}
