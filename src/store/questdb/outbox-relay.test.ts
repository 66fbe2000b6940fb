import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../../log.ts';
import type { Signal } from '../../signal.ts';
import { buildSignal, fixtureReceived } from '../../signal-fixture.testkit.ts';
import { startFakeIlpServer } from './fake-ilp-server.testkit.ts';
import { encodeSignalRow } from './ilp-encode.ts';
import { createIlpHttpWriter } from './ilp-http-writer.ts';
import type { IlpSender } from './ilp-sender.ts';
import { createIlpTcpWriter } from './ilp-tcp-writer.ts';
import { createOutboxRelay, type ReadKeys } from './outbox-relay.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { waitFor } from '../../wait-for.testkit.ts';

// Fast enough for a test, same proportions as the defaults.
const timings = {
  intervalMs: 20,
  batchRows: 40,
  resendAfterMs: 400,
  maxSentRows: 200,
  backoff: { baseMs: 20, capMs: 200 },
};

const timedOut: Partial<Signal> = { httpStatus: -1, available: false, state: 'down', reason: 'timeout' };
// Names and URLs that need escaping, a second region and a timeout now and then: keys must survive all of them.
const signal = (i: number): Signal =>
  buildSignal({
    received: fixtureReceived + i * 1_000,
    target: ['web', 'api, "v2"', 'Zürich ☃\nnight'][i % 3]!,
    url: `https://example.com/${i}?a=1,b=2`,
    latencyMs: i,
    ...(i % 5 === 0 && { region: 'us east' }),
    ...(i % 7 === 0 && timedOut),
  });
const signals = (from: number, count: number) => Array.from({ length: count }, (_, i) => signal(from + i));
const toEntries = (batch: Signal[]) =>
  batch.map((s) => ({
    stream: 'signals' as const,
    region: s.region,
    received: s.received,
    target: s.target,
    line: encodeSignalRow(s),
  }));
/** Where each stream's rows go, as the QuestDB store names them for the default table. */
const tables = { signals: 'signals', state_changes: 'signals_state_changes' } as const;
const keyOf = (s: Signal) => `${s.region}|${s.received}|${s.target}`;

describe('outbox relay over a real TCP listener', () => {
  let dir: string;
  let file: string;
  let outbox: Outbox;
  let server: Awaited<ReturnType<typeof startFakeIlpServer>>;
  /** Confirms from what the listener really received, as the PG read-back would from QuestDB. */
  let confirmFromListener: ReadKeys;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upbeat-relay-'));
    file = join(dir, 'upbeat.sqlite');
    outbox = openOutbox({ file, maxRows: 10_000 });
    server = await startFakeIlpServer();
    confirmFromListener = async ({ region, from, to }) =>
      server.received.filter((s) => s.region === region && s.received >= from && s.received <= to);
  });
  afterEach(async () => {
    outbox.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function startRelay(readKeys: ReadKeys = confirmFromListener) {
    let relay: ReturnType<typeof createOutboxRelay> | undefined;
    const sender = createIlpTcpWriter({
      host: '127.0.0.1',
      port: server.port,
      onDisconnect: (reason) => relay?.notifyDisconnected(reason),
    });
    relay = createOutboxRelay({
      outbox,
      tables,
      sender,
      readKeys,
      log: silentLogger,
      timings,
    });
    relay.start();
    const append = (batch: Signal[]) => {
      outbox.add(toEntries(batch));
      relay.notifyAppended(batch.length);
    };
    return { relay, sender, append };
  }

  test('a cut mid-batch and a listener restart lose nothing, and the outbox empties', async () => {
    const { relay, sender, append } = startRelay();
    server.cutAfter(5_000); // a few dozen lines into the first connection
    const before = signals(0, 300);
    append(before);
    await waitFor(() => server.cuts === 1, 'the cut');
    await server.stop();
    const duringOutage = signals(300, 100);
    append(duringOutage);
    await sleep(300); // several refused reconnects, backing off
    assert.match(relay.failure() ?? '', /ECONNREFUSED|closed the ILP connection/);
    await server.restart();
    const after = signals(400, 100);
    append(after);
    await waitFor(() => outbox.size() === 0, 'an empty outbox');

    const arrived = new Set(server.received.map(keyOf));
    for (const s of [...before, ...duringOutage, ...after])
      assert.ok(arrived.has(keyOf(s)), `missing ${keyOf(s)}`);
    assert.equal(arrived.size, 500, 'nothing arrived that was not appended');
    const byKey = new Map(server.received.map((s) => [keyOf(s), s]));
    assert.deepEqual(
      signals(0, 500).map((s) => byKey.get(keyOf(s))),
      signals(0, 500),
      'every row arrived intact',
    );
    assert.equal(relay.failure(), undefined, 'recovered');
    await relay.drain(Date.now());
    await sender.close();
  });

  test('rows left unconfirmed are sent again, then leave once confirmed', async () => {
    let confirming = false;
    const { relay, sender, append } = startRelay(async (query) =>
      confirming ? confirmFromListener(query) : [],
    );
    append(signals(0, 10));
    await waitFor(() => server.received.length >= 20, 'a second copy of every row');
    assert.equal(outbox.size(), 10);
    confirming = true;
    await waitFor(() => outbox.size() === 0, 'an empty outbox');
    await relay.drain(Date.now());
    await sender.close();
  });

  test('after a restart of upbeat, rows sent but unconfirmed are sent again', async () => {
    const first = startRelay(async () => []); // QuestDB never confirms: reads are down
    first.append(signals(0, 30));
    await waitFor(() => server.received.length === 30, 'the first sending');
    await first.relay.drain(Date.now()); // the deadline has passed: stop at once
    await first.sender.close();
    outbox.close();
    assert.equal(server.received.length, 30);

    outbox = openOutbox({ file, maxRows: 10_000 });
    assert.equal(outbox.size(), 30);
    // Confirms only what arrives after the restart: the keys of the first sending are at the
    // listener too, and a read-back that found them before the resend would empty the outbox
    // without it (a race this test lost under load).
    const second = startRelay(async ({ region, from, to }) =>
      server.received.slice(30).filter((s) => s.region === region && s.received >= from && s.received <= to),
    );
    await waitFor(() => outbox.size() === 0, 'an empty outbox');
    assert.equal(server.received.length, 60, 'each row sent once more');
    assert.deepEqual(server.received.slice(30), signals(0, 30));
    await second.relay.drain(Date.now());
    await second.sender.close();
  });

  test('close() flushes within its deadline and confirms what it can', async () => {
    const { relay, sender, append } = startRelay();
    relay.notifyAppended(0);
    await relay.drain(Date.now()); // stop the schedule; nothing pending
    append(signals(0, 25)); // arrives after the schedule stopped: only a drain sends it
    await relay.drain(Date.now() + 10_000);
    assert.equal(outbox.size(), 0);
    assert.equal(server.received.length, 25);
    await sender.close();
  });

  test('holds back new rows while too many wait for confirmation', async () => {
    const { relay, sender, append } = startRelay(async () => []);
    append(signals(0, 1_000));
    await waitFor(() => outbox.countSent() >= timings.maxSentRows, 'the cap');
    await sleep(100);
    assert.ok(outbox.countSent() < timings.maxSentRows + timings.batchRows);
    assert.ok(
      new Set(server.received.map(keyOf)).size < timings.maxSentRows + timings.batchRows,
      'the rest waited',
    );
    await relay.drain(Date.now());
    await sender.close();
  });
});

describe('outbox relay over ILP/HTTP', () => {
  let dir: string;
  let outbox: Outbox;
  let http: Server;
  let url: string;
  let status = 204;
  const bodies: string[] = [];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upbeat-relay-http-'));
    outbox = openOutbox({ file: join(dir, 'upbeat.sqlite'), maxRows: 1_000 });
    bodies.length = 0;
    http = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        bodies.push(`${request.method} ${request.url} ${request.headers.authorization ?? '-'}\n${body}`);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(
          status === 204 ? undefined : '{"code":"invalid","message":"failed to parse line protocol"}',
        );
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    outbox.close();
    await new Promise((resolve) => http.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  function startRelay(sender: IlpSender) {
    const readKeys: ReadKeys = async () => assert.fail('an acknowledged write needs no read-back');
    const relay = createOutboxRelay({
      outbox,
      tables,
      sender,
      readKeys,
      log: silentLogger,
      timings,
    });
    relay.start();
    return relay;
  }

  test('a 204 removes the rows at once', async () => {
    status = 204;
    const sender = createIlpHttpWriter({ url, authorization: 'Bearer abc' });
    const relay = startRelay(sender);
    outbox.add(toEntries(signals(0, 3)));
    await waitFor(() => outbox.size() === 0, 'an empty outbox');
    assert.equal(bodies.length, 1);
    assert.match(bodies[0]!, /^POST \/write\?precision=n Bearer abc\nsignals,target=web,region=us\\ east,/);
    await relay.drain(Date.now());
    await sender.close();
  });

  test('state changes go to their own table, in the same writes as signals', async () => {
    status = 204;
    const sender = createIlpHttpWriter({ url });
    const relay = startRelay(sender);
    const [first] = signals(0, 1) as [Signal];
    outbox.add([
      ...toEntries([first]),
      { ...toEntries([first])[0]!, stream: 'state_changes', line: ',target=web,region=eu to_state=down 1' },
    ]);
    await waitFor(() => outbox.size() === 0, 'an empty outbox');
    assert.match(
      bodies.join(''),
      /\nsignals,target=web,[^\n]*\nsignals_state_changes,target=web,region=eu to_state=down 1\n/,
    );
    await relay.drain(Date.now());
    await sender.close();
  });

  test('an error answer keeps the rows and reports why', async () => {
    status = 400;
    const sender = createIlpHttpWriter({ url });
    const relay = startRelay(sender);
    outbox.add(toEntries(signals(0, 3)));
    await waitFor(() => relay.failure() !== undefined, 'the failure');
    assert.match(relay.failure()!, /answered 400: .*failed to parse line protocol/);
    assert.equal(outbox.size(), 3);
    assert.equal(outbox.countSent(), 0, 'back in the queue');
    status = 204;
    await waitFor(() => outbox.size() === 0, 'an empty outbox after the server recovers');
    assert.equal(relay.failure(), undefined);
    await relay.drain(Date.now());
    await sender.close();
  });
});
