import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { StateChange } from '../incidents/state-change.ts';
import type { Signal } from '../signal.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { readExactRollups } from './read-exact-rollups.ts';
import type { Rollup, Store } from './store.ts';

/** A store under test: `reopen` opens the same storage again (after the suite closed `store`). */
export interface OpenedStore {
  store: Store;
  reopen?: () => Promise<Store>;
  /** Runs after the suite has closed every store it was handed; removes what `open` created. */
  cleanup: () => Promise<void>;
}

const minute = 60_000;
const hour = 3_600_000;
const day = 86_400_000;
// Generous: an engine that commits about once a second may need several polls per case.
const caseOptions = { timeout: 60_000 };

/**
 * The behaviour every Store must share, as one node:test `describe` block. It runs against a live
 * shared engine too, so it only reads back its own targets (a random run id is in every name) and
 * writes in the recent past: inside a retention TTL, and never ahead of anyone's newest row.
 * `settle` waits until appended rows are queryable, for engines that commit asynchronously.
 */
export function describeStoreContract(
  name: string,
  open: () => Promise<OpenedStore>,
  options: { settle?: (store: Store) => Promise<void> } = {},
): void {
  const settle = options.settle ?? (async () => {});
  const run = randomUUID().slice(0, 8);
  const today = Math.floor(Date.now() / day) * day;
  const base = today - 30 * day;

  describe(`store contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: Store;
    beforeEach(async () => {
      opened = await open();
      store = opened.store;
    });
    afterEach(async () => {
      await store.close();
      await opened.cleanup();
    });

    /** Target names unique to this run and case; `tag` decides their name order. */
    const targetsFor = (caseName: string, ...tags: string[]) =>
      tags.map((tag) => `upbeat contract ${run} ${caseName} ${tag}`);
    /** Appends, then waits until the rows can be read. */
    async function appendSettled(...batches: Signal[][]) {
      for (const batch of batches) await store.append(batch);
      await settle(store);
    }
    /** Appends state changes, then waits until they can be read. */
    async function appendChangesSettled(...batches: StateChange[][]) {
      for (const batch of batches) await store.appendStateChanges(batch);
      await settle(store);
    }
    /** Only this case's rows: a shared engine may hold anyone's. */
    const only = <T extends { target: string }>(rows: T[], targets: string[]) =>
      rows.filter((row) => targets.includes(row.target));

    test('append then readSignals returns every field exactly', caseOptions, async () => {
      const [plain, odd] = targetsFor('fields', 'a', 'b, "Zürich ☃" x=1 \\ y\nz') as [string, string];
      // Phases: all measured (fractional), some (the probe stopped part-way), or none (defaults).
      const rows = [
        makeSignal(plain, base, {
          latencyMs: 41.25,
          dnsMs: 1.25,
          connectMs: 3.5,
          tlsMs: 12.75,
          firstByteMs: 20.01,
        }),
        makeSignal(plain, base + minute, {
          httpStatus: -1,
          available: false,
          state: 'down',
          latencyMs: 10_000,
          reason: 'timeout',
          dnsMs: 0.5,
          connectMs: 2,
        }),
        makeSignal(odd, base, {
          url: 'https://example.com/a b,c=d?q="x"\\n\nZürich ☃',
          region: 'eu west, "1"=\\ ☃',
        }),
        makeSignal(odd, base + minute, {
          available: true,
          state: 'degraded',
          latencyMs: 1234.5678,
          reason: 'slow',
          connectMs: 0.07,
          firstByteMs: 1200.33,
        }),
        makeSignal(odd, base + 2 * minute, {
          httpStatus: 503,
          available: false,
          state: 'down',
          latencyMs: 0.125,
          reason: 'status',
        }),
      ];
      await appendSettled(rows);
      assert.deepEqual(only(await store.readSignals({ limit: 10 }), [plain, odd]), rows);
      assert.deepEqual(await store.readSignals({ limit: 10, target: odd }), rows.slice(2));
      assert.equal(store.readiness().ready, true);
    });

    test(
      'readSignals keeps the newest `limit` per target, oldest first, targets in name order',
      caseOptions,
      async () => {
        const [first, second, third] = targetsFor('limit', 'a', 'b', 'c') as [string, string, string];
        const firstRows = [0, 1, 2, 3, 4].map((i) => makeSignal(first, base + i * minute, { latencyMs: i }));
        const secondRows = [0, 1, 2].map((i) => makeSignal(second, base + i * minute, { latencyMs: 10 + i }));
        const thirdRows = [makeSignal(third, base + 9 * minute)];
        // Out of order and across calls, so insertion order can't pass for time or name order.
        await appendSettled(
          [...thirdRows, secondRows[2]!, firstRows[4]!, firstRows[0]!],
          [...firstRows.slice(1, 4).reverse(), ...secondRows.slice(0, 2)],
        );
        const targets = [first, second, third];
        assert.deepEqual(only(await store.readSignals({ limit: 3 }), targets), [
          ...firstRows.slice(2),
          ...secondRows,
          ...thirdRows,
        ]);
        assert.deepEqual(only(await store.readSignals({ limit: 1 }), targets), [
          firstRows[4],
          secondRows[2],
          ...thirdRows,
        ]);
        assert.deepEqual(await store.readSignals({ limit: 2, target: second }), secondRows.slice(1));
      },
    );

    test('readSignals for an unknown target is empty', caseOptions, async () => {
      const [known, unknown] = targetsFor('unknown', 'a', 'b') as [string, string];
      await appendSettled([makeSignal(known, base)]);
      assert.deepEqual(await store.readSignals({ limit: 10, target: unknown }), []);
    });

    test('replaying an append adds no duplicates', caseOptions, async () => {
      const [target] = targetsFor('replay', 'a') as [string];
      const rows = [0, 1, 2].map((i) => makeSignal(target, base + i * minute));
      await appendSettled(rows, [], rows, [rows[1]!]);
      assert.deepEqual(await store.readSignals({ limit: 10, target }), rows);
      assert.deepEqual(only(await store.readRange({ from: base, to: base + hour }), [target]), rows);
      // The rollups count each signal once too.
      assert.deepEqual(await store.readRollups({ from: base, to: base + hour, size: 'hour', target }), [
        rollup(target, base, 3, 3, 37.5, 12.5),
      ]);
    });

    test('readRange includes `from`, excludes `to`, oldest first across targets', caseOptions, async () => {
      const targets = targetsFor('range', 'a', 'b');
      const [first, second] = targets as [string, string];
      const from = base + 3 * hour;
      const to = from + hour;
      const inside = [
        makeSignal(first, from),
        makeSignal(second, from + 1),
        makeSignal(first, from + 2),
        makeSignal(second, to - 1),
      ];
      await appendSettled([makeSignal(first, from - 1), makeSignal(second, to), ...[...inside].reverse()]);
      assert.deepEqual(only(await store.readRange({ from, to }), targets), inside);
    });

    test('readRollups sums whole UTC hours and days, without empty buckets', caseOptions, async () => {
      const targets = targetsFor('rollups', 'a', 'b');
      const [first, second] = targets as [string, string];
      const down = { available: false, state: 'down', httpStatus: -1, reason: 'refused' } as const;
      await appendSettled([
        makeSignal(first, base - 1, { latencyMs: 999 }),
        makeSignal(first, base + 10 * minute, { latencyMs: 10 }),
        makeSignal(first, base + 50 * minute, { latencyMs: 30, ...down }),
        makeSignal(first, base + 2 * hour + 5 * minute, { latencyMs: 20 }),
        makeSignal(second, base + hour + minute, { latencyMs: 4 }),
        makeSignal(first, base + day + 3 * hour, { latencyMs: 5, ...down }),
        makeSignal(first, base + 2 * day, { latencyMs: 999 }),
      ]);
      const hourly = await store.readRollups({ from: base, to: base + 3 * hour, size: 'hour' });
      assert.deepEqual(only(hourly, targets), [
        rollup(first, base, 2, 1, 40, 30),
        rollup(first, base + 2 * hour, 1, 1, 20, 20),
        rollup(second, base + hour, 1, 1, 4, 4),
      ]);
      const daily = await store.readRollups({ from: base, to: base + 2 * day, size: 'day' });
      assert.deepEqual(only(daily, targets), [
        rollup(first, base, 3, 2, 60, 30),
        rollup(first, base + day, 1, 0, 5, 5),
        rollup(second, base, 1, 1, 4, 4),
      ]);
      assert.deepEqual(
        await store.readRollups({ from: base, to: base + 2 * day, size: 'day', target: second }),
        [rollup(second, base, 1, 1, 4, 4)],
      );

      // Any range: the whole hour [1 h, 2 h) from the rollups, the partial ones at the edges raw.
      const range = { from: base + 30 * minute, to: base + 2 * hour + 10 * minute };
      const whole = await readExactRollups(store, { ...range, step: 'none' });
      assert.deepEqual(only(whole, targets), [
        rollup(first, range.from, 2, 1, 50, 30),
        rollup(second, range.from, 1, 1, 4, 4),
      ]);
      const perHour = await readExactRollups(store, { ...range, step: 'hour', target: first });
      assert.deepEqual(perHour, [
        rollup(first, base, 1, 0, 30, 30),
        rollup(first, base + 2 * hour, 1, 1, 20, 20),
      ]);
      const perDay = await readExactRollups(store, {
        from: base - hour,
        to: base + day + 4 * hour,
        step: 'day',
      });
      assert.deepEqual(only(perDay, targets), [
        rollup(first, base - day, 1, 1, 999, 999),
        rollup(first, base, 3, 2, 60, 30),
        rollup(first, base + day, 1, 0, 5, 5),
        rollup(second, base, 1, 1, 4, 4),
      ]);
    });

    test('probes in maintenance count in the rollups neither up nor down', caseOptions, async () => {
      const [target] = targetsFor('maintenance', 'a') as [string];
      const down = { available: false, state: 'down', httpStatus: -1, reason: 'refused' } as const;
      const inMaintenance = { state: 'maintenance', latencyMs: 5000 } as const;
      await appendSettled([
        makeSignal(target, base + 10 * minute, { latencyMs: 10 }),
        makeSignal(target, base + 20 * minute, { ...down, ...inMaintenance }),
        makeSignal(target, base + 30 * minute, inMaintenance),
        makeSignal(target, base + 40 * minute, { latencyMs: 30, ...down }),
        makeSignal(target, base + hour + 10 * minute, inMaintenance),
      ]);
      assert.deepEqual(await store.readRollups({ from: base, to: base + 2 * hour, size: 'hour', target }), [
        rollup(target, base, 2, 1, 40, 30, 2),
        rollup(target, base + hour, 0, 0, 0, 0, 1),
      ]);
      // The raw rows at a range's edges follow the same rule: [15 min, 1 h) raw, [1 h, 2 h) rolled up.
      const from = base + 15 * minute;
      const exactUntil = (to: number) => readExactRollups(store, { from, to, step: 'none', target });
      assert.deepEqual(await exactUntil(base + 2 * hour), [rollup(target, from, 1, 0, 30, 30, 3)]);
      assert.deepEqual(await exactUntil(base + 35 * minute), [rollup(target, from, 0, 0, 0, 0, 2)]);
    });

    test(
      'readRange with a limit keeps the first rows in time, target, region order',
      caseOptions,
      async () => {
        const targets = targetsFor('range-limit', 'a', 'b', 'c');
        const [first, second, third] = targets as [string, string, string];
        // A time no other case writes, so a shared table holds only this case's rows there.
        const at = base + 5 * day + 7 * hour;
        const sorted = [
          makeSignal(first, at),
          makeSignal(first, at, { region: 'us-east' }),
          makeSignal(second, at),
          makeSignal(third, at),
          makeSignal(first, at + 1),
          makeSignal(second, at + 2),
        ];
        await appendSettled([sorted[2]!, sorted[5]!, sorted[1]!, sorted[3]!, sorted[0]!, sorted[4]!]);
        const range = { from: at, to: at + minute };
        for (const limit of [1, 2, 3, 5, 6, 10]) {
          assert.deepEqual(
            await store.readRange({ ...range, limit }),
            sorted.slice(0, limit),
            `limit ${limit}`,
          );
        }
        assert.deepEqual(await store.readRange({ ...range, target: first, limit: 2 }), sorted.slice(0, 2));
        assert.deepEqual(await store.readRange({ ...range, target: first }), [
          sorted[0],
          sorted[1],
          sorted[4],
        ]);
        assert.deepEqual(await store.readRange({ ...range, target: second, region: 'eu-west', limit: 1 }), [
          sorted[2],
        ]);
      },
    );

    test('prune removes only rows older than `before`', caseOptions, async (t) => {
      if (!store.prune) return t.skip('expires history itself (TTL)');
      // Day-aligned, and old enough that no live engine's recent rows are near it.
      const before = today - 385 * day;
      const targets = targetsFor('prune', 'a', 'b');
      const [first, second] = targets as [string, string];
      const kept = [makeSignal(first, before), makeSignal(second, before + day + hour)];
      await appendSettled([
        makeSignal(first, before - 2 * day + hour),
        makeSignal(first, before - 1),
        makeSignal(second, before - day),
        ...kept,
      ]);
      const removed = await store.prune(before);
      await settle(store);
      assert.equal(typeof removed, 'number');
      assert.deepEqual(
        only(await store.readRange({ from: before - 3 * day, to: before + 2 * day }), targets),
        kept,
      );
    });

    test('history survives closing and reopening', caseOptions, async (t) => {
      if (!opened.reopen) return t.skip('no reopen given');
      const [target] = targetsFor('reopen', 'a') as [string];
      const rows = [
        makeSignal(target, base, { reason: 'slow', state: 'degraded' }),
        makeSignal(target, base + minute),
      ];
      const changes = [makeChange(target, base, { to: 'degraded', reason: 'slow' })];
      await appendSettled(rows);
      await appendChangesSettled(changes);
      await store.close();
      store = await opened.reopen();
      await settle(store);
      assert.deepEqual(await store.readSignals({ limit: 10, target }), rows);
      assert.deepEqual(await store.readStateChanges({ from: base, to: base + hour, target }), changes);
    });

    test('reads given a region see only that region, reads without one see all', caseOptions, async () => {
      const targets = targetsFor('region', 'a', 'b');
      const [first, second] = targets as [string, string];
      const west = [makeSignal(first, base), makeSignal(first, base + 2 * minute, { latencyMs: 30 })];
      // The other region's rows are newer, so a filter applied after a limit would show.
      const east = [
        makeSignal(first, base + minute, { region: 'us-east', latencyMs: 10 }),
        makeSignal(first, base + 3 * minute, { region: 'us-east', available: false, state: 'down' }),
        makeSignal(second, base + minute, { region: 'us-east' }),
      ];
      await appendSettled([...west, ...east]);
      const everything = [west[0]!, east[0]!, west[1]!, east[1]!, east[2]!];
      assert.deepEqual(only(await store.readSignals({ limit: 10 }), targets), everything);
      assert.deepEqual(only(await store.readSignals({ limit: 1, region: 'eu-west' }), targets), [west[1]]);
      assert.deepEqual(only(await store.readSignals({ limit: 10, region: 'us-east' }), targets), east);
      assert.deepEqual(await store.readSignals({ limit: 10, target: second, region: 'eu-west' }), []);
      const range = { from: base, to: base + hour };
      assert.deepEqual(
        only(await store.readRange(range), targets),
        [...everything].sort((a, b) => a.received - b.received || (a.target < b.target ? -1 : 1)),
      );
      assert.deepEqual(only(await store.readRange({ ...range, region: 'eu-west' }), targets), west);
      const hourly = (region?: string) => store.readRollups({ ...range, size: 'hour', region });
      assert.deepEqual(only(await hourly('eu-west'), targets), [rollup(first, base, 2, 2, 42.5, 30)]);
      assert.deepEqual(only(await hourly('us-east'), targets), [
        rollup(first, base, 2, 1, 22.5, 12.5),
        rollup(second, base, 1, 1, 12.5, 12.5),
      ]);
      assert.deepEqual(only(await hourly(), targets), [
        rollup(first, base, 4, 3, 65, 30),
        rollup(second, base, 1, 1, 12.5, 12.5),
      ]);
    });

    test(
      'state changes read back exactly, in range, filtered, and once when replayed',
      caseOptions,
      async () => {
        const targets = targetsFor('changes', 'a', 'b, "Zürich ☃" x=1 \\ y\nz');
        const [first, odd] = targets as [string, string];
        const opened = makeChange(first, base + minute, {
          from: 'up',
          to: 'down',
          reason: 'timeout',
          httpStatus: -1,
        });
        const rows = [
          makeChange(first, base, { from: 'unknown', to: 'up', incidentStart: null }),
          opened,
          makeChange(odd, base + minute, { region: 'us east "1"', to: 'degraded', reason: 'slow' }),
          makeChange(first, base + 5 * minute, { from: 'down', to: 'up', reason: null, httpStatus: 200 }),
        ];
        await appendChangesSettled([...rows].reverse(), rows.slice(1, 2));
        const range = { from: base, to: base + hour };
        assert.deepEqual(only(await store.readStateChanges(range), targets), rows);
        assert.deepEqual(
          only(await store.readStateChanges({ from: base + 1, to: base + 5 * minute }), targets),
          [opened, rows[2]],
        );
        assert.deepEqual(await store.readStateChanges({ ...range, target: odd }), [rows[2]]);
        assert.deepEqual(only(await store.readStateChanges({ ...range, region: 'us east "1"' }), targets), [
          rows[2],
        ]);
      },
    );

    test(
      'readLatestStateChanges gives each target and region its newest change before `before`',
      caseOptions,
      async () => {
        const targets = targetsFor('latest', 'a', 'b');
        const [first, second] = targets as [string, string];
        const rows = [
          makeChange(first, base, { to: 'degraded' }),
          makeChange(first, base + minute, { from: 'degraded', to: 'down' }),
          makeChange(first, base + minute, { region: 'us-east', to: 'down' }),
          makeChange(first, base + 2 * minute, { from: 'down', to: 'up', incidentStart: base }),
          makeChange(second, base + 3 * minute, { to: 'degraded', incidentStart: base + 3 * minute }),
        ];
        await appendChangesSettled(rows);
        assert.deepEqual(only(await store.readLatestStateChanges({ before: base + 2 * minute }), targets), [
          rows[1],
          rows[2],
        ]);
        assert.deepEqual(
          only(await store.readLatestStateChanges({ before: base + hour, region: 'eu-west' }), targets),
          [rows[3], rows[4]],
        );
        assert.deepEqual(await store.readLatestStateChanges({ before: base + hour, target: second }), [
          rows[4],
        ]);
        assert.deepEqual(await store.readLatestStateChanges({ before: base, target: first }), []);
      },
    );

    test(
      "countFailedProbes counts one target and region's not-plainly-up signals in [from, to)",
      caseOptions,
      async () => {
        const [target, other] = targetsFor('failed', 'a', 'b') as [string, string];
        const down = { available: false, state: 'down', httpStatus: -1, reason: 'refused' } as const;
        await appendSettled([
          makeSignal(target, base - 1, down),
          makeSignal(target, base, down),
          makeSignal(target, base + minute, { state: 'degraded', reason: 'slow' }),
          makeSignal(target, base + 2 * minute),
          makeSignal(target, base + 2 * minute, { region: 'us-east', ...down }),
          makeSignal(other, base + 2 * minute, down),
          makeSignal(target, base + 3 * minute, down),
        ]);
        const query = { target, region: 'eu-west', from: base, to: base + 3 * minute };
        assert.equal(await store.countFailedProbes(query), 2);
        assert.equal(await store.countFailedProbes({ ...query, region: 'us-east' }), 1);
        assert.equal(await store.countFailedProbes({ ...query, to: base }), 0);
      },
    );

    test('two targets sharing one URL stay separate', caseOptions, async () => {
      const targets = targetsFor('shared-url', 'a', 'b');
      const [first, second] = targets as [string, string];
      const rows = [makeSignal(first, base, { latencyMs: 1 }), makeSignal(second, base, { latencyMs: 2 })];
      await appendSettled(rows);
      assert.deepEqual(only(await store.readSignals({ limit: 10 }), targets), rows);
      assert.deepEqual(await store.readSignals({ limit: 10, target: second }), [rows[1]]);
    });
  });
}

/** A contract row: an `up` signal for `target` at `received` in region `eu-west`, then `overrides`. */
function makeSignal(target: string, received: number, overrides: Partial<Signal> = {}): Signal {
  return buildSignal({ target, received, region: 'eu-west', ...overrides });
}

/** A contract state change: `target` going from up to down at `received` in `eu-west`, opening an incident, then `overrides`. */
function makeChange(target: string, received: number, overrides: Partial<StateChange> = {}): StateChange {
  return {
    received,
    target,
    region: 'eu-west',
    from: 'up',
    to: 'down',
    reason: 'status',
    httpStatus: 503,
    incidentStart: received,
    ...overrides,
  };
}

function rollup(
  target: string,
  start: number,
  checks: number,
  up: number,
  latencySum: number,
  latencyMax: number,
  maintenance = 0,
): Rollup {
  return { target, start, checks, up, latencySum, latencyMax, maintenance };
}
