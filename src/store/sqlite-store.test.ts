import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import type { Signal } from '../signal.ts';
import { buildSignal } from '../signal-fixture.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { describeStoreContract } from './store-contract.ts';

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
  assert.equal(observer.pragma('user_version', { simple: true }), 1);
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

test('sqlite store: refuses a file written by a newer schema', async (t) => {
  const dir = await makeTempDir(t);
  const file = join(dir, 'upbeat.db');
  const newer = new Database(file);
  newer.pragma('user_version = 99');
  newer.close();
  assert.throws(() => createSqliteStore({ file }), /schema version 99 is newer/);
});
