import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createPatternMatcher } from './pattern-matcher.ts';

const generousMs = 10_000; // a correct answer never comes near it

test('patterns run in the worker and answer in order', async () => {
  const matcher = createPatternMatcher();
  const outcomes = await matcher.match(
    [
      { pattern: '^v2\\.', text: 'v2.1' },
      { pattern: '^v2\\.', text: 'v1.9' },
      { pattern: '"status":\\s*"UP"', text: '{"status": "UP"}' },
    ],
    generousMs,
  );
  assert.deepEqual(outcomes, [true, false, true]);
});

test('a catastrophic pattern for backtracking engines is linear in RE2 and answers', async () => {
  const text = `${'a'.repeat(64 * 1024)}!`;
  assert.deepEqual(await createPatternMatcher().match([{ pattern: '(a+)+$', text }], generousMs), [false]);
});

test('a worker that does not answer in time gives timeout, and the next request gets a fresh worker', async () => {
  let started = 0;
  const silentThenReal = () => {
    started += 1;
    // The first worker never answers (as a pattern that runs past the limit would not).
    const source =
      started === 1
        ? 'setInterval(() => {}, 1000)'
        : `const { parentPort } = require('node:worker_threads');
           parentPort.on('message', ({ id, jobs }) => parentPort.postMessage({ id, matched: jobs.map(() => true) }));`;
    const worker = new Worker(source, { eval: true });
    worker.unref();
    return worker;
  };
  const matcher = createPatternMatcher(silentThenReal);
  assert.deepEqual(await matcher.match([{ pattern: 'a', text: 'a' }], 50), ['timeout']);
  assert.deepEqual(await matcher.match([{ pattern: 'a', text: 'a' }], generousMs), [true]);
  assert.equal(started, 2);
});

test('a request that waits behind a slow one past its own limit is a timeout without running', async () => {
  let started = 0;
  const matcher = createPatternMatcher(() => {
    started += 1;
    const worker = new Worker('setInterval(() => {}, 1000)', { eval: true });
    worker.unref();
    return worker;
  });
  const [first, second] = await Promise.all([
    matcher.match([{ pattern: 'a', text: 'a' }], 50),
    matcher.match([{ pattern: 'b', text: 'b' }], 10),
  ]);
  assert.deepEqual([first, second], [['timeout'], ['timeout']]);
  assert.equal(started, 1);
});
