import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecentIncident } from '../status/recent-incident.ts';
import type { StatusResponse } from '../status/wire-types.ts';
import { describeTargetUpdate, type TargetUpdate } from '../status/target-update.ts';
import { buildFixtureStatus } from './fixture-status.testkit.ts';
import { connectLiveStatus, type Connection, type EventSourceLike } from './live-status.ts';

/** An EventSource the test drives by hand. */
class FakeEventSource implements EventSourceLike {
  readyState = 0;
  readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.readyState = 2;
  }
  emit(type: string, data = ''): void {
    if (type === 'open') this.readyState = 1;
    for (const listener of this.listeners.get(type) ?? []) listener({ data } as MessageEvent<string>);
  }
}

/** Everything connectLiveStatus reported, and the fakes behind it. */
function connect(options: { statusFails?: () => boolean; unchanged?: boolean } = {}) {
  const sources: FakeEventSource[] = [];
  const timers: { ms: number; run: () => void; cancelled: boolean }[] = [];
  const seen = {
    targets: [] as TargetUpdate[][],
    statuses: [] as StatusResponse[],
    incidents: [] as RecentIncident[][],
    connection: [] as Connection[],
    fetches: 0,
    etags: [] as (string | undefined)[],
  };
  const snapshot = buildFixtureStatus({ targets: 2 });
  const stop = connectLiveStatus(
    {
      onTargets: (targets) => seen.targets.push(targets),
      onStatus: (status) => seen.statuses.push(status),
      onIncidents: (incidents) => seen.incidents.push(incidents),
      onConnection: (connected) => seen.connection.push(connected),
    },
    {
      openEvents: (url) => {
        const source = new FakeEventSource(url);
        sources.push(source);
        return source;
      },
      fetchStatus: async (etag) => {
        seen.fetches += 1;
        seen.etags.push(etag);
        if (options.statusFails?.()) throw new Error('unreachable');
        return options.unchanged && etag === '"v1"' ? undefined : { status: snapshot, etag: '"v1"' };
      },
      every: (ms, run) => {
        const timer = { ms, run, cancelled: false };
        timers.push(timer);
        return () => {
          timer.cancelled = true;
        };
      },
    },
  );
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return { sources, timers, seen, stop, settle, snapshot };
}

test('a targets event reaches the page as the target updates it carries', () => {
  const { sources, seen, snapshot, stop } = connect();
  assert.equal(sources[0]!.url, '/api/events');
  sources[0]!.emit('open');
  const updates = snapshot.targets.map(describeTargetUpdate);
  sources[0]!.emit('targets', JSON.stringify({ targets: updates }));
  assert.deepEqual(seen.targets, [updates]);
  assert.deepEqual(seen.connection, ['live']);
  stop();
});

test('a refused stream (503 at the cap) polls at once and never says anything is wrong', async () => {
  const { sources, timers, seen, settle, stop } = connect({ unchanged: true });
  sources[0]!.readyState = 2; // EventSource gives up for good on a non-200 answer
  sources[0]!.emit('error');
  await settle();
  assert.deepEqual(seen.connection, ['polling']);
  assert.equal(seen.statuses.length, 1);
  assert.equal(timers[0]!.ms, 15_000);
  // the retry after one poll is refused again; the next poll sends the ETag and gets a 304
  sources[1]!.readyState = 2;
  sources[1]!.emit('error');
  await settle();
  assert.deepEqual(seen.etags, [undefined, '"v1"']);
  assert.equal(seen.statuses.length, 1, 'a 304 changes nothing on the page');
  assert.deepEqual(seen.connection, ['polling', 'polling']);
  stop();
});

test('incidents events reach the page as the new list', () => {
  const { sources, seen, stop } = connect();
  const closed: RecentIncident = {
    target: 'Website',
    severity: 'major',
    start: '2026-11-27T11:00:00.000Z',
    end: '2026-11-27T11:15:00.000Z',
    reason: 'timeout',
    http_status: -1,
  };
  sources[0]!.emit('incidents', JSON.stringify([closed]));
  assert.deepEqual(seen.incidents, [[closed]]);
  stop();
});

test('a dropped stream shows as disconnected, and its return resyncs the whole status', async () => {
  const { sources, seen, settle, stop } = connect();
  sources[0]!.emit('open');
  sources[0]!.emit('error');
  assert.deepEqual(seen.connection, ['live', 'offline']);
  sources[0]!.emit('open'); // EventSource reconnected by itself
  await settle();
  assert.deepEqual(seen.connection, ['live', 'offline', 'live']);
  assert.equal(seen.statuses.length, 1, 'events missed while away come back as one snapshot');
  stop();
});

test('after three failures in a row it polls /api/status every 15 s, then retries the stream', async () => {
  const { sources, timers, seen, settle, stop } = connect();
  for (let failure = 0; failure < 3; failure++) sources[0]!.emit('error');
  assert.equal(sources[0]!.readyState, 2, 'the failing stream is closed');
  assert.equal(timers.length, 1);
  assert.equal(timers[0]!.ms, 15_000);
  await settle();
  assert.equal(seen.fetches, 1, 'polls at once, not 15 s later');
  assert.equal(seen.statuses.length, 1);
  assert.equal(seen.connection.at(-1), 'polling');
  assert.equal(timers[0]!.cancelled, true, 'a good poll hands back to the stream');
  assert.equal(sources.length, 2);
  stop();
});

test('while the server is unreachable polling keeps saying so', async () => {
  const { sources, timers, seen, settle, stop } = connect({ statusFails: () => true });
  for (let failure = 0; failure < 3; failure++) sources[0]!.emit('error');
  await settle();
  timers[0]!.run();
  await settle();
  assert.equal(seen.fetches, 2);
  assert.deepEqual(seen.connection, ['offline', 'offline', 'offline', 'offline', 'offline']);
  assert.equal(sources.length, 1, 'no new stream while nothing answers');
  stop();
  assert.equal(timers[0]!.cancelled, true);
});

test('the stream retry backs off: 1, then 2 good polls before the next try', async () => {
  const { sources, timers, settle, stop } = connect();
  for (let failure = 0; failure < 3; failure++) sources[0]!.emit('error');
  await settle(); // first poll succeeds: retry after 1 poll
  for (let failure = 0; failure < 3; failure++) sources[1]!.emit('error');
  await settle(); // the immediate poll is the first of 2
  assert.equal(sources.length, 2);
  timers[1]!.run();
  await settle();
  assert.equal(sources.length, 3);
  stop();
});

test('stop closes the stream and ignores answers still on the way', async () => {
  const { sources, seen, settle, stop } = connect();
  for (let failure = 0; failure < 3; failure++) sources[0]!.emit('error');
  stop();
  await settle();
  assert.equal(seen.statuses.length, 0);
  assert.equal(sources.length, 1);
});
