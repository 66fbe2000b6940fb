import { setImmediate as nextTurn } from 'node:timers/promises';
import { Cron } from 'croner';
import type { SchedulerClock } from './scheduler-clock.ts';

interface PendingTimer {
  readonly at: number;
  readonly order: number;
  readonly run: () => void;
}

/**
 * Test support: a SchedulerClock that moves only when the test advances it, so schedules are
 * asserted to the millisecond. Timers fire in time order (ties in the order they were set), and
 * after each one the promises it started get to settle before the next fires.
 */
export function createManualClock(startAt: number) {
  let time = startAt;
  let order = 0;
  const timers = new Map<number, PendingTimer>();

  const clock: SchedulerClock = {
    now: () => time,
    setTimer(run, ms) {
      const id = ++order;
      timers.set(id, { at: time + Math.max(0, ms), order: id, run });
      return id;
    },
    clearTimer: (handle) => void timers.delete(handle as number),
    startCronJob(pattern, options, onTick, onError) {
      const schedule = new Cron(pattern, { ...options, paused: true });
      const nextRun = () => schedule.nextRun(new Date(time))?.getTime();
      let timer: unknown;
      const armNext = () => {
        const at = nextRun();
        timer = at === undefined ? undefined : clock.setTimer(fire, at - time);
      };
      const fire = () => {
        armNext();
        try {
          onTick();
        } catch (error) {
          onError(error);
        }
      };
      armNext();
      return { nextRun, stop: () => clock.clearTimer(timer) };
    },
  };

  /** Resolves after `ms` of this clock. */
  const wait = (ms: number) => new Promise<void>((resolve) => clock.setTimer(resolve, ms));

  /** Moves time forward by `ms`, firing every timer due on the way. */
  async function advance(ms: number): Promise<void> {
    const until = time + ms;
    await nextTurn();
    for (;;) {
      let due: [number, PendingTimer] | undefined;
      for (const entry of timers) {
        const [, timer] = entry;
        if (timer.at > until) continue;
        if (!due || timer.at < due[1].at || (timer.at === due[1].at && timer.order < due[1].order))
          due = entry;
      }
      if (!due) break;
      timers.delete(due[0]);
      time = due[1].at;
      due[1].run();
      await nextTurn();
    }
    time = until;
  }

  return { clock, wait, advance, pendingTimers: () => timers.size };
}
