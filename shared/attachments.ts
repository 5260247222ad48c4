// Evidence files (minh chứng) of a registration: what is accepted, how big, how many,
// and how a file's bytes say what it is. Used by the worker to decide and by the pane to
// refuse early (before sending 10 MB over a slow line). PRODUCT.md "API", Evidence files.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_REGISTRATION = 20;
/** Characters of a file name (what Windows and macOS file systems take). */
export const MAX_ATTACHMENT_NAME = 255;
/** Ids (attachments or registrations) in one request for download links. */
export const MAX_LINK_IDS = 1000;

export const ATTACHMENT_TYPES = {
  "application/pdf": { label: "PDF", extensions: ["pdf"] },
  "image/jpeg": { label: "ảnh JPEG", extensions: ["jpg", "jpeg"] },
  "image/png": { label: "ảnh PNG", extensions: ["png"] },
  "image/webp": { label: "ảnh WebP", extensions: ["webp"] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { label: "Word (.docx)", extensions: ["docx"] },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { label: "Excel (.xlsx)", extensions: ["xlsx"] },
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

export function isAttachmentType(type: string): type is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, type);
}

/** "PDF, ảnh JPEG, ảnh PNG, ảnh WebP, Word (.docx) hoặc Excel (.xlsx)" for messages. */
export const ACCEPTED_LABELS = (() => {
  const labels = Object.values(ATTACHMENT_TYPES).map((t) => t.label);
  return `${labels.slice(0, -1).join(", ")} hoặc ${labels.at(-1)}`;
})();

/** One stored file, as the upload answers it. */
export interface Attachment {
  id: string;
  name: string;
  size: number;
  contentType: AttachmentType;
  sha256: string;
}

/** One file of `GET /registrations/:id/attachments`. */
export interface AttachmentListItem extends Attachment {
  uploadedAt: string;
  uploadedBy: { id: number; name: string | null };
}

/** One link of `POST /attachments/links`: opens the file without the token until `expiresAt`. */
export interface AttachmentLink {
  id: string;
  registrationId: string;
  name: string;
  size: number;
  contentType: AttachmentType;
  url: string;
  expiresAt: string;
}

export interface AttachmentLinks {
  links: AttachmentLink[];
  /** Requested ids (attachments or registrations) that are not there or not in the caller's reach. */
  missing: string[];
}

export type Detected = { ok: true; type: AttachmentType } | { ok: false; reason: "unknown" | "macro" };

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PDF = ascii("%PDF-");
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const ZIP_LOCAL = [0x50, 0x4b, 0x03, 0x04];

/**
 * What the bytes are, by their signature — never by the name or the declared type, so a
 * renamed program or archive is refused. Word and Excel files are ZIP archives whose
 * central directory names `[Content_Types].xml` and `word/…` resp. `xl/…` parts; a
 * macro project (`vbaProject.bin`, a .docm/.xlsm renamed) is refused.
 */
export function detectAttachmentType(bytes: Uint8Array): Detected {
  if (startsWith(bytes, PDF)) return { ok: true, type: "application/pdf" };
  if (startsWith(bytes, JPEG)) return { ok: true, type: "image/jpeg" };
  if (startsWith(bytes, PNG)) return { ok: true, type: "image/png" };
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return { ok: true, type: "image/webp" };
  if (startsWith(bytes, ZIP_LOCAL)) {
    const names = zipEntryNames(bytes);
    if (!names || !names.includes("[Content_Types].xml")) return { ok: false, reason: "unknown" };
    if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { ok: false, reason: "macro" };
    if (names.some((n) => n.startsWith("word/"))) {
      return { ok: true, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" };
    }
    if (names.some((n) => n.startsWith("xl/"))) {
      return { ok: true, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" };
    }
  }
  return { ok: false, reason: "unknown" };
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/**
 * The entry names of a ZIP archive from its central directory (APPNOTE 4.3.12, 4.3.16),
 * or null when the archive is malformed. Every offset is bounds-checked: the bytes come
 * from anyone.
 */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is 22 bytes plus a comment of at most 65,535.
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const start = view.getUint32(eocd + 16, true);
  if (start + size > eocd) return null;
  const names: string[] = [];
  let at = start;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    if (at + 46 + nameLength > eocd) return null;
    names.push(latin1(bytes.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** Byte for character: the parts looked for are ASCII, whatever the archive's name encoding. */
function latin1(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/**
 * The name to keep: the officer's, with the extension of what the bytes are appended
 * when it does not already end so ("ảnh.png" holding a JPEG becomes "ảnh.png.jpg"), so
 * the file opens in the right program once downloaded.
 */
export function nameWithExtension(name: string, type: AttachmentType): string {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  const known: readonly string[] = ATTACHMENT_TYPES[type].extensions;
  return extension && known.includes(extension) ? name : `${name}.${known[0]}`;
}
