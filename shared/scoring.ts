// Points and totals of a score sheet (PRODUCT.md "Scoring"): what the worker checks a
// judge's sheet against and what the add-in's sheet shows. The rating rule is in rating.ts.
import type { Rubric } from "./schemas/rubric.ts";
import type { Kind } from "./vocabulary.ts";

/** The most a sheet of `kind` can total: the rubric's maxima added up. */
export function maxTotal(rubric: Rubric, kind: Kind): number {
  return rubric[kind].reduce((sum, c) => sum + c.max, 0);
}

/** Points a judge may give: 0 to the criterion's maximum, in whole or half points. */
export function isValidPoints(points: number, max: number): boolean {
  return Number.isFinite(points) && points >= 0 && points <= max && Number.isInteger(points * 2);
}
