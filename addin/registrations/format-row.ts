import type { ColumnKey, TableSpec } from "./columns.ts";
import type { RowContext } from "./read-row.ts";
import { formatDay, formatPeriod, type Cell } from "../../shared/parse.ts";
import type { RegistrationContent } from "../../shared/schemas/registration.ts";
import { FIELD_LABELS } from "../../shared/vocabulary.ts";

/**
 * A registration written back into a table row the way an officer would have typed it:
 * labels rather than codes, money as a number, the period in words, the day as
 * dd/mm/yyyy text (the column is Text, so no Excel reads 2/3 as 3 February).
 * Reading the row back (readRow) gives the same content.
 */
export function contentToCells(spec: TableSpec, content: RegistrationContent, ctx: RowContext): Map<ColumnKey, Cell> {
  const level = ctx.levels.find((l) => l.code === content.level);
  const cells = new Map<ColumnKey, Cell>([
    ["orgUnit", ctx.units.label(content.orgUnitId) ?? String(content.orgUnitId)],
    ["unitName", content.unitName ?? ""],
    ["address", content.address ?? ""],
    ["personName", content.personName ?? ""],
    ["position", content.position ?? ""],
    ["modelName", content.modelName],
    ["field", FIELD_LABELS[content.field]],
    ["expectedBenefit", content.expectedBenefit ?? ""],
    // The period as the unit wrote it, when known: the cell stays what the form said.
    ["period", content.periodText ?? formatPeriod({ start: content.startDate, end: content.endDate })],
    ["level", level?.label ?? content.level],
    ["participants", content.participants ?? ""],
    ["description", content.description ?? ""],
    ["representative", content.representative ?? ""],
    ["submittedAt", content.submittedAt ? formatDay(content.submittedAt) : ""],
  ]);
  for (const key of cells.keys()) if (!spec.columns.some((c) => c.key === key)) cells.delete(key);
  return cells;
}

/** A whole row: content cells, then the given bookkeeping values; other cells empty. */
export function rowCells(spec: TableSpec, content: Map<ColumnKey, Cell>, extra: Partial<Record<ColumnKey, Cell>>): Cell[] {
  return spec.columns.map((c) => extra[c.key] ?? content.get(c.key) ?? "");
}
