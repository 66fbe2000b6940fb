import type { Reason } from '../signal-reasons.ts';
import type { State } from '../signal.ts';

/**
 * One stored change of a target's state in one region: the row incidents are derived from. Kept
 * apart from signals because it is rare (a handful a day) and must outlive any read window.
 */
export interface StateChange {
  /** Epoch ms of the probe that caused the change; with target and region, the row's identity. */
  readonly received: number;
  readonly target: string;
  readonly region: string;
  readonly from: State | 'unknown';
  readonly to: State;
  /** The causing probe's reason (null when it was plainly up). */
  readonly reason: Reason | null;
  /** The causing probe's HTTP status, -1 when none came back. */
  readonly httpStatus: number;
  /**
   * Start (epoch ms) of the incident this change opens, continues or closes; null when it touches
   * none (e.g. unknown -> up). Lets a reader or a restarted process find an open incident's start
   * from its newest change alone.
   */
  readonly incidentStart: number | null;
}

/** A state change as both stores hold it (columns by their SQL names); `Time` is how the store reads a timestamp. */
export interface StateChangeRow<Time> {
  received: Time;
  target: string;
  region: string;
  from_state: StateChange['from'];
  to_state: StateChange['to'];
  reason: StateChange['reason'];
  http_status: number;
  incident_start: Time | null;
}

/** The states that open (or keep open) an incident, with its severity. */
export const incidentSeverity = { down: 'major', degraded: 'minor' } as const;

/** Whether `state` is one an incident is open in. */
export function isIncidentState(state: State | 'unknown'): state is keyof typeof incidentSeverity {
  return state === 'down' || state === 'degraded';
}
