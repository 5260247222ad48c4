// One parser per kind of cell (PRODUCT.md "Registration"), each taking what Excel gives
// and returning a value or a Vietnamese message that quotes the cell; and the formatters
// that write values back into cells. None of them throws, whatever the input.

export { type Cell, type ParseResult } from "./parse/result.ts";
export { parseKind, parseField, parseLevel } from "./parse/vocab.ts";
export { parseMoneyVnd, formatMoneyVnd } from "./parse/money.ts";
export { parseHeadcount, MAX_PARTICIPANTS } from "./parse/count.ts";
export {
  parsePeriod,
  parseDay,
  formatPeriod,
  periodText,
  PERIOD_TEXT_MAX,
  type PeriodOptions,
  type Span,
  type ClosedSpan,
} from "./parse/period.ts";
export { excelSerialToIso, isoToExcelSerial, formatDay, isIsoDate } from "./parse/calendar.ts";
export { normalizeText, foldText, compactKey } from "./text.ts";
