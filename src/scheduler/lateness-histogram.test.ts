import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createLatenessHistogram } from './lateness-histogram.ts';

function summarizeValues(values: readonly number[]) {
  const histogram = createLatenessHistogram();
  for (const value of values) histogram.record(value);
  return histogram.summarize();
}

describe('createLatenessHistogram', () => {
  const exactCases = [
    { name: 'empty', values: [], expected: { count: 0, sum: 0, p50: 0, p99: 0, max: 0 } },
    { name: 'one value', values: [7], expected: { count: 1, sum: 7, p50: 7, p99: 7, max: 7 } },
    {
      name: 'negative counts as 0',
      values: [-3, -1],
      expected: { count: 2, sum: 0, p50: 0, p99: 0, max: 0 },
    },
    { name: 'fractions round', values: [0.4, 1.6], expected: { count: 2, sum: 2, p50: 0, p99: 2, max: 2 } },
    {
      name: '1..100 ms',
      values: Array.from({ length: 100 }, (_, i) => i + 1),
      expected: { count: 100, sum: 5_050, p50: 50, p99: 99, max: 100 },
    },
    {
      name: 'one slow run among 1,000 fast ones',
      values: [...Array.from({ length: 999 }, () => 2), 5_000],
      expected: { count: 1_000, sum: 6_998, p50: 2, p99: 2, max: 5_000 },
    },
  ];
  for (const { name, values, expected } of exactCases) {
    test(name, () => assert.deepEqual(summarizeValues(values), expected));
  }

  test('large values land within 1/16 above the truth, never below', () => {
    for (const value of [128, 129, 1_000, 4_321, 65_537, 3_600_000]) {
      // A larger second value keeps the max from capping the bucket's upper edge.
      const { p50 } = summarizeValues([value, value * 100]);
      assert.ok(p50 >= value && p50 <= value * (1 + 1 / 16), `${value} -> ${p50}`);
    }
  });

  test('percentiles are capped at the max, not at the bucket edge', () => {
    assert.deepEqual(summarizeValues([200, 201, 202]), { count: 3, sum: 603, p50: 202, p99: 202, max: 202 });
  });

  test('values beyond 24 days are clamped, not lost', () => {
    const { count, max } = summarizeValues([2 ** 40]);
    assert.equal(count, 1);
    assert.equal(max, 2 ** 31 - 1);
  });
});
