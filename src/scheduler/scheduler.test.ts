import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createScheduler } from './scheduler.ts';
import { makeTestTarget } from './test-target.testkit.ts';

// Real timers on a shared, noisy machine: timing assertions are about correctness, with wide margins.
const slackMs = 250;

const everySecond = (name: string) => makeTestTarget(name, { kind: 'interval', everyMs: 1_000 });

interface RunRecord {
  readonly name: string;
  readonly plannedAt: number;
  readonly startedAt: number;
}

/** Run a scheduler for `forMs` with a run that records each call, then stop it. */
async function runFor(
  forMs: number,
  targets: readonly Target[],
  options: { work?: (target: Target) => Promise<void>; maxConcurrent?: number; log?: Logger } = {},
) {
  const runs: RunRecord[] = [];
  const scheduler = createScheduler({
    targets,
    maxConcurrent: options.maxConcurrent ?? 100,
    log: options.log ?? silentLogger,
    run: (target, plannedAt) => {
      runs.push({ name: target.name, plannedAt, startedAt: Date.now() });
      return options.work ? options.work(target) : Promise.resolve();
    },
  });
  const startedAt = Date.now();
  scheduler.start();
  await sleep(forMs);
  const stats = scheduler.stats();
  const stopped = await scheduler.stop(10_000);
  return { runs, stats, stopped, startedAt };
}

describe('createScheduler', { concurrency: true }, () => {
  test('first runs are spread across the first interval, each within it', async () => {
    const targets = Array.from({ length: 10 }, (_, index) => everySecond(`t${index}`));
    const { runs, startedAt } = await runFor(900, targets);
    const firsts = targets.map(({ name }) => runs.find((run) => run.name === name));
    assert.ok(
      firsts.every((run) => run !== undefined),
      'every target ran within its first interval',
    );
    const planned = firsts.map((run) => run!.plannedAt);
    planned.forEach((at, index) => assert.equal(at - planned[0]!, index * 100, 'planned 100 ms apart'));
    assert.ok(planned[0]! - startedAt < slackMs, 'the first target is planned at start');
    const slots = new Set(firsts.map((run) => Math.floor((run!.startedAt - startedAt) / 100)));
    assert.ok(slots.size >= 5, `first runs fell in only ${slots.size} of ten 100 ms slots`);
  });

  test('a single target is probed at once', async () => {
    const { runs, startedAt } = await runFor(300, [
      makeTestTarget('only', { kind: 'interval', everyMs: 60_000 }),
    ]);
    assert.equal(runs.length, 1);
    assert.ok(runs[0]!.startedAt - startedAt < slackMs);
  });

  test('later runs stay on the start + k * interval grid', async () => {
    const { runs } = await runFor(4_600, [everySecond('grid')]);
    assert.ok(runs.length >= 4, `only ${runs.length} runs in 4.6 s`);
    runs.forEach((run, k) => {
      assert.equal(run.plannedAt, runs[0]!.plannedAt + k * 1_000, `run ${k} is on the grid`);
      assert.ok(run.startedAt - run.plannedAt < slackMs, `run ${k} started near its planned time`);
    });
  });

  test('a run longer than the interval is skipped, never run twice at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const { runs, stats } = await runFor(3_500, [everySecond('slow')], {
      work: async () => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await sleep(2_500);
        running--;
      },
    });
    assert.equal(mostAtOnce, 1);
    assert.ok(stats.skipped >= 1, 'skips are counted');
    assert.ok(runs.length >= 1 && runs.length <= 2);
  });

  test('the concurrency cap holds, and queued probes run in order with the wait counted', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const targets = Array.from({ length: 4 }, (_, index) => everySecond(`q${index}`));
    const { runs, stats } = await runFor(2_000, targets, {
      maxConcurrent: 1,
      work: async () => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await sleep(400);
        running--;
      },
    });
    assert.equal(mostAtOnce, 1);
    assert.deepEqual(
      runs.slice(0, 4).map((run) => run.name),
      ['q0', 'q1', 'q2', 'q3'],
    );
    assert.ok(stats.queuedForCap >= 3, `queuedForCap ${stats.queuedForCap}`);
    // q1 was planned 250 ms in and waits for q0's 400 ms run.
    assert.ok(runs[1]!.startedAt - runs[1]!.plannedAt >= 100, 'q1 waited in the queue');
    assert.ok(stats.lateness.max >= 100, 'lateness includes the wait');
  });

  test('a run that throws or rejects is logged and the schedule goes on', async () => {
    const failed: string[] = [];
    const log: Logger = {
      ...silentLogger,
      error: (fields) => failed.push((fields as { target: string }).target),
    };
    const { runs } = await runFor(2_600, [everySecond('throws'), everySecond('rejects')], {
      log,
      work: (target) => {
        if (target.name === 'throws') throw new Error('sync failure');
        return Promise.reject(new Error('async failure'));
      },
    });
    for (const name of ['throws', 'rejects']) {
      assert.ok(runs.filter((run) => run.name === name).length >= 2, `${name} kept running`);
      assert.ok(failed.filter((target) => target === name).length >= 2, `${name} failures logged`);
    }
  });

  test('a cron target fires on its pattern, on whole seconds', async () => {
    const { runs } = await runFor(2_700, [makeTestTarget('cron', { kind: 'cron', pattern: '* * * * * *' })]);
    assert.ok(runs.length >= 2, `only ${runs.length} cron runs`);
    runs.forEach((run, k) => {
      assert.equal(run.plannedAt % 1_000, 0);
      assert.equal(run.plannedAt, runs[0]!.plannedAt + k * 1_000);
    });
  });

  test('cron targets on the same pattern share a croner job and each still runs every time', async () => {
    const { runs } = await runFor(2_700, [
      makeTestTarget('first', { kind: 'cron', pattern: '* * * * * *' }),
      makeTestTarget('second', { kind: 'cron', pattern: '* * * * * *' }),
    ]);
    const byName = (name: string) => runs.filter((run) => run.name === name).map((run) => run.plannedAt);
    assert.ok(byName('first').length >= 2, `first ran ${byName('first').length} times`);
    assert.deepEqual(byName('second'), byName('first'));
  });

  test('stop waits for probes in flight', async () => {
    let finished = false;
    const scheduler = createScheduler({
      targets: [everySecond('in-flight')],
      maxConcurrent: 1,
      run: async () => {
        await sleep(400);
        finished = true;
      },
    });
    scheduler.start();
    await sleep(100);
    assert.deepEqual(await scheduler.stop(10_000), { abandoned: 0 });
    assert.ok(finished, 'stop resolved after the probe finished');
  });

  test('stop gives up on a hung probe after the grace period', async () => {
    const scheduler = createScheduler({
      targets: [everySecond('hung')],
      maxConcurrent: 1,
      run: () => new Promise<void>(() => {}),
    });
    scheduler.start();
    await sleep(100);
    const began = Date.now();
    assert.deepEqual(await scheduler.stop(300), { abandoned: 1 });
    assert.ok(Date.now() - began >= 250, 'waited for the grace period');
  });

  test('bad schedules fail at creation with the target named', () => {
    const run = () => Promise.resolve();
    assert.throws(
      () =>
        createScheduler({
          targets: [makeTestTarget('bad', { kind: 'cron', pattern: 'nope' })],
          run,
          maxConcurrent: 1,
        }),
      /target "bad": bad cron pattern/,
    );
    assert.throws(
      () =>
        createScheduler({
          targets: [makeTestTarget('odd', { kind: 'interval', everyMs: 1_500 })],
          run,
          maxConcurrent: 1,
        }),
      /target "odd": everyMs must be whole seconds/,
    );
  });
});

// Alone, after the others, so their timers cannot be counted here.
test('stop leaves no timer behind', async () => {
  const timersNow = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
  const before = timersNow();
  const scheduler = createScheduler({
    targets: [
      everySecond('a'),
      everySecond('b'),
      makeTestTarget('c', { kind: 'interval', everyMs: 45_000 }),
      makeTestTarget('d', { kind: 'cron', pattern: '*/5 * * * * *' }),
    ],
    maxConcurrent: 1,
    run: () => new Promise<void>(() => {}),
  });
  scheduler.start();
  await sleep(1_200);
  assert.ok(timersNow() > before, 'the scheduler holds timers while it runs');
  assert.deepEqual(await scheduler.stop(50), { abandoned: 1 });
  assert.equal(timersNow(), before);
});
