import { describe, expect, it } from "vitest";
import { contentDisposition } from "../../worker/content-disposition.ts";

// One helper names every download: reports (CSV, XLSX) and evidence files.

describe("contentDisposition", () => {
  it("gives an ASCII name without diacritics and the exact name as RFC 5987 UTF-8", () => {
    expect(contentDisposition("Biểu 1 - Theo đơn vị - Xã Hà Giang - 30-11-2026.csv")).toBe(
      "attachment; filename=\"Bieu-1-Theo-don-vi-Xa-Ha-Giang-30-11-2026.csv\"; filename*=UTF-8''Bi%E1%BB%83u%201%20-%20Theo%20%C4%91%C6%A1n%20v%E1%BB%8B%20-%20X%C3%A3%20H%C3%A0%20Giang%20-%2030-11-2026.csv",
    );
    expect(contentDisposition("ĐOÀN THANH NIÊN.xlsx")).toMatch(/^attachment; filename="DOAN-THANH-NIEN\.xlsx"; /);
  });

  it("percent-encodes the characters encodeURIComponent leaves but RFC 5987 forbids", () => {
    const header = contentDisposition("Ảnh (lần 2) *mới* của 'thôn'.jpg");
    const encoded = /filename\*=UTF-8''(.*)$/.exec(header)![1]!;
    expect(encoded).toMatch(/^[A-Za-z0-9!#$&+.^_`|~%-]+$/);
    expect(encoded).toContain("%28l%E1%BA%A7n%202%29%20%2Am%E1%BB%9Bi%2A");
    expect(decodeURIComponent(encoded)).toBe("Ảnh (lần 2) *mới* của 'thôn'.jpg");
  });

  it("never puts a quote or backslash in the ASCII name, and falls back to a name when no letter survives", () => {
    expect(contentDisposition('a"b\\c.pdf')).toMatch(/^attachment; filename="a-b-c\.pdf"; /);
    expect(contentDisposition("文件.pdf")).toMatch(/^attachment; filename="tep\.pdf"; filename\*=UTF-8''%E6%96%87%E4%BB%B6\.pdf$/);
    expect(contentDisposition("—")).toMatch(/^attachment; filename="tep"; /);
  });
});
