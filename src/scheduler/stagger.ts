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

/**
 * The phase (ms into the period) for a target added to an interval group while it runs: the middle
 * of the widest gap between the phases already taken, so an added target lands as far from its
 * neighbours as the grid allows; `alonePhase` when the group is empty (nobody to keep away from).
 */
export function choosePhaseForAdded(
  takenPhases: readonly number[],
  everyMs: number,
  alonePhase: number,
): number {
  if (takenPhases.length === 0) return alonePhase;
  const sorted = [...takenPhases].sort((a, b) => a - b);
  let bestStart = sorted[sorted.length - 1]!;
  let bestGap = sorted[0]! + everyMs - bestStart; // the gap that wraps round the period's end
  for (let index = 1; index < sorted.length; index++) {
    const gap = sorted[index]! - sorted[index - 1]!;
    if (gap > bestGap) [bestStart, bestGap] = [sorted[index - 1]!, gap];
  }
  return (bestStart + Math.floor(bestGap / 2)) % everyMs;
}
