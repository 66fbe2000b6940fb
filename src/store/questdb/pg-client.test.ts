// A zone far from UTC (+13:45 in January), so reading UTC text as local time cannot pass unnoticed.
// Set before any Date is made: each test file runs in its own process.
process.env.TZ = 'Pacific/Chatham';

import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { describe, test } from 'node:test';
import {
  createQuestDbSql,
  parseBoolean,
  parseUtcTimestamp,
  serializeBoolean,
  withTimeout,
} from './pg-client.ts';

describe('parseUtcTimestamp', () => {
  const cases = [
    { text: '2026-01-15 10:00:00.123456', want: Date.UTC(2026, 0, 15, 10, 0, 0, 123) },
    { text: '2026-01-15 10:00:00.1', want: Date.UTC(2026, 0, 15, 10, 0, 0, 100) },
    { text: '2026-01-15 10:00:00', want: Date.UTC(2026, 0, 15, 10, 0, 0) },
    { text: '2026-07-01T23:59:59.999999Z', want: Date.UTC(2026, 6, 1, 23, 59, 59, 999) },
    { text: '1970-01-01 00:00:00.000000', want: 0 },
    { text: '2026-01-15T10:00:00+02:00', want: Date.UTC(2026, 0, 15, 8, 0, 0) },
  ];
  for (const { text, want } of cases) test(text, () => assert.equal(parseUtcTimestamp(text).getTime(), want));

  test("postgres' own parser would shift it in this zone", () => {
    assert.notEqual(new Date('2026-01-15 10:00:00.123456').getTime(), Date.UTC(2026, 0, 15, 10, 0, 0, 123));
  });
});

describe('booleans', () => {
  test('parameters go out as true/false, never t/f', () => {
    assert.equal(serializeBoolean(true), 'true');
    assert.equal(serializeBoolean(false), 'false');
  });
  test('results read in either spelling', () => {
    for (const text of ['t', 'true']) assert.equal(parseBoolean(text), true);
    for (const text of ['f', 'false']) assert.equal(parseBoolean(text), false);
  });
});

describe('createQuestDbSql', () => {
  test('installs the overrides in the client it returns', async () => {
    const sql = createQuestDbSql('postgres://admin:quest@127.0.0.1:1/qdb');
    try {
      assert.equal(sql.options.serializers[16]!(true), 'true');
      assert.equal(sql.options.serializers[16]!(false), 'false');
      assert.equal(
        (sql.options.parsers[1114]!('2026-01-15 10:00:00.000000') as Date).getTime(),
        Date.UTC(2026, 0, 15, 10),
      );
      assert.equal(sql.options.parsers[16]!('t'), true);
      // TIMESTAMP WITH TIME ZONE keeps postgres' parser: its text carries the offset.
      assert.equal(
        (sql.options.parsers[1184]!('2026-01-15 10:00:00+00') as Date).getTime(),
        Date.UTC(2026, 0, 15, 10),
      );
      assert.equal(sql.options.max, 3);
    } finally {
      await sql.end({ timeout: 0 });
    }
  });

  test('a query that never answers is cancelled after its timeout', async () => {
    // Accepts connections and never says a word: the client waits for its start-up reply forever.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket)).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as AddressInfo;
    const sql = createQuestDbSql(`postgres://admin:quest@127.0.0.1:${port}/qdb`);
    try {
      // The message is ours, so the client's own 10 s connect timeout did not fire first.
      await assert.rejects(withTimeout(sql`SELECT 1`, 200), /longer than 200 ms and was cancelled/);
    } finally {
      await sql.end({ timeout: 0 });
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});
