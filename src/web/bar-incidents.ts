import type { RecentIncident } from '../status/recent-incident.ts';
import { formatClock, formatDay } from './format-text.ts';
import { describeIncidentReason, formatDuration } from './incident-list.ts';

/**
 * One target's incidents as a bar's details read them: the list, or words that stand for it
 * (`loading incidents…`, a failure) while the page does not hold the list for that bar.
 */
export type BarIncidents = readonly RecentIncident[] | string;

/** Fetches one target's incidents from `from` (epoch ms) on, newest first. */
export type LoadIncidents = (name: string, from: number) => Promise<RecentIncident[]>;

/** Words for a bar whose older incidents are on their way. */
export const loadingIncidents = 'loading incidents\u2026';
/** Words for a bar whose older incidents could not be fetched. */
export const unknownIncidents = 'incidents could not be loaded';

/**
 * The incidents of target `name` that touched the bar from `from` to `to` (epoch ms), one sentence each:
 * `Incident: 14:02–14:19, 17 min, HTTP 503`, or `Incident: 14:02–ongoing, timeout`. A time outside
 * the bar carries its day. Empty when none did.
 */
export function describeBarIncidents(
  name: string,
  incidents: BarIncidents,
  from: number,
  to: number,
): string {
  if (typeof incidents === 'string') return incidents;
  const at = (ms: number) => (ms < from || ms >= to ? `${formatDay(ms)} ` : '') + formatClock(ms);
  return incidents
    .map((incident) => {
      const start = Date.parse(incident.start);
      const end = incident.end ? Date.parse(incident.end) : Infinity; // ongoing
      if (incident.target !== name || start >= to || end <= from) return '';
      const until = end < Infinity ? `${at(end)}, ${formatDuration(end - start)}` : 'ongoing';
      return `Incident: ${at(start)}\u2013${until}, ${describeIncidentReason(incident)}`;
    })
    .filter(Boolean)
    .join('; ');
}
