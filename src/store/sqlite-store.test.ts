import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { Signal } from '../signal.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { insertSignalStatement, toSqliteValues } from './sqlite-signals-table.ts';
import { describeStoreContract } from './store-contract.testkit.ts';

describeStoreContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'upbeat-sqlite-'));
  const file = join(dir, 'upbeat.db');
  return {
    store: createSqliteStore({ file }),
    reopen: async () => createSqliteStore({ file }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

/** A temp directory removed when the test ends. */
async function makeTempDir(t: TestContext): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'upbeat-sqlite-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function makeSignal(received: number, target = 'web'): Signal {
  return buildSignal({ received, target });
}

test('sqlite store: creates the file under missing parent directories, in WAL mode', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'nested', 'data', 'upbeat.db');
  const store = createSqliteStore({ file });
  t.after(() => store.close());
  assert.equal((await stat(file)).isFile(), true);
  assert.deepEqual(store.readiness(), { ready: true });

  const observer = new Database(file, { readonly: true });
  t.after(() => observer.close());
  assert.equal(observer.pragma('journal_mode', { simple: true }), 'wal');
});

test('sqlite store: after close, calls reject with a clear error and readiness says closed', async (t) => {
  const dir = await makeTempDir(t);
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  await store.close();
  await assert.rejects(store.append([makeSignal(1)]), /sqlite store is closed .*append refused/);
  await assert.rejects(store.readSignals({ limit: 1 }), /closed/);
  await assert.rejects(store.prune(1), /closed/);
  assert.deepEqual(store.readiness(), { ready: false, detail: 'sqlite store is closed' });
  await store.close(); // a second close is harmless
});

test('sqlite store: prune works through many chunks and counts exactly', async (t) => {
  const dir = await makeTempDir(t);
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(() => store.close());
  const old = 25_001; // two full 10,000-row chunks and a partial one
  await store.append(Array.from({ length: old }, (_, i) => makeSignal(i)));
  await store.append([makeSignal(old), makeSignal(old + 1, 'api')]);
  assert.equal(await store.prune(old), old);
  assert.deepEqual(await store.readRange({ from: 0, to: old + 2 }), [
    makeSignal(old),
    makeSignal(old + 1, 'api'),
  ]);
  assert.equal(await store.prune(old), 0);
});

test('sqlite store: a limit below 1 reads nothing', async (t) => {
  const dir = await makeTempDir(t);
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(() => store.close());
  await store.append([makeSignal(1)]);
  for (const limit of [0, -1, Number.NaN]) assert.deepEqual(await store.readSignals({ limit }), []);
});

test('sqlite store: leaves another connection and its table in the same file alone', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  const store = createSqliteStore({ file });
  t.after(() => store.close());
  const neighbour = new Database(file);
  t.after(() => neighbour.close());
  neighbour.exec("CREATE TABLE outbox (line TEXT); INSERT INTO outbox VALUES ('pending')");

  await store.append([makeSignal(1)]);
  neighbour.prepare('INSERT INTO outbox VALUES (?)').run('later');
  assert.deepEqual(await store.readSignals({ limit: 5 }), [makeSignal(1)]);
  assert.deepEqual(neighbour.prepare('SELECT line FROM outbox').pluck().all(), ['pending', 'later']);
});

test('sqlite store: a version 1 file gains the phase and certificate columns in place and keeps its rows', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  // Version 1 as released, frozen here: the migration must keep working on files it wrote.
  const v1 = new Database(file);
  v1.exec(`CREATE TABLE signals (
     received INTEGER NOT NULL, target TEXT NOT NULL, region TEXT NOT NULL, url TEXT NOT NULL,
     http_status INTEGER NOT NULL, available INTEGER NOT NULL, state TEXT NOT NULL,
     latency_ms REAL NOT NULL, reason TEXT,
     PRIMARY KEY (target, received, region)
   ) WITHOUT ROWID;
   CREATE INDEX signals_received ON signals (received);
   PRAGMA user_version = 1;`);
  v1.prepare('INSERT INTO signals VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    1,
    'web',
    'eu',
    'https://example.com/',
    503,
    0,
    'down',
    7.5,
    'status',
  );
  v1.close();

  const store = createSqliteStore({ file });
  t.after(() => store.close());
  const old = makeSignal(1);
  const fresh = makeSignal(2);
  const measured = {
    dnsMs: 1.25,
    connectMs: 0.5,
    tlsMs: 3.75,
    firstByteMs: 12,
    certificateExpiresAt: Date.UTC(2027, 0, 31),
  };
  await store.append([{ ...fresh, ...measured }]);
  assert.deepEqual(await store.readSignals({ limit: 5 }), [
    { ...old, httpStatus: 503, available: false, state: 'down', latencyMs: 7.5, reason: 'status' },
    { ...fresh, ...measured },
  ]);

  const observer = new Database(file, { readonly: true });
  t.after(() => observer.close());
  const columns = observer.prepare('SELECT name, type, "notnull" FROM pragma_table_info(?)').all('signals');
  const added = ['dns_ms', 'connect_ms', 'tls_ms', 'first_byte_ms', 'certificate_expires_at'];
  assert.deepEqual(
    columns.filter((column) => added.includes((column as { name: string }).name)),
    [
      { name: 'dns_ms', type: 'REAL', notnull: 0 },
      { name: 'connect_ms', type: 'REAL', notnull: 0 },
      { name: 'tls_ms', type: 'REAL', notnull: 0 },
      { name: 'first_byte_ms', type: 'REAL', notnull: 0 },
      { name: 'certificate_expires_at', type: 'INTEGER', notnull: 0 },
    ],
  );
});

test('sqlite store: refuses a file whose table lacks a column that cannot be null', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  const old = new Database(file);
  old.exec('CREATE TABLE signals (received INTEGER, target TEXT, region TEXT, url TEXT)');
  old.close();
  assert.throws(() => createSqliteStore({ file }), /lacks http_status, which cannot be added/);
});

test('sqlite store: a file without rollups gets them rebuilt from its signals, once', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  const hour = 3_600_000;
  const first = createSqliteStore({ file });
  await first.append([
    { ...makeSignal(hour + 1), latencyMs: 10 },
    { ...makeSignal(hour + 2), latencyMs: 30, available: false, state: 'down' },
    makeSignal(2 * hour, 'api'),
  ]);
  await first.close();
  // As an upbeat before the rollups left it: no table, no trigger.
  const old = new Database(file);
  old.exec('DROP TRIGGER signals_1h_count; DROP TABLE signals_1h');
  old.close();

  const store = createSqliteStore({ file });
  t.after(() => store.close());
  const expected = [
    { target: 'api', start: 2 * hour, checks: 1, up: 1, latencySum: 12.5, latencyMax: 12.5, maintenance: 0 },
    { target: 'web', start: hour, checks: 2, up: 1, latencySum: 40, latencyMax: 30, maintenance: 0 },
  ];
  assert.deepEqual(await store.readRollups({ from: 0, to: 3 * hour, size: 'hour' }), expected);
  await store.close();
  const reopened = createSqliteStore({ file });
  t.after(() => reopened.close());
  assert.deepEqual(await reopened.readRollups({ from: 0, to: 3 * hour, size: 'hour' }), expected);
});

// The rollup table and trigger exactly as an upbeat before maintenance was left out created them.
const countingMaintenanceSchema = `CREATE TABLE signals_1h (
  target TEXT NOT NULL, region TEXT NOT NULL, hour INTEGER NOT NULL,
  checks INTEGER NOT NULL, up INTEGER NOT NULL, latency_sum REAL NOT NULL, latency_max REAL NOT NULL,
  PRIMARY KEY (target, hour, region)
) WITHOUT ROWID;
CREATE INDEX signals_1h_hour ON signals_1h (hour);
CREATE TRIGGER IF NOT EXISTS signals_1h_count AFTER INSERT ON signals BEGIN
  INSERT INTO signals_1h (target, region, hour, checks, up, latency_sum, latency_max)
  VALUES (NEW.target, NEW.region, NEW.received - NEW.received % 3600000, 1, NEW.available, NEW.latency_ms, NEW.latency_ms)
  ON CONFLICT (target, hour, region) DO UPDATE SET
    checks = checks + 1, up = up + excluded.up, latency_sum = latency_sum + excluded.latency_sum,
    latency_max = max(latency_max, excluded.latency_max);
END;`;

test('sqlite store: rollups that counted maintenance are rebuilt without it, and stay so', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  const hour = 3_600_000;
  const first = createSqliteStore({ file });
  await first.close();
  const old = new Database(file);
  old.exec('DROP TRIGGER signals_1h_count; DROP TABLE signals_1h');
  old.exec(countingMaintenanceSchema);
  const insert = old.prepare(insertSignalStatement);
  for (const signal of [
    { ...makeSignal(hour + 1), latencyMs: 10 },
    { ...makeSignal(hour + 2), latencyMs: 900, available: false, state: 'maintenance' as const },
  ])
    insert.run(toSqliteValues(signal));
  // The old trigger counted the maintenance probe as a failed check.
  assert.deepEqual(old.prepare('SELECT checks, up FROM signals_1h').get(), { checks: 2, up: 1 });
  old.close();

  const store = createSqliteStore({ file });
  t.after(() => store.close());
  const read = () => store.readRollups({ from: 0, to: 2 * hour, size: 'hour' });
  const rebuilt = { target: 'web', start: hour, checks: 1, up: 1, latencySum: 10, latencyMax: 10 };
  assert.deepEqual(await read(), [{ ...rebuilt, maintenance: 1 }]);
  // New rows go through the current trigger.
  await store.append([{ ...makeSignal(hour + 3), latencyMs: 800, state: 'maintenance' }]);
  assert.deepEqual(await read(), [{ ...rebuilt, maintenance: 2 }]);
});

test('sqlite store: prune drops the rollups of wholly pruned hours only', async (t) => {
  const dir = await makeTempDir(t);
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(() => store.close());
  const hour = 3_600_000;
  await store.append([
    makeSignal(hour - 1),
    makeSignal(hour + 1),
    makeSignal(hour + 3),
    makeSignal(2 * hour),
  ]);
  assert.equal(await store.prune(hour + 2), 2);
  const rollups = await store.readRollups({ from: 0, to: 3 * hour, size: 'hour' });
  assert.deepEqual(
    rollups.map(({ start, checks }) => ({ start, checks })),
    [
      { start: hour, checks: 2 }, // partly pruned: kept whole (reads inside retention never use it)
      { start: 2 * hour, checks: 1 },
    ],
  );
});

test("sqlite store: prune drops old state changes but keeps each target's newest, however old", async (t) => {
  const dir = await makeTempDir(t);
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(() => store.close());
  const change = (received: number, target: string, to: 'down' | 'up') => ({
    received,
    target,
    region: 'local',
    from: to === 'down' ? ('up' as const) : ('down' as const),
    to,
    reason: to === 'down' ? ('timeout' as const) : null,
    httpStatus: -1,
    incidentStart: received,
  });
  // web recovered long ago; db went down long ago and still is
  await store.appendStateChanges([
    change(10, 'web', 'down'),
    change(20, 'web', 'up'),
    change(30, 'web', 'down'),
    change(500, 'web', 'up'),
    change(15, 'db', 'down'),
  ]);
  await store.prune(100);
  const left = await store.readStateChanges({ from: 0, to: 1000 });
  assert.deepEqual(
    left.map(({ received, target }) => [target, received]),
    [
      ['db', 15],
      ['web', 500],
    ],
  );
  assert.deepEqual(
    (await store.readLatestStateChanges({ before: 1000, target: 'db' })).map((c) => c.received),
    [15],
  );
});
