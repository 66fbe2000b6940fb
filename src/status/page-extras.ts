import type { RecentIncident } from './recent-incident.ts';

/**
 * What the status page shows besides the targets: embedded in the page beside the status
 * snapshot (its own script element, so `/api/status` keeps its shape) and updated live.
 */
export interface PageExtras {
  /** Newest first, the last 14 days. */
  incidents: RecentIncident[];
}
