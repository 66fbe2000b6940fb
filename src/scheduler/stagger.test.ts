import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeStaggerOffsets } from './stagger.ts';
import { makeTestTarget } from './test-target.testkit.ts';

const every = (everyMs: number) => makeTestTarget('x', { kind: 'interval', everyMs });
const cron = (pattern: string) => makeTestTarget('x', { kind: 'cron', pattern });

describe('computeStaggerOffsets', () => {
  const cases = [
    { name: 'a single target starts at once', targets: [every(60_000)], expected: [0] },
    {
      name: 'four at 1 s, a quarter second apart',
      targets: [every(1_000), every(1_000), every(1_000), every(1_000)],
      expected: [0, 250, 500, 750],
    },
    {
      name: 'uneven splits floor to whole ms',
      targets: [every(1_000), every(1_000), every(1_000)],
      expected: [0, 333, 666],
    },
    {
      name: 'each interval is spread on its own',
      targets: [every(1_000), every(10_000), every(1_000), every(10_000)],
      expected: [0, 0, 500, 5_000],
    },
    {
      name: 'cron targets follow their pattern',
      targets: [cron('* * * * * *'), every(2_000), every(2_000)],
      expected: [0, 0, 1_000],
    },
  ];
  for (const { name, targets, expected } of cases) {
    test(name, () => assert.deepEqual(computeStaggerOffsets(targets), expected));
  }

  test('1,000 targets at 10 s start one every 10 ms, all within the first interval', () => {
    const offsets = computeStaggerOffsets(Array.from({ length: 1_000 }, () => every(10_000)));
    offsets.forEach((offset, index) => assert.equal(offset, index * 10));
  });
});
