import type { Target } from './config/config.ts';
import { evaluateCheck } from './check/evaluate-check.ts';
import { createTargetState } from './check/target-state.ts';
import { redactUrl } from './config/public-url.ts';
import type { Logger } from './log.ts';
import type { ProbeEvent } from './probe-event.ts';
import type { Observation } from './probe/observation.ts';
import type { Signal, State } from './signal.ts';

/**
 * One probe up to its event: observe, judge, apply the target's thresholds, build the signal and
 * hand the probe event to `record` (in the probe worker: a message to the main thread, which
 * publishes and stores it, see record-probe-event.ts). The probe itself never throws (a failing
 * target is a result).
 */
export function createProbeRunner(options: {
  probe: (target: Target) => Promise<Observation>;
  /** Takes the finished probe; awaited, so a probe counts as running until its event is taken. */
  record: (event: ProbeEvent) => unknown;
  /** The state stored before a restart, so thresholds resume where they were. */
  initialState: (name: string) => State | 'unknown';
  region: string;
  log: Logger;
}) {
  const trackers = new Map<string, ReturnType<typeof createTargetState>>();

  async function run(target: Target): Promise<void> {
    const observation = await options.probe(target);
    const result = evaluateCheck(observation, target.expect);
    let tracker = trackers.get(target.name);
    if (!tracker) {
      tracker = createTargetState(target, options.initialState(target.name));
      trackers.set(target.name, tracker);
    }
    const { state, transition } = tracker.apply(result);
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
      if (transition.to === 'up') options.log.info(detail, 'target is up');
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
    /** Forgets the thresholds' counts of targets not in `names` (after a new target list). */
    keepOnly(names: ReadonlySet<string>): void {
      for (const name of trackers.keys()) if (!names.has(name)) trackers.delete(name);
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
