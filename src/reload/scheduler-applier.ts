import type { Scheduler } from '../scheduler/scheduler.ts';
import type { ConfigApplier } from './config-reloader.ts';

/**
 * Applies a reload's targets to the scheduler: removed ones stop first (so added ones are spread
 * over the gaps they leave), changed ones are rescheduled under their name (the runner keeps their
 * state and consecutive counts), added ones join the staggered grid.
 */
export function createSchedulerApplier(
  scheduler: Pick<Scheduler, 'add' | 'remove' | 'reschedule'>,
  runner: { forget(name: string): void },
): ConfigApplier {
  return {
    name: 'scheduler',
    apply({ diff }) {
      for (const name of diff.removed) {
        scheduler.remove(name);
        runner.forget(name);
      }
      scheduler.reschedule(diff.changed);
      scheduler.add(diff.added);
    },
  };
}
