import type { RegistrationContent } from "../../shared/schemas/registration.ts";

/**
 * A short fingerprint of a row's content as sent (cyrb53): kept in a hidden column so a
 * sync sends only rows changed since their last sync. Not a security measure.
 */
export function contentHash(content: RegistrationContent): string {
  // A flat object: the sorted key list fixes the order (it would drop nested keys).
  return fingerprint(JSON.stringify(content, Object.keys(content).sort()));
}

/**
 * The fingerprint a row had before registrations carried the period as written, the
 * account and the headcount: a row synced then and untouched since is still clean (and
 * is not sent again just because the add-in learned three new items).
 */
export function legacyContentHash(content: RegistrationContent): string | null {
  if (content.description !== null || content.participants !== null) return null;
  const { periodText: _p, description: _d, participants: _n, ...legacy } = content;
  return fingerprint(JSON.stringify(legacy, Object.keys(legacy).sort()));
}

export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
