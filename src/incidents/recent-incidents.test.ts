import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../log.ts';
import { openTempStore } from './incidents.testkit.ts';
import { createRecentIncidents } from './recent-incidents.ts';
import type { StateChange } from './state-change.ts';

const day = 86_400_000;
const now = Date.UTC(2026, 10, 27, 12);
const change = (
  target: string,
  received: number,
  to: StateChange['to'],
  incidentStart: number | null,
  region = 'eu',
): StateChange => ({
  received,
  target,
  region,
  from: 'up',
  to,
  reason: to === 'up' ? null : 'timeout',
  httpStatus: -1,
  incidentStart,
});

test('recent incidents: 14 days of this region from the store, then live changes, newest first', async (t) => {
  const store = await openTempStore(t);
  await store.appendStateChanges([
    change('gone', now - 20 * day, 'down', now - 20 * day), // closed before the window
    change('gone', now - 19 * day, 'up', now - 20 * day),
    change('long', now - 30 * day, 'down', now - 30 * day), // open since before the window
    change('web', now - 2 * day, 'down', now - 2 * day),
    change('web', now - 2 * day + 60_000, 'up', now - 2 * day),
    change('web', now - day, 'down', now - day, 'us'), // another region's
  ]);
  const recent = createRecentIncidents({ store, region: 'eu', log: silentLogger, now: () => now });
  await recent.load();
  const summary = () => recent.list().map(({ target, start, end }) => [target, start, end]);
  assert.deepEqual(summary(), [
    ['web', new Date(now - 2 * day).toISOString(), new Date(now - 2 * day + 60_000).toISOString()],
    ['long', new Date(now - 30 * day).toISOString(), null],
  ]);
  const before = recent.version();
  recent.add(change('long', now - 1000, 'up', now - 30 * day));
  assert.ok(recent.version() > before);
  assert.deepEqual(summary()[1], [
    'long',
    new Date(now - 30 * day).toISOString(),
    new Date(now - 1000).toISOString(),
  ]);
});

test('recent incidents: a change added while loading is kept once', async (t) => {
  const store = await openTempStore(t);
  const opening = change('web', now - 1000, 'down', now - 1000);
  await store.appendStateChanges([opening]);
  const recent = createRecentIncidents({ store, region: 'eu', log: silentLogger, now: () => now });
  const loading = recent.load();
  recent.add(opening);
  await loading;
  assert.equal(recent.list().length, 1);
});
