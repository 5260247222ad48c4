import type { ColumnKey, TableSpec } from "./columns.ts";
import type { UnitDirectory } from "./units.ts";
import { parseDay, parseField, parseHeadcount, parseLevel, parseMoneyVnd, parsePeriod, periodText, type Cell } from "../../shared/parse.ts";
import { registrationContentSchema, type RegistrationContent } from "../../shared/schemas/registration.ts";
import { toFieldErrors } from "../../shared/schemas/field-errors.ts";
import { normalizeText } from "../../shared/text.ts";
import type { Level } from "../../shared/vocabulary.ts";

export interface RowContext {
  units: UnitDirectory;
  levels: readonly Level[];
  /** The campaign's year, for "6 tháng đầu năm" and other year-less times. */
  year: number;
}

export interface CellError {
  column: ColumnKey;
  message: string;
}

export interface RowReading {
  /** Nothing typed in any column the officer fills: not a registration, not an error. */
  blank: boolean;
  content: RegistrationContent | null;
  errors: CellError[];
}

const TEXT_COLUMNS = ["unitName", "address", "personName", "position", "modelName", "representative"] as const;

/** Where a schema path (or a server error's path) lands in the sheet. */
export function columnOfPath(path: string): ColumnKey {
  const head = path.split(".")[0] ?? "";
  if (head === "startDate" || head === "endDate") return "period";
  if (head === "orgUnitId") return "orgUnit";
  return head as ColumnKey;
}

/**
 * Reads one row of a registration table as the server will: every cell through
 * shared/parse.ts, then the form's rules through the shared zod schema, so that
 * "Kiểm tra" says in the sheet exactly what a sync would refuse.
 */
export function readRow(spec: TableSpec, row: readonly Cell[], ctx: RowContext): RowReading {
  const cell = (key: ColumnKey): Cell => {
    const i = spec.columns.findIndex((c) => c.key === key);
    return i < 0 ? undefined : row[i];
  };
  const has = (key: ColumnKey) => spec.columns.some((c) => c.key === key);
  const typed = spec.columns.filter((c) => c.key !== "status" && !c.hidden).some((c) => {
    const v = row[spec.columns.indexOf(c)];
    return v !== "" && v !== null && v !== undefined && !(typeof v === "string" && normalizeText(v) === "");
  });
  if (!typed) return { blank: true, content: null, errors: [] };

  const errors: CellError[] = [];
  const take = <T>(key: ColumnKey, r: { ok: true; value: T } | { ok: false; message: string }): T | undefined => {
    if (r.ok) return r.value;
    errors.push({ column: key, message: r.message });
    return undefined;
  };

  const unitCell = cell("orgUnit");
  const unitText = typeof unitCell === "number" ? String(unitCell) : normalizeText(String(unitCell ?? ""));
  let orgUnitId: number | undefined;
  if (!unitText) errors.push({ column: "orgUnit", message: "Chưa chọn đơn vị: hãy chọn trong danh sách." });
  else {
    orgUnitId = ctx.units.find(unitText);
    if (orgUnitId === undefined) {
      errors.push({ column: "orgUnit", message: `Không có đơn vị “${unitText}” trong phạm vi của bạn: hãy chọn trong danh sách.` });
    }
  }

  const text = (key: (typeof TEXT_COLUMNS)[number]) => {
    if (!has(key)) return null;
    const v = cell(key);
    return v === null || v === undefined ? null : normalizeText(String(v)) || null;
  };
  const period = take("period", parsePeriod(cell("period"), { defaultYear: ctx.year }));
  // The account keeps the officer's line breaks (Alt+Enter); only Windows ones are made plain.
  const account = cell("description");
  const descriptionText = account === null || account === undefined ? "" : String(account).normalize("NFC").replace(/\r\n?/g, "\n").trim();
  const draft = {
    orgUnitId,
    kind: spec.kind,
    unitName: text("unitName"),
    address: text("address"),
    personName: text("personName"),
    position: text("position"),
    modelName: text("modelName") ?? "",
    field: take("field", parseField(cell("field"))),
    level: take("level", parseLevel(cell("level"), ctx.levels)),
    expectedBenefit: take("expectedBenefit", parseMoneyVnd(cell("expectedBenefit"))),
    startDate: period?.start,
    endDate: period?.end,
    periodText: periodText(cell("period")),
    description: has("description") ? descriptionText || null : null,
    participants: has("participants") ? take("participants", parseHeadcount(cell("participants"))) : null,
    representative: text("representative"),
    submittedAt: has("submittedAt") ? take("submittedAt", parseDay(cell("submittedAt"))) : null,
  };
  const parsed = registrationContentSchema.safeParse(draft);
  if (!parsed.success) {
    // Cells whose own parser already complained are not reported twice.
    const told = new Set(errors.map((e) => e.column));
    for (const e of toFieldErrors(parsed.error.issues, draft)) {
      const column = columnOfPath(e.path);
      // The sheet names the column itself; the schema's own label prefix would repeat it.
      if (!told.has(column)) errors.push({ column, message: capitalize(e.message.replace(/^[^:]*: /, "")) });
      told.add(column);
    }
  }
  return { blank: false, content: errors.length ? null : (parsed.data ?? null), errors };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
