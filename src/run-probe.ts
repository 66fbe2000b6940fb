import type { Target } from './config/config.ts';
import { evaluateCheck } from './check/evaluate-check.ts';
import { createTargetState } from './check/target-state.ts';
import { redactUrl } from './config/public-url.ts';
import type { Logger } from './log.ts';
import type { ProbeEvent } from './probe-event.ts';
import type { Observation } from './probe/observation.ts';
import type { Signal, State } from './signal.ts';

/**
 * One probe up to its event: observe, judge, apply the target's thresholds and maintenance, build
 * the signal and hand the probe event to `record` (in the probe worker: a message to the main
 * thread, which publishes and stores it, see record-probe-event.ts). The probe itself never throws
 * (a failing target is a result).
 */
export function createProbeRunner(options: {
  probe: (target: Target) => Promise<Observation>;
  /** Takes the finished probe; awaited, so a probe counts as running until its event is taken. */
  record: (event: ProbeEvent) => unknown;
  /** The state stored before a restart, so thresholds resume where they were. */
  initialState: (name: string) => State | 'unknown';
  region: string;
  /** Whether a target is inside a maintenance window at an instant (default: never). */
  inMaintenance?: (target: string, at: number) => boolean;
  log: Logger;
}) {
  const trackers = new Map<
    string,
    {
      thresholds: { failuresBeforeDown: number; successesBeforeUp: number };
      state: ReturnType<typeof createTargetState>;
    }
  >();
  /** The state each target last announced: what a transition is measured from. */
  const announced = new Map<string, State | 'unknown'>();

  async function run(target: Target): Promise<void> {
    const observation = await options.probe(target);
    const result = evaluateCheck(observation, target.expect);
    let tracked = trackers.get(target.name);
    if (!tracked) {
      const thresholds = { failuresBeforeDown: 0, successesBeforeUp: 0 };
      const initial = options.initialState(target.name);
      // thresholds count only real results: a window that ended says nothing about up or down
      const state = createTargetState(thresholds, initial === 'maintenance' ? 'unknown' : initial);
      tracked = { thresholds, state };
      trackers.set(target.name, tracked);
    }
    // A reload may have changed the thresholds; the counts so far (and the state) carry over.
    tracked.thresholds.failuresBeforeDown = target.failuresBeforeDown;
    tracked.thresholds.successesBeforeUp = target.successesBeforeUp;
    // Inside a window the thresholds still run, so the state is known the moment it ends.
    const judged = tracked.state.apply(result).state;
    const state = options.inMaintenance?.(target.name, observation.startedAt) ? 'maintenance' : judged;
    const previous = announced.get(target.name) ?? options.initialState(target.name);
    announced.set(target.name, state);
    const transition = previous === state ? null : { from: previous, to: state };
    // The store keeps the probed URL without its secrets: neither SQLite nor QuestDB holds them.
    const url = redactUrl(target.url);
    const signal: Signal = {
      received: observation.startedAt,
      target: target.name,
      region: options.region,
      url,
      httpStatus: observation.httpStatus,
      available: result.verdict !== 'down',
      state,
      latencyMs: roundMs(observation.latencyMs),
      reason: result.reason,
      dnsMs: roundPhase(observation.timings.dnsMs),
      connectMs: roundPhase(observation.timings.connectMs),
      tlsMs: roundPhase(observation.timings.tlsMs),
      firstByteMs: roundPhase(observation.timings.firstByteMs),
      certificateExpiresAt: observation.certificateExpiresAt ?? null,
    };
    const detailText = result.detail ?? observation.detail;
    if (transition) {
      const fields = {
        target: target.name,
        url,
        from: transition.from,
        to: transition.to,
        reason: result.reason,
      };
      const detail = detailText ? { ...fields, detail: detailText } : fields;
      if (transition.to === 'up' || transition.to === 'maintenance')
        options.log.info(detail, `target is ${transition.to}`);
      else options.log.warn(detail, `target is ${transition.to}`);
    }
    options.log.debug(
      { target: target.name, status: signal.httpStatus, ms: signal.latencyMs, reason: signal.reason },
      'probe',
    );
    await options.record({
      signal,
      observation,
      transition,
      detail: result.verdict === 'up' ? null : (detailText ?? null),
    });
  }

  return {
    run,
    /** Drops a removed target's state, so one added again later under its name starts afresh. */
    forget: (name: string) => {
      trackers.delete(name);
      announced.delete(name);
    },
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
