import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitAtMost } from './wait-at-most.ts';

const activeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

test('waitAtMost: finished work ends the wait and leaves no timer behind', async () => {
  const before = activeTimers();
  await waitAtMost(Promise.resolve(), 60_000);
  assert.equal(activeTimers(), before);
});

test('waitAtMost: work that never settles is given up on, and a rejection is not swallowed', async () => {
  let settled = false;
  await waitAtMost(new Promise(() => {}), 1).then(() => (settled = true));
  assert.ok(settled);
  const before = activeTimers();
  await assert.rejects(waitAtMost(Promise.reject(new Error('close failed')), 60_000), /close failed/);
  assert.equal(activeTimers(), before, 'the timer went with the rejection');
});
