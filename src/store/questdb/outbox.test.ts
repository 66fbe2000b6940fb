import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Logger } from '../../log.ts';
import { openOutbox, type Outbox, type OutboxEntry } from './outbox.ts';

const entry = (i: number, line = `row ${i}`): OutboxEntry => ({
  stream: 'signals',
  region: 'eu',
  received: 1_000 + i,
  target: `t${i % 3}`,
  line,
});

/** A logger that keeps warn calls, to check what the outbox reports. */
function recordWarnings(): Logger & { warnings: { fields: object; message: string }[] } {
  const warnings: { fields: object; message: string }[] = [];
  return {
    warnings,
    debug() {},
    info() {},
    error() {},
    warn: (fields, message) => warnings.push({ fields, message }),
  };
}

describe('outbox', () => {
  let dir: string;
  let file: string;
  let outbox: Outbox;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'upbeat-outbox-'));
    file = join(dir, 'nested', 'upbeat.sqlite');
    outbox = openOutbox({ file, maxRows: 1_000 });
  });
  afterEach(() => {
    outbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('claims unsent rows oldest first and marks them sent', () => {
    outbox.add([entry(0), entry(1), entry(2)]);
    assert.deepEqual(outbox.claimUnsent(2, 50), [
      { id: 1, stream: 'signals', line: 'row 0', sentAt: 50 },
      { id: 2, stream: 'signals', line: 'row 1', sentAt: 50 },
    ]);
    assert.equal(outbox.countSent(), 2);
    assert.deepEqual(
      outbox.claimUnsent(5, 60).map((row) => row.line),
      ['row 2'],
    );
    assert.deepEqual(outbox.claimUnsent(5, 70), []);
  });

  test('an identical replay keeps its sent state; new content under the same key is sent again', () => {
    outbox.add([entry(0), entry(1)]);
    outbox.claimUnsent(10, 50);
    outbox.add([entry(0), entry(1, 'row 1 corrected')]);
    assert.equal(outbox.size(), 2);
    assert.deepEqual(
      outbox.claimUnsent(10, 60).map((row) => row.line),
      ['row 1 corrected'],
    );
  });

  test('removes confirmed rows only if they were not sent again meanwhile', () => {
    outbox.add([entry(0), entry(1)]);
    const [first, second] = outbox.claimUnsent(10, 50);
    outbox.requeue([second!.id]);
    outbox.claimUnsent(10, 60); // second goes out again at 60
    assert.equal(outbox.removeConfirmed([first!, second!]), 1);
    assert.equal(outbox.size(), 1);
    assert.deepEqual(outbox.listSent(10), [
      { id: second!.id, stream: 'signals', region: 'eu', received: 1_001, target: 't1', sentAt: 60 },
    ]);
  });

  test('requeues rows sent at or before a cutoff, or all of them', () => {
    outbox.add([entry(0), entry(1), entry(2)]);
    outbox.claimUnsent(1, 10);
    outbox.claimUnsent(1, 20);
    outbox.claimUnsent(1, 30);
    assert.equal(outbox.requeueSentBefore(20), 2);
    assert.equal(outbox.countSent(), 1);
    assert.equal(outbox.requeueAll(), 1);
    assert.equal(outbox.countSent(), 0);
  });

  test('when full, drops the oldest rows and reports how many', () => {
    outbox.close();
    const log = recordWarnings();
    outbox = openOutbox({ file, maxRows: 3, log });
    outbox.add([entry(0), entry(1)]);
    outbox.add([entry(2), entry(3), entry(4)]);
    assert.equal(outbox.size(), 3);
    assert.deepEqual(
      outbox.claimUnsent(10, 1).map((row) => row.line),
      ['row 2', 'row 3', 'row 4'],
    );
    assert.equal(log.warnings.length, 1);
    assert.match(log.warnings[0]!.message, /dropped the oldest/);
    assert.deepEqual(log.warnings[0]!.fields, { dropped: 2, droppedTotal: 2, maxRows: 3, file });
  });

  test('a reopened file still holds every row, all unsent again', () => {
    outbox.add([entry(0), entry(1), entry(2)]);
    outbox.claimUnsent(2, 50);
    outbox.close();
    outbox = openOutbox({ file, maxRows: 1_000 });
    assert.equal(outbox.size(), 3);
    assert.equal(outbox.countSent(), 0);
    assert.deepEqual(
      outbox.claimUnsent(10, 60).map((row) => row.line),
      ['row 0', 'row 1', 'row 2'],
    );
  });

  test("shares the file without touching another module's tables or schema version", () => {
    outbox.close();
    const other = new Database(file);
    other.exec('CREATE TABLE signals (x INTEGER); PRAGMA user_version = 7;');
    other.close();
    outbox = openOutbox({ file, maxRows: 10 });
    outbox.add([entry(0)]);
    const check = new Database(file, { readonly: true });
    assert.equal(check.pragma('user_version', { simple: true }), 7);
    assert.equal(check.pragma('journal_mode', { simple: true }), 'wal');
    assert.deepEqual(
      check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all(),
      ['questdb_outbox', 'signals'],
    );
    check.close();
  });

  test('a state change and the signal that caused it share a key but are two rows', () => {
    outbox.add([entry(0), { ...entry(0, 'change 0'), stream: 'state_changes' }]);
    assert.equal(outbox.size(), 2);
    assert.deepEqual(
      outbox.claimUnsent(10, 50).map(({ stream, line }) => [stream, line]),
      [
        ['signals', 'row 0'],
        ['state_changes', 'change 0'],
      ],
    );
    assert.deepEqual(
      outbox.listSent(10).map((row) => row.stream),
      ['signals', 'state_changes'],
    );
  });

  test('an outbox from before streams is rebuilt with its rows, as signals, in order', () => {
    outbox.close();
    rmSync(file);
    const old = new Database(file);
    old.exec(`CREATE TABLE questdb_outbox (
      id INTEGER PRIMARY KEY, region TEXT NOT NULL, received INTEGER NOT NULL, target TEXT NOT NULL,
      line TEXT NOT NULL, sent_at INTEGER, UNIQUE (region, received, target));
      CREATE INDEX questdb_outbox_sent ON questdb_outbox (sent_at) WHERE sent_at IS NOT NULL;
      INSERT INTO questdb_outbox (id, region, received, target, line, sent_at)
        VALUES (5, 'eu', 1000, 't0', 'old 0', 40), (9, 'eu', 1001, 't1', 'old 1', NULL);`);
    old.close();
    outbox = openOutbox({ file, maxRows: 1_000 });
    assert.equal(outbox.size(), 2);
    outbox.add([{ ...entry(0, 'change 0'), stream: 'state_changes' }]);
    assert.deepEqual(outbox.claimUnsent(10, 60), [
      { id: 5, stream: 'signals', line: 'old 0', sentAt: 60 },
      { id: 9, stream: 'signals', line: 'old 1', sentAt: 60 },
      { id: 10, stream: 'state_changes', line: 'change 0', sentAt: 60 },
    ]);
  });
});
