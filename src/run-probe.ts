import type { Target } from './config/config.ts';
import { evaluateCheck } from './check/evaluate-check.ts';
import { createTargetState, type Transition } from './check/target-state.ts';
import type { Logger } from './log.ts';
import type { Observation } from './probe/observation.ts';
import type { Signal, State } from './signal.ts';
import type { Store } from './store/store.ts';

/**
 * One probe, start to finish: observe, judge, apply the target's thresholds, then store the signal
 * and announce it. Storage failures are logged with context and the schedule goes on; the probe
 * itself never throws (a failing target is a result).
 */
export function createProbeRunner(options: {
  probe: (target: Target) => Promise<Observation>;
  store: Pick<Store, 'append'>;
  /**
   * Hands the judged signal on (live summary, live page updates) before it is stored, with the
   * certificate expiry the probe saw (epoch ms; undefined for http or when no handshake completed).
   */
  onSignal: (signal: Signal, certificateExpiresAt: number | undefined) => void;
  /** The probe event alerts take (issue 8 folds onSignal into it); called right after onSignal, not awaited. */
  onProbeEvent?: (event: { signal: Signal; observation: Observation; transition: Transition | null }) => void;
  /** The state stored before a restart, so thresholds resume where they were. */
  initialState: (name: string) => State | 'unknown';
  region: string;
  log: Logger;
}) {
  const trackers = new Map<string, ReturnType<typeof createTargetState>>();
  let probes = 0;
  let storeErrors = 0;

  async function run(target: Target): Promise<void> {
    const observation = await options.probe(target);
    const result = evaluateCheck(observation, target.expect);
    let tracker = trackers.get(target.name);
    if (!tracker) {
      tracker = createTargetState(target, options.initialState(target.name));
      trackers.set(target.name, tracker);
    }
    const { state, transition } = tracker.apply(result);
    const signal: Signal = {
      received: observation.startedAt,
      target: target.name,
      region: options.region,
      url: target.url,
      httpStatus: observation.httpStatus,
      available: result.verdict !== 'down',
      state,
      latencyMs: roundMs(observation.latencyMs),
      reason: result.reason,
      dnsMs: roundPhase(observation.timings.dnsMs),
      connectMs: roundPhase(observation.timings.connectMs),
      tlsMs: roundPhase(observation.timings.tlsMs),
      firstByteMs: roundPhase(observation.timings.firstByteMs),
    };
    probes += 1;
    if (transition) {
      const fields = {
        target: target.name,
        url: target.url,
        from: transition.from,
        to: transition.to,
        reason: result.reason,
      };
      const detail = observation.detail ? { ...fields, detail: observation.detail } : fields;
      if (transition.to === 'up') options.log.info(detail, 'target is up');
      else options.log.warn(detail, `target is ${transition.to}`);
    }
    options.log.debug(
      { target: target.name, status: signal.httpStatus, ms: signal.latencyMs, reason: signal.reason },
      'probe',
    );
    options.onSignal(signal, observation.certificateExpiresAt);
    options.onProbeEvent?.({ signal, observation, transition: transition ?? null });
    try {
      await options.store.append([signal]);
    } catch (error) {
      storeErrors += 1;
      options.log.error(
        { target: target.name, received: new Date(signal.received).toISOString(), err: errorMessage(error) },
        'could not store signal',
      );
    }
  }

  return {
    run,
    /** Counters for /metrics. */
    stats: () => ({ probes, storeErrors }),
  };
}

/** To 0.01 ms, for latency and phases alike: finer digits are timer noise. */
function roundMs(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** A phase the client skipped (absent) is stored as null, never as 0. */
function roundPhase(ms: number | undefined): number | null {
  return ms === undefined ? null : roundMs(ms);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
