import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Signal } from '../../signal.ts';
import { buildSignal, fixtureReceived } from '../../signal-fixture.testkit.ts';
import { startFakeIlpServer } from './fake-ilp-server.testkit.ts';
import { createQuestDbStore } from './questdb-store.ts';
import { waitFor } from '../../wait-for.testkit.ts';

const signal = (i: number, overrides: Partial<Signal> = {}): Signal =>
  buildSignal({ received: fixtureReceived + i, ...overrides });

/** A loopback port nothing listens on: QuestDB's PG port while QuestDB is down. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('QuestDB store while QuestDB is unreachable', () => {
  let dir: string;
  let outboxFile: string;
  let ilp: Awaited<ReturnType<typeof startFakeIlpServer>>;
  let pg: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'upbeat-questdb-store-'));
    outboxFile = join(dir, 'upbeat.db');
    ilp = await startFakeIlpServer();
    pg = `postgres://admin:quest@127.0.0.1:${await closedPort()}/qdb`;
  });
  afterEach(async () => {
    await ilp.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = () =>
    createQuestDbStore({
      questdb: { ilp: `tcp::addr=127.0.0.1:${ilp.port};`, pg, table: 'signals', outboxMaxRows: 1_000 },
      region: 'eu',
      outboxFile,
    });

  test('accepts appends into the outbox, sends nothing before the table exists, and says why it is not ready', async () => {
    const store = open();
    await store.append([signal(0), signal(1)]);
    assert.equal(store.pendingRows(), 2);
    await waitFor(
      () => /ECONNREFUSED/.test(store.readiness().detail ?? ''),
      'the refused PG connection in readiness',
    );
    assert.deepEqual(store.readiness().ready, false);
    assert.match(store.readiness().detail!, /^questdb: table signals not ready: .*ECONNREFUSED/);
    await assert.rejects(store.readSignals({ limit: 10 }), /readSignals refused, table signals not ready/);
    await sleep(100);
    // A line sent now would make QuestDB create the table itself, without TTL or DEDUP.
    assert.equal(ilp.connections, 0);
    await store.close();
    assert.deepEqual(store.readiness(), { ready: false, detail: 'questdb store is closed' });
    await assert.rejects(store.append([signal(2)]), /closed/);
  });

  test('what was not confirmed survives a restart in the outbox', async () => {
    const first = open();
    await first.append([signal(0), signal(1), signal(2)]);
    await first.close(0);
    const second = open();
    assert.equal(second.pendingRows(), 3);
    await second.close(0);
  });

  test('a signal without a region gets the instance region; a bad one is refused before it is stored', async () => {
    const store = open();
    await store.append([signal(0, { region: '' })]);
    await assert.rejects(store.append([signal(1), signal(2, { httpStatus: 200.5 })]), /32-bit integer/);
    assert.equal(store.pendingRows(), 1);
    await store.close(0);
    const file = new Database(outboxFile, { readonly: true });
    assert.deepEqual(file.prepare('SELECT region, line FROM questdb_outbox').all(), [
      {
        region: 'eu',
        line: ',target=web,region=eu,state=up url="https://example.com/",http_status=200i,available=t,latency_ms=12.5 1764217605000000000',
      },
    ]);
    file.close();
  });

  test('refuses a bad table name or ILP setting at once', () => {
    const questdb = { ilp: 'tcp::addr=127.0.0.1:9009;', pg, table: 'signals', outboxMaxRows: 10 };
    assert.throws(
      () => createQuestDbStore({ questdb: { ...questdb, table: 'bad name' }, region: 'eu', outboxFile }),
      /questdb.table/,
    );
    assert.throws(
      () => createQuestDbStore({ questdb: { ...questdb, ilp: 'udp::addr=x;' }, region: 'eu', outboxFile }),
      /questdb.ilp/,
    );
  });
});
