import type { Expectations } from '../config/config.ts';
import type { Observation } from '../probe/observation.ts';
import type { Reason } from '../signal.ts';
import { checkResponse } from './check-response.ts';

/** The judgement of one observation: what this single result says, before thresholds. */
export interface CheckResult {
  readonly verdict: 'up' | 'degraded' | 'down';
  readonly reason: Reason | null;
  /** Which condition failed and what was seen, for people (logs, the API); absent when up. */
  readonly detail?: string;
}

const dayMs = 86_400_000;

/**
 * Judges an observation against the target's expectations. Pure: the same observation and
 * expectations always give the same result, so it is tested as a table.
 */
export function evaluateCheck(observation: Observation, expect: Expectations): CheckResult {
  if (observation.error) return { verdict: 'down', reason: observation.error };
  const status = observation.httpStatus;
  // tcp:// and dns:// targets expect no status (an empty list): they get no HTTP response.
  if (
    expect.status.length > 0 &&
    !expect.status.some((range) => status >= range.from && status <= range.to)
  ) {
    return { verdict: 'down', reason: 'status' };
  }
  const failure = checkResponse(observation, expect);
  if (failure) return { verdict: 'down', ...failure };
  const expiresAt = observation.certificateExpiresAt;
  if (expect.certificateMs !== undefined && expiresAt !== undefined) {
    const leftMs = expiresAt - observation.startedAt;
    const expires = new Date(expiresAt).toISOString();
    // Only an `insecure` target gets this far with an expired certificate; expired is still an outage.
    if (leftMs <= 0) return { verdict: 'down', reason: 'tls', detail: `certificate expired at ${expires}` };
    if (leftMs < expect.certificateMs) {
      return {
        verdict: 'degraded',
        reason: 'certificate',
        detail: `certificate expires in ${(leftMs / dayMs).toFixed(1)} days (${expires})`,
      };
    }
  }
  if (expect.latencyMs !== undefined && observation.latencyMs > expect.latencyMs) {
    return { verdict: 'degraded', reason: 'slow' };
  }
  return { verdict: 'up', reason: null };
}
