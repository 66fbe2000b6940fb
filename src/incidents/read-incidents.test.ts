import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSignal } from '../signal-fixture.testkit.ts';
import type { StateChange } from './state-change.ts';
import { openTempStore } from './incidents.testkit.ts';
import { readIncidents } from './read-incidents.ts';

const minute = 60_000;
const base = 1_764_000_000_000;
const change = (
  target: string,
  received: number,
  to: StateChange['to'],
  incidentStart: number | null,
): StateChange => ({
  received,
  target,
  region: 'eu',
  from: 'up',
  to,
  reason: to === 'up' ? null : 'status',
  httpStatus: to === 'up' ? 200 : 503,
  incidentStart,
});

test('incidents overlapping the window, newest first, with their failed probes counted', async (t) => {
  const store = await openTempStore(t);
  await store.appendStateChanges([
    change('old', base, 'down', base), // closed before the window
    change('old', base + minute, 'up', base),
    change('long', base + 2 * minute, 'degraded', base + 2 * minute), // open since before the window
    change('long', base + 3 * minute, 'down', base + 2 * minute),
    change('web', base + 20 * minute, 'down', base + 20 * minute),
    change('web', base + 25 * minute, 'up', base + 20 * minute),
    change('api', base + 30 * minute, 'down', base + 30 * minute),
  ]);
  const failing = { available: false, state: 'down', reason: 'status', httpStatus: 503 } as const;
  await store.append(
    [20, 21, 22, 24].map((m) =>
      buildSignal({ target: 'web', region: 'eu', received: base + m * minute, ...failing }),
    ),
  );
  await store.append([buildSignal({ target: 'web', region: 'eu', received: base + 23 * minute })]);
  const query = { from: base + 10 * minute, to: base + 60 * minute, limit: 10, now: base + 60 * minute };
  const incidents = await readIncidents(store, query);
  assert.deepEqual(
    incidents.map(({ target, start, end, worst, failedProbes }) => [target, start, end, worst, failedProbes]),
    [
      ['api', base + 30 * minute, null, 'down', 0],
      ['web', base + 20 * minute, base + 25 * minute, 'down', 4],
      ['long', base + 2 * minute, null, 'down', 0],
    ],
  );
  assert.deepEqual(incidents[1]!.reason, 'status');
  assert.deepEqual(
    (await readIncidents(store, { ...query, limit: 1 })).map((incident) => incident.target),
    ['api'],
  );
  assert.deepEqual(
    (await readIncidents(store, { ...query, target: 'long' })).map((incident) => incident.start),
    [base + 2 * minute],
  );
  assert.deepEqual(await readIncidents(store, { ...query, from: base + 40 * minute, target: 'web' }), []);
});
