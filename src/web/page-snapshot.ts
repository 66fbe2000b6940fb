import type { BucketSeries, SignalRecord, StatusResponse, TargetStatus } from '../status/wire-types.ts';
import { gradeBucket, gradeCounts, type Grade, type PageSeries } from './bar-items.ts';

/**
 * The snapshot as the page embeds it, about half the bytes of the API's JSON: bucket counts
 * run-length coded (a day of one-minute probes is `1440` ninety times over), failures sent instead
 * of successes (mostly runs of 0), and the last record without what its target already says.
 * Only for a snapshot cut down by roundForPage: its phase timings are null and stay so.
 *
 * With `first_screen`, the targets carry only what compact rows draw (FirstScreenTarget): the page
 * is drawn exactly from it, and fetches `/api/status` for the rest once it runs.
 */
export type PageSnapshot =
  | (Omit<StatusResponse, 'targets'> & { targets: PackedTarget[] })
  | (Omit<StatusResponse, 'targets'> & { first_screen: true; targets: FirstScreenTarget[] });

interface PackedTarget extends Omit<TargetStatus, 'last' | 'hours' | 'days'> {
  last: PackedRecord | null;
  hours: PackedSeries;
  days: PackedSeries;
}

type PhaseKey = 'dns_ms' | 'connect_ms' | 'tls_ms' | 'first_byte_ms';

/** A record without its phases; `url` and `target` only when they differ from the target's. */
interface PackedRecord extends Omit<SignalRecord, 'url' | 'target' | PhaseKey> {
  url?: string;
  target?: string;
}

/**
 * A target as compact rows draw it: no URL (the page never shows it), no hourly series, no latency
 * figures, the last record only when it has a reason, and of the daily series
 * each day's grade (its class name's second character: `0`, `1` ... `4`, `n`) and the newest day whole, which its strip's
 * slider reads out. The older days' counts and latency, most of a snapshot's bytes, come later.
 */
interface FirstScreenTarget extends Omit<
  TargetStatus,
  'url' | 'last' | 'hours' | 'days' | 'latency' | 'certificate_expires_at'
> {
  /** Only when it says why the target is not up, all that a compact row reads of it. */
  last: PackedRecord | null;
  days: Pick<BucketSeries, 'start' | 'step_ms' | 'latency_stat'> & {
    grades: string;
    newest: { checks: number; up: number; latency_ms: number | null };
  };
}

// one character per grade (`g1` is `1`): a 90-day strip is 90 characters, mostly one repeated, which gzip all but erases

interface PackedSeries extends Omit<BucketSeries, 'checks' | 'up'> {
  /** packLatency's: the unit, then each value as the change from the one before, in that unit. */
  latency_ms: (number | null)[];
  /** `checks` as value, count, value, count ... */
  checks: number[];
  /** `checks - up` per bucket, coded the same way. */
  failed: number[];
}

/** The snapshot in the page's embedded form, whole or (`firstScreen`) what compact rows draw. */
export function packSnapshot(status: StatusResponse, options: { firstScreen?: boolean } = {}): PageSnapshot {
  if (options.firstScreen)
    return { ...status, first_screen: true, targets: status.targets.map(packFirstScreen) };
  return { ...status, targets: status.targets.map(packTarget) };
}

/**
 * The snapshot back from the page's embedded form: equal to what was packed, or for a first
 * screen, a status that draws the same compact rows and says it is partial (isPartial).
 */
export function unpackSnapshot(snapshot: PageSnapshot): StatusResponse {
  if ('first_screen' in snapshot) {
    const { first_screen, ...rest } = snapshot;
    return { ...rest, targets: snapshot.targets.map(unpackFirstScreen) };
  }
  return { ...snapshot, targets: snapshot.targets.map(unpackTarget) };
}

/** Whether the page holds a first screen only: its older bars have grades, not figures, and it has no cards. */
export function isPartial(status: StatusResponse): boolean {
  return status.targets.some((target) => (target.days as PageSeries).exactFrom !== undefined);
}

function packTarget(target: TargetStatus): PackedTarget {
  const { hours, days } = target;
  return { ...target, last: packRecord(target), hours: packSeries(hours), days: packSeries(days) };
}

function unpackTarget(target: PackedTarget): TargetStatus {
  const { hours, days } = target;
  return { ...target, last: unpackRecord(target), hours: unpackSeries(hours), days: unpackSeries(days) };
}

function packFirstScreen(target: TargetStatus): FirstScreenTarget {
  const { url, hours, latency, certificate_expires_at, days, ...rest } = target;
  const last = days.checks.length - 1;
  return {
    ...rest,
    last: target.last?.reason ? packRecord({ ...target, url: '' }) : null,
    days: {
      start: days.start,
      step_ms: days.step_ms,
      latency_stat: days.latency_stat,
      grades: days.checks.map((checks, i) => gradeBucket(checks, days.up[i] ?? 0)[1]).join(''),
      newest: {
        checks: days.checks[last] ?? 0,
        up: days.up[last] ?? 0,
        latency_ms: days.latency_ms[last] ?? null,
      },
    },
  };
}

function unpackFirstScreen(target: FirstScreenTarget): TargetStatus {
  const { start, step_ms, latency_stat, grades, newest } = target.days;
  // the cards' part: empty until the whole snapshot comes, and the page shows no cards till then
  const hours: PageSeries = {
    start,
    step_ms: 3_600_000,
    checks: [],
    up: [],
    latency_ms: [],
    latency_stat: 'p95',
    exactFrom: 0,
  };
  return {
    ...target,
    url: '',
    last: target.last && unpackRecord({ name: target.name, url: '', last: target.last }),
    latency: { p50_ms: null, p95_ms: null },
    certificate_expires_at: null,
    hours,
    days: new GradedDays(start, step_ms, latency_stat, grades, newest),
  };
}

/**
 * A first screen's daily series: its arrays decoded when first read, since 10,000 targets are
 * 900,000 days and only the rows drawn need theirs. Prototype getters keep each instance one cheap
 * object; a copy made by spreading it (a live update) takes the decoded arrays.
 */
class GradedDays implements PageSeries {
  // an own field, not a getter: a live update's copy (a spread) must keep it
  readonly exactFrom: number;
  private decoded: Pick<BucketSeries, 'checks' | 'up' | 'latency_ms'> | undefined;

  constructor(
    readonly start: number,
    readonly step_ms: number,
    readonly latency_stat: BucketSeries['latency_stat'],
    private readonly codes: string,
    private readonly newest: FirstScreenTarget['days']['newest'],
  ) {
    this.exactFrom = Math.max(0, codes.length - 1);
  }

  get checks(): number[] {
    return this.decode().checks;
  }

  get up(): number[] {
    return this.decode().up;
  }

  get latency_ms(): (number | null)[] {
    return this.decode().latency_ms;
  }

  private decode(): Pick<BucketSeries, 'checks' | 'up' | 'latency_ms'> {
    if (this.decoded) return this.decoded;
    const { codes, newest } = this;
    const last = codes.length - 1;
    const counts = [...codes].map((code, i) =>
      i === last
        ? ([newest.checks, newest.up] as const)
        : (gradeCounts[`g${code}` as Grade] ?? gradeCounts.gn),
    );
    return (this.decoded = {
      checks: counts.map(([checks]) => checks),
      up: counts.map(([, up]) => up),
      latency_ms: counts.map((_, i) => (i === last ? newest.latency_ms : null)),
    });
  }
}

function packRecord(target: TargetStatus): PackedRecord | null {
  if (!target.last) return null;
  const { url, target: name, dns_ms, connect_ms, tls_ms, first_byte_ms, ...rest } = target.last;
  return {
    ...rest,
    ...(url === target.url ? {} : { url }),
    ...(name === target.name ? {} : { target: name }),
  };
}

function unpackRecord(target: { name: string; url: string; last: PackedRecord | null }): SignalRecord | null {
  const { last } = target;
  return (
    last && {
      ...last,
      url: last.url ?? target.url,
      target: last.target ?? target.name,
      dns_ms: null,
      connect_ms: null,
      tls_ms: null,
      first_byte_ms: null,
    }
  );
}

function packSeries({ checks, up, latency_ms, ...rest }: BucketSeries): PackedSeries {
  return {
    ...rest,
    latency_ms: packLatency(latency_ms),
    checks: encodeRuns(checks),
    failed: encodeRuns(checks.map((count, i) => count - (up[i] ?? 0))),
  };
}

function unpackSeries({ checks, failed, latency_ms, ...rest }: PackedSeries): BucketSeries {
  const counts = decodeRuns(checks);
  const failures = decodeRuns(failed);
  return {
    ...rest,
    latency_ms: unpackLatency(latency_ms),
    checks: counts,
    up: counts.map((count, i) => count - (failures[i] ?? 0)),
  };
}

/**
 * Latencies in fewer digits: the page's have two significant ones (roundLatency), so past 100 ms
 * they are whole tens, and a series moves little from bucket to bucket. `[130, 120, null, 140]` is
 * `[10, 13, -1, null, 2]`: the unit, then each change from the value before. About 100 B gzip of
 * a 10-target page.
 */
export function packLatency(values: readonly (number | null)[]): (number | null)[] {
  const unit = values.every((ms) => ms === null || ms % 10 === 0) ? 10 : 1;
  let previous = 0;
  return [
    unit,
    ...values.map((ms) => {
      if (ms === null) return null;
      const step = (ms - previous) / unit;
      previous = ms;
      return step;
    }),
  ];
}

/** packLatency's values back. */
export function unpackLatency([unit = 1, ...steps]: readonly (number | null)[]): (number | null)[] {
  let previous = 0;
  return steps.map((step) => (step === null ? null : (previous += step * unit!)));
}

/** `[5, 5, 5, 2]` as `[5, 3, 2, 1]`. */
export function encodeRuns(values: readonly number[]): number[] {
  const runs: number[] = [];
  for (let start = 0; start < values.length;) {
    let end = start + 1;
    while (end < values.length && values[end] === values[start]) end++;
    runs.push(values[start]!, end - start);
    start = end;
  }
  return runs;
}

/** `[5, 3, 2, 1]` back to `[5, 5, 5, 2]`. */
export function decodeRuns(runs: readonly number[]): number[] {
  const values: number[] = [];
  for (let i = 0; i + 1 < runs.length; i += 2) for (let n = 0; n < runs[i + 1]!; n++) values.push(runs[i]!);
  return values;
}
