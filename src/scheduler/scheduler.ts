import { Cron } from 'croner';
import type { Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createIntervalTicker } from './interval-ticker.ts';
import { createProbeGate, type ProbeGateStats } from './probe-gate.ts';
import { computeStaggerOffsets } from './stagger.ts';

/** What `/metrics` and the benchmark read: counters since start and lateness percentiles. */
export interface SchedulerStats extends ProbeGateStats {
  readonly targets: number;
}

/** Runs each target's probes on its schedule; `stop` ends it cleanly. */
export interface Scheduler {
  start(): void;
  /** Stop every job and the queue now; wait up to `graceMs` for probes in flight. */
  stop(graceMs: number): Promise<{ abandoned: number }>;
  stats(): SchedulerStats;
}

/**
 * One croner job per target. Cron targets run when croner fires. Interval targets run on the grid
 * start + stagger + k * everyMs at millisecond resolution: croner fires only on whole seconds, so a
 * target's croner job does not run the probe itself but arms one timer for the next grid point,
 * whose sub-second phase croner cannot express. The timer is computed from the grid, never from
 * when croner fired, so a late tick cannot make the schedule drift. The first probe's own timer
 * creates the croner job, so croner's ticks inherit the stagger instead of all landing on one second.
 */
export function createScheduler(options: {
  targets: readonly Target[];
  run: (target: Target, plannedAt: number) => Promise<void>;
  maxConcurrent: number;
  log?: Logger;
  now?: () => number;
}): Scheduler {
  const { targets, run, maxConcurrent, log = silentLogger, now = Date.now } = options;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new Error(`scheduler: maxConcurrent must be a whole number >= 1, got ${maxConcurrent}`);
  }
  const gate = createProbeGate({ targets, run, maxConcurrent, log, now });
  const staggerOffsets = computeStaggerOffsets(targets);
  const nextPlannedAt = new Float64Array(targets.length);
  const timers: (NodeJS.Timeout | undefined)[] = new Array(targets.length).fill(undefined);
  // Cron jobs are built now, unscheduled, so a bad pattern fails here with the target's name.
  const jobs: (Cron | undefined)[] = targets.map(({ name, schedule }) => {
    if (schedule.kind === 'cron') {
      try {
        return new Cron(schedule.pattern, { catch: (error) => reportTickError(name, error) });
      } catch (error) {
        throw new Error(`scheduler: target "${name}": bad cron pattern: ${(error as Error).message}`);
      }
    }
    if (!Number.isInteger(schedule.everyMs / 1000) || schedule.everyMs < 1000) {
      throw new Error(
        `scheduler: target "${name}": everyMs must be whole seconds >= 1000, got ${schedule.everyMs}`,
      );
    }
    return undefined;
  });
  let phase: 'idle' | 'running' | 'stopped' = 'idle';

  function reportTickError(name: string, error: unknown): void {
    log.error({ target: name, err: error }, 'scheduler tick failed; schedule continues');
  }

  function everyMsOf(index: number): number {
    const { schedule } = targets[index]!;
    return schedule.kind === 'interval' ? schedule.everyMs : 0;
  }

  function arm(index: number): void {
    timers[index] = setTimeout(fireTimer, Math.max(0, nextPlannedAt[index]! - now()), index);
  }

  function fireTimer(index: number): void {
    // Node measures a timer from the loop's cached time, so one armed late in a long synchronous
    // stretch (start() over 20,000 targets) fires early; wait out the rest. 1 ms is clock rounding.
    if (nextPlannedAt[index]! - now() > 1) return arm(index);
    timers[index] = undefined;
    runDue(index);
  }

  function runDue(index: number): void {
    const plannedAt = nextPlannedAt[index]!;
    nextPlannedAt[index] = plannedAt + everyMsOf(index);
    if (jobs[index] === undefined) {
      const { name } = targets[index]!;
      jobs[index] = createIntervalTicker(
        everyMsOf(index),
        plannedAt,
        () => onIntervalTick(index),
        (error) => reportTickError(name, error),
      );
    }
    gate.dispatch(index, plannedAt);
  }

  function onIntervalTick(index: number): void {
    if (timers[index] !== undefined) return; // next run already armed
    const everyMs = everyMsOf(index);
    const plannedAt = nextPlannedAt[index]!;
    const behind = now() - plannedAt;
    if (behind >= everyMs) {
      // The event loop stalled past whole periods: run the latest missed one, not each of them.
      nextPlannedAt[index] = plannedAt + Math.floor(behind / everyMs) * everyMs;
    }
    // A tick that comes after its grid point (croner's latency, a 1 s target with a tiny
    // sub-second phase, a stall) runs that point now and still arms the next one.
    if (behind >= 0) runDue(index);
    arm(index);
  }

  function onCronTick(index: number): void {
    const plannedAt = nextPlannedAt[index]!;
    nextPlannedAt[index] = jobs[index]!.nextRun()?.getTime() ?? Infinity;
    gate.dispatch(index, plannedAt);
  }

  function start(): void {
    if (phase !== 'idle') throw new Error(`scheduler: start() called when ${phase}`);
    phase = 'running';
    const startedAt = now();
    targets.forEach(({ schedule }, index) => {
      if (schedule.kind === 'interval') {
        nextPlannedAt[index] = startedAt + staggerOffsets[index]!;
        arm(index);
        return;
      }
      const job = jobs[index]!.schedule(() => onCronTick(index));
      nextPlannedAt[index] = job.nextRun()?.getTime() ?? Infinity;
    });
  }

  function stop(graceMs: number): Promise<{ abandoned: number }> {
    phase = 'stopped';
    for (const job of jobs) job?.stop();
    for (const timer of timers) clearTimeout(timer);
    timers.fill(undefined);
    return gate.close(graceMs);
  }

  return { start, stop, stats: () => ({ targets: targets.length, ...gate.stats() }) };
}
