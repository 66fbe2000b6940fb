import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { summarizeArrivalSpread, summarizeFirstArrivals } from './arrival-stats.ts';

describe('summarizeArrivalSpread', () => {
  const cases = [
    {
      name: 'even',
      perSecond: [
        [10, 5],
        [11, 5],
        [12, 5],
        [13, 5],
      ],
      mean: 5,
      busiest: 5,
      quietest: 5,
      ratio: 1,
    },
    {
      name: 'a burst',
      perSecond: [
        [10, 2],
        [11, 14],
        [12, 2],
        [13, 2],
      ],
      mean: 5,
      busiest: 14,
      quietest: 2,
      ratio: 2.8,
    },
    {
      name: 'a silent second counts as zero',
      perSecond: [
        [10, 8],
        [12, 8],
        [13, 4],
      ],
      mean: 5,
      busiest: 8,
      quietest: 0,
      ratio: 1.6,
    },
    {
      name: 'seconds outside the window are ignored',
      perSecond: [
        [9, 100],
        [10, 5],
        [11, 5],
        [12, 5],
        [13, 5],
        [14, 100],
      ],
      mean: 5,
      busiest: 5,
      quietest: 5,
      ratio: 1,
    },
  ] as const;
  for (const { name, perSecond, mean, busiest, quietest, ratio } of cases) {
    test(name, () => {
      const spread = summarizeArrivalSpread(perSecond, 10, 14);
      assert.deepEqual(
        {
          seconds: spread.seconds,
          mean: spread.mean,
          busiest: spread.busiest,
          quietest: spread.quietest,
          ratio: spread.busiestOverMean,
        },
        { seconds: 4, mean, busiest, quietest, ratio },
      );
    });
  }

  test('an empty window is an error', () => {
    assert.throws(() => summarizeArrivalSpread([], 10, 10), /empty/);
  });
});

describe('summarizeFirstArrivals', () => {
  test('measures delays from the start and counts late and missing targets', () => {
    const startedAt = 1_000_000;
    const result = summarizeFirstArrivals(
      [startedAt + 5, startedAt + 19_999, startedAt + 20_004, 0],
      startedAt,
      20_000,
    );
    assert.deepEqual(result, { targets: 4, never: 1, maxDelayMs: 20_004, late: 2 });
  });

  test('all on time', () => {
    assert.deepEqual(summarizeFirstArrivals([100, 200], 0, 1_000), {
      targets: 2,
      never: 0,
      maxDelayMs: 200,
      late: 0,
    });
  });
});
