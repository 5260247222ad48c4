import { problem } from "../problems.ts";
import { MAX_ATTACHMENT_NAME } from "../../shared/attachments.ts";

/** C0 controls, DEL, and the bidirectional overrides that make "hoso‮fdp.exe" look like "hosoexe.pdf". */
const FORBIDDEN = /[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The file's name from `X-File-Name`: UTF-8, URL-encoded (encodeURIComponent), since a
 * header carries only ASCII reliably. A folder part (some browsers send the whole path)
 * is dropped; the rest is NFC with spaces tidied. Anything else is refused, never guessed.
 */
export function fileNameFromHeader(raw: string | undefined): string {
  // Unencoded UTF-8 reaches the worker as Latin-1 mojibake: refuse it rather than store it.
  if (!raw || !/^[\x20-\x7E]+$/.test(raw)) throw problem("attachment_name_invalid");
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw problem("attachment_name_invalid");
  }
  const name = (decoded.split(/[\\/]/).pop() ?? "").normalize("NFC").replace(/\s+/g, " ").trim();
  if (!name || name === "." || name === ".." || FORBIDDEN.test(name) || [...name].length > MAX_ATTACHMENT_NAME) {
    throw problem("attachment_name_invalid");
  }
  return name;
}
