import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRecentSignals } from './recent-signals.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { buildSignal, fixtureReceived } from '../signal-fixture.testkit.ts';
import type { Signal } from '../signal.ts';

/** `count` signals of `target`, a second apart from the fixture's time, in `region`. */
function signalsOf(target: string, count: number, region = 'eu'): Signal[] {
  return [...Array(count).keys()].map((i) =>
    buildSignal({ target, region, received: fixtureReceived + i * 1000, latencyMs: i + 0.5 }),
  );
}

describe('recent signals', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-recent-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let files = 0;
  /** A fresh SQLite store holding `signals`. */
  async function storeWith(signals: readonly Signal[]) {
    const store = createSqliteStore({ file: join(dir, `upbeat-${(files += 1)}.db`) });
    await store.append(signals);
    return store;
  }

  test('after a restart it answers what the store holds: the same signals in the same order', async () => {
    // two regions (a changed `region` setting leaves the old one's rows in the file), astral names
    const stored = [...signalsOf('web', 30), ...signalsOf('web', 30, 'us'), ...signalsOf('𝔸pi', 5)];
    const store = await storeWith(stored);
    const recent = createRecentSignals({ budget: 100, expectedTargets: 1 });
    assert.equal(recent.covers({ limit: 1 }), false, 'cold: the store answers');
    await recent.warm(store);
    for (const query of [
      { limit: 1 },
      { limit: 7 },
      { limit: 50, target: 'web' },
      { limit: 3, target: '𝔸pi' },
    ]) {
      assert.equal(recent.covers(query), true, JSON.stringify(query));
      assert.deepEqual(recent.read(query), await store.readSignals(query), JSON.stringify(query));
    }
    await store.close();
  });

  test('keeps at most the budget in all, split over the targets it knows', async () => {
    const recent = createRecentSignals({ budget: 30, expectedTargets: 1 });
    await recent.warm(await storeWith(signalsOf('a', 40)));
    assert.deepEqual(recent.stats(), { keep: 30, targets: 1, signals: 30 });
    for (const name of ['b', 'c']) for (const signal of signalsOf(name, 40)) recent.add(signal);
    assert.deepEqual(recent.stats(), { keep: 10, targets: 3, signals: 30 });
    // the newest ten of each, oldest first
    assert.deepEqual(
      recent.read({ limit: 10, target: 'a' }).map((signal) => signal.received),
      signalsOf('a', 40)
        .slice(-10)
        .map((signal) => signal.received),
    );
  });

  test('keeps at most perTarget of a target however few share the budget; a longer limit reads the store', async () => {
    const store = await storeWith(signalsOf('a', 40));
    const recent = createRecentSignals({ budget: 30, expectedTargets: 1, perTarget: 8 });
    await recent.warm(store);
    assert.deepEqual(recent.stats(), { keep: 8, targets: 1, signals: 8 });
    assert.equal(recent.covers({ limit: 8 }), true);
    assert.deepEqual(recent.read({ limit: 8 }), await store.readSignals({ limit: 8 }));
    assert.equal(recent.covers({ limit: 9 }), false);
    for (const signal of signalsOf('a', 3, 'us')) recent.add(signal);
    assert.equal(recent.stats().signals, 8, 'still eight after more arrive');
    await store.close();
  });

  const covered = [
    { name: 'a limit within keep', query: { limit: 10 }, covers: true },
    {
      name: 'a limit over keep, a target with more than keep',
      query: { limit: 11, target: 'full' },
      covers: false,
    },
    {
      name: 'a limit over keep, a target with fewer than keep',
      query: { limit: 500, target: 'short' },
      covers: true,
    },
    { name: 'a limit over keep, a target it never saw', query: { limit: 500, target: 'nope' }, covers: true },
    { name: 'a limit over keep, all targets', query: { limit: 11 }, covers: false },
  ];
  for (const { name, query, covers } of covered) {
    test(`${covers ? 'answers' : 'leaves to the store'} ${name}`, async () => {
      const store = await storeWith([...signalsOf('full', 50), ...signalsOf('short', 3)]);
      const recent = createRecentSignals({ budget: 20, expectedTargets: 2 });
      await recent.warm(store);
      assert.equal(recent.covers(query), covers);
      if (covers) assert.deepEqual(recent.read(query), await store.readSignals(query));
      await store.close();
    });
  }

  test('a signal held already stays as it was (the store ignores a replay); late ones sort in', async () => {
    const recent = createRecentSignals({ budget: 10, expectedTargets: 1 });
    await recent.warm(await storeWith([]));
    const [first, second, third] = signalsOf('web', 3);
    for (const signal of [third!, first!, { ...first!, latencyMs: 999 }, second!]) recent.add(signal);
    assert.deepEqual(recent.read({ limit: 10 }), [first, second, third]);
  });

  test('a signal without its nullable columns reads back with them null, as from the store', async () => {
    const recent = createRecentSignals({ budget: 10, expectedTargets: 1 });
    await recent.warm(await storeWith([]));
    const { certificateExpiresAt: _dropped, ...partial } = buildSignal();
    recent.add(partial as Signal);
    assert.deepEqual(recent.read({ limit: 1 }), [buildSignal()]);
  });

  test('forgets what the store pruned, and a target left with nothing', async () => {
    const recent = createRecentSignals({ budget: 100, expectedTargets: 2 });
    await recent.warm(await storeWith([...signalsOf('old', 3), ...signalsOf('web', 10)]));
    const before = recent.version();
    recent.forget(fixtureReceived + 5000);
    assert.ok(recent.version() > before);
    assert.equal(recent.has('old'), false);
    assert.deepEqual(
      recent.read({ limit: 10 }).map((signal) => signal.received - fixtureReceived),
      [5000, 6000, 7000, 8000, 9000],
    );
  });
});
