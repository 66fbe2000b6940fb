import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProbeRecorder } from './record-probe-event.ts';
import { buildSignal } from './signal-fixture.testkit.ts';
import type { ProbeEvent } from './probe-event.ts';
import type { Signal } from './signal.ts';

for (const { name, append, stored } of [
  { name: 'accepted', append: async () => {}, stored: 1 },
  { name: 'refused', append: async () => Promise.reject(new Error('disk full')), stored: 0 },
]) {
  test(`a signal the store ${name} is announced, and told as stored ${stored} time(s)`, async () => {
    const published: ProbeEvent[] = [];
    const told: Signal[] = [];
    const recorder = createProbeRecorder({
      store: { append },
      publish: (event) => published.push(event),
      onStored: (signal) => told.push(signal),
    });
    const signal = buildSignal();
    await recorder.record({ signal } as ProbeEvent);
    assert.equal(published.length, 1);
    assert.deepEqual(told, stored ? [signal] : []);
    assert.deepEqual(recorder.stats(), { probes: 1, storeErrors: 1 - stored });
  });
}
