import type { D1Database, D1PreparedStatement } from "../cf-types.ts";
import { registrationsAt } from "./history.ts";

// Half-year snapshots (0010_half_year_snapshots.sql): what the counting tables read of
// every live registration of a campaign at a passed moment, written once by the daily
// run with the rebuild's own statement (history.ts), over the whole tree.

/** The snapshot of a campaign at exactly this moment, if the daily run has written it. */
export function snapshotOf(db: D1Database, campaignId: number, at: string): D1PreparedStatement {
  return db.prepare(`SELECT id FROM report_snapshots WHERE campaign_id = ?1 AND at = ?2`).bind(campaignId, at);
}

export interface CampaignSnapshots {
  id: number;
  year: number;
  /** The moments already written, a JSON array. */
  taken: string;
}

/** Every campaign with its year and the moments of the snapshots it has. */
export function campaignSnapshots(db: D1Database): D1PreparedStatement {
  return db.prepare(
    `SELECT c.id, c.year,
       (SELECT json_group_array(s.at) FROM report_snapshots s WHERE s.campaign_id = c.id) AS taken
     FROM campaigns c ORDER BY c.id`,
  );
}

/**
 * The statements writing a campaign's snapshot at `at`, for one batch (one transaction:
 * a snapshot is whole or absent). The rows are the rebuild's `reg` over the whole tree
 * (every path lies between '/' and '0'), so a table read from them equals the table
 * rebuilt, whatever the scope.
 */
export function takeSnapshot(db: D1Database, campaignId: number, at: string, takenAt: string): D1PreparedStatement[] {
  const rebuilt = registrationsAt({ campaign: "?1", from: "'/'", to: "'0'", at: "?2" }, ["kind", "field", "level", "submitted_at", "expected_benefit"]);
  return [
    db.prepare(`INSERT INTO report_snapshots (campaign_id, at, taken_at) VALUES (?1, ?2, ?3)`).bind(campaignId, at, takenAt),
    db
      .prepare(
        `WITH ${rebuilt}
         INSERT INTO snapshot_registrations
           (snapshot_id, org_unit_id, registration_id, kind, field, level, review_state, submitted_at, expected_benefit)
         SELECT (SELECT id FROM report_snapshots WHERE campaign_id = ?1 AND at = ?2),
           org_unit_id, id, kind, field, level, review_state, submitted_at, expected_benefit
         FROM reg`,
      )
      .bind(campaignId, at),
  ];
}
