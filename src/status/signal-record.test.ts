import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildSignal, fixtureReceived } from '../signal-fixture.testkit.ts';
import { openApiDocument } from '../api/openapi.ts';
import { groupSignals, toSignalRecord } from './signal-record.ts';

const measured = buildSignal({ dnsMs: 1.25, connectMs: 0.5, tlsMs: 12, firstByteMs: 30.01 });

test("toSignalRecord: the tutorial's four fields first, then target and region, the phases as measured", () => {
  const record = toSignalRecord(measured);
  assert.deepEqual(Object.entries(record).slice(0, 6), [
    ['url', 'https://example.com/'],
    ['http_status', 200],
    ['available', true],
    ['received', new Date(fixtureReceived).toISOString()],
    ['target', 'web'],
    ['region', 'eu'],
  ]);
  assert.deepEqual(
    [
      record.latency_ms,
      record.state,
      record.reason,
      record.dns_ms,
      record.connect_ms,
      record.tls_ms,
      record.first_byte_ms,
    ],
    [12.5, 'up', null, 1.25, 0.5, 12, 30.01],
  );
});

test('toSignalRecord: a phase that was not measured is sent as null, not left out', () => {
  const record = toSignalRecord(buildSignal({ connectMs: 0.75 }));
  assert.deepEqual(
    [record.dns_ms, record.connect_ms, record.tls_ms, record.first_byte_ms],
    [null, 0.75, null, null],
  );
  assert.match(JSON.stringify(record), /"dns_ms":null/);
});

test('the OpenAPI SignalRecord documents exactly the fields sent, all required', () => {
  const schema = openApiDocument.components.schemas.SignalRecord;
  const sent = Object.keys(toSignalRecord(measured));
  assert.deepEqual(Object.keys(schema.properties), sent);
  assert.deepEqual(schema.required, sent);
});

test('groupSignals: one group per target, records in the given order', () => {
  const groups = groupSignals([
    buildSignal({ target: 'a', received: 1 }),
    buildSignal({ target: 'a', received: 2, tlsMs: 3 }),
    buildSignal({ target: 'b', received: 1 }),
  ]);
  assert.deepEqual(
    groups.map((group) => [group.target, group.records.map((record) => [record.received, record.tls_ms])]),
    [
      [
        'a',
        [
          ['1970-01-01T00:00:00.001Z', null],
          ['1970-01-01T00:00:00.002Z', 3],
        ],
      ],
      ['b', [['1970-01-01T00:00:00.001Z', null]]],
    ],
  );
});
