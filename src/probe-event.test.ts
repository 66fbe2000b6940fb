import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProbeEvents, type ProbeEvent } from './probe-event.ts';
import { silentLogger } from './log.ts';
import { buildSignal } from './signal-fixture.testkit.ts';

const event: ProbeEvent = {
  signal: buildSignal({}),
  observation: { startedAt: 0, httpStatus: 200, latencyMs: 1, timings: {}, method: 'HEAD', redirects: 0 },
  transition: { from: 'unknown', to: 'up' },
  detail: null,
};

test('probe events: every subscriber gets the event in order, whatever the others do', async () => {
  const errors: object[] = [];
  const events = createProbeEvents({ ...silentLogger, error: (fields) => errors.push(fields) });
  const received: string[] = [];
  events.subscribe('first', (got) => void received.push(`first ${got.transition?.to}`));
  events.subscribe('rejects', async () => {
    throw new Error('queue full');
  });
  events.subscribe('throws', () => {
    throw new Error('bug');
  });
  events.subscribe('never settles', () => new Promise(() => {}));
  events.subscribe('last', (got) => void received.push(`last ${got.signal.target}`));
  events.publish(event);
  assert.deepEqual(received, ['first up', 'last web'], 'publish returned after every subscriber ran');
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(errors, [
    { subscriber: 'throws', target: 'web', err: 'bug' },
    { subscriber: 'rejects', target: 'web', err: 'queue full' },
  ]);
});
