import type { Target } from '../config/config.ts';

/**
 * The delay from start to each target's first probe, in whole ms: targets sharing an interval are
 * spread evenly over its first period (index i of n gets i * everyMs / n), so 1,000 targets at 10 s
 * start one every 10 ms instead of all at once. Cron targets get 0 (their pattern decides).
 */
export function computeStaggerOffsets(targets: readonly Target[]): number[] {
  const groupSizes = new Map<number, number>();
  for (const { schedule } of targets) {
    if (schedule.kind === 'interval') {
      groupSizes.set(schedule.everyMs, (groupSizes.get(schedule.everyMs) ?? 0) + 1);
    }
  }
  const seen = new Map<number, number>();
  return targets.map(({ schedule }) => {
    if (schedule.kind !== 'interval') return 0;
    const index = seen.get(schedule.everyMs) ?? 0;
    seen.set(schedule.everyMs, index + 1);
    return Math.floor((index * schedule.everyMs) / groupSizes.get(schedule.everyMs)!);
  });
}
