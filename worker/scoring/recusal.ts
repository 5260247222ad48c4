import type { Caller } from "../env.ts";

/**
 * PRODUCT.md "Scoring": a judge never scores a model of his or her own unit, nor of a
 * unit under it — except that a judge working at the top of his or her own scope (the
 * commune's own committee) does score the units under it.
 */
export function isRecused(judge: Pick<Caller, "unitPath" | "scopePath">, registrationUnitPath: string): boolean {
  if (registrationUnitPath === judge.unitPath) return true;
  const unitBelowScope = judge.unitPath.startsWith(judge.scopePath) && judge.unitPath !== judge.scopePath;
  return unitBelowScope && registrationUnitPath.startsWith(judge.unitPath);
}
