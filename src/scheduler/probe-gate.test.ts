import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createProbeGate } from './probe-gate.ts';
import { createManualClock } from './manual-clock.testkit.ts';
import { makeTestTarget } from './test-target.testkit.ts';

function makeTargets(count: number): Target[] {
  return Array.from({ length: count }, (_, index) =>
    makeTestTarget(`t${index}`, { kind: 'interval', everyMs: 1_000 }),
  );
}

/** A run whose probes finish only when the test says so, recording who started and when planned. */
function createControlledRun() {
  const started: { name: string; plannedAt: number; finish: () => void; fail: (error: Error) => void }[] = [];
  const run = (target: Target, plannedAt: number) =>
    new Promise<void>((resolve, reject) =>
      started.push({ name: target.name, plannedAt, finish: resolve, fail: reject }),
    );
  return { run, started };
}

function setup(options: { targets?: number; maxConcurrent?: number; log?: Logger } = {}) {
  const time = createManualClock(1_000);
  const controlled = createControlledRun();
  const gate = createProbeGate({
    targets: makeTargets(options.targets ?? 3),
    run: controlled.run,
    maxConcurrent: options.maxConcurrent ?? 10,
    log: options.log ?? silentLogger,
    clock: time.clock,
  });
  return { gate, started: controlled.started, advance: time.advance };
}

describe('createProbeGate', () => {
  test('a target whose probe still runs is skipped, not stacked', async () => {
    const { gate, started } = setup();
    gate.dispatch(0, 1_000);
    gate.dispatch(0, 2_000);
    assert.equal(started.length, 1);
    assert.equal(gate.stats().skipped, 1);
    started[0]!.finish();
    await nextTurn();
    gate.dispatch(0, 3_000);
    assert.deepEqual(
      started.map((s) => s.plannedAt),
      [1_000, 3_000],
    );
  });

  test('at the cap, due probes wait in FIFO order and start as slots free', async () => {
    const { gate, started } = setup({ targets: 4, maxConcurrent: 2 });
    for (const index of [2, 0, 3, 1]) gate.dispatch(index, 1_000);
    assert.deepEqual(
      started.map((s) => s.name),
      ['t2', 't0'],
    );
    assert.equal(gate.stats().queueLength, 2);
    started[1]!.finish();
    await nextTurn();
    assert.deepEqual(
      started.map((s) => s.name),
      ['t2', 't0', 't3'],
    );
    assert.equal(gate.stats().inFlight, 2);
    started[0]!.finish();
    await nextTurn();
    assert.deepEqual(
      started.map((s) => s.name),
      ['t2', 't0', 't3', 't1'],
    );
    assert.equal(gate.stats().queuedForCap, 2);
  });

  test('a probe still queued when its next run comes is not queued twice', async () => {
    const { gate, started } = setup({ targets: 2, maxConcurrent: 1 });
    gate.dispatch(0, 1_000);
    gate.dispatch(1, 1_000);
    gate.dispatch(1, 2_000);
    const { queueLength, queuedForCap, skipped } = gate.stats();
    assert.deepEqual({ queueLength, queuedForCap, skipped }, { queueLength: 1, queuedForCap: 1, skipped: 1 });
    started[0]!.finish();
    await nextTurn();
    assert.deepEqual(
      started.map((s) => [s.name, s.plannedAt]),
      [
        ['t0', 1_000],
        ['t1', 1_000],
      ],
    );
  });

  test('lateness counts the wait in the queue', async () => {
    const { gate, started, advance } = setup({ targets: 2, maxConcurrent: 1 });
    gate.dispatch(0, 1_000);
    gate.dispatch(1, 1_000);
    await advance(500);
    started[0]!.finish();
    await nextTurn();
    assert.deepEqual(gate.stats().lateness, { count: 2, sum: 500, p50: 0, p99: 500, max: 500 });
  });

  test('a run that throws or rejects is logged with its target and frees its slot', async () => {
    const errors: object[] = [];
    const log: Logger = { ...silentLogger, error: (fields) => errors.push(fields) };
    let calls = 0;
    const gate = createProbeGate({
      targets: makeTargets(2),
      run: (target) => {
        calls++;
        if (target.name === 't0') throw new Error('sync boom');
        return Promise.reject(new Error('async boom'));
      },
      maxConcurrent: 1,
      log,
      clock: createManualClock(0).clock,
    });
    gate.dispatch(0, 0);
    gate.dispatch(1, 0);
    await nextTurn();
    gate.dispatch(0, 0);
    await nextTurn();
    assert.equal(calls, 3);
    assert.deepEqual(
      errors.map((fields) => (fields as { target: string }).target),
      ['t0', 't1', 't0'],
    );
    assert.equal(gate.stats().inFlight, 0);
  });

  test('close drops the queue and resolves once probes in flight finish', async () => {
    const { gate, started } = setup({ targets: 2, maxConcurrent: 1 });
    gate.dispatch(0, 1_000);
    gate.dispatch(1, 1_000);
    let closed: { abandoned: number } | undefined;
    const closing = gate.close(60_000).then((result) => (closed = result));
    gate.dispatch(1, 2_000);
    await nextTurn();
    assert.equal(closed, undefined);
    started[0]!.finish();
    await closing;
    assert.deepEqual(closed, { abandoned: 0 });
    assert.deepEqual(
      started.map((s) => s.name),
      ['t0'],
    );
  });

  test('close gives up on a hung probe after the grace period', async () => {
    const { gate, advance } = setup();
    gate.dispatch(0, 1_000);
    let closed: { abandoned: number } | undefined;
    void gate.close(50).then((result) => (closed = result));
    await advance(49);
    assert.equal(closed, undefined, 'still within the grace period');
    await advance(1);
    assert.deepEqual(closed, { abandoned: 1 });
  });
});
