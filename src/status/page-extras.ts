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
 * What the hydrated page shows besides the targets and updates live: embedded beside the status
 * snapshot (its own script element, so `/api/status` keeps its shape).
 */
export interface LiveExtras {
  /** Newest first, the last 14 days. */
  incidents: RecentIncident[];
}

/**
 * Everything the page shows besides the targets. Maintenance (and the announcements in the
 * status) come from the config and change only with a reload, so they are rendered on the server
 * only, outside the hydrated part: no script, no embedded copy (an open page shows a reload's
 * changes when it is loaded again).
 */
export interface PageExtras extends LiveExtras {
  /** Windows under way now, and those starting within the coming 7 days, by start. */
  maintenance: { ongoing: PageMaintenance[]; upcoming: PageMaintenance[] };
}
