import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProbeRecorder } from './record-probe-event.ts';
import { createProbeRunner } from './run-probe.ts';
import { createTarget } from './config/read-target.ts';
import type { Observation } from './probe/observation.ts';
import type { ProbeEvent } from './probe-event.ts';
import { createProbeEvents } from './probe-event.ts';
import type { Signal } from './signal.ts';
import { silentLogger } from './log.ts';
import { buildSignal } from './signal-fixture.testkit.ts';

const target = createTarget(
  {
    name: 'web',
    url: 'https://example.com/',
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  },
  { expect: { status: [{ from: 200, to: 299 }], latencyMs: 500 } },
);

function observation(overrides: Partial<Observation>): Observation {
  return {
    startedAt: 1_764_217_605_000,
    httpStatus: 200,
    latencyMs: 41.234,
    timings: {},
    method: 'HEAD',
    redirects: 0,
    ...overrides,
  };
}

function setup(
  observations: Observation[],
  append = async (_signals: readonly Signal[]) => {},
  inMaintenance?: (target: string, at: number) => boolean,
) {
  const events: ProbeEvent[] = [];
  const seen: Signal[] = [];
  const logged: { level: string; message: string; fields: object }[] = [];
  const record = (level: string) => (fields: object, message: string) =>
    logged.push({ level, message, fields });
  // the path the main thread takes with each event the probe worker sends
  const recorder = createProbeRecorder({
    store: { append },
    publish: (event) => {
      events.push(event);
      seen.push(event.signal);
    },
  });
  const runner = createProbeRunner({
    probe: async () => observations.shift()!,
    record: recorder.record,
    initialState: () => 'unknown',
    region: 'eu',
    ...(inMaintenance ? { inMaintenance } : {}),
    log: { debug: () => {}, info: record('info'), warn: record('warn'), error: record('error') },
  });
  return { runner, recorder, events, seen, logged };
}

test('run-probe: an observation becomes a signal with verdict, state and rounded latency', async () => {
  const { runner, seen } = setup([
    observation({}),
    observation({ startedAt: 1_764_217_665_000, latencyMs: 900 }),
  ]);
  await runner.run(target);
  await runner.run(target);
  // the fixture signal is this target's (web, eu, https://example.com/) as the runner builds it
  assert.deepEqual(seen, [
    buildSignal({ received: 1_764_217_605_000, latencyMs: 41.23 }),
    buildSignal({ received: 1_764_217_665_000, state: 'degraded', latencyMs: 900, reason: 'slow' }),
  ]);
});

test('run-probe: measured phases are rounded to 0.01 ms, skipped ones are null', async () => {
  const { runner, seen } = setup([
    observation({ timings: { dnsMs: 1.23456, connectMs: 0.005, tlsMs: 12.999, firstByteMs: 30 } }),
    // A refused connect: the lookup ran, nothing after it did.
    observation({ startedAt: 2, httpStatus: -1, error: 'refused', timings: { dnsMs: 0.3349 } }),
    // http to an IP address: no lookup, no TLS.
    observation({ startedAt: 3, timings: { connectMs: 0.42, firstByteMs: 3.14159 } }),
  ]);
  for (let i = 0; i < 3; i++) await runner.run(target);
  assert.deepEqual(
    seen.map(({ dnsMs, connectMs, tlsMs, firstByteMs }) => [dnsMs, connectMs, tlsMs, firstByteMs]),
    [
      [1.23, 0.01, 13, 30],
      [0.33, null, null, null],
      [null, 0.42, null, 3.14],
    ],
  );
});

test('run-probe: thresholds apply and each state change is announced and logged once', async () => {
  const down = (i: number) =>
    observation({ startedAt: i, httpStatus: -1, error: 'refused', detail: 'ECONNREFUSED' });
  const observations = [observation({}), down(1), down(2), down(3), observation({ startedAt: 4 })];
  const { runner, events, seen, logged } = setup([...observations]);
  for (let i = 0; i < 5; i++) await runner.run(target);
  assert.deepEqual(
    events.map((event) => event.observation),
    observations,
    'each event carries the observation it was judged from',
  );
  assert.deepEqual(
    events.map((event) => event.transition),
    [{ from: 'unknown', to: 'up' }, null, { from: 'up', to: 'down' }, null, { from: 'down', to: 'up' }],
  );
  assert.deepEqual(
    seen.map((signal) => [signal.available, signal.state, signal.reason]),
    [
      [true, 'up', null],
      [false, 'up', 'refused'],
      [false, 'down', 'refused'],
      [false, 'down', 'refused'],
      [true, 'up', null],
    ],
  );
  assert.deepEqual(
    logged.map(({ level, message }) => `${level} ${message}`),
    ['info target is up', 'warn target is down', 'info target is up'],
  );
  assert.deepEqual(logged[1]!.fields, {
    target: 'web',
    url: 'https://example.com/',
    from: 'up',
    to: 'down',
    reason: 'refused',
    detail: 'ECONNREFUSED',
  });
});

test('run-probe: inside a maintenance window the state is maintenance, and the thresholds keep counting', async () => {
  const down = (i: number) => observation({ startedAt: i, httpStatus: -1, error: 'refused' });
  const windowAt = (_target: string, at: number) => at >= 2 && at < 5;
  const observations = [observation({}), observation({ startedAt: 2 }), down(3), down(4), down(5)];
  const { runner, events, seen } = setup(observations, undefined, windowAt);
  for (let i = 0; i < 5; i++) await runner.run(target);
  assert.deepEqual(
    seen.map((signal) => [signal.available, signal.state]),
    [
      [true, 'up'],
      [true, 'maintenance'],
      [false, 'maintenance'], // probed and stored as it was
      [false, 'maintenance'],
      [false, 'down'], // the failures inside the window already counted
    ],
  );
  assert.deepEqual(
    events.map((event) => event.transition),
    [
      { from: 'unknown', to: 'up' },
      { from: 'up', to: 'maintenance' },
      null,
      null,
      { from: 'maintenance', to: 'down' },
    ],
  );
});

test('run-probe: a store that fails is counted, not logged here (the store logs), and the runner goes on', async () => {
  const { runner, recorder, seen, logged } = setup(
    [observation({}), observation({ startedAt: 2 })],
    async () => {
      throw new Error('disk full');
    },
  );
  await runner.run(target);
  await runner.run(target);
  assert.equal(seen.length, 2, 'the live summary still got both');
  assert.deepEqual(recorder.stats(), { probes: 2, storeErrors: 2 });
  assert.deepEqual(
    logged.filter((entry) => entry.level === 'error'),
    [],
  );
});

test('run-probe: the detail of a failed check is handed on and logged with the state change', async () => {
  const failing = createTarget(
    {
      name: 'web',
      url: 'https://example.com/',
      schedule: { kind: 'interval', everyMs: 60_000 },
      periodMs: 60_000,
    },
    {
      expect: { status: [{ from: 200, to: 299 }], body: { contains: ['ok'], notContains: [], matches: [] } },
      failuresBeforeDown: 1,
    },
  );
  const { runner, events, logged } = setup([
    observation({ body: Buffer.from('maintenance') }),
    observation({ body: Buffer.from('ok') }),
    observation({ httpStatus: -1, error: 'refused', detail: 'connect ECONNREFUSED 127.0.0.1:1' }),
  ]);
  for (let i = 0; i < 3; i++) await runner.run(failing);
  const wanted = 'body does not contain "ok"; saw "maintenance"';
  assert.deepEqual(
    events.map((event) => event.detail),
    [wanted, null, 'connect ECONNREFUSED 127.0.0.1:1'],
  );
  assert.deepEqual((logged[0]?.fields as { detail?: string }).detail, wanted);
});

test('run-probe: a subscriber that hangs or throws delays neither the store nor the other subscribers', async () => {
  const errors: object[] = [];
  const probeEvents = createProbeEvents({ ...silentLogger, error: (fields) => errors.push(fields) });
  const received: string[] = [];
  probeEvents.subscribe('hangs', () => new Promise(() => {}));
  probeEvents.subscribe('throws', () => {
    throw new Error('alert channel down');
  });
  probeEvents.subscribe('summary', ({ signal }) => received.push(signal.target));
  const stored: Signal[] = [];
  const recorder = createProbeRecorder({
    store: { append: async (signals) => void stored.push(...signals) },
    publish: probeEvents.publish,
  });
  const runner = createProbeRunner({
    probe: async () => observation({}),
    record: recorder.record,
    initialState: () => 'unknown',
    region: 'eu',
    log: silentLogger,
  });
  await runner.run(target);
  assert.deepEqual(received, ['web']);
  assert.equal(stored.length, 1, 'the signal was stored');
  assert.deepEqual(errors, [{ subscriber: 'throws', target: 'web', err: 'alert channel down' }]);
});

test('run-probe: the signal and the logs carry the probed URL without its secrets', async () => {
  const secretTarget = createTarget({
    name: 'web',
    url: 'http://admin:s3cretpw@127.0.0.1:8080/health?token=tok123',
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  });
  const { runner, seen, logged } = setup([observation({})]);
  await runner.run(secretTarget);
  assert.equal(seen[0]!.url, 'http://127.0.0.1:8080/health?token=***');
  assert.equal((logged[0]!.fields as { url: string }).url, 'http://127.0.0.1:8080/health?token=***');
});
