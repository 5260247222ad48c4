// Text as officers type, paste or export it: NFD from some Mac and Word sources,
// non-breaking spaces from web pages, the old and new tone placement ("hoá"/"hóa",
// "thuỷ"/"thủy"), or no diacritics at all. Everything that stores text goes through
// normalizeText; everything that matches text against a vocabulary goes through foldText.

// `\s` already covers NBSP, the narrow NBSP, ideographic space and BOM; zero-width
// spaces and word joiners are invisible in Excel yet break matching, so they go too.
const SPACE_RUNS = /[\s\u200B\u2060]+/gu;

/** NFC, trimmed, every run of whitespace (non-breaking included) collapsed to one space. */
export function normalizeText(s: string): string {
  return s.normalize("NFC").replace(SPACE_RUNS, " ").trim();
}

/**
 * Lower-case without diacritics, for comparing with a vocabulary: "Văn hoá", "VĂN HÓA",
 * "van hoa" and an NFD "Văn hóa" all fold to "van hoa". "đ" has no decomposition, so it
 * is mapped by hand; "ð" (Icelandic eth) stands in for "đ" in text converted from the old
 * TCVN3/VNI fonts.
 */
export function foldText(s: string): string {
  return normalizeText(s)
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đð]/g, "d");
}

/** The folded letters and digits only, so "VH-XH", "VH - XH" and "vhxh" are one key. */
export function compactKey(s: string): string {
  return foldText(s).replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Bytes of `s` in UTF-8, without encoding it: request limits (D1, Excel on the web) count bytes, not characters. */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // 2 bytes below U+0800, 3 above; a surrogate pair (two units) is 4.
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return n;
}
