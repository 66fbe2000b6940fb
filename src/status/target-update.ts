/**
 * The live form of a target (an entry of an SSE `targets` event): everything a probe can change,
 * with only the current hour and day of the bucket series. A full TargetStatus is ~1.6 KB, most of
 * it 90 days of buckets that a probe never touches; this is about a third of that, and it goes to
 * every open page every second. Shared by the server and the page bundle.
 */
import type { BucketSeries, TargetStatus } from './wire-types.ts';

/** One bucket of a series, with its start (epoch ms). */
export interface Bucket {
  start: number;
  checks: number;
  up: number;
  latency_ms: number | null;
}

/** What a `targets` event carries per target. */
export interface TargetUpdate extends Omit<TargetStatus, 'hours' | 'days'> {
  /** The current hourly bucket (the last of `hours`). */
  hour: Bucket;
  /** The current daily bucket (the last of `days`). */
  day: Bucket;
}

/** The live form of a target's status. */
export function describeTargetUpdate(status: TargetStatus): TargetUpdate {
  const { hours, days, ...rest } = status;
  return { ...rest, hour: lastBucket(hours), day: lastBucket(days) };
}

/**
 * The page's copy of a target with an update applied: fields replaced, the update's buckets
 * written into the series, which moves forward (older buckets drop off the front) when the
 * update's bucket is past its end.
 */
export function applyTargetUpdate(target: TargetStatus, update: TargetUpdate): TargetStatus {
  const { hour, day, ...rest } = update;
  return { ...target, ...rest, hours: placeBucket(target.hours, hour), days: placeBucket(target.days, day) };
}

function lastBucket(series: BucketSeries): Bucket {
  const last = series.checks.length - 1;
  return {
    start: series.start + last * series.step_ms,
    checks: series.checks[last] ?? 0,
    up: series.up[last] ?? 0,
    latency_ms: series.latency_ms[last] ?? null,
  };
}

function placeBucket(series: BucketSeries, bucket: Bucket): BucketSeries {
  const length = series.checks.length;
  const index = Math.round((bucket.start - series.start) / series.step_ms);
  if (index < 0 || length === 0) return series; // older than the page's window: nothing to show
  const shift = Math.max(0, index - (length - 1));
  const move = <Value>(values: readonly Value[], empty: Value, value: Value): Value[] => {
    const moved = [
      ...values.slice(Math.min(shift, length)),
      ...Array<Value>(Math.min(shift, length)).fill(empty),
    ];
    moved[index - shift] = value;
    return moved;
  };
  return {
    ...series,
    start: series.start + shift * series.step_ms,
    checks: move(series.checks, 0, bucket.checks),
    up: move(series.up, 0, bucket.up),
    latency_ms: move(series.latency_ms, null, bucket.latency_ms),
  };
}
