import type { Schedule, Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { tickPatternFor } from './interval-ticker.ts';
import { createProbeGate, type ProbeGateStats } from './probe-gate.ts';
import { assertCronPattern, systemClock, type CronJob, type SchedulerClock } from './scheduler-clock.ts';
import { choosePhasesForAdded, computeStaggerOffsets } from './stagger.ts';

/** What `/metrics` and the benchmark read: counters since start and lateness percentiles. */
export interface SchedulerStats extends ProbeGateStats {
  readonly targets: number;
}

/** A croner pattern's job (started lazily) and the targets (slots) it wakes. */
interface SharedJob {
  readonly key: string;
  readonly pattern: string;
  job: CronJob | undefined;
  readonly members: number[];
}

/** Runs each target's probes on its schedule; `stop` ends it cleanly. */
export interface Scheduler {
  start(): void;
  /** Starts probing new targets (a reload), on their interval's staggered grid or their cron pattern. */
  add(targets: readonly Target[]): void;
  /** Stops probing the target of that name; a probe of it in flight finishes. */
  remove(name: string): void;
  /**
   * Swaps in new definitions of targets of the same names. A target's grid is kept when its
   * schedule is unchanged, else it is placed again as if added; its probe in flight is never doubled.
   */
  reschedule(targets: readonly Target[]): void;
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
 *
 * Each target lives in a slot (an index). A removed target empties its slot for good, so nothing
 * still in flight or queued for it can run as another target; a rescheduled one keeps its slot.
 */
export function createScheduler(options: {
  targets: readonly Target[];
  run: (target: Target, plannedAt: number) => Promise<void>;
  maxConcurrent: number;
  log?: Logger;
  clock?: SchedulerClock;
}): Scheduler {
  const { run, maxConcurrent, log = silentLogger, clock = systemClock } = options;
  const { now } = clock;
  if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) {
    throw new Error(`scheduler: maxConcurrent must be a whole number >= 1, got ${maxConcurrent}`);
  }
  options.targets.forEach(assertSchedulable);
  const slots: (Target | undefined)[] = [...options.targets];
  const slotOf = new Map(slots.map((target, index) => [target!.name, index]));
  const gate = createProbeGate({ targets: slots, run, maxConcurrent, log, clock });
  const nextPlannedAt: number[] = slots.map(() => 0);
  const timers: unknown[] = slots.map(() => undefined);
  const sharedJobs = new Map<string, SharedJob>();
  const jobOf: (SharedJob | undefined)[] = slots.map(() => undefined);
  // Made once per slot so that arming a timer allocates no closure.
  const fireTimerOf = slots.map((_, index) => () => fireTimer(index));
  slots.forEach((target, index) => {
    const { schedule } = target!;
    if (schedule.kind === 'cron') jobOf[index] = joinJob(`cron ${schedule.pattern}`, schedule.pattern, index);
  });
  let phase: 'idle' | 'running' | 'stopped' = 'idle';
  let startedAt = 0;

  function reportTickError(pattern: string, error: unknown): void {
    log.error({ pattern, err: error }, 'scheduler tick failed; schedule continues');
  }

  /** Adds a slot to the shared job for `key`, creating the entry on first use. */
  function joinJob(key: string, pattern: string, index: number): SharedJob {
    let shared = sharedJobs.get(key);
    if (!shared) {
      shared = { key, pattern, job: undefined, members: [] };
      sharedJobs.set(key, shared);
    }
    shared.members.push(index);
    return shared;
  }

  /** Takes a slot off its job and its timer; a job nobody is left on stops. */
  function leaveSchedule(index: number): void {
    clock.clearTimer(timers[index]);
    timers[index] = undefined;
    const shared = jobOf[index];
    jobOf[index] = undefined;
    if (!shared) return;
    shared.members.splice(shared.members.indexOf(index), 1);
    if (shared.members.length > 0) return;
    shared.job?.stop();
    sharedJobs.delete(shared.key);
  }

  function everyMsOf(index: number): number {
    const { schedule } = slots[index]!;
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

  /** Starts a cron slot's shared job if it is the first on it, and plans the slot's next run. */
  function startCron(index: number): void {
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
  }

  /**
   * Schedules slots while running: cron ones on their pattern, interval ones in the widest gaps of
   * their interval's grid. One pass over the slots for all of them, so a reload that adds 1,000
   * targets to 20,000 does not hold the event loop (and the probes) for a scan per target.
   */
  function place(indices: readonly number[]): void {
    const placing = new Set(indices);
    const newByEvery = new Map<number, number[]>();
    for (const index of indices) {
      const { schedule } = slots[index]!;
      if (schedule.kind === 'cron') {
        jobOf[index] = joinJob(`cron ${schedule.pattern}`, schedule.pattern, index);
        startCron(index);
      } else newByEvery.set(schedule.everyMs, [...(newByEvery.get(schedule.everyMs) ?? []), index]);
    }
    if (newByEvery.size === 0) return;
    const at = now();
    const phaseOf = (time: number, everyMs: number) => (((time - startedAt) % everyMs) + everyMs) % everyMs;
    const taken = new Map<number, number[]>([...newByEvery.keys()].map((everyMs) => [everyMs, []]));
    slots.forEach((other, index) => {
      if (other?.schedule.kind !== 'interval' || placing.has(index)) return;
      taken.get(other.schedule.everyMs)?.push(phaseOf(nextPlannedAt[index]!, other.schedule.everyMs));
    });
    for (const [everyMs, added] of newByEvery) {
      const nowPhase = phaseOf(at, everyMs);
      const phases = choosePhasesForAdded(taken.get(everyMs)!, everyMs, added.length, nowPhase);
      added.forEach((index, order) => {
        // The first grid point of that phase from now on.
        nextPlannedAt[index] = at + ((phases[order]! - nowPhase + everyMs) % everyMs);
        arm(index);
      });
    }
  }

  function start(): void {
    if (phase !== 'idle') throw new Error(`scheduler: start() called when ${phase}`);
    phase = 'running';
    startedAt = now();
    const staggerOffsets = computeStaggerOffsets(options.targets);
    options.targets.forEach(({ schedule }, index) => {
      if (schedule.kind === 'cron') return startCron(index);
      nextPlannedAt[index] = startedAt + staggerOffsets[index]!;
      arm(index);
    });
  }

  function slotNamed(name: string): number {
    const index = slotOf.get(name);
    if (index === undefined) throw new Error(`scheduler: no target named "${name}"`);
    return index;
  }

  function assertRunning(operation: string): void {
    if (phase !== 'running') throw new Error(`scheduler: ${operation}() called when ${phase}`);
  }

  function add(targets: readonly Target[]): void {
    assertRunning('add');
    targets.forEach(assertSchedulable);
    const indices = targets.map((target) => {
      if (slotOf.has(target.name)) throw new Error(`scheduler: target "${target.name}" is already scheduled`);
      const index = slots.length;
      slots.push(target);
      slotOf.set(target.name, index);
      nextPlannedAt.push(0);
      timers.push(undefined);
      jobOf.push(undefined);
      fireTimerOf.push(() => fireTimer(index));
      return index;
    });
    gate.grow(slots.length);
    place(indices);
  }

  function remove(name: string): void {
    assertRunning('remove');
    const index = slotNamed(name);
    leaveSchedule(index);
    slots[index] = undefined;
    slotOf.delete(name);
  }

  function reschedule(targets: readonly Target[]): void {
    assertRunning('reschedule');
    targets.forEach(assertSchedulable);
    const moved = targets.flatMap((target) => {
      const index = slotNamed(target.name);
      const before = slots[index]!.schedule;
      slots[index] = target;
      if (sameSchedule(before, target.schedule)) return [];
      leaveSchedule(index);
      return [index];
    });
    place(moved);
  }

  function stop(graceMs: number): Promise<{ abandoned: number }> {
    phase = 'stopped';
    for (const { job } of sharedJobs.values()) job?.stop();
    for (const timer of timers) clock.clearTimer(timer);
    timers.fill(undefined);
    return gate.close(graceMs);
  }

  return {
    start,
    add,
    remove,
    reschedule,
    stop,
    stats: () => ({ targets: slotOf.size, ...gate.stats() }),
  };
}

/** Throws, naming the target, when its schedule cannot run (config validation normally prevents it). */
function assertSchedulable({ name, schedule }: Target): void {
  if (schedule.kind === 'cron') {
    try {
      assertCronPattern(schedule.pattern);
    } catch (error) {
      throw new Error(`scheduler: target "${name}": bad cron pattern: ${(error as Error).message}`);
    }
    return;
  }
  if (!Number.isInteger(schedule.everyMs / 1000) || schedule.everyMs < 1000) {
    throw new Error(
      `scheduler: target "${name}": everyMs must be whole seconds >= 1000, got ${schedule.everyMs}`,
    );
  }
}

function sameSchedule(a: Schedule, b: Schedule): boolean {
  return a.kind === 'interval'
    ? b.kind === 'interval' && a.everyMs === b.everyMs
    : b.kind === 'cron' && a.pattern === b.pattern;
}
