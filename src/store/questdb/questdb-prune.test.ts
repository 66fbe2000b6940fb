import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startOfUtcDay } from './questdb-prune.ts';

describe('startOfUtcDay', () => {
  const day = 86_400_000;
  const cases = [
    { at: 0, want: 0 },
    { at: day - 1, want: 0 },
    { at: 20 * day, want: 20 * day },
    { at: 20 * day + 1, want: 20 * day },
  ];
  for (const { at, want } of cases) test(`${at}`, () => assert.equal(startOfUtcDay(at), want));
});
