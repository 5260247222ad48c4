import type { D1Database } from "../cf-types.ts";
import { campaignSnapshots, takeSnapshot, type CampaignSnapshots } from "../sql/report-snapshots.ts";
import { endOfVietnamDay } from "../../shared/vietnam-time.ts";

// Which half-year snapshots the daily run writes (0010_half_year_snapshots.sql): the
// moments the pane offers as "6 tháng đầu năm" and "Cả năm" of each campaign's year,
// the end of 30/6 and of 31/12 in Vietnam, once passed.

/**
 * How long after the moment a snapshot waits. A write stamps its audit entries with the
 * time its request began, so one begun just before midnight may land a little after it;
 * an hour leaves no request still running (the daily run itself is hours later).
 */
export const SNAPSHOT_MARGIN_MS = 60 * 60_000;

/** Snapshots written per run, newest moments first: a first run on years of history catches up over a few days. */
export const SNAPSHOTS_PER_RUN = 4;

export interface DueSnapshot {
  campaignId: number;
  at: string;
}

/** The moments of a campaign's year a snapshot is kept for. */
function snapshotMoments(year: number): string[] {
  return [endOfVietnamDay(`${year}-06-30`), endOfVietnamDay(`${year}-12-31`)];
}

/**
 * The next `limit` snapshots not yet written whose moment passed (with the margin) by
 * `now`, newest first. A campaign's history may have been brought in after its days (its row is then
 * younger than its registrations), so its own creation time decides nothing here; a
 * moment before it had any registration writes an empty snapshot, which is right.
 */
export function dueSnapshots(campaigns: readonly CampaignSnapshots[], now: Date, limit = SNAPSHOTS_PER_RUN): DueSnapshot[] {
  const due: DueSnapshot[] = [];
  for (const c of campaigns) {
    const taken = new Set(JSON.parse(c.taken) as string[]);
    for (const at of snapshotMoments(c.year)) {
      if (Date.parse(at) + SNAPSHOT_MARGIN_MS <= now.getTime() && !taken.has(at)) due.push({ campaignId: c.id, at });
    }
  }
  return due.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.campaignId - b.campaignId)).slice(0, limit);
}

/**
 * Writes up to SNAPSHOTS_PER_RUN due snapshots, each in its own transaction, and returns
 * those written. One that fails is logged and left for the next run: the tables it would
 * serve still rebuild.
 */
export async function writeDueSnapshots(db: D1Database, now: Date): Promise<DueSnapshot[]> {
  const { results } = await campaignSnapshots(db).all<CampaignSnapshots>();
  const written: DueSnapshot[] = [];
  for (const due of dueSnapshots(results, now)) {
    try {
      await db.batch(takeSnapshot(db, due.campaignId, due.at, now.toISOString()));
      written.push(due);
    } catch (err) {
      console.warn(`upkeep: snapshot of campaign ${due.campaignId} at ${due.at} failed`, err);
    }
  }
  return written;
}
