import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { choosePhasesForAdded, computeStaggerOffsets } from './stagger.ts';
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

describe('choosePhasesForAdded', () => {
  const cases = [
    { name: 'alone: the phase it was given', taken: [], count: 1, expected: [420] },
    { name: 'alone, then half a period from the first', taken: [], count: 2, expected: [420, 920] },
    { name: 'one other: half a period away', taken: [0], count: 1, expected: [500] },
    { name: 'the widest gap wins', taken: [0, 100, 200], count: 1, expected: [600] },
    { name: 'the gap round the end counts', taken: [300, 600], count: 1, expected: [950] },
    { name: 'a phase past the end wraps to the front', taken: [600, 700], count: 1, expected: [150] },
    { name: 'unsorted input', taken: [500, 0, 250], count: 1, expected: [750] },
    { name: 'several fill the gaps in turn', taken: [0], count: 3, expected: [500, 750, 250] },
  ];
  for (const { name, taken, count, expected } of cases) {
    test(name, () => assert.deepEqual(choosePhasesForAdded(taken, 1_000, count, 420), expected));
  }
});
