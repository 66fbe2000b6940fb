import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Logger } from './log.ts';
import { createRepeatedFailureLog, describeError } from './repeated-failure-log.ts';

function setup() {
  let time = 0;
  const lines: { level: string; fields: object; message: string }[] = [];
  const record = (level: string) => (fields: object, message: string) =>
    lines.push({ level, fields, message });
  const log: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  const failures = createRepeatedFailureLog({
    log,
    action: 'could not store',
    things: 'signals',
    recovered: 'storing signals again',
    now: () => time,
  });
  return { failures, lines, advance: (ms: number) => (time += ms) };
}

const diskFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });

test('repeated failure log: one line at the start, a count at most once a minute, one at the end', () => {
  const { failures, lines, advance } = setup();
  // 50 signals a second for 150 s
  for (let second = 0; second < 150; second++) {
    for (let signal = 0; signal < 50; signal++) failures.failed(1, diskFull);
    advance(1_000);
  }
  failures.succeeded();
  failures.succeeded();
  assert.deepEqual(
    lines.map(({ level, message }) => `${level} ${message}`),
    [
      'error could not store signals: database or disk is full',
      'error could not store 3,000 signals in the last 60 s: database or disk is full',
      'error could not store 3,000 signals in the last 60 s: database or disk is full',
      'info storing signals again after 7,500 signals failed over 150 s',
    ],
  );
  assert.deepEqual(lines[0]!.fields, { reason: 'database or disk is full', code: 'SQLITE_FULL' });
  assert.ok(
    lines.every(({ fields }) => !JSON.stringify(fields).includes('at ')),
    'no stack in any line',
  );
});

test('repeated failure log: says since when and why while failing, nothing after it ends', () => {
  const { failures, advance } = setup();
  assert.equal(failures.failure(), undefined);
  advance(5_000);
  failures.failed(3, new Error('read-only file system'));
  advance(1_000);
  assert.deepEqual(failures.failure(), { since: 5_000, reason: 'read-only file system' });
  failures.succeeded();
  assert.equal(failures.failure(), undefined);
});

test('describeError: message and code, never a stack; anything thrown', () => {
  assert.deepEqual(describeError(diskFull), { reason: 'database or disk is full', code: 'SQLITE_FULL' });
  assert.deepEqual(describeError(new TypeError('x is undefined')), { reason: 'x is undefined' });
  assert.deepEqual(describeError('plain'), { reason: 'plain' });
});
