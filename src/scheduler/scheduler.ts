import type { Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { tickPatternFor } from './interval-ticker.ts';
import { createProbeGate, type ProbeGateStats } from './probe-gate.ts';
import { assertCronPattern, systemClock, type CronJob, type SchedulerClock } from './scheduler-clock.ts';
import { computeStaggerOffsets } from './stagger.ts';

/** What `/metrics` and the benchmark read: counters since start and lateness percentiles. */
export interface SchedulerStats extends ProbeGateStats {
  readonly targets: number;
}

/** A croner pattern's job (started lazily) and the targets (indices) it wakes. */
interface SharedJob {
  readonly pattern: string;
  job: CronJob | undefined;
  readonly members: number[];
}

/** Runs each target's probes on its schedule; `stop` ends it cleanly. */
export interface Scheduler {
  start(): void;
  /** Stop every job and the queue now; wait up to `graceMs` for probes in flight. */
  stop(graceMs: number): Promise<{ abandoned: number }>;
  stats(): SchedulerStats;
}

/**
 * croner drives every target. Cron targets run when croner fires. Interval targets run on the grid
 * start + stagger + k * everyMs at millisecond resolution: croner fires only on whole seconds, so
 * its tick does not run the probe itself but arms one timer for the target's next grid point, whose
 * sub-second phase croner cannot express. The timer is computed from the grid, never from when
 * croner fired, so a late tick cannot make the schedule drift. The first probe's own timer joins
 * the target to its tick pattern, so ticks inherit the stagger instead of all landing on one second.
 *
 * Targets on the same pattern share one croner job: croner 11 keeps a 10,000-entry year table per
 * pattern (~80 kB), which was 1.6 GB of heap at 20,000 targets with a job each; shared, 20,000
 * targets at 60 s need at most 60 jobs, and each target still has its own grid and timer.
 */
export function createScheduler(options: {
  targets: readonly Target[];
  run: (target: Target, plannedAt: number) => Promise<void>;
  maxConcurrent: number;
  log?: Logger;
  clock?: SchedulerClock;
}): Scheduler {
  const { targets, run, maxConcurrent, log = silentLogger, clock = systemClock } = options;
  const { now } = clock;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new Error(`scheduler: maxConcurrent must be a whole number >= 1, got ${maxConcurrent}`);
  }
  const gate = createProbeGate({ targets, run, maxConcurrent, log, clock });
  const staggerOffsets = computeStaggerOffsets(targets);
  const nextPlannedAt = new Float64Array(targets.length);
  const timers: unknown[] = new Array(targets.length).fill(undefined);
  const sharedJobs = new Map<string, SharedJob>();
  const jobOf: (SharedJob | undefined)[] = new Array(targets.length);
  // Made once per target so that arming a timer allocates no closure.
  const fireTimerOf = targets.map((_, index) => () => fireTimer(index));
  // Cron patterns are checked now, so a bad one fails here with the target's name.
  targets.forEach(({ name, schedule }, index) => {
    if (schedule.kind === 'cron') {
      try {
        assertCronPattern(schedule.pattern);
      } catch (error) {
        throw new Error(`scheduler: target "${name}": bad cron pattern: ${(error as Error).message}`);
      }
      jobOf[index] = joinJob(`cron ${schedule.pattern}`, schedule.pattern, index);
      return;
    }
    if (!Number.isInteger(schedule.everyMs / 1000) || schedule.everyMs < 1000) {
      throw new Error(
        `scheduler: target "${name}": everyMs must be whole seconds >= 1000, got ${schedule.everyMs}`,
      );
    }
  });
  let phase: 'idle' | 'running' | 'stopped' = 'idle';

  function reportTickError(pattern: string, error: unknown): void {
    log.error({ pattern, err: error }, 'scheduler tick failed; schedule continues');
  }

  /** Adds a target to the shared job for `key`, creating the entry on first use. */
  function joinJob(key: string, pattern: string, index: number): SharedJob {
    let shared = sharedJobs.get(key);
    if (!shared) {
      shared = { pattern, job: undefined, members: [] };
      sharedJobs.set(key, shared);
    }
    shared.members.push(index);
    return shared;
  }

  function everyMsOf(index: number): number {
    const { schedule } = targets[index]!;
    return schedule.kind === 'interval' ? schedule.everyMs : 0;
  }

  function arm(index: number): void {
    timers[index] = clock.setTimer(fireTimerOf[index]!, Math.max(0, nextPlannedAt[index]! - now()));
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
    if (jobOf[index] === undefined) {
      const pattern = tickPatternFor(everyMsOf(index), plannedAt);
      const shared = joinJob(`tick ${pattern}`, pattern, index);
      jobOf[index] = shared;
      shared.job ??= clock.startCronJob(
        pattern,
        { utcOffset: 0 },
        () => {
          for (const member of shared.members) onIntervalTick(member);
        },
        (error) => reportTickError(pattern, error),
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
    nextPlannedAt[index] = jobOf[index]!.job!.nextRun() ?? Infinity;
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
      const shared = jobOf[index]!;
      shared.job ??= clock.startCronJob(
        shared.pattern,
        {},
        () => {
          for (const member of shared.members) onCronTick(member);
        },
        (error) => reportTickError(shared.pattern, error),
      );
      nextPlannedAt[index] = shared.job.nextRun() ?? Infinity;
    });
  }

  function stop(graceMs: number): Promise<{ abandoned: number }> {
    phase = 'stopped';
    for (const { job } of sharedJobs.values()) job?.stop();
    for (const timer of timers) clock.clearTimer(timer);
    timers.fill(undefined);
    return gate.close(graceMs);
  }

  return { start, stop, stats: () => ({ targets: targets.length, ...gate.stats() }) };
}
