import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Signal } from '../../signal.ts';
import { buildSignal, fixtureReceived } from '../../signal-fixture.testkit.ts';
import { startFakeIlpServer } from './fake-ilp-server.testkit.ts';
import { encodeSignalRow, toIlpLine } from './ilp-encode.ts';
import { createIlpTcpWriter } from './ilp-tcp-writer.ts';
import { waitFor } from '../../wait-for.testkit.ts';

// A whole-number latency: it must cross the wire as a bare double, never as `12i`.
const signal = (i: number): Signal =>
  buildSignal({ received: fixtureReceived + i, target: `web ${i}`, latencyMs: 12 });
const payloadOf = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => toIlpLine('signals', encodeSignalRow(signal(from + i)))).join('');

describe('ILP TCP writer', () => {
  let server: Awaited<ReturnType<typeof startFakeIlpServer>>;
  beforeEach(async () => {
    server = await startFakeIlpServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  test('connects on the first send and delivers every line', async () => {
    const writer = createIlpTcpWriter({ host: '127.0.0.1', port: server.port });
    assert.equal(server.connections, 0);
    assert.equal(await writer.send(payloadOf(0, 3)), 'written');
    assert.equal(await writer.send(payloadOf(3, 2)), 'written');
    await waitFor(() => server.received.length === 5, 'five rows');
    assert.deepEqual(server.received, [0, 1, 2, 3, 4].map(signal));
    assert.equal(server.connections, 1);
    await writer.close();
  });

  test('reports a connection the server cut, and reconnects on the next send', async () => {
    const disconnects: string[] = [];
    const writer = createIlpTcpWriter({
      host: '127.0.0.1',
      port: server.port,
      onDisconnect: (reason) => disconnects.push(reason),
    });
    server.cutAfter(100);
    await writer.send(payloadOf(0, 5));
    await waitFor(() => disconnects.length === 1, 'the disconnect');
    assert.ok(server.received.length < 5, 'the cut lost lines');
    await writer.send(payloadOf(5, 1));
    await waitFor(
      () => server.received.some((row) => row.target === 'web 5'),
      'the row sent after reconnecting',
    );
    assert.equal(server.connections, 2);
    await writer.close();
    assert.equal(disconnects.length, 1, 'close() is not a disconnect');
  });

  test('rejects at once while nothing listens, and recovers when the server is back', async () => {
    const writer = createIlpTcpWriter({ host: '127.0.0.1', port: server.port });
    await server.stop();
    await assert.rejects(writer.send(payloadOf(0, 1)), /ECONNREFUSED/);
    await server.restart();
    await writer.send(payloadOf(1, 1));
    await waitFor(() => server.received.length === 1, 'the row after the restart');
    await writer.close();
  });

  test('uses the connect function it is given', async () => {
    const dialled: unknown[] = [];
    const writer = createIlpTcpWriter({
      host: 'questdb.invalid',
      port: 9009,
      connect: (address) => {
        dialled.push(address);
        return connect({ host: '127.0.0.1', port: server.port });
      },
    });
    await writer.send(payloadOf(0, 1));
    assert.deepEqual(dialled, [{ host: 'questdb.invalid', port: 9009 }]);
    await waitFor(() => server.received.length === 1, 'the row');
    await writer.close();
  });

  test('close() ends the connection after flushing and refuses later sends', async () => {
    const writer = createIlpTcpWriter({ host: '127.0.0.1', port: server.port });
    await writer.send(payloadOf(0, 50));
    await writer.close();
    await waitFor(() => server.received.length === 50, 'all fifty rows');
    await assert.rejects(writer.send(payloadOf(50, 1)), /closed/);
  });
});
