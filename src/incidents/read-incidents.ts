import type { Store } from '../store/store.ts';
import { deriveIncidents, type Incident } from './derive-incidents.ts';
import { isIncidentState } from './state-change.ts';

/** An incident with the number of its probes that were not plainly up. */
export interface CountedIncident extends Incident {
  readonly failedProbes: number;
}

/**
 * The incidents that overlap `[from, to)`, newest start first, at most `limit`. An incident that
 * opened before `from` and was still open then is found from each target's last change before
 * `from` (which names its start), so reading resumes at the earliest such start.
 */
export async function readIncidents(
  store: Pick<Store, 'readStateChanges' | 'readLatestStateChanges' | 'countFailedProbes'>,
  query: { from: number; to: number; limit: number; target?: string; now: number },
): Promise<CountedIncident[]> {
  const { from, to, limit, target, now } = query;
  const inForce = await store.readLatestStateChanges({ before: from, target });
  const openStarts = inForce.flatMap((change) =>
    isIncidentState(change.to) && change.incidentStart !== null ? [change.incidentStart] : [],
  );
  const readFrom = Math.min(from, ...openStarts);
  const changes = await store.readStateChanges({ from: readFrom, to, target });
  const incidents = deriveIncidents(changes)
    .filter((incident) => incident.start < to && (incident.end === null || incident.end > from))
    .sort((a, b) => b.start - a.start || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0))
    .slice(0, limit);
  return Promise.all(
    incidents.map(async (incident) => ({
      ...incident,
      failedProbes: await store.countFailedProbes({
        target: incident.target,
        region: incident.region,
        from: incident.start,
        // the probe at `end` found it up; an open incident counts up to now
        to: incident.end ?? now + 1,
      }),
    })),
  );
}
