import type { Target } from '../config/config.ts';
import type { Logger } from '../log.ts';
import { createLatenessHistogram, type LatenessSummary } from './lateness-histogram.ts';
import type { SchedulerClock } from './scheduler-clock.ts';

/** Counters since start: probes started, skipped because the target's last one was unfinished, queued at the cap. */
export interface ProbeGateStats {
  readonly runs: number;
  readonly skipped: number;
  readonly queuedForCap: number;
  readonly inFlight: number;
  readonly queueLength: number;
  /** Actual start minus planned time, waiting in the queue included. */
  readonly lateness: LatenessSummary;
}

/** Where due probes go: at most one per target, at most `maxConcurrent` in all, the rest wait in order. */
export interface ProbeGate {
  /** Start, queue or skip the probe of `targets[index]` planned for `plannedAt` (epoch ms). */
  dispatch(index: number, plannedAt: number): void;
  /** Makes room for slots up to `count` (the scheduler adds targets on reload). */
  grow(count: number): void;
  /** Drop the queue, wait up to `graceMs` for probes in flight, resolve with how many still run. */
  close(graceMs: number): Promise<{ abandoned: number }>;
  stats(): ProbeGateStats;
}

/**
 * Create the gate over the scheduler's slots (a removed target leaves an empty slot, never reused,
 * so a probe still in flight for it cannot be confused with a newer target); per-slot state lives
 * in typed arrays, so dispatch allocates nothing.
 */
export function createProbeGate(options: {
  targets: readonly (Target | undefined)[];
  run: (target: Target, plannedAt: number) => Promise<void>;
  maxConcurrent: number;
  log: Logger;
  clock: Pick<SchedulerClock, 'now' | 'setTimer' | 'clearTimer'>;
}): ProbeGate {
  const { targets, run, maxConcurrent, log, clock } = options;
  const { now } = clock;
  let running = new Uint8Array(targets.length);
  let queued = new Uint8Array(targets.length);
  let queuedPlannedAt = new Float64Array(targets.length);
  // FIFO ring: a target is queued at most once, so the slots' count bounds it.
  let ring = new Int32Array(targets.length);
  let ringHead = 0;
  let queueLength = 0;
  const lateness = createLatenessHistogram();
  let runs = 0;
  let skipped = 0;
  let queuedForCap = 0;
  let inFlight = 0;
  let closing: Promise<{ abandoned: number }> | undefined;
  let onIdle: (() => void) | undefined;

  // Made once per target so that settling a probe allocates no closure.
  const settle: (() => void)[] = [];
  const fail: ((error: unknown) => void)[] = [];
  addCallbacks(0, targets.length);

  function addCallbacks(from: number, to: number): void {
    for (let index = from; index < to; index++) {
      settle.push(() => finish(index));
      fail.push((error: unknown) => {
        log.error({ target: targets[index]?.name, err: error }, 'probe run failed; schedule continues');
        finish(index);
      });
    }
  }

  function grow(count: number): void {
    if (count <= running.length) return;
    // Doubling keeps a reload that adds one target at a time from copying on every add.
    const capacity = Math.max(count, running.length * 2);
    const widen = <Array extends Uint8Array | Float64Array>(from: Array, to: Array) => (to.set(from), to);
    running = widen(running, new Uint8Array(capacity));
    queued = widen(queued, new Uint8Array(capacity));
    queuedPlannedAt = widen(queuedPlannedAt, new Float64Array(capacity));
    const wider = new Int32Array(capacity);
    for (let offset = 0; offset < queueLength; offset++)
      wider[offset] = ring[(ringHead + offset) % ring.length]!;
    ring = wider;
    ringHead = 0;
    addCallbacks(settle.length, capacity);
  }

  function begin(index: number, plannedAt: number): void {
    running[index] = 1;
    inFlight++;
    runs++;
    lateness.record(now() - plannedAt);
    let result: Promise<void>;
    try {
      result = run(targets[index]!, plannedAt);
    } catch (error) {
      // Settle a synchronous throw later, like a rejection, so finish() never re-enters pump().
      result = Promise.reject(error);
    }
    result.then(settle[index], fail[index]);
  }

  function finish(index: number): void {
    running[index] = 0;
    inFlight--;
    if (closing) {
      if (inFlight === 0) onIdle?.();
      return;
    }
    pump();
  }

  function pump(): void {
    while (queueLength > 0 && inFlight < maxConcurrent) {
      const index = ring[ringHead]!;
      ringHead = (ringHead + 1) % ring.length;
      queueLength--;
      queued[index] = 0;
      if (targets[index] === undefined) continue; // removed while it waited
      begin(index, queuedPlannedAt[index]!);
    }
  }

  function dispatch(index: number, plannedAt: number): void {
    if (closing) return;
    if (running[index] || queued[index]) {
      skipped++;
      log.debug(
        { target: targets[index]?.name, plannedAt, waiting: queued[index] === 1 },
        'probe skipped: the previous one has not finished',
      );
      return;
    }
    if (inFlight < maxConcurrent) {
      begin(index, plannedAt);
      return;
    }
    queued[index] = 1;
    queuedPlannedAt[index] = plannedAt;
    ring[(ringHead + queueLength) % ring.length] = index;
    queueLength++;
    queuedForCap++;
  }

  function close(graceMs: number): Promise<{ abandoned: number }> {
    if (closing) return closing;
    queued.fill(0);
    queueLength = 0;
    closing = new Promise((resolve) => {
      if (inFlight === 0) return resolve({ abandoned: 0 });
      const graceTimer = clock.setTimer(() => resolve({ abandoned: inFlight }), graceMs);
      onIdle = () => {
        clock.clearTimer(graceTimer);
        resolve({ abandoned: 0 });
      };
    });
    return closing;
  }

  function stats(): ProbeGateStats {
    return { runs, skipped, queuedForCap, inFlight, queueLength, lateness: lateness.summarize() };
  }

  return { dispatch, grow, close, stats };
}
