import type { OrgUnit } from "../../shared/schemas/org-unit.ts";
import { compactKey, normalizeText } from "../../shared/text.ts";

/**
 * The org units an officer may file registrations under, as the dropdown shows them:
 * the name, or "name (parent)" where two units share a name (every commune has a
 * "Công an xã"), or with the code where even that is ambiguous.
 */
export class UnitDirectory {
  readonly labels: string[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly labelOf = new Map<number, string>();

  constructor(units: readonly OrgUnit[]) {
    const byId = new Map(units.map((u) => [u.id, u]));
    const sameName = new Map<string, number>();
    for (const u of units) sameName.set(compactKey(u.name), (sameName.get(compactKey(u.name)) ?? 0) + 1);
    const withParent = (u: OrgUnit) => {
      const parent = u.parentId === null ? undefined : byId.get(u.parentId);
      return parent ? `${u.name} (${parent.name})` : u.name;
    };
    const sameLabel = new Map<string, number>();
    const first = units.map((u) => ((sameName.get(compactKey(u.name)) ?? 0) > 1 ? withParent(u) : u.name));
    for (const l of first) sameLabel.set(compactKey(l), (sameLabel.get(compactKey(l)) ?? 0) + 1);
    units.forEach((u, i) => {
      const label = (sameLabel.get(compactKey(first[i]!)) ?? 0) > 1 ? `${first[i]} [${u.code}]` : first[i]!;
      this.labels.push(label);
      this.labelOf.set(u.id, label);
      this.byKey.set(compactKey(label), u.id);
      this.byKey.set(`code:${normalizeText(u.code).toLowerCase()}`, u.id);
    });
    // A plain name still finds a unit when it is the only one so named.
    for (const u of units) if (sameName.get(compactKey(u.name)) === 1) this.byKey.set(compactKey(u.name), u.id);
  }

  /** The unit a cell names, by label (any case or diacritics) or official code. */
  find(cell: string): number | undefined {
    const text = normalizeText(cell);
    return this.byKey.get(compactKey(text)) ?? this.byKey.get(`code:${text.toLowerCase()}`);
  }

  label(id: number): string | undefined {
    return this.labelOf.get(id);
  }
}
