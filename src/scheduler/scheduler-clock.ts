import { Cron } from 'croner';

/** A job firing on a croner pattern until stopped. */
export interface CronJob {
  /** Epoch ms of the next run, or undefined when the pattern has none left. */
  nextRun(): number | undefined;
  stop(): void;
}

/**
 * Time as the scheduler sees it: the wall clock, one-shot timers and croner jobs. Passed in, so the
 * scheduler's tests step time exactly (manual-clock.testkit.ts) instead of sleeping with slack.
 */
export interface SchedulerClock {
  now(): number;
  /** Calls `run` once after `ms`; the handle is only for `clearTimer`. */
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
  /**
   * Starts a job that calls `onTick` at every run of `pattern` (croner syntax; `utcOffset` 0 for
   * UTC); what `onTick` throws goes to `onError` and the job goes on.
   */
  startCronJob(
    pattern: string,
    options: { utcOffset?: number },
    onTick: () => void,
    onError: (error: unknown) => void,
  ): CronJob;
}

/** The real clock: Date.now, Node timers and croner. */
export const systemClock: SchedulerClock = {
  now: Date.now,
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout | undefined),
  startCronJob(pattern, options, onTick, onError) {
    const job = new Cron(pattern, { ...options, catch: onError }, onTick);
    return { nextRun: () => job.nextRun()?.getTime(), stop: () => job.stop() };
  },
};

/** Throws croner's complaint when `pattern` is not a valid pattern; starts nothing. */
export function assertCronPattern(pattern: string): void {
  new Cron(pattern, { paused: true });
}
