/**
 * What the target server's counts say about upbeat's schedule, judged outside upbeat: how evenly
 * probes arrive per wall-clock second, and how long each target waited for its first probe.
 */

/** Probe arrivals per second over a window of whole seconds. */
export interface ArrivalSpread {
  readonly seconds: number;
  readonly total: number;
  readonly mean: number;
  readonly busiest: number;
  readonly quietest: number;
  /** Busiest second over the mean: 1 is perfectly even; the aim is at most 2. */
  readonly busiestOverMean: number;
}

/** Spread of arrivals over the seconds `fromSecond` (inclusive) to `toSecond` (exclusive); silent seconds count as 0. */
export function summarizeArrivalSpread(
  perSecond: readonly (readonly [number, number])[],
  fromSecond: number,
  toSecond: number,
): ArrivalSpread {
  const seconds = toSecond - fromSecond;
  if (seconds <= 0) throw new Error(`arrival window is empty: ${fromSecond}..${toSecond}`);
  const counts = new Map(perSecond);
  let total = 0;
  let busiest = 0;
  let quietest = Infinity;
  for (let second = fromSecond; second < toSecond; second++) {
    const count = counts.get(second) ?? 0;
    total += count;
    busiest = Math.max(busiest, count);
    quietest = Math.min(quietest, count);
  }
  const mean = total / seconds;
  return { seconds, total, mean, busiest, quietest, busiestOverMean: mean === 0 ? Infinity : busiest / mean };
}

/** How soon after upbeat's start each target's first probe arrived. */
export interface FirstArrivals {
  readonly targets: number;
  /** Targets with no probe at all by the time of the report. */
  readonly never: number;
  /** Longest wait among the targets that were probed, in ms. */
  readonly maxDelayMs: number;
  /** Targets whose first probe came later than `intervalMs` after the start, or never. */
  readonly late: number;
}

/** First-arrival delays against the first interval; `firstArrivals` holds epoch ms, 0 for never. */
export function summarizeFirstArrivals(
  firstArrivals: readonly number[],
  startedAt: number,
  intervalMs: number,
): FirstArrivals {
  let never = 0;
  let late = 0;
  let maxDelayMs = 0;
  for (const arrivedAt of firstArrivals) {
    if (arrivedAt === 0) {
      never += 1;
      late += 1;
      continue;
    }
    const delay = arrivedAt - startedAt;
    maxDelayMs = Math.max(maxDelayMs, delay);
    if (delay > intervalMs) late += 1;
  }
  return { targets: firstArrivals.length, never, maxDelayMs, late };
}
