import type { State } from '../signal.ts';
import type { CheckResult } from './evaluate-check.ts';

/** A change of state: what alerts are sent for and incidents open or close on. */
export interface Transition {
  readonly from: State | 'unknown';
  readonly to: State;
}

/**
 * Applies the consecutive-result thresholds: a target goes down only after `failuresBeforeDown`
 * failures in a row and comes back after `successesBeforeUp` good results in a row, so one lost
 * packet does not page anybody. The first result sets the state directly: there is nothing yet to
 * be hysteretic about. `initial` carries the stored state across a restart.
 */
export function createTargetState(
  thresholds: { failuresBeforeDown: number; successesBeforeUp: number },
  initial: State | 'unknown' = 'unknown',
) {
  let state = initial;
  let failures = 0;
  let successes = 0;

  return {
    get current(): State | 'unknown' {
      return state;
    },
    /** Feeds one result; returns the state after it and the transition (null when it held). */
    apply(result: CheckResult): { state: State; transition: Transition | null } {
      const previous = state;
      if (result.verdict === 'down') {
        failures += 1;
        successes = 0;
        if (state === 'unknown' || failures >= thresholds.failuresBeforeDown) state = 'down';
      } else {
        successes += 1;
        failures = 0;
        if (state !== 'down' || successes >= thresholds.successesBeforeUp) {
          state = result.verdict;
        }
      }
      const settled = state as State;
      return { state: settled, transition: previous === settled ? null : { from: previous, to: settled } };
    },
  };
}
