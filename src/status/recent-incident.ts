import type { Reason } from '../signal-reasons.ts';
import type { Incident } from '../incidents/derive-incidents.ts';
import { incidentSeverity } from '../incidents/state-change.ts';

/** How far back the page's "Recent incidents" reaches, in days. */
export const recentIncidentDays = 14;

/**
 * One incident as the status page gets it (embedded in the page, and in an SSE `incidents`
 * event): what the "Recent incidents" list shows, nothing more. Shared by server and browser.
 */
export interface RecentIncident {
  target: string;
  severity: 'major' | 'minor';
  /** ISO times; `end` null while ongoing. */
  start: string;
  end: string | null;
  reason: Reason | null;
  http_status: number;
}

/** An incident as the page gets it. */
export function toRecentIncident(incident: Incident): RecentIncident {
  return {
    target: incident.target,
    severity: incidentSeverity[incident.worst],
    start: new Date(incident.start).toISOString(),
    end: incident.end === null ? null : new Date(incident.end).toISOString(),
    reason: incident.reason,
    http_status: incident.httpStatus,
  };
}
