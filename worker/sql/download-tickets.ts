import type { D1Database, D1PreparedStatement } from "../cf-types.ts";

// Download tickets: a short-lived link to a report, a document or evidence files, stored
// as the SHA-256 of the ticket with the request it answers (re-checked when opened).

export interface StoredTicket {
  officer_id: number;
  request: string;
  expires_at: string;
}

export async function insertTicket(db: D1Database, t: { ticketHash: string; officerId: number; request: string; expiresAt: string }): Promise<void> {
  await db
    .prepare(`INSERT INTO download_tickets (ticket_hash, officer_id, request, expires_at) VALUES (?1, ?2, ?3, ?4)`)
    .bind(t.ticketHash, t.officerId, t.request, t.expiresAt)
    .run();
}

export function readTicket(db: D1Database, ticketHash: string): Promise<StoredTicket | null> {
  return db.prepare(`SELECT officer_id, request, expires_at FROM download_tickets WHERE ticket_hash = ?1`).bind(ticketHash).first<StoredTicket>();
}

export interface AttachmentTicket {
  officer_id: number;
  expires_at: string;
  /** 1 when the ticket names this file. */
  covers: number;
}

/** A ticket and whether it names the file: a report's ticket names none. */
export async function readAttachmentTicket(db: D1Database, ticketHash: string, attachmentId: string): Promise<AttachmentTicket | null> {
  return db
    .prepare(
      `SELECT t.officer_id, t.expires_at,
         EXISTS (SELECT 1 FROM json_each(t.request, '$.attachments') j WHERE j.value = ?2) AS covers
       FROM download_tickets t WHERE t.ticket_hash = ?1`,
    )
    .bind(ticketHash, attachmentId)
    .first<AttachmentTicket>();
}

export function purgeExpiredTickets(db: D1Database, now: string): D1PreparedStatement {
  return db.prepare(`DELETE FROM download_tickets WHERE expires_at <= ?1`).bind(now);
}
