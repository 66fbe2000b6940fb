import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTPException } from 'hono/http-exception';
import { maxUptimeBuckets, parseUptimeQuery } from './uptime-query.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 29, 12);
const context = { now, retentionDays: 400, targetCount: 100 };

describe('parseUptimeQuery', () => {
  test('defaults: the 30 days up to now, one bucket, every target', () =>
    assert.deepEqual(parseUptimeQuery({}, context), { from: now - 30 * day, to: now, step: 'none' }));
  test('a `to` past now counts up to now; a target and a step are kept', () =>
    assert.deepEqual(
      parseUptimeQuery({ from: ['2026-07-01'], to: ['2027-01-01'], step: ['day'], target: ['Web'] }, context),
      { from: Date.UTC(2026, 6, 1), to: now, step: 'day', target: 'Web' },
    ));
  test('a whole retention of days for one target fits', () =>
    assert.equal(
      parseUptimeQuery({ from: [String(now - 400 * day)], step: ['day'], target: ['x'] }, context).step,
      'day',
    ));

  const refused: [string, Record<string, string[]>, RegExp][] = [
    ['before retention', { from: [String(now - 401 * day)] }, /^from: before the 400 days of history kept/],
    ['empty range', { from: [String(now)], to: [String(now)] }, /^from: must be before to/],
    ['unknown step', { step: ['week'] }, /^step: expected hour, day or none, got "week"/],
    ['bad time', { to: ['soon'] }, /^to: expected ISO 8601/],
    [
      'too many buckets over all targets',
      { from: [String(now - 10 * day)], step: ['hour'] },
      new RegExp(`^step: \\d+ buckets asked for, at most ${maxUptimeBuckets}`),
    ],
  ];
  for (const [name, query, reason] of refused) {
    test(`refuses ${name} with a 400`, () =>
      assert.throws(
        () => parseUptimeQuery(query, context),
        (error: unknown) =>
          error instanceof HTTPException && error.status === 400 && reason.test(error.message),
      ));
  }
});
