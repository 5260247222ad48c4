import { parseDay, parseField, parseHeadcount, parseLevel, parseMoneyVnd, parsePeriod, periodText, type Cell } from "../../shared/parse.ts";
import { registrationContentSchema, type RegistrationContent } from "../../shared/schemas/registration.ts";
import type { Level } from "../../shared/vocabulary.ts";

/**
 * One registration form of the demo as a clerk types it into the sheet: the cells of the
 * official form in the sheet's order, read by the add-in's own cell parsers, so a demo
 * form the parsers refuse is a bug caught at seeding.
 */
export interface DemoForm {
  /** Fixed, so seeding again finds it. */
  id: string;
  /** Code of the unit it is filed under (demo/area.ts). */
  unit: string;
  kind: "collective" | "individual";
  cells: [unitName: string, address: string, modelName: string, field: string, benefit: Cell, period: Cell, level: string, submitted: string];
  person?: [name: string, position: string];
  /** The model's account (thuyết minh) and how many take part, as the unit wrote them. */
  account?: { description: string; participants: Cell };
}

/** The form read as the add-in reads a row, ready for the sync endpoint (without id and version). */
export function readForm(form: DemoForm, orgUnitId: number, levels: readonly Level[], year: number): RegistrationContent {
  const [unitName, address, modelName, field, benefit, period, level, submitted] = form.cells;
  const must = <T>(r: { ok: true; value: T } | { ok: false; message: string }): T => {
    if (!r.ok) throw new Error(`demo form ${form.id}: ${r.message}`);
    return r.value;
  };
  const span = must(parsePeriod(period, { defaultYear: year }));
  return registrationContentSchema.parse({
    orgUnitId,
    kind: form.kind,
    unitName,
    address: address || null,
    personName: form.person?.[0] ?? null,
    position: form.person?.[1] ?? null,
    modelName,
    field: must(parseField(field)),
    level: must(parseLevel(level, levels)),
    expectedBenefit: must(parseMoneyVnd(benefit)),
    startDate: span.start,
    endDate: span.end,
    periodText: periodText(period),
    representative: null,
    // Not noted on the form: the day the clerk typed the pile in, as the first demo had it.
    submittedAt: must(parseDay(submitted)) ?? `${year}-03-24`,
    description: form.account?.description ?? null,
    participants: form.account ? must(parseHeadcount(form.account.participants)) : null,
  });
}
