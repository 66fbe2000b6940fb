import type { RegionFilter, Store } from '../store/store.ts';
import { deriveIncidents, type Incident } from './derive-incidents.ts';
import { isIncidentState, type StateChange } from './state-change.ts';

/** An incident with the number of its probes that were not plainly up. */
export interface CountedIncident extends Incident {
  readonly failedProbes: number;
}

/** Which incidents to read: those overlapping `[from, to)`, optionally one target's or one region's. */
export type IncidentWindow = { from: number; to: number; target?: string } & RegionFilter;

/**
 * The state changes that make up every incident overlapping the window. An incident that opened
 * before `from` and was still open then is found from each target's last change before `from`
 * (which names its start), so reading resumes at the earliest such start.
 */
export async function readIncidentChanges(
  store: Pick<Store, 'readStateChanges' | 'readLatestStateChanges'>,
  window: IncidentWindow,
): Promise<StateChange[]> {
  const { from, ...filter } = window;
  const inForce = await store.readLatestStateChanges({ ...filter, before: from });
  const openStarts = inForce.flatMap((change) =>
    isIncidentState(change.to) && change.incidentStart !== null ? [change.incidentStart] : [],
  );
  return store.readStateChanges({ ...filter, from: Math.min(from, ...openStarts) });
}

/** The incidents in `changes` that overlap `[from, to)`, newest start first, at most `limit`. */
export function selectIncidents(
  changes: readonly StateChange[],
  query: { from: number; to: number; limit: number },
): Incident[] {
  const { from, to, limit } = query;
  return deriveIncidents(changes)
    .filter((incident) => incident.start < to && (incident.end === null || incident.end > from))
    .sort((a, b) => b.start - a.start || (a.target < b.target ? -1 : a.target > b.target ? 1 : 0))
    .slice(0, limit);
}

/** The incidents overlapping the window, newest start first, at most `limit`, each with its failed probes counted. */
export async function readIncidents(
  store: Pick<Store, 'readStateChanges' | 'readLatestStateChanges' | 'countFailedProbes'>,
  query: IncidentWindow & { limit: number; now: number },
): Promise<CountedIncident[]> {
  const { limit, now, ...window } = query;
  const incidents = selectIncidents(await readIncidentChanges(store, window), { ...window, limit });
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
