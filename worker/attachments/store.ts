import type { D1Database, R2Bucket } from "../cf-types.ts";
import { contentDisposition } from "../content-disposition.ts";
import { problem } from "../problems.ts";
import { deleteMarked, insertAttachment, markRemoved, readMarked, type AttachmentRow } from "../sql/attachments.ts";
import { MAX_ATTACHMENTS_PER_REGISTRATION, type Attachment, type AttachmentType } from "../../shared/attachments.ts";

// Bytes in R2, the list in D1, and never a row without its object: an upload writes the
// object first and the row second, and deletes the object again when the row cannot be
// written; a removal marks the row (hidden from then on), deletes the object, and only
// then the row. What stops half-way is finished by the daily clean-up.

interface Stores {
  DB: D1Database;
  FILES: R2Bucket;
}

export interface Upload {
  registrationId: string;
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
  contentType: AttachmentType;
  officerId: number;
  admin: boolean;
}

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** An object with no row is only wasted space, but it is still cleaned up where it can be. */
async function discard(files: R2Bucket, key: string): Promise<void> {
  try {
    await files.delete(key);
  } catch (err) {
    console.error(`attachments: could not delete orphan object ${key}`, err);
  }
}

/**
 * Stores one file; null when the registration stopped taking files between the caller's
 * check and the write (deleted, closed, or full), with nothing left behind.
 */
export async function storeAttachment(stores: Stores, upload: Upload): Promise<Attachment | null> {
  const id = crypto.randomUUID();
  const sha256 = hex(await crypto.subtle.digest("SHA-256", upload.bytes));
  const objectKey = `registrations/${upload.registrationId}/${id}`;
  // R2 checks the bytes it received against the digest, so a corrupted transfer fails here.
  await stores.FILES.put(objectKey, upload.bytes, {
    sha256,
    httpMetadata: { contentType: upload.contentType },
    customMetadata: { attachmentId: id, registrationId: upload.registrationId },
  });
  const row = {
    id,
    registrationId: upload.registrationId,
    name: upload.name,
    size: upload.bytes.byteLength,
    contentType: upload.contentType,
    sha256,
    objectKey,
    uploadedAt: new Date().toISOString(),
    uploadedBy: upload.officerId,
  };
  let landed: boolean;
  try {
    const [inserted] = await stores.DB.batch(insertAttachment(stores.DB, row, MAX_ATTACHMENTS_PER_REGISTRATION, upload.admin));
    landed = inserted!.results.length === 1;
  } catch (err) {
    await discard(stores.FILES, objectKey);
    throw err;
  }
  if (!landed) {
    await discard(stores.FILES, objectKey);
    return null;
  }
  return { id, name: row.name, size: row.size, contentType: row.contentType, sha256 };
}

/** Removes one file for an officer: false when it was already gone. */
export async function removeAttachment(stores: Stores, id: string, officerId: number): Promise<boolean> {
  const [, marked] = await stores.DB.batch(markRemoved(stores.DB, id, officerId, new Date().toISOString()));
  const keys = (marked!.results as { object_key: string }[]).map((r) => r.object_key);
  if (keys.length === 0) return false;
  try {
    await stores.FILES.delete(keys);
    await deleteMarked(stores.DB, [id]);
  } catch (err) {
    // Removed for everyone already (marked, audited); the clean-up deletes the rest tonight.
    console.error(`attachments: removal of ${id} left for the clean-up`, err);
  }
  return true;
}

/** R2 deletes at most 1,000 keys a call. */
const PURGE_CHUNK = 1000;

/**
 * Finishes every marked removal, up to `rounds` chunks: the objects first, then the rows.
 * Returns how many files went.
 */
export async function purgeMarked(stores: Stores, rounds: number): Promise<number> {
  let purged = 0;
  for (let round = 0; round < rounds; round++) {
    const marked = await readMarked(stores.DB, PURGE_CHUNK);
    if (marked.length === 0) break;
    await stores.FILES.delete(marked.map((m) => m.object_key));
    await deleteMarked(stores.DB, marked.map((m) => m.id));
    purged += marked.length;
    if (marked.length < PURGE_CHUNK) break;
  }
  return purged;
}

/** The file's bytes as a download under its own name, whoever the request came from. */
export async function attachmentResponse(files: R2Bucket, row: AttachmentRow): Promise<Response> {
  const object = await files.get(row.object_key);
  if (!object) {
    // The row promises the object; its absence is ours to look into, not the officer's.
    console.error(`attachments: object ${row.object_key} of ${row.id} is missing`);
    throw problem("attachment_not_found");
  }
  // The same stream under two copies of the workers types (cf-types.ts imports /latest).
  return new Response(object.body as unknown as ReadableStream, {
    headers: {
      "content-type": row.content_type,
      "content-length": String(row.size),
      "content-disposition": contentDisposition(row.name),
      etag: `"${row.sha256}"`,
      // Evidence is personal data: no shared cache keeps it, and the browser never runs it.
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
