import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { toSignalRecord } from '../status/signal-record.ts';
import type { BucketSeries, SignalRecord } from '../status/wire-types.ts';
import { describeBuckets, describeProbes, gradeBucket, type BarSource, type Grade } from './bar-items.ts';

/** Every bar with its words, as a reader pointing at each in turn would get them. */
function expand(source: BarSource): { grade: Grade; label: string }[] {
  return source.grades.map((grade, index) => ({ grade, label: source.describe(index) }));
}

describe('gradeBucket', () => {
  const table: [checks: number, up: number, want: Grade][] = [
    [0, 0, 'gn'],
    [60, 60, 'g0'],
    [60, 59, 'g1'], // one failed probe in an hour: a blip
    [1440, 1412, 'g1'], // 1.9 %
    [60, 57, 'g2'], // 5 %
    [60, 54, 'g2'], // 10 %
    [60, 50, 'g3'],
    [60, 30, 'g3'], // half
    [60, 29, 'g4'],
    [60, 0, 'g4'],
  ];
  for (const [checks, up, want] of table) {
    test(`${up} of ${checks} up is ${want}`, () => assert.equal(gradeBucket(checks, up), want));
  }
});

test('describeBuckets labels hours with their start, uptime, probes and p95', () => {
  const hours: BucketSeries = {
    start: Date.UTC(2026, 10, 27, 22),
    step_ms: 3_600_000,
    checks: [60, 0, 1],
    up: [57, 0, 0],
    latency_ms: [41.2, null, 5012],
    latency_stat: 'p95',
  };
  assert.deepEqual(expand(describeBuckets(hours)), [
    { grade: 'g2', label: '27 Nov 22:00 UTC, 1 h: 95.00% up, 60 probes, p95 41 ms' },
    { grade: 'gn', label: '27 Nov 23:00 UTC, 1 h: no data' },
    { grade: 'g4', label: '28 Nov 00:00 UTC, 1 h: 0.00% up, 1 probe, p95 5.0 s' },
  ]);
});

test('describeBuckets adds the words for the incidents in each bucket, asked with its time range', () => {
  const days: BucketSeries = {
    start: Date.UTC(2026, 11, 31),
    step_ms: 86_400_000,
    checks: [1440, 0],
    up: [1400, 0],
    latency_ms: [38.4, null],
    latency_stat: 'avg',
  };
  const asked: [number, number][] = [];
  const touched = (from: number, to: number) => {
    asked.push([from, to]);
    return from === days.start ? 'Incident: 14:02\u201314:19, 17 min, HTTP 503' : '';
  };
  assert.deepEqual(expand(describeBuckets(days, touched)), [
    {
      grade: 'g2',
      label: '31 Dec: 97.22% up, 1440 probes, mean 38 ms; Incident: 14:02\u201314:19, 17 min, HTTP 503',
    },
    { grade: 'gn', label: '1 Jan: no data' },
  ]);
  assert.deepEqual(asked, [
    [days.start, days.start + 86_400_000],
    [days.start + 86_400_000, days.start + 2 * 86_400_000],
  ]);
});

test('describeBuckets labels days with their date and mean latency', () => {
  const days: BucketSeries = {
    start: Date.UTC(2026, 11, 31),
    step_ms: 86_400_000,
    checks: [1440, 0],
    up: [1440, 0],
    latency_ms: [38.4, null],
    latency_stat: 'avg',
  };
  assert.deepEqual(expand(describeBuckets(days)), [
    { grade: 'g0', label: '31 Dec: 100% up, 1440 probes, mean 38 ms' },
    { grade: 'gn', label: '1 Jan: no data' },
  ]);
});

test('describeProbes gives one bar per probe, graded by its state, with the reason', () => {
  const base: SignalRecord = toSignalRecord(
    buildSignal({
      url: 'https://example.com',
      received: Date.parse('2026-11-27T10:00:05.000Z'),
      target: 'Website',
      latencyMs: 41.2,
      connectMs: 1.5,
      firstByteMs: 38.25,
    }),
  );
  const records: SignalRecord[] = [
    base,
    { ...base, state: 'degraded', reason: 'slow', latency_ms: 912 },
    { ...base, state: 'down', available: false, http_status: -1, reason: 'timeout', latency_ms: 5000 },
  ];
  assert.deepEqual(expand(describeProbes(records)), [
    { grade: 'g0', label: '27 Nov 10:00:05 UTC: up, HTTP 200, 41 ms' },
    { grade: 'g2', label: '27 Nov 10:00:05 UTC: degraded, slow (910 ms), 910 ms' },
    { grade: 'g4', label: '27 Nov 10:00:05 UTC: down, timed out, 5.0 s' },
  ]);
});
