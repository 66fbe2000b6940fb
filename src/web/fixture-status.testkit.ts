import type { BucketSeries, SignalRecord, StatusResponse, TargetStatus } from '../status/wire-types.ts';
import { computeOverall } from '../status/overall.ts';
import { toSignalRecord } from '../status/signal-record.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';

/**
 * Test support: believable StatusResponse snapshots for component tests, the browser test and the
 * page benchmarks. Deterministic (seeded), so sizes and screenshots are repeatable.
 */

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const probesPerHour = 60; // one-minute probes, the tutorial's interval

/** Options of the fixture builder; every field has a default. */
export interface FixtureOptions {
  /** How many targets (default 10). */
  readonly targets?: number;
  /** Names to use first (escaping tests); the rest are generated. */
  readonly names?: readonly string[];
  /** The snapshot's time (default 2026-11-27T14:25:00Z). */
  readonly now?: number;
  readonly seed?: number;
  readonly title?: string;
  readonly description?: string | null;
  readonly logoUrl?: string | null;
  readonly announcements?: StatusResponse['announcements'];
  /** Group names; the targets are split among them in equal consecutive blocks (default: none). */
  readonly groups?: readonly string[];
}

/** Ten group names: with 100 targets, the ten groups of ten the page's 100-target budget assumes. */
export const fixtureGroups = [
  'Public',
  'Payments',
  'Internal',
  'Data',
  'Mail',
  'Edge',
  'Partners',
  'Mobile',
  'Search',
  'Ops',
] as const;

const serviceNames = [
  'Website',
  'API',
  'Checkout',
  'Search',
  'Login',
  'CDN',
  'Webhooks',
  'Docs',
  'Status feed',
  'Mail',
];

/** A snapshot of `targets` services: mostly healthy, with a degraded, a down and an unprobed one. */
export function buildFixtureStatus(options: FixtureOptions = {}): StatusResponse {
  const count = options.targets ?? 10;
  const now = options.now ?? Date.UTC(2026, 10, 27, 14, 25);
  const random = createRandom(options.seed ?? 42);
  const targets = Array.from({ length: count }, (_, index) =>
    buildFixtureTarget({
      name: options.names?.[index] ?? nameFor(index),
      state:
        index === 1 ? 'degraded' : index === 3 ? 'down' : index === count - 1 && count > 4 ? 'unknown' : 'up',
      now,
      random,
      group: options.groups?.[Math.floor((index * options.groups.length) / count)] ?? null,
    }),
  );
  return {
    title: options.title ?? 'Example status',
    description:
      options.description === undefined ? 'Live availability of our public services.' : options.description,
    logo_url: options.logoUrl ?? null,
    generated_at: new Date(now).toISOString(),
    overall: computeOverall(targets),
    announcements: options.announcements ?? [],
    recording: true,
    targets,
  };
}

function nameFor(index: number): string {
  const base = serviceNames[index % serviceNames.length]!;
  return index < serviceNames.length ? base : `${base} ${Math.floor(index / serviceNames.length) + 1}`;
}

/** One target's status; `random` drives the history so each target looks different. */
export function buildFixtureTarget(options: {
  name: string;
  state: TargetStatus['state'];
  now: number;
  random?: () => number;
  group?: string | null;
}): TargetStatus {
  const { name, state, now } = options;
  const group = options.group ?? null;
  const random = options.random ?? createRandom(name.length);
  const url = `https://${name.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'target'}.example.com/health`;
  if (state === 'unknown') {
    const empty = (step: number, size: number, stat: BucketSeries['latency_stat']): BucketSeries => ({
      start: (Math.floor(now / step) - size + 1) * step,
      step_ms: step,
      checks: new Array(size).fill(0),
      up: new Array(size).fill(0),
      latency_ms: new Array(size).fill(null),
      latency_stat: stat,
    });
    return {
      name,
      group,
      url,
      state,
      last: null,
      uptime: { '24h': null, '7d': null, '30d': null, '90d': null },
      latency: { p50_ms: null, p95_ms: null },
      certificate_expires_at: null,
      detail: null,
      hours: empty(hourMs, 24, 'p95'),
      days: empty(dayMs, 90, 'avg'),
    };
  }
  const baseLatency = 30 + Math.round(random() * 150);
  // younger targets have no history on their first days: the "no data" bars
  const firstDay = random() < 0.3 ? Math.floor(random() * 60) : 0;
  const hours = buildSeries({
    now,
    step: hourMs,
    size: 24,
    stat: 'p95',
    probes: probesPerHour,
    firstFilled: 0,
    // a down target's current hour holds its outage
    outageAt: state === 'down' ? 23 : -1,
    baseLatency,
    random,
  });
  const days = buildSeries({
    now,
    step: dayMs,
    size: 90,
    stat: 'avg',
    probes: probesPerHour * 24,
    firstFilled: firstDay,
    outageAt: -1,
    baseLatency,
    random,
  });
  const latency = state === 'degraded' ? baseLatency * 8 : baseLatency * (0.8 + random() * 0.4);
  const last: SignalRecord = toSignalRecord(
    buildSignal({
      url,
      httpStatus: state === 'down' ? 503 : 200,
      available: state !== 'down',
      received: now - 20_000,
      target: name,
      latencyMs: latency,
      state,
      reason: state === 'down' ? 'status' : state === 'degraded' ? 'slow' : null,
      // Fixed shares of the latency rather than more draws, so every later random value stays as it was.
      dnsMs: round(latency * 0.05),
      connectMs: round(latency * 0.1),
      tlsMs: round(latency * 0.25),
      firstByteMs: round(latency * 0.5),
    }),
  );
  return {
    name,
    group,
    url,
    state,
    last,
    uptime: {
      '24h': uptimeOf(hours, 24),
      '7d': uptimeOf(days, 7),
      '30d': uptimeOf(days, 30),
      '90d': uptimeOf(days, 90),
    },
    latency: { p50_ms: round(baseLatency * 0.9), p95_ms: round(baseLatency * 1.6) },
    certificate_expires_at: url.startsWith('https:')
      ? new Date(options.now + 60 * dayMs).toISOString()
      : null,
    detail: null,
    hours,
    days,
  };
}

/** A bucket series with a few random failures; buckets before `firstFilled` hold no checks. */
function buildSeries(shape: {
  now: number;
  step: number;
  size: number;
  stat: BucketSeries['latency_stat'];
  /** Checks in a full bucket. */
  probes: number;
  firstFilled: number;
  outageAt: number;
  baseLatency: number;
  random: () => number;
}): BucketSeries {
  const { now, step, size, stat, probes, firstFilled, outageAt, baseLatency, random } = shape;
  const series: BucketSeries = {
    start: (Math.floor(now / step) - size + 1) * step,
    step_ms: step,
    checks: [],
    up: [],
    latency_ms: [],
    latency_stat: stat,
  };
  for (let index = 0; index < size; index++) {
    // the current bucket is still filling up
    const checks = index < firstFilled ? 0 : index === size - 1 ? Math.round(probes * 0.42) : probes;
    const roll = random();
    const failed =
      index === outageAt
        ? Math.round(checks * 0.6)
        : roll < 0.04
          ? Math.round(checks * roll * 5)
          : roll < 0.1
            ? 1
            : 0;
    series.checks.push(checks);
    series.up.push(checks - Math.min(failed, checks));
    // an hour's p95 swings more than a day's mean, which averages a day of probes
    const spread = stat === 'p95' ? 0.3 : 0.1;
    const level = baseLatency * (stat === 'p95' ? 1.6 : 1) * (1 - spread / 2 + random() * spread);
    series.latency_ms.push(checks ? Math.round(level) : null); // the server sends whole ms per bucket
  }
  return series;
}

function uptimeOf(series: BucketSeries, last: number): number | null {
  const checks = series.checks.slice(-last).reduce((sum, value) => sum + value, 0);
  const up = series.up.slice(-last).reduce((sum, value) => sum + value, 0);
  // the server sends 3 decimals
  return checks ? Math.round((up / checks) * 100_000) / 1000 : null;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** A small seeded generator (mulberry32): the same seed gives the same fixture everywhere. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
