import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../log.ts';
import { openTempStore, probeEvent } from './incidents.testkit.ts';
import { createStateChangeRecorder } from './record-state-changes.ts';

const down = { state: 'down', available: false, reason: 'timeout', httpStatus: -1 } as const;

test('transitions are stored in order, each stamped with the incident it belongs to', async (t) => {
  const store = await openTempStore(t);
  const recorder = createStateChangeRecorder({ store, log: silentLogger });
  // Not awaited one by one, as the probe-event hook does not: order must hold anyway.
  await Promise.all([
    recorder.receive(probeEvent({ received: 1_000 }, { from: 'unknown', to: 'up' })),
    recorder.receive(probeEvent({ received: 2_000 })), // no transition: nothing stored
    recorder.receive(
      probeEvent({ received: 3_000, state: 'degraded', reason: 'slow' }, { from: 'up', to: 'degraded' }),
    ),
    recorder.receive(probeEvent({ received: 4_000, ...down }, { from: 'degraded', to: 'down' })),
    recorder.receive(probeEvent({ received: 5_000 }, { from: 'down', to: 'up' })),
  ]);
  const changes = await store.readStateChanges({ from: 0, to: 10_000 });
  assert.deepEqual(
    changes.map(({ received, from, to, reason, httpStatus, incidentStart }) => [
      received,
      from,
      to,
      reason,
      httpStatus,
      incidentStart,
    ]),
    [
      [1_000, 'unknown', 'up', null, 200, null],
      [3_000, 'up', 'degraded', 'slow', 200, 3_000],
      [4_000, 'degraded', 'down', 'timeout', -1, 3_000],
      [5_000, 'down', 'up', null, 200, 3_000],
    ],
  );
});

test('an incident open across a restart stays one', async (t) => {
  const store = await openTempStore(t);
  await createStateChangeRecorder({ store, log: silentLogger }).receive(
    probeEvent({ received: 1_000, ...down }, { from: 'up', to: 'down' }),
  );
  // A new process: its thresholds start from unknown, the store still knows the incident.
  const restarted = createStateChangeRecorder({ store, log: silentLogger });
  await restarted.receive(probeEvent({ received: 9_000, ...down }, { from: 'unknown', to: 'down' }));
  await restarted.receive(probeEvent({ received: 12_000 }, { from: 'down', to: 'up' }));
  const changes = await store.readStateChanges({ from: 0, to: 20_000 });
  assert.deepEqual(
    changes.map((change) => change.incidentStart),
    [1_000, 1_000, 1_000],
  );
});
