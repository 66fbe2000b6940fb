import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  formatAge,
  formatBucket,
  formatClock,
  formatDay,
  formatLatency,
  formatPercent,
  roundLatency,
} from './format-text.ts';

const cases = <T>(name: string, format: (input: T) => string, table: [T, string][]) =>
  describe(name, () => {
    for (const [input, want] of table)
      test(`${JSON.stringify(input)} -> ${want}`, () => assert.equal(format(input), want));
  });

cases('formatPercent', formatPercent, [
  [100, '100%'],
  [99.999, '99.99%'], // truncated: never claims 100% for a window with a failure
  [99.95, '99.95%'],
  [97.5, '97.50%'],
  [0, '0.00%'],
]);

cases('formatLatency', formatLatency, [
  [null, '–'],
  [0.4, '0 ms'],
  [41.4, '41 ms'],
  [99.6, '100 ms'],
  [228.4, '230 ms'],
  [994, '990 ms'],
  [996, '1.0 s'],
  [1234, '1.2 s'],
  [12_345, '12.0 s'],
]);

cases('roundLatency', (ms: number) => String(roundLatency(ms)), [
  [7.2, '7'],
  [41.5, '42'],
  [155, '160'],
  [4321, '4300'],
]);

cases('formatAge (from a fixed now)', (seconds: number) => formatAge(1_000_000 - seconds * 1000, 1_000_000), [
  [-3, 'just now'], // a clock a little ahead of ours
  [4, 'just now'],
  [42, '42 s ago'],
  [60, '1 min ago'],
  [3599, '59 min ago'],
  [7200, '2 h ago'],
  [3 * 86_400, '3 d ago'],
]);

test('dates and clocks are UTC whatever the machine zone', () => {
  const at = Date.UTC(2026, 0, 1, 23, 5, 9);
  assert.equal(formatDay(at), '1 Jan');
  assert.equal(formatClock(at), '23:05');
  assert.equal(formatClock(at, true), '23:05:09');
  assert.equal(formatBucket(at - 5 * 60_000 - 9000, 3_600_000), '1 Jan 23:00 UTC, 1 h');
});
