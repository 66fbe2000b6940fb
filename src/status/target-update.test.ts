import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BucketSeries } from './wire-types.ts';
import { buildFixtureTarget } from '../web/fixture-status.testkit.ts';
import { applyTargetUpdate, describeTargetUpdate } from './target-update.ts';

const now = Date.UTC(2026, 10, 27, 14, 25);
const hour = 3_600_000;

/** Three hourly buckets starting at 10:00, as the page holds them. */
const series = (): BucketSeries => ({
  start: Date.UTC(2026, 10, 27, 10),
  step_ms: hour,
  checks: [60, 60, 30],
  up: [60, 59, 30],
  latency_ms: [40, 41, 42],
  latency_stat: 'p95',
});

test('an update carries the target without its series, with their current buckets', () => {
  const target = buildFixtureTarget({ name: 'API', state: 'up', now });
  const update = describeTargetUpdate(target);
  assert.equal('hours' in update || 'days' in update, false);
  const last = target.hours.checks.length - 1;
  assert.deepEqual(update.hour, {
    start: target.hours.start + last * target.hours.step_ms,
    checks: target.hours.checks[last],
    up: target.hours.up[last],
    latency_ms: target.hours.latency_ms[last],
  });
  assert.ok(JSON.stringify(update).length * 2 < JSON.stringify(target).length, 'under half the bytes');
  assert.deepEqual(applyTargetUpdate(target, update), target, 'applied to itself it changes nothing');
});

const cases: [string, number, Partial<BucketSeries>][] = [
  [
    'the current bucket is replaced',
    12,
    { checks: [60, 60, 31], up: [60, 59, 31], latency_ms: [40, 41, 43] },
  ],
  [
    'the next hour moves the window on by one',
    13,
    { start: Date.UTC(2026, 10, 27, 11), checks: [60, 30, 31], up: [59, 30, 31], latency_ms: [41, 42, 43] },
  ],
  [
    'a gap of hours leaves empty buckets',
    14,
    { start: Date.UTC(2026, 10, 27, 12), checks: [30, 0, 31], up: [30, 0, 31], latency_ms: [42, null, 43] },
  ],
  [
    'far past the window: only the new bucket is left',
    20,
    { start: Date.UTC(2026, 10, 27, 18), checks: [0, 0, 31], up: [0, 0, 31], latency_ms: [null, null, 43] },
  ],
  ['older than the window: ignored', 9, {}],
];
for (const [name, hourOfDay, expected] of cases) {
  test(`applying an update: ${name}`, () => {
    const target = { ...buildFixtureTarget({ name: 'API', state: 'up', now }), hours: series() };
    const update = {
      ...describeTargetUpdate(target),
      state: 'down' as const,
      hour: { start: Date.UTC(2026, 10, 27, hourOfDay), checks: 31, up: 31, latency_ms: 43 },
    };
    const next = applyTargetUpdate(target, update);
    assert.equal(next.state, 'down');
    assert.deepEqual(next.hours, { ...series(), ...expected });
    assert.deepEqual(next.days, target.days);
  });
}
