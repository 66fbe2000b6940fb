import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertCronPattern, systemClock } from './scheduler-clock.ts';

const activeTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

test('system clock: a croner job plans its next whole second and leaves no timer once stopped', () => {
  const before = activeTimers();
  const job = systemClock.startCronJob(
    '* * * * * *',
    {},
    () => {},
    () => {},
  );
  const next = job.nextRun()!;
  assert.equal(next % 1_000, 0);
  assert.ok(next > Date.now() && next <= Date.now() + 1_000, `next run ${next - Date.now()} ms away`);
  assert.equal(activeTimers(), before + 1);
  job.stop();
  assert.equal(activeTimers(), before);
});

test('system clock: a timer can be cleared before it fires', () => {
  const before = activeTimers();
  const timer = systemClock.setTimer(() => assert.fail('cleared timers never fire'), 60_000);
  assert.equal(activeTimers(), before + 1);
  systemClock.clearTimer(timer);
  assert.equal(activeTimers(), before);
});

test('cron patterns are checked without starting anything', () => {
  const before = activeTimers();
  assertCronPattern('*/5 * * * * *');
  assert.throws(() => assertCronPattern('nope'));
  assert.equal(activeTimers(), before);
});
