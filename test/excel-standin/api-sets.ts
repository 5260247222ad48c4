// Excel stand-in (NOT Excel): which ExcelApi requirement set each class and member of the
// Office.js Excel API belongs to, DERIVED from the `[Api set: ...]` annotations of
// @types/office-js (never written by hand). The stand-in speaks for one requirement set
// at a time: any member above it throws, as the member would be missing (ApiNotFound) on
// an Excel that only supports that set.
// https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
//
// Pure functions only: Node reads the .d.ts at test time (api-sets-data.ts) and the
// browser bundle gets the table generated at bundle time (build.ts).

/**
 * Minor version of "ExcelApi 1.N" (1.9 -> 9). null: a set above every numbered ExcelApi
 * version (ExcelApiOnline, ExcelApiDesktop, preview sets), which no numbered version has.
 */
export type ApiRank = number | null;

/** [rank to use the member, rank to assign it when the annotation says so]. */
export type MemberRanks = [ApiRank] | [ApiRank, ApiRank];

export interface ApiClassEntry {
  /** The annotation of the class itself (its members default to it); absent when it has none. */
  rank?: ApiRank;
  members: Record<string, MemberRanks>;
}

export interface ApiSetTable {
  classes: Record<string, ApiClassEntry>;
  /** Excel.<Enum> namespaces (Excel.ChartType, ...). */
  enums: Record<string, ApiRank>;
}

/** "ExcelApi 1.9" -> 9; "ExcelApiOnline 1.1" / "ExcelApi Preview" -> null. */
export function rankOfAnnotation(text: string): ApiRank {
  const m = /^ExcelApi (\d+)\.(\d+)/.exec(text.trim());
  if (!m || m[1] !== "1") return null;
  return Number(m[2]);
}

/** "ExcelApi 1.1 for getting the name; 1.4 for setting it." -> 4. */
function setterRankOfAnnotation(text: string): ApiRank | undefined {
  const m = /\b1\.(\d+) for (?:setting|set)\b/.exec(text);
  return m ? Number(m[1]) : undefined;
}

function minRank(a: ApiRank, b: ApiRank): ApiRank {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}

/**
 * Reads the `declare namespace Excel { ... }` block of @types/office-js/index.d.ts.
 * Classes and enums sit at 4 spaces, their members at 8; the doc comment right above a
 * declaration carries its `[Api set: ...]` (members without one take their class's).
 * Overloads keep the lowest set.
 */
export function parseExcelApiSets(dts: string): ApiSetTable {
  const start = dts.indexOf("\ndeclare namespace Excel {");
  if (start < 0) throw new Error("Excel stand-in: @types/office-js has no `declare namespace Excel` block");
  const end = dts.indexOf("\n    namespace Interfaces {", start);
  const lines = dts.slice(start, end < 0 ? undefined : end).split("\n");
  const table: ApiSetTable = { classes: {}, enums: {} };
  let doc: string | null = null;
  let inDoc = false;
  let docText = "";
  let current: { kind: "class"; entry: ApiClassEntry } | { kind: "enum" } | { kind: "other" } | null = null;
  for (const line of lines) {
    const trimmed = line.trim();
    if (inDoc) {
      docText += " " + trimmed;
      if (trimmed.endsWith("*/")) {
        inDoc = false;
        doc = /\[Api set: ([^\]]*)\]/.exec(docText)?.[1] ?? null;
      }
      continue;
    }
    if (trimmed.startsWith("/**")) {
      docText = trimmed;
      if (trimmed.endsWith("*/")) doc = /\[Api set: ([^\]]*)\]/.exec(docText)?.[1] ?? null;
      else inDoc = true;
      continue;
    }
    const top = /^ {4}(?:abstract )?(class|enum|interface|type|function|var) (\w+)/.exec(line);
    if (top) {
      const [, kind, name] = top;
      // No annotation (RequestContext, ErrorCodes, ...): not tied to a requirement set.
      const rank = doc === null ? undefined : rankOfAnnotation(doc);
      if (kind === "class") {
        const entry: ApiClassEntry = rank === undefined ? { members: {} } : { rank, members: {} };
        table.classes[name!] = entry;
        current = { kind: "class", entry };
      } else if (kind === "enum") {
        if (rank !== undefined) table.enums[name!] = rank;
        current = { kind: "enum" };
      } else {
        current = { kind: "other" };
      }
      doc = null;
      continue;
    }
    if (/^ {4}\}/.test(line)) {
      current = null;
      doc = null;
      continue;
    }
    if (current?.kind === "class") {
      const member = /^ {8}(?:readonly )?(\w+)\??(?:\(|:|<)/.exec(line);
      if (member) {
        const name = member[1]!;
        const rank = doc === null ? current.entry.rank : rankOfAnnotation(doc);
        if (name !== "context" && rank !== undefined) {
          const setRank = doc === null ? undefined : setterRankOfAnnotation(doc);
          const previous = current.entry.members[name];
          const merged: ApiRank = previous ? minRank(previous[0], rank) : rank;
          const setter = setRank ?? previous?.[1];
          current.entry.members[name] = setter === undefined ? [merged] : [merged, setter];
        }
        doc = null;
      }
    }
  }
  if (Object.keys(table.classes).length < 50) throw new Error("Excel stand-in: could not read the Excel classes of @types/office-js");
  return table;
}

/** "1.8" -> 8. */
export function parseApiVersion(version: string): number {
  const m = /^1\.(\d{1,2})$/.exec(String(version).trim());
  if (!m) throw new Error(`Excel stand-in: apiVersion must look like "1.8" (ExcelApi 1.N), got ${JSON.stringify(version)}`);
  return Number(m[1]);
}

export function rankLabel(rank: ApiRank): string {
  return rank === null ? "a requirement set above every numbered ExcelApi version (ExcelApiOnline, ExcelApiDesktop or preview)" : `ExcelApi 1.${rank}`;
}

/** Whether `rank` is available at the emulated ExcelApi 1.`emulated`. */
export function rankSupported(rank: ApiRank, emulated: number): boolean {
  return rank !== null && rank <= emulated;
}

/** The requirement of Class.member (reading or calling; `assign` for property writes), or undefined if the .d.ts does not list it. */
export function memberRank(table: ApiSetTable, className: string, member: string, assign = false): ApiRank | undefined {
  const ranks = table.classes[className]?.members[member];
  if (!ranks) return undefined;
  if (assign && ranks.length === 2) {
    const [use, set] = ranks;
    return use === null || set === null ? null : Math.max(use, set);
  }
  return ranks[0];
}

export class ApiVersionGate {
  constructor(
    readonly table: ApiSetTable,
    /** Minor version of the emulated ExcelApi 1.N. */
    readonly emulated: number,
  ) {}

  get label(): string {
    return `ExcelApi 1.${this.emulated}`;
  }

  /** Throws when Class.member needs a requirement set above the emulated one. */
  check(className: string, member: string, assign = false): void {
    const rank = memberRank(this.table, className, member, assign);
    if (rank === undefined || rankSupported(rank, this.emulated)) return;
    const what = assign ? `${className}.${member} (assignment)` : `${className}.${member}`;
    throw new Error(`Excel stand-in: ${what} needs ${rankLabel(rank)}; this stand-in emulates ${this.label}`);
  }

  /** Whether Class.member exists at the emulated version (members the .d.ts does not list count as present). */
  has(className: string, member: string): boolean {
    const rank = memberRank(this.table, className, member);
    return rank === undefined || rankSupported(rank, this.emulated);
  }

  checkEnum(name: string): void {
    if (!(name in this.table.enums)) return;
    const rank = this.table.enums[name]!;
    if (!rankSupported(rank, this.emulated)) throw new Error(`Excel stand-in: Excel.${name} needs ${rankLabel(rank)}; this stand-in emulates ${this.label}`);
  }

}

/** Office.context.requirements.isSetSupported("ExcelApi", minVersion) at ExcelApi 1.`emulated`. */
export function excelApiSupported(minVersion: string | number | undefined, emulated: number): boolean {
  if (minVersion === undefined) return true;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(minVersion).trim());
  if (!m) return false;
  const major = Number(m[1]);
  return major < 1 || (major === 1 && Number(m[2] ?? 0) <= emulated);
}

/** What the stand-in emulates when no apiVersion is given: our manifest's minimum (Excel 2019, Office 2021/2024, Microsoft 365, Excel on the web). */
export const DEFAULT_API_VERSION = "1.8";
