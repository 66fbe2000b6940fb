import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Target } from '../config/config.ts';
import { silentLogger, type Logger } from '../log.ts';
import { createManualClock } from './manual-clock.testkit.ts';
import { createScheduler } from './scheduler.ts';
import { makeTestTarget } from './test-target.testkit.ts';

// On no whole second, so interval grids and croner's whole-second ticks do not line up by chance.
const startAt = Date.UTC(2026, 10, 29, 12, 0, 0, 300);

const everySecond = (name: string) => makeTestTarget(name, { kind: 'interval', everyMs: 1_000 });

interface RunRecord {
  readonly name: string;
  /** Relative to startAt, like startedAt. */
  readonly plannedAt: number;
  readonly startedAt: number;
}

/** A scheduler on a manual clock, with a run that records each call (times relative to startAt). */
function setup(
  targets: readonly Target[],
  options: {
    work?: (target: Target, wait: (ms: number) => Promise<void>) => Promise<void>;
    maxConcurrent?: number;
    log?: Logger;
  } = {},
) {
  const time = createManualClock(startAt);
  const runs: RunRecord[] = [];
  const scheduler = createScheduler({
    targets,
    maxConcurrent: options.maxConcurrent ?? 100,
    log: options.log ?? silentLogger,
    clock: time.clock,
    run: (target, plannedAt) => {
      runs.push({ name: target.name, plannedAt: plannedAt - startAt, startedAt: time.clock.now() - startAt });
      return options.work ? options.work(target, time.wait) : Promise.resolve();
    },
  });
  return { scheduler, runs, time };
}

/** Runs a scheduler for `forMs` of manual time, then stops it. */
async function runFor(forMs: number, targets: readonly Target[], options: Parameters<typeof setup>[1] = {}) {
  const { scheduler, runs, time } = setup(targets, options);
  scheduler.start();
  await time.advance(forMs);
  const stats = scheduler.stats();
  const stopping = scheduler.stop(10_000);
  await time.advance(10_000);
  return { runs, stats, stopped: await stopping, time };
}

/** Calls stop(graceMs), then reports what it had resolved to 1 ms before `afterMs` and at `afterMs`. */
async function stopStepping(
  scheduler: ReturnType<typeof createScheduler>,
  time: ReturnType<typeof createManualClock>,
  graceMs: number,
  afterMs: number,
) {
  let stopped: { abandoned: number } | undefined;
  void scheduler.stop(graceMs).then((result) => (stopped = result));
  await time.advance(afterMs - 1);
  const justBefore = stopped;
  await time.advance(1);
  return { justBefore, at: stopped };
}

const runsOf = (runs: readonly RunRecord[], name: string) => runs.filter((run) => run.name === name);

describe('createScheduler', () => {
  test('first runs are spread across the first interval, on time', async () => {
    const targets = Array.from({ length: 10 }, (_, index) => everySecond(`t${index}`));
    const { runs } = await runFor(999, targets);
    assert.deepEqual(
      runs,
      targets.map(({ name }, index) => ({ name, plannedAt: index * 100, startedAt: index * 100 })),
    );
  });

  test('a single target is probed at once', async () => {
    const { runs } = await runFor(300, [makeTestTarget('only', { kind: 'interval', everyMs: 60_000 })]);
    assert.deepEqual(runs, [{ name: 'only', plannedAt: 0, startedAt: 0 }]);
  });

  test('later runs stay on the start + k * interval grid', async () => {
    const { runs } = await runFor(4_600, [everySecond('grid')]);
    assert.deepEqual(
      runs.map(({ plannedAt, startedAt }) => [plannedAt, startedAt]),
      [0, 1_000, 2_000, 3_000, 4_000].map((at) => [at, at]),
    );
  });

  test('a 45 s target keeps its grid while its croner tick comes every 15 s', async () => {
    const { runs } = await runFor(150_000, [
      makeTestTarget('slow-grid', { kind: 'interval', everyMs: 45_000 }),
    ]);
    assert.deepEqual(
      runs.map((run) => run.startedAt),
      [0, 45_000, 90_000, 135_000],
    );
  });

  test('a run longer than the interval is skipped, never run twice at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const { runs, stats } = await runFor(3_500, [everySecond('slow')], {
      work: async (_target, wait) => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await wait(2_500);
        running--;
      },
    });
    assert.equal(mostAtOnce, 1);
    assert.deepEqual(
      runs.map((run) => run.startedAt),
      [0, 3_000],
    );
    assert.equal(stats.skipped, 2, 'the runs at 1 s and 2 s');
  });

  test('the concurrency cap holds, and queued probes run in order with the wait counted', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const targets = Array.from({ length: 4 }, (_, index) => everySecond(`q${index}`));
    const { runs, stats } = await runFor(999, targets, {
      maxConcurrent: 1,
      work: async (_target, wait) => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await wait(400);
        running--;
      },
    });
    assert.equal(mostAtOnce, 1);
    // planned 250 ms apart, each waits for the one before it to finish its 400 ms
    assert.deepEqual(runs, [
      { name: 'q0', plannedAt: 0, startedAt: 0 },
      { name: 'q1', plannedAt: 250, startedAt: 400 },
      { name: 'q2', plannedAt: 500, startedAt: 800 },
    ]);
    assert.equal(stats.queuedForCap, 3, 'q1, q2 and q3 waited');
    assert.equal(stats.lateness.max, 300);
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
    assert.deepEqual(
      runsOf(runs, 'throws').map((run) => run.startedAt),
      [0, 1_000, 2_000],
    );
    assert.deepEqual(
      runsOf(runs, 'rejects').map((run) => run.startedAt),
      [500, 1_500, 2_500],
    );
    assert.deepEqual(failed, ['throws', 'rejects', 'throws', 'rejects', 'throws', 'rejects']);
  });

  test('a cron target fires on its pattern, on whole seconds', async () => {
    const { runs } = await runFor(2_700, [makeTestTarget('cron', { kind: 'cron', pattern: '* * * * * *' })]);
    assert.deepEqual(runs, [
      { name: 'cron', plannedAt: 700, startedAt: 700 },
      { name: 'cron', plannedAt: 1_700, startedAt: 1_700 },
      { name: 'cron', plannedAt: 2_700, startedAt: 2_700 },
    ]);
  });

  test('cron targets on the same pattern share a croner job and each still runs every time', async () => {
    const { scheduler, runs, time } = setup([
      makeTestTarget('first', { kind: 'cron', pattern: '* * * * * *' }),
      makeTestTarget('second', { kind: 'cron', pattern: '* * * * * *' }),
    ]);
    scheduler.start();
    assert.equal(time.pendingTimers(), 1, 'one job (one timer) for both targets');
    await time.advance(2_700);
    await scheduler.stop(0);
    assert.deepEqual(
      runs.map((run) => `${run.name} ${run.plannedAt}`),
      ['first 700', 'second 700', 'first 1700', 'second 1700', 'first 2700', 'second 2700'],
    );
  });

  test('stop waits for probes in flight', async () => {
    let finished = false;
    const { scheduler, time } = setup([everySecond('in-flight')], {
      maxConcurrent: 1,
      work: async (_target, wait) => {
        await wait(400);
        finished = true;
      },
    });
    scheduler.start();
    await time.advance(100);
    // the probe started at 0 and finishes at 400
    assert.deepEqual(await stopStepping(scheduler, time, 10_000, 300), {
      justBefore: undefined,
      at: { abandoned: 0 },
    });
    assert.ok(finished, 'stop resolved after the probe finished');
  });

  test('stop gives up on a hung probe after the grace period and leaves no timer behind', async () => {
    const { scheduler, time } = setup(
      [
        everySecond('a'),
        everySecond('b'),
        makeTestTarget('c', { kind: 'interval', everyMs: 45_000 }),
        makeTestTarget('d', { kind: 'cron', pattern: '*/5 * * * * *' }),
      ],
      { maxConcurrent: 1, work: () => new Promise<void>(() => {}) },
    );
    scheduler.start();
    await time.advance(1_200);
    assert.ok(time.pendingTimers() > 0, 'the scheduler holds timers while it runs');
    assert.deepEqual(await stopStepping(scheduler, time, 300, 300), {
      justBefore: undefined,
      at: { abandoned: 1 },
    });
    assert.equal(time.pendingTimers(), 0);
  });

  test('a reload adds, removes and reschedules while unchanged targets keep every grid point', async () => {
    const every = (name: string, everyMs: number) => makeTestTarget(name, { kind: 'interval', everyMs });
    const { scheduler, runs, time } = setup([every('a', 1_000), every('b', 1_000), every('c', 1_000)]);
    scheduler.start();
    await time.advance(2_500);
    scheduler.remove('b');
    scheduler.reschedule([every('c', 2_000)]);
    scheduler.add([every('d', 1_000), makeTestTarget('e', { kind: 'cron', pattern: '* * * * * *' })]);
    assert.equal(scheduler.stats().targets, 4);
    await time.advance(3_500 - 1);
    await scheduler.stop(0);
    const startsOf = (name: string) => runsOf(runs, name).map((run) => run.startedAt);
    assert.deepEqual(startsOf('a'), [0, 1_000, 2_000, 3_000, 4_000, 5_000], 'none lost, none doubled');
    assert.deepEqual(startsOf('b'), [333, 1_333, 2_333]);
    // alone on 2 s, so its first point is now; then every 2 s
    assert.deepEqual(startsOf('c'), [666, 1_666, 2_500, 4_500]);
    // half a period from a, the only other 1 s target left: 2500 is already on that grid
    assert.deepEqual(startsOf('d'), [2_500, 3_500, 4_500, 5_500]);
    assert.deepEqual(startsOf('e'), [2_700, 3_700, 4_700, 5_700]);
  });

  test('a removed target neither runs from the queue nor leaves a timer; its slot is never reused', async () => {
    const every = (name: string) => makeTestTarget(name, { kind: 'interval', everyMs: 1_000 });
    const { scheduler, runs, time } = setup([every('slow'), every('waits')], {
      maxConcurrent: 1,
      work: (_target, wait) => wait(900),
    });
    scheduler.start();
    await time.advance(600); // 'waits' planned at 500 is queued behind 'slow'
    assert.equal(scheduler.stats().queueLength, 1);
    scheduler.remove('waits');
    scheduler.add([every('waits')]);
    await time.advance(400);
    assert.deepEqual(
      runs.map((run) => `${run.name} ${run.startedAt}`),
      ['slow 0', 'slow 1000'],
      'the queued run of the removed target was dropped; the new one is planned for 1500',
    );
    scheduler.remove('slow');
    scheduler.remove('waits');
    assert.equal(time.pendingTimers(), 1, 'only the probe in flight is waiting');
    await stopStepping(scheduler, time, 0, 1);
  });

  test('a rescheduled target with a probe in flight is not probed twice at once', async () => {
    let running = 0;
    let mostAtOnce = 0;
    const { scheduler, runs, time } = setup([everySecond('busy')], {
      work: async (_target, wait) => {
        mostAtOnce = Math.max(mostAtOnce, ++running);
        await wait(1_500);
        running--;
      },
    });
    scheduler.start();
    await time.advance(100);
    scheduler.reschedule([makeTestTarget('busy', { kind: 'interval', everyMs: 2_000 })]);
    await time.advance(4_000);
    await stopStepping(scheduler, time, 0, 1);
    assert.equal(mostAtOnce, 1);
    assert.deepEqual(
      runs.map((run) => run.startedAt),
      [0, 2_100, 4_100],
    );
    assert.equal(scheduler.stats().skipped, 1, 'the new grid point at 100 found the old probe running');
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
