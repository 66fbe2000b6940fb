import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Logger } from '../log.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import type { Store } from './store.ts';
import { trackWrites } from './track-writes.ts';

/** A store whose appends fail while `broken.reason` is set, as a full disk makes SQLite's fail. */
function setup() {
  const broken: { reason: string | undefined } = { reason: undefined };
  let stored = 0;
  const inner: Store = {
    async append(signals) {
      if (broken.reason) throw Object.assign(new Error(broken.reason), { code: 'SQLITE_FULL' });
      stored += signals.length;
    },
    readSignals: async () => [],
    readRange: async () => [],
    readRollups: async () => [],
    async appendStateChanges() {
      if (broken.reason) throw Object.assign(new Error(broken.reason), { code: 'SQLITE_FULL' });
    },
    readStateChanges: async () => [],
    readLatestStateChanges: async () => [],
    countFailedProbes: async () => 0,
    readiness: () => ({ ready: true }),
    close: async () => {},
  };
  let time = Date.UTC(2026, 10, 29, 3, 0);
  const lines: string[] = [];
  const log: Logger = {
    debug() {},
    info: (_fields, message) => lines.push(`info ${message}`),
    warn: (_fields, message) => lines.push(`warn ${message}`),
    error: (_fields, message) => lines.push(`error ${message}`),
  };
  const recording: boolean[] = [];
  const store = trackWrites(inner, { log, now: () => time, onRecordingChange: (on) => recording.push(on) });
  return { store, broken, lines, recording, advance: (ms: number) => (time += ms), stored: () => stored };
}

test('trackWrites: a full disk makes it not ready with the reason, a handful of lines, and it recovers', async () => {
  const { store, broken, lines, recording, advance, stored } = setup();
  await store.append([buildSignal({})]);
  assert.deepEqual(store.readiness(), { ready: true });

  broken.reason = 'database or disk is full';
  let refused = 0;
  // 50 targets at 1 s for 100 s
  for (let second = 0; second < 100; second++) {
    for (let target = 0; target < 50; target++) {
      await store.append([buildSignal({ received: second })]).catch(() => refused++);
    }
    advance(1_000);
  }
  assert.equal(refused, 5_000, 'every append still rejects, so callers can count');
  assert.deepEqual(store.readiness(), {
    ready: false,
    detail:
      'history is not being recorded: signals could not be stored since 2026-11-29T03:00:00.000Z: database or disk is full',
  });

  broken.reason = undefined;
  await store.append([buildSignal({})]);
  assert.deepEqual(store.readiness(), { ready: true });
  assert.equal(stored(), 2);
  assert.deepEqual(lines, [
    'error could not store signals: database or disk is full',
    'error could not store 3,000 signals in the last 60 s: database or disk is full',
    'info storing signals again after 5,000 signals failed over 100 s',
  ]);
  assert.deepEqual(recording, [false, true]);
});

test('trackWrites: refused state changes are their own lines, once per outage, and still reject', async () => {
  const { store, broken, lines, recording } = setup();
  broken.reason = 'database or disk is full';
  let refused = 0;
  for (let target = 0; target < 20; target++) {
    await store.appendStateChanges([]).catch(() => refused++);
  }
  broken.reason = undefined;
  await store.appendStateChanges([]);
  assert.equal(refused, 20);
  assert.equal(lines.length, 2);
  assert.equal(lines[0], 'error could not store state changes: database or disk is full');
  assert.match(lines[1]!, /^info storing state changes again after/);
  assert.deepEqual(recording, [], 'recording follows the signals alone');
});

test("trackWrites: without refused writes, the store's own readiness", () => {
  const { store } = setup();
  const closed = trackWrites(
    { ...store, readiness: () => ({ ready: false, detail: 'sqlite store is closed' }) },
    { log: { debug() {}, info() {}, warn() {}, error() {} } },
  );
  assert.deepEqual(closed.readiness(), { ready: false, detail: 'sqlite store is closed' });
});
