// Far from UTC (+13:45 in January): a timestamp read as local time cannot pass unnoticed here.
process.env.TZ = 'Pacific/Chatham';

import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { StateChange } from '../../incidents/state-change.ts';
import type { Signal } from '../../signal.ts';
import { buildSignal } from '../../signal-fixture.testkit.ts';
import { describeStoreContract } from '../store-contract.testkit.ts';
import { parseIlpConfig } from '../../config/ilp-config.ts';
import { createQuestDbSql } from './pg-client.ts';
import { createQuestDbStore, type QuestDbStore } from './questdb-store.ts';
import { stateChangesTableName } from './state-changes-table.ts';
import { waitFor } from '../../wait-for.testkit.ts';
import { ensureRollupView, rollupViewName } from './questdb-rollup-view.ts';
import { createTableStatement } from './questdb-schema.ts';

const hour = 3_600_000;

const ilp = process.env.UPBEAT_QUESTDB_ILP;
const pg = process.env.UPBEAT_QUESTDB_PG;
const skipped = 'skipped: no QuestDB configured';

if (!ilp || !pg) {
  console.log(skipped);
  test('QuestDB store against a live server', { skip: skipped }, () => {});
} else {
  describeLive(ilp, pg);
}

/** Everything below runs against the QuestDB that UPBEAT_QUESTDB_ILP and UPBEAT_QUESTDB_PG point at. */
function describeLive(ilp: string, pg: string): void {
  const run = randomUUID().slice(0, 8);
  const table = `upbeat_test_${run}`;
  const changesTable = stateChangesTableName(table);
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-questdb-live-'));
  const admin = createQuestDbSql(pg);
  let opened = 0;
  after(async () => {
    await admin.unsafe(`DROP MATERIALIZED VIEW IF EXISTS ${rollupViewName(table)}`);
    await admin.unsafe(`DROP TABLE IF EXISTS ${table}`);
    await admin.unsafe(`DROP TABLE IF EXISTS ${changesTable}`);
    await admin.end({ timeout: 5 });
    rmSync(dir, { recursive: true, force: true });
  });

  const keyOf = (s: Pick<Signal, 'received' | 'target' | 'region'>) =>
    `${s.received} ${s.region} ${s.target}`;
  /** Appended since the last settle, per table: what settle waits to see. */
  const unsettled = new Map<string, Signal>();
  const unsettledChanges = new Map<string, StateChange>();

  function openStore(outboxFile: string, overrides: { ilp?: string } = {}): QuestDbStore {
    const store = createQuestDbStore({
      questdb: { ilp, pg, table, outboxMaxRows: 100_000, ...overrides },
      region: 'eu-west',
      outboxFile,
    });
    return {
      ...store,
      async append(signals) {
        await store.append(signals);
        for (const s of signals) unsettled.set(keyOf(s), s);
      },
      async appendStateChanges(changes) {
        await store.appendStateChanges(changes);
        for (const c of changes) unsettledChanges.set(keyOf(c), c);
      },
    };
  }

  /** Polls QuestDB over PG wire until every row appended since the last call is readable. */
  async function settle(): Promise<void> {
    const waiting = [...unsettled.values()];
    unsettled.clear();
    const changes = [...unsettledChanges.values()];
    unsettledChanges.clear();
    await settleTable(table, waiting);
    await settleTable(changesTable, changes);
  }

  /** Polls until every key in `waiting` is in `tableName`. */
  async function settleTable(
    tableName: string,
    waiting: readonly Pick<Signal, 'received' | 'target' | 'region'>[],
  ): Promise<void> {
    if (waiting.length === 0) return;
    const from = new Date(Math.min(...waiting.map((s) => s.received)));
    const to = new Date(Math.max(...waiting.map((s) => s.received)));
    for (const started = Date.now(); ; await sleep(100)) {
      const rows = await admin<{ received: Date; target: string; region: string }[]>`
        SELECT received, target, region FROM ${admin(tableName)} WHERE received >= ${from} AND received <= ${to}`.catch(
        () => [],
      );
      const present = new Set(rows.map((row) => keyOf({ ...row, received: row.received.getTime() })));
      if (waiting.every((s) => present.has(keyOf(s))) && (await viewCaughtUp(from, to))) return;
      if (Date.now() - started > 45_000)
        throw new Error(`settle: ${waiting.length} rows not visible after 45 s`);
    }
  }

  /**
   * Whether the hourly view, which QuestDB refreshes after the table commits, counts every row of
   * the whole hours around `from`..`to` (the view may still be building right after creation):
   * each row is either a check or a probe in maintenance there.
   */
  async function viewCaughtUp(from: Date, to: Date): Promise<boolean> {
    const first = new Date(Math.floor(from.getTime() / hour) * hour);
    const end = new Date(Math.floor(to.getTime() / hour) * hour + hour);
    const [rows] = await admin<{ n: string | null }[]>`
      SELECT count() n FROM ${admin(table)} WHERE received >= ${first} AND received < ${end}`.catch(() => [
      { n: null },
    ]);
    const [sums] = await admin<{ n: string | null }[]>`
      SELECT sum(checks) + sum(maintenance) n FROM ${admin(rollupViewName(table))} WHERE received >= ${first} AND received < ${end}`.catch(
      () => [{ n: null }],
    );
    return rows?.n != null && rows.n === sums?.n;
  }

  describeStoreContract(
    'questdb',
    async () => {
      const outboxFile = join(dir, `contract-${opened++}.db`);
      return {
        store: openStore(outboxFile),
        reopen: async () => openStore(outboxFile),
        cleanup: async () => {},
      };
    },
    { settle },
  );

  describe('the hourly rollup view, live', () => {
    test('is created valid and immediate, and a second start keeps it', { timeout: 60_000 }, async () => {
      const store = openStore(join(dir, 'view.db'));
      const target = `upbeat view ${run}`;
      await store.append([liveSignal(target, Date.now() - 60_000)]);
      await settle(); // the store prepared the table and the view before relaying the row
      const [view] = await admin<Record<string, unknown>[]>`
        SELECT * FROM materialized_views() WHERE view_name = ${rollupViewName(table)}`;
      assert.equal(view?.view_status, 'valid');
      assert.equal(view?.refresh_type, 'immediate');
      const runSql = (statement: string) => admin.unsafe(statement);
      // `keep` proves the stored definition reads back as ours (else every start would rebuild it).
      assert.deepEqual(await ensureRollupView(runSql, table, 400), { action: 'keep' });
      await store.close();
    });

    test('a view from another query is replaced by the current one', { timeout: 60_000 }, async () => {
      const other = `${table}_old`;
      const runSql = (statement: string) => admin.unsafe(statement);
      try {
        await runSql(createTableStatement(other, 400));
        await runSql(`CREATE MATERIALIZED VIEW ${rollupViewName(other)} AS (
          SELECT received, target, count() checks FROM ${other} SAMPLE BY 1h) PARTITION BY DAY`);
        assert.equal((await ensureRollupView(runSql, other, 400)).action, 'replace');
        assert.equal((await ensureRollupView(runSql, other, 400)).action, 'keep');
        const columns = await runSql(`SELECT "column" FROM table_columns('${rollupViewName(other)}')`);
        assert.deepEqual(
          columns.map((row) => row.column),
          ['received', 'target', 'region', 'checks', 'up', 'latency_sum', 'latency_max', 'maintenance'],
        );
      } finally {
        await runSql(`DROP MATERIALIZED VIEW IF EXISTS ${rollupViewName(other)}`);
        await runSql(`DROP TABLE IF EXISTS ${other}`);
      }
    });

    test('a row sent three times counts once in the view', { timeout: 60_000 }, async () => {
      const store = openStore(join(dir, 'view-replay.db'));
      const target = `upbeat view replay ${run}`;
      const at = Math.floor(Date.now() / hour) * hour - 2 * hour + 5_000;
      const row = liveSignal(target, at, { latencyMs: 40 });
      for (let i = 0; i < 3; i++) await store.append([row]);
      await settle();
      assert.deepEqual(
        await store.readRollups({ from: at - 5_000, to: at - 5_000 + hour, size: 'hour', target }),
        [{ target, start: at - 5_000, checks: 1, up: 1, latencySum: 40, latencyMax: 40, maintenance: 0 }],
      );
      await store.close();
    });

    test('a probe in maintenance counts in the view neither up nor down', { timeout: 60_000 }, async () => {
      const store = openStore(join(dir, 'view-maintenance.db'));
      const target = `upbeat view maintenance ${run}`;
      const start = Math.floor(Date.now() / hour) * hour - 3 * hour;
      const down = { available: false, httpStatus: -1, reason: 'refused' } as const;
      await store.append([
        liveSignal(target, start + 1_000, { latencyMs: 40 }),
        liveSignal(target, start + 2_000, { latencyMs: 900, state: 'maintenance', ...down }),
        liveSignal(target, start + 3_000, { latencyMs: 800, state: 'maintenance' }),
      ]);
      await settle();
      // Read the view directly too: what its own SQL made of the rows, before any upbeat arithmetic.
      const [row] = await admin<Record<string, unknown>[]>`
        SELECT checks, up, latency_sum, latency_max, maintenance FROM ${admin(rollupViewName(table))}
        WHERE target = ${target}`;
      assert.deepEqual(
        Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)])),
        { checks: 1, up: 1, latency_sum: 40, latency_max: 40, maintenance: 2 },
      );
      assert.deepEqual(await store.readRollups({ from: start, to: start + hour, size: 'hour', target }), [
        { target, start, checks: 1, up: 1, latencySum: 40, latencyMax: 40, maintenance: 2 },
      ]);
      await store.close();
    });
  });

  describe('QuestDB pitfalls, live', () => {
    test('boolean parameters select what they say', { timeout: 60_000 }, async () => {
      const store = openStore(join(dir, 'booleans.db'));
      const target = `upbeat booleans ${run}`;
      const base = Date.now() - 60_000;
      // Two up, one down: a `true` read as false would count 1 instead of 2.
      await store.append([0, 1, 2].map((i) => liveSignal(target, base + i, { available: i !== 1 })));
      await settle();
      const count = async (available: boolean) =>
        Number(
          (
            await admin<
              { n: string }[]
            >`SELECT count() n FROM ${admin(table)} WHERE target = ${target} AND available = ${available}`
          )[0]!.n,
        );
      assert.equal(await count(true), 2);
      assert.equal(await count(false), 1);
      await store.close();
    });

    test(
      'the state changes table has its own columns and keeps a replayed change once',
      { timeout: 60_000 },
      async () => {
        const store = openStore(join(dir, 'changes.db'));
        const target = `upbeat changes ${run}`;
        const received = Date.now() - 60_000;
        const change: StateChange = {
          received,
          target,
          region: 'eu-west',
          from: 'up',
          to: 'down',
          reason: 'timeout',
          httpStatus: -1,
          incidentStart: received,
        };
        await store.appendStateChanges([change]);
        await settle();
        await store.appendStateChanges([change]);
        await store.appendStateChanges([change]);
        await waitFor(() => store.pendingRows() === 0, 'the replays confirmed', {
          timeoutMs: 45_000,
          everyMs: 100,
        });
        // a literal, as ensureSchema reads it: a table function's argument is no bind parameter
        const columns = await admin.unsafe<{ column: string; type: string }[]>(
          `SELECT "column", type FROM table_columns('${changesTable}')`,
        );
        assert.deepEqual(Object.fromEntries(columns.map((c) => [c.column, c.type])), {
          received: 'TIMESTAMP',
          target: 'SYMBOL',
          region: 'SYMBOL',
          from_state: 'SYMBOL',
          to_state: 'SYMBOL',
          reason: 'VARCHAR',
          http_status: 'INT',
          incident_start: 'TIMESTAMP',
        });
        const [row] = await admin<{ n: string }[]>`
        SELECT count() n FROM ${admin(changesTable)} WHERE target = ${target}`;
        assert.equal(Number(row!.n), 1);
        assert.deepEqual(await store.readStateChanges({ from: received, to: received + 1, target }), [
          change,
        ]);
        await store.close();
      },
    );

    test('timestamps come back as the UTC instant they were written', { timeout: 60_000 }, async () => {
      const store = openStore(join(dir, 'timestamps.db'));
      const target = `upbeat timestamps ${run}`;
      const received = Date.UTC(2026, 0, 15, 10, 30, 45, 123); // January: Chatham is at +13:45
      await store.append([liveSignal(target, received)]);
      await settle();
      const [row] = await admin<
        { received: Date }[]
      >`SELECT received FROM ${admin(table)} WHERE target = ${target}`;
      assert.equal(row!.received.getTime(), received);
      assert.deepEqual(
        (await store.readRange({ from: received, to: received + 1 })).map((s) => s.received),
        [received],
      );
      await store.close();
    });

    test(
      'an ILP outage and a cut mid-batch lose nothing and double nothing',
      { timeout: 180_000 },
      async (t) => {
        const endpoint = parseIlpConfig(ilp);
        if (endpoint.transport !== 'tcp')
          return t.skip('the outage test cuts a TCP connection: set UPBEAT_QUESTDB_ILP to tcp::');
        const proxy = await startProxy(endpoint);
        const store = openStore(join(dir, 'outage.db'), { ilp: `tcp::addr=127.0.0.1:${proxy.port};` });
        const target = `upbeat outage ${run}`;
        const base = Date.now() - 3_600_000;
        const batch = (from: number, count: number) =>
          Array.from({ length: count }, (_, i) => liveSignal(target, base + (from + i) * 1_000));
        try {
          await store.append(batch(0, 50));
          await waitFor(() => store.pendingRows() === 0, 'the first rows confirmed', {
            timeoutMs: 90_000,
            everyMs: 50,
          });

          await proxy.stop(); // QuestDB's ILP port is gone
          await store.append(batch(50, 50));
          await waitFor(
            () => /writes failing/.test(store.readiness().detail ?? ''),
            'the failure in readiness',
            { timeoutMs: 90_000, everyMs: 50 },
          );
          await proxy.restart();
          proxy.cutAfter(4_000); // the next connection dies mid-line, a few dozen lines in
          await store.append(batch(100, 200));
          await waitFor(() => store.pendingRows() === 0, 'every row confirmed', {
            timeoutMs: 90_000,
            everyMs: 50,
          });
          assert.equal(proxy.cuts, 1, 'the cut happened');

          const rows = await admin<
            { received: Date }[]
          >`SELECT received FROM ${admin(table)} WHERE target = ${target} ORDER BY received`;
          assert.deepEqual(
            rows.map((row) => row.received.getTime()),
            batch(0, 300).map((s) => s.received),
            'each of the 300 rows exactly once',
          );
          assert.equal(store.readiness().ready, true);
        } finally {
          await store.close();
          await proxy.stop();
        }
      },
    );
  });
}

/** A signal in the live store's region; a whole-number latency must land in the DOUBLE column. */
function liveSignal(target: string, received: number, overrides: Partial<Signal> = {}): Signal {
  return buildSignal({ target, received, region: 'eu-west', latencyMs: 12, ...overrides });
}

/**
 * A TCP proxy between the store and QuestDB's ILP port that can be stopped and restarted on the
 * same port, and can cut a connection after N bytes (QuestDB gets a partial last line and a FIN).
 */
async function startProxy(upstream: { host: string; port: number }) {
  const sockets = new Set<Socket>();
  let server: Server;
  let port = 0;
  let cutAfterBytes = Infinity;
  let cuts = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {}); // either side may reset; 'close' follows
  };

  function accept(client: Socket): void {
    const server = connect(upstream);
    track(client);
    track(server);
    client.on('close', () => server.destroy());
    server.on('close', () => client.destroy());
    let bytes = 0;
    client.on('data', (chunk: Buffer) => {
      const room = cutAfterBytes - bytes;
      bytes += chunk.length;
      if (chunk.length < room) {
        server.write(chunk);
        return;
      }
      cutAfterBytes = Infinity;
      cuts++;
      server.end(chunk.subarray(0, room));
      client.destroy();
    });
  }

  async function listen(): Promise<void> {
    server = createServer(accept).listen(port, '127.0.0.1');
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  }

  await listen();
  return {
    get port() {
      return port;
    },
    get cuts() {
      return cuts;
    },
    cutAfter(bytes: number) {
      cutAfterBytes = bytes;
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      if (server.listening) await new Promise((resolve) => server.close(resolve));
    },
    restart: listen,
  };
}
