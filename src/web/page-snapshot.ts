import type { BucketSeries, SignalRecord, StatusResponse, TargetStatus } from '../status/wire-types.ts';

/**
 * The snapshot as the page embeds it, about half the bytes of the API's JSON: bucket counts
 * run-length coded (a day of one-minute probes is `1440` ninety times over), failures sent instead
 * of successes (mostly runs of 0), and the last record without what its target already says.
 * Only for a snapshot cut down by roundForPage: its phase timings are null and stay so.
 */
export interface PageSnapshot extends Omit<StatusResponse, 'targets'> {
  targets: PackedTarget[];
}

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

interface PackedSeries extends Omit<BucketSeries, 'checks' | 'up'> {
  /** `checks` as value, count, value, count ... */
  checks: number[];
  /** `checks - up` per bucket, coded the same way. */
  failed: number[];
}

/** The snapshot in the page's embedded form. */
export function packSnapshot(status: StatusResponse): PageSnapshot {
  return { ...status, targets: status.targets.map(packTarget) };
}

/** The snapshot back from the page's embedded form, equal to what was packed. */
export function unpackSnapshot(snapshot: PageSnapshot): StatusResponse {
  return { ...snapshot, targets: snapshot.targets.map(unpackTarget) };
}

function packTarget(target: TargetStatus): PackedTarget {
  const { last, hours, days } = target;
  let packedLast: PackedRecord | null = null;
  if (last) {
    const { url, target: name, dns_ms, connect_ms, tls_ms, first_byte_ms, ...rest } = last;
    packedLast = {
      ...rest,
      ...(url === target.url ? {} : { url }),
      ...(name === target.name ? {} : { target: name }),
    };
  }
  return { ...target, last: packedLast, hours: packSeries(hours), days: packSeries(days) };
}

function unpackTarget(target: PackedTarget): TargetStatus {
  const { last, hours, days } = target;
  return {
    ...target,
    last: last && {
      ...last,
      url: last.url ?? target.url,
      target: last.target ?? target.name,
      dns_ms: null,
      connect_ms: null,
      tls_ms: null,
      first_byte_ms: null,
    },
    hours: unpackSeries(hours),
    days: unpackSeries(days),
  };
}

function packSeries({ checks, up, ...rest }: BucketSeries): PackedSeries {
  return {
    ...rest,
    checks: encodeRuns(checks),
    failed: encodeRuns(checks.map((count, i) => count - (up[i] ?? 0))),
  };
}

function unpackSeries({ checks, failed, ...rest }: PackedSeries): BucketSeries {
  const counts = decodeRuns(checks);
  const failures = decodeRuns(failed);
  return { ...rest, checks: counts, up: counts.map((count, i) => count - (failures[i] ?? 0)) };
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
