// The registrations the counting tables (units, matrix, missing) read: a campaign's
// stored rows, live ones only, or the rows of a half-year snapshot
// (0010_half_year_snapshots.sql), which hold only live ones. Both are keyed by unit and
// carry the same counted columns, so each statement is written once and reads either.

/** Which rows: today's of a campaign, or those of a snapshot; the statement binds the campaign's or the snapshot's id. */
export type CountedRows = "stored" | "snapshot";

/**
 * The table (aliased `r`) and the condition picking its live rows filed on `unit`, the
 * campaign's or snapshot's id being the SQL parameter `id`. Every column a counting
 * table reads is in the key of both (registrations_report, the snapshot's primary key).
 */
export function countedRows(source: CountedRows, id: string, unit: string): { table: string; on: string } {
  return source === "snapshot"
    ? { table: "snapshot_registrations r", on: `r.snapshot_id = ${id} AND r.org_unit_id = ${unit}` }
    : { table: "registrations r", on: `r.campaign_id = ${id} AND r.org_unit_id = ${unit} AND r.deleted = 0` };
}
