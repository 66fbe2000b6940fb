import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { recentIncidentDays, toRecentIncident, type RecentIncident } from '../status/recent-incident.ts';
import { readIncidentChanges, selectIncidents } from './read-incidents.ts';
import { deriveIncidents } from './derive-incidents.ts';
import type { StateChange } from './state-change.ts';

const dayMs = 86_400_000;
// A flapping target could open hundreds; the page lists the newest, the API has the rest.
const recentIncidentLimit = 20;

/**
 * The page's recent incidents, kept in memory: this region's state changes of the last 14 days
 * (plus those of incidents still open), read once at start and then added as they are recorded,
 * so the page never waits for the store and sees a change before QuestDB has committed it.
 */
export function createRecentIncidents(options: {
  store: Pick<Store, 'readStateChanges' | 'readLatestStateChanges'>;
  region: string;
  log: Logger;
  now?: () => number;
}) {
  const { store, region, log, now = Date.now } = options;
  let changes: StateChange[] = [];
  let version = 0;

  const keyOf = (change: StateChange) => `${change.received} ${change.target}\u0000${change.region}`;

  /** Drops changes no incident in the window needs: older than it, and not part of one that reaches into it. */
  function trim(): void {
    const from = now() - recentIncidentDays * dayMs;
    const reaching = deriveIncidents(changes).filter(
      (incident) => incident.end === null || incident.end > from,
    );
    const keepFrom = Math.min(from, ...reaching.map((incident) => incident.start));
    changes = changes.filter((change) => change.received >= keepFrom);
  }

  return {
    /** Reads the window from the store, merged with whatever was added meanwhile. */
    async load(): Promise<void> {
      try {
        const at = now();
        const read = await readIncidentChanges(store, {
          from: at - recentIncidentDays * dayMs,
          to: at + 1,
          region,
        });
        const added = new Set(changes.map(keyOf));
        changes = [...read.filter((change) => !added.has(keyOf(change))), ...changes].sort(
          (a, b) => a.received - b.received,
        );
        trim();
        version++;
      } catch (error) {
        log.warn(
          { err: error instanceof Error ? error.message : String(error) },
          'could not read recent incidents; the page lists only new ones',
        );
      }
    },
    /** Adds a change just recorded (this region's). */
    add(change: StateChange): void {
      changes.push(change);
      // nothing to drop while the oldest change is inside the window; deriving every incident on
      // each add cost 20,000 targets' first probes (each a change from unknown) ~40 s of event loop
      if (changes[0]!.received < now() - recentIncidentDays * dayMs) trim();
      version++;
    },
    /** Bumps whenever the list may have changed. */
    version: () => version,
    /** Newest first, as the page shows them. */
    list(): RecentIncident[] {
      const at = now();
      return selectIncidents(changes, {
        from: at - recentIncidentDays * dayMs,
        to: at + 1,
        limit: recentIncidentLimit,
      }).map(toRecentIncident);
    },
  };
}

/** The page's recent incidents (what start-upbeat.ts wires into the app). */
export type RecentIncidents = ReturnType<typeof createRecentIncidents>;
