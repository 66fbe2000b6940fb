import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Test support: polls `check` until it returns something other than undefined or false, and
 * resolves with that; fails naming `what` after `timeoutMs`. The deadline is generous on purpose:
 * it stops a broken test, it is not a timing assertion.
 */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what = 'the condition',
  { timeoutMs = 20_000, everyMs = 10 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
