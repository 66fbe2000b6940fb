import type { BucketSeries, SignalRecord } from '../status/wire-types.ts';
import { formatClock, formatDay, formatBucket, formatLatency, formatPercent } from './format-text.ts';
import { describeReason } from './state-labels.ts';

/**
 * The bars of a strip: one colour grade (a CSS class) per bar, and the words for any one bar,
 * made only when that bar is pointed at or focused, so a page of 100 targets builds no
 * 11,400 labels up front.
 */
export interface BarSource {
  readonly grades: readonly Grade[];
  describe(index: number): string;
}

/** `gn`: no checks at all; `g0` (none failed) to `g4` (most failed); `gm`: a probe in maintenance. */
export type Grade = 'gn' | 'g0' | 'g1' | 'g2' | 'g3' | 'g4' | 'gm';

// Upper bounds of the failed share for g1..g3. 2 % is a blip (one failed probe in an hour of
// one-minute probes is 1.7 %); 10 % is several bad minutes; past half the bucket was mostly down.
const gradeSteps: readonly [number, Grade][] = [
  [0.02, 'g1'],
  [0.1, 'g2'],
  [0.5, 'g3'],
];

/** The grade of a bucket from its share of failed probes, (checks - up) / checks. */
export function gradeBucket(checks: number, up: number): Grade {
  if (checks <= 0) return 'gn';
  const failed = (checks - up) / checks;
  if (failed <= 0) return 'g0';
  for (const [limit, grade] of gradeSteps) if (failed <= limit) return grade;
  return 'g4';
}

/** A bar's grade in words, for a bar whose figures the page does not hold. */
const gradeWords: Record<Grade, string> = {
  gn: 'no data',
  g0: 'no probe failed',
  g1: 'under 2% failed',
  g2: '2–10% failed',
  g3: '10–50% failed',
  g4: 'over half failed',
  gm: 'in maintenance',
};

/**
 * Counts that give each grade, for a series the page first got as grades only (page-snapshot.ts):
 * the bars draw the same before the whole series arrives.
 */
export const gradeCounts: Record<Grade, readonly [checks: number, up: number]> = {
  gn: [0, 0],
  g0: [1, 1],
  g1: [100, 99],
  g2: [100, 95],
  g3: [100, 70],
  g4: [1, 0],
  // only single probes are graded maintenance, never a bucket: no counts give it
  gm: [0, 0],
};

/**
 * A bucket series the page may hold without its whole copy (a first screen): the buckets before
 * `exactFrom` carry gradeCounts and no latency, so their words say only what the grade knows.
 */
export interface PageSeries extends BucketSeries {
  readonly exactFrom?: number;
}

/**
 * Bars for a bucket series: hourly buckets are labelled with their hour, daily with their day;
 * `touched` gives the words for the incidents in a bucket's time range (none when empty).
 */
export function describeBuckets(
  series: PageSeries,
  touched?: (from: number, to: number) => string,
): BarSource {
  const daily = series.step_ms >= 86_400_000;
  const statistic = series.latency_stat === 'p95' ? 'p95' : 'mean';
  const figures = (index: number) => {
    const checks = series.checks[index] ?? 0;
    const up = series.up[index] ?? 0;
    if (index < (series.exactFrom ?? 0)) return gradeWords[gradeBucket(checks, up)];
    if (checks <= 0) return 'no data';
    const probes = `${checks} probe${checks === 1 ? '' : 's'}`;
    const latency = `${statistic} ${formatLatency(series.latency_ms[index] ?? null)}`;
    return `${formatPercent((up / checks) * 100)} up, ${probes}, ${latency}`;
  };
  return {
    grades: series.checks.map((checks, index) => gradeBucket(checks, series.up[index] ?? 0)),
    describe(index) {
      const start = series.start + index * series.step_ms;
      const when = daily ? formatDay(start) : formatBucket(start, series.step_ms);
      const incidents = touched?.(start, start + series.step_ms);
      return `${when}: ${figures(index)}${incidents ? `; ${incidents}` : ''}`;
    },
  };
}

const probeGrades: Record<SignalRecord['state'], Grade> = {
  up: 'g0',
  degraded: 'g2',
  down: 'g4',
  maintenance: 'gm',
};

/** Bars for single probes (the tutorial's last-60 view): one per record, graded by its state. */
export function describeProbes(records: readonly SignalRecord[]): BarSource {
  return {
    grades: records.map((record) => probeGrades[record.state]),
    describe(index) {
      const record = records[index];
      if (!record) return '';
      const at = Date.parse(record.received);
      const status = describeReason(record) ?? `HTTP ${record.http_status}`;
      return `${formatDay(at)} ${formatClock(at, true)} UTC: ${record.state}, ${status}, ${formatLatency(record.latency_ms)}`;
    },
  };
}
