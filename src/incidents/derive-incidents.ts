import type { Reason } from '../signal-reasons.ts';
import { incidentSeverity, isIncidentState, type StateChange } from './state-change.ts';

/** A stretch of time one target was down or degraded in one region, derived from its state changes. */
export interface Incident {
  readonly target: string;
  readonly region: string;
  /** Epoch ms of the probe that opened it. */
  readonly start: number;
  /** Epoch ms of the probe that found the target up again; null while it is open. */
  readonly end: number | null;
  /** The worst state it reached: `down` is a major incident, `degraded` a minor one. */
  readonly worst: keyof typeof incidentSeverity;
  /** The reason and HTTP status of the probe that opened it. */
  readonly reason: Reason | null;
  readonly httpStatus: number;
}

/**
 * Walks state changes (oldest first) and pairs each opening with its closing, per target and
 * region: one incident from the first change into `down` or `degraded` until the change back to
 * `up`, its worst state the worst in between. Pure, so the stores need only keep the changes.
 */
export function deriveIncidents(changes: readonly StateChange[]): Incident[] {
  const open = new Map<string, Incident>();
  const done: Incident[] = [];
  for (const change of changes) {
    const key = `${change.target}\u0000${change.region}`;
    const current = open.get(key);
    if (isIncidentState(change.to)) {
      if (!current) {
        open.set(key, {
          target: change.target,
          region: change.region,
          start: change.incidentStart ?? change.received,
          end: null,
          worst: change.to,
          reason: change.reason,
          httpStatus: change.httpStatus,
        });
      } else if (change.to === 'down') {
        open.set(key, { ...current, worst: 'down' });
      }
    } else if (current) {
      done.push({ ...current, end: change.received });
      open.delete(key);
    }
  }
  return [...done, ...open.values()];
}
