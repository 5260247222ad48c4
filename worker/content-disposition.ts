/**
 * `Content-Disposition` for a download whose name may be Vietnamese (RFC 6266): an ASCII
 * `filename` for old clients, diacritics dropped ("Biểu 1 - Xã Hà Giang.csv" →
 * "Bieu-1-Xa-Ha-Giang.csv"), and the exact name as RFC 5987 `filename*`, which every
 * current browser prefers.
 */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, (d) => (d === "đ" ? "d" : "D"))
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-(?=\.)/g, "");
  // A name of no Latin letters at all still downloads under a name, with its extension.
  const fallback = /^[^.]*[A-Za-z0-9]/.test(ascii) ? ascii : `tep${/\.[A-Za-z0-9]+$/.exec(ascii)?.[0] ?? ""}`;
  return `attachment; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** encodeURIComponent leaves ' ( ) * as they are; RFC 5987's attr-char does not allow them. */
function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
