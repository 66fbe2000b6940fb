import type { Target } from '../config/config.ts';
import type { Observation } from '../probe/observation.ts';
import type { Reason } from '../signal.ts';

/** The judgement of one observation: what this single result says, before thresholds. */
export interface CheckResult {
  readonly verdict: 'up' | 'degraded' | 'down';
  readonly reason: Reason | null;
}

/**
 * Judges an observation against the target's expectations. Pure: the same observation and
 * expectations always give the same result, so it is tested as a table.
 */
export function evaluateCheck(observation: Observation, expect: Target['expect']): CheckResult {
  if (observation.error) return { verdict: 'down', reason: observation.error };
  const status = observation.httpStatus;
  if (!expect.status.some((range) => status >= range.from && status <= range.to)) {
    return { verdict: 'down', reason: 'status' };
  }
  if (expect.latencyMs !== undefined && observation.latencyMs > expect.latencyMs) {
    return { verdict: 'degraded', reason: 'slow' };
  }
  return { verdict: 'up', reason: null };
}
