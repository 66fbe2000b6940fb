import type { RecentIncident } from './recent-incident.ts';

/** One occurrence of a maintenance window as the page gets it (ISO times). */
export interface PageMaintenance {
  title: string;
  text?: string;
  /** The targets it covers; absent means all. */
  targets?: readonly string[];
  start: string;
  end: string;
}

/**
 * What the status page shows besides the targets: embedded in the page beside the status
 * snapshot (its own script element, so `/api/status` keeps its shape) and updated live.
 */
export interface PageExtras {
  /** Newest first, the last 14 days. */
  incidents: RecentIncident[];
  /** Windows under way now, and those starting within the coming 7 days, by start. */
  maintenance: { ongoing: PageMaintenance[]; upcoming: PageMaintenance[] };
}
