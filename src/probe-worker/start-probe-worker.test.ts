import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Target } from '../config/config.ts';
import { createExpectations } from '../config/read-expect.ts';
import { createTarget } from '../config/read-target.ts';
import type { ProbeEvent } from '../probe-event.ts';
import { waitFor } from '../wait-for.testkit.ts';
import type { ProbeWorkerInit, ToProbeWorker } from './probe-worker-messages.ts';
import { startProbeWorker, startProbeWorkerThread } from './start-probe-worker.ts';

// A real worker thread probing a real local server: what production runs, minus the HTTP app.

async function startServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => response.end('all ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

function targetAt(name: string, url: string): Target {
  return createTarget(
    { name, url, schedule: { kind: 'interval', everyMs: 1_000 }, periodMs: 1_000 },
    {
      method: 'GET',
      // from source the nested pattern worker compiles its TypeScript first, which can take seconds
      timeoutMs: 15_000,
      // an RE2 pattern: the probe worker starts the pattern worker in turn
      expect: { ...createExpectations(), body: { contains: [], notContains: [], matches: ['al+ ok'] } },
    },
  );
}

function recordingLog() {
  const lines: { level: string; message: string; fields: object }[] = [];
  const at = (level: string) => (fields: object, message: string) => lines.push({ level, message, fields });
  return { lines, log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

function start(targets: readonly Target[], startWorker = startProbeWorkerThread) {
  const events: ProbeEvent[] = [];
  const { lines, log } = recordingLog();
  const worker = startProbeWorker({
    targets,
    initialState: () => 'unknown',
    region: 'eu',
    maxConcurrent: 4,
    maintenance: [],
    logLevel: 'info',
    record: (event) => events.push(event),
    log,
    startWorker,
  });
  return { worker, events, lines };
}

test('probe worker: targets are probed on their own thread and each event reaches the main thread', async () => {
  const { url, server } = await startServer();
  const { worker, events, lines } = start([targetAt('web', url)]);
  try {
    await waitFor(() => events.length >= 2, 'two probe events');
    const [first, second] = events;
    assert.equal(first!.signal.target, 'web');
    assert.equal(first!.signal.region, 'eu');
    assert.equal(first!.signal.state, 'up', first!.detail ?? undefined);
    assert.deepEqual(first!.transition, { from: 'unknown', to: 'up' });
    assert.equal(second!.transition, null);
    assert.deepEqual(first!.observation.patternOutcomes, [true], 'the pattern ran in the nested worker');
    assert.equal(first!.observation.body, undefined, 'the body stays in the worker');
    assert.equal(first!.observation.headers, undefined, 'the headers stay in the worker');
    const stats = await worker.stats();
    assert.equal(stats.targets, 1);
    assert.ok(stats.runs >= 2, `runs: ${stats.runs}`);
    assert.ok(stats.lateness.count >= 2, 'lateness is measured in the worker');
    // the state change was logged in the worker and written by the main thread's logger
    assert.ok(lines.some(({ level, message }) => level === 'info' && message === 'target is up'));
  } finally {
    assert.deepEqual(await worker.stop(2_000), { abandoned: 0 });
    server.close();
  }
  assert.equal(worker.restarts, 0);
  assert.deepEqual(
    lines.filter(({ level }) => level === 'error'),
    [],
  );
});

test('probe worker: targets added and removed by a reload reach the worker', async () => {
  const { url, server } = await startServer();
  const { worker, events } = start([targetAt('old', url)]);
  try {
    await waitFor(() => events.length >= 1, 'a probe of the first list');
    worker.remove('old');
    worker.forget('old');
    worker.add([targetAt('new', url)]);
    const firstNew = await waitFor(() => {
      const index = events.findIndex(({ signal }) => signal.target === 'new');
      return index >= 0 ? index : undefined;
    }, 'a probe of the added target');
    // a probe of the removed target in flight at the reload may still arrive just after it
    await waitFor(() => events.filter(({ signal }) => signal.target === 'new').length >= 3, 'more probes');
    const oldAfter = events.slice(firstNew).filter(({ signal }) => signal.target === 'old');
    assert.ok(oldAfter.length <= 1, `the removed target was probed ${oldAfter.length} times after`);
  } finally {
    await worker.stop(2_000);
    server.close();
  }
});

test('probe worker: windows a reload adds turn the next probes to maintenance, and removing them ends it', async () => {
  const { url, server } = await startServer();
  const { worker, events } = start([targetAt('web', url)]);
  const hour = 3_600_000;
  try {
    await waitFor(() => events.length >= 1, 'a probe before the window');
    assert.equal(events[0]!.signal.state, 'up');
    const sentAt = Date.now();
    worker.followMaintenance([
      { kind: 'once', title: 'Upgrade', targets: ['web'], start: sentAt - hour, end: sentAt + hour },
    ]);
    // a probe that started before the message may still be judged without it
    const during = await waitFor(
      () => events.find(({ signal }) => signal.received > sentAt && signal.state === 'maintenance'),
      'a probe in the added window',
    );
    assert.deepEqual(during.transition, { from: 'up', to: 'maintenance' });
    const clearedAt = Date.now();
    worker.followMaintenance([]);
    await waitFor(
      () => events.find(({ signal }) => signal.received > clearedAt && signal.state === 'up'),
      'a probe after the window was removed',
    );
  } finally {
    await worker.stop(2_000);
    server.close();
  }
});

test('probe worker: a crash is logged and the worker started again, so probes go on', async () => {
  const { url, server } = await startServer();
  let started = 0;
  const { worker, events, lines } = start([targetAt('web', url)], (init) => {
    const thread = startProbeWorkerThread(init);
    started += 1;
    if (started === 1) {
      // a message the worker cannot handle throws inside it: an uncaught error ends the thread
      thread.postMessage({ type: 'add', targets: null, initialStates: {} } as unknown as ToProbeWorker);
    }
    return thread;
  });
  try {
    await waitFor(() => started === 2 && events.length >= 1, 'a probe by the restarted worker');
    assert.equal(worker.restarts, 1);
    const errors = lines.filter(({ level }) => level === 'error').map(({ message }) => message);
    assert.deepEqual(errors, ['probe worker crashed', 'probe worker ended unasked; starting it again']);
  } finally {
    await worker.stop(2_000);
    server.close();
  }
});

test('probe worker: one restarted after a reload judges probes against the reloaded windows', async () => {
  const { url, server } = await startServer();
  const inits: ProbeWorkerInit[] = [];
  const { worker, events } = start([targetAt('web', url)], (init) => {
    const thread = startProbeWorkerThread(init);
    inits.push(init);
    // the first worker ends on a message it cannot handle (as in the test above)
    if (inits.length === 1)
      thread.postMessage({ type: 'add', targets: null, initialStates: {} } as unknown as ToProbeWorker);
    return thread;
  });
  const now = Date.now();
  const windows = [{ kind: 'once' as const, title: 'Upgrade', start: now - 3_600_000, end: now + 3_600_000 }];
  worker.followMaintenance(windows);
  try {
    await waitFor(() => inits.length === 2, 'the worker started again');
    assert.deepEqual(inits[1]!.maintenance, windows);
    // the first worker ended on the message before the windows, so only the second judged with them
    await waitFor(
      () => events.find(({ signal }) => signal.state === 'maintenance'),
      'a probe in the window by the restarted worker',
    );
  } finally {
    await worker.stop(2_000);
    server.close();
  }
});
