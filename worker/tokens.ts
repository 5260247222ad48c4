// Bearer tokens and download tickets: 256 random bits, shown once, stored only as a
// SHA-256 digest. Each kind has its own prefix, so a ticket can never pass for an
// officer's token (nor the reverse), and a ticket seen in a URL is known for what it is.
const TOKEN_PREFIX = "dvk_";
const TICKET_PREFIX = "dvkdl_";
const BODY = "[A-Za-z0-9_-]{43}";
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}${BODY}$`);
const TICKET_PATTERN = new RegExp(`^${TICKET_PREFIX}${BODY}$`);

function randomSecret(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `${prefix}${btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")}`;
}

/** An officer's bearer token. */
export function generateToken(): string {
  return randomSecret(TOKEN_PREFIX);
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/** A short-lived download link's ticket: it stands in the URL, so it carries no token. */
export function generateTicket(): string {
  return randomSecret(TICKET_PREFIX);
}

export function isWellFormedTicket(ticket: string): boolean {
  return TICKET_PATTERN.test(ticket);
}
export async function hashToken(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
