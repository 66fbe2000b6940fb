import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Cron } from 'croner';
import { buildTickPattern, choosePatternPeriod } from './interval-ticker.ts';

describe('choosePatternPeriod', () => {
  const cases = [
    [1, 1],
    [7, 1],
    [10, 10],
    [30, 30],
    [45, 15],
    [60, 60],
    [90, 30],
    [120, 120],
    [300, 300],
    [420, 60],
    [3_600, 3_600],
    [7_200, 7_200],
    [86_400, 86_400],
    [172_800, 86_400],
  ] as const;
  for (const [everySeconds, expected] of cases) {
    test(`${everySeconds} s ticks every ${expected} s`, () =>
      assert.equal(choosePatternPeriod(everySeconds), expected));
  }
});

describe('buildTickPattern', () => {
  // An arbitrary instant that is on no round minute, hour or day, in epoch seconds.
  const atSecond = 1_800_012_345;
  for (const period of [1, 10, 15, 30, 60, 120, 300, 3_600, 7_200, 86_400]) {
    test(`period ${period} s ticks at atSecond and every period after it (UTC)`, () => {
      const pattern = buildTickPattern(period, atSecond);
      const runs = new Cron(pattern, { utcOffset: 0 })
        .nextRuns(4, new Date((atSecond - 1) * 1_000))
        .map((run) => run.getTime() / 1_000 - atSecond);
      assert.deepEqual(runs, [0, period, 2 * period, 3 * period], pattern);
    });
  }
});
