import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelayMs } from './backoff.ts';

const backoff = { baseMs: 250, capMs: 30_000 };
const cases = [
  { attempt: 0, want: 250 },
  { attempt: 1, want: 250 },
  { attempt: 2, want: 500 },
  { attempt: 3, want: 1_000 },
  { attempt: 7, want: 16_000 },
  { attempt: 8, want: 30_000 },
  { attempt: 500, want: 30_000 },
];

for (const { attempt, want } of cases) {
  test(`attempt ${attempt} waits ${want} ms`, () => assert.equal(backoffDelayMs(attempt, backoff), want));
}
