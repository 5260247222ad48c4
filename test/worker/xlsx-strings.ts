// What an XLSX's shared strings say, read without a spreadsheet: one entry per <si> (a
// rich-text string's runs joined, as a spreadsheet shows the cell), and the lines a
// reader sees, for tests that look for a phrase wherever the writer put it.

export const decodeXml = (xml: string) =>
  xml.replace(/&(quot|apos|lt|gt|amp|#(\d+)|#x([0-9a-f]+));/gi, (_, name: string, dec?: string, hex?: string) =>
    dec ? String.fromCodePoint(Number(dec)) : hex ? String.fromCodePoint(parseInt(hex, 16)) : ({ quot: '"', apos: "'", lt: "<", gt: ">", amp: "&" } as Record<string, string>)[name]!,
  );

/** The shared strings in index order (a cell's `<v>` is its index here). */
export function sharedStrings(xml: string): string[] {
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((si) => [...si[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => decodeXml(t[1]!)).join(""));
}

/** Every line of every shared string, blank ones left out. */
export function sharedLines(xml: string): string[] {
  return sharedStrings(xml).flatMap((s) => s.split("\n").filter((l) => l.trim() !== ""));
}
