import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Signal } from '../../signal.ts';
import { buildSignal } from '../../signal-fixture.testkit.ts';
import { compareSignals, compareText } from '../signal-order.ts';
import { toRollup, toSignal, type SignalRow } from './questdb-reader.ts';

const row: SignalRow = {
  received: new Date(Date.UTC(2026, 10, 27, 10, 0, 0, 123)),
  target: 'web',
  region: 'eu',
  url: 'https://example.com/',
  http_status: -1,
  available: false,
  state: 'down',
  latency_ms: 12,
  reason: 'timeout',
  dns_ms: 1.25,
  connect_ms: 0.5,
  tls_ms: null,
  first_byte_ms: null,
};

describe('toSignal', () => {
  test('maps every column, the timestamp to epoch ms', () => {
    assert.deepEqual(
      toSignal(row),
      buildSignal({
        received: Date.UTC(2026, 10, 27, 10, 0, 0, 123),
        httpStatus: -1,
        available: false,
        state: 'down',
        latencyMs: 12,
        reason: 'timeout',
        dnsMs: 1.25,
        connectMs: 0.5,
      }),
    );
  });
  test('phases map by name; NULL ones (not measured) stay null, never 0 or NaN', () => {
    const measured = toSignal({ ...row, dns_ms: 0, connect_ms: 2.5, tls_ms: 7.75, first_byte_ms: 40.01 });
    assert.deepEqual(
      [measured.dnsMs, measured.connectMs, measured.tlsMs, measured.firstByteMs],
      [0, 2.5, 7.75, 40.01],
    );
    const skipped = toSignal({ ...row, dns_ms: null, connect_ms: null, tls_ms: null, first_byte_ms: null });
    assert.deepEqual(
      [skipped.dnsMs, skipped.connectMs, skipped.tlsMs, skipped.firstByteMs],
      [null, null, null, null],
    );
  });
  test('a null latency (written for a non-finite one) reads as NaN; a null reason stays null', () => {
    const signal = toSignal({ ...row, latency_ms: null, reason: null });
    assert.ok(Number.isNaN(signal.latencyMs));
    assert.equal(signal.reason, null);
  });
});

describe('toRollup', () => {
  test('LONG sums arrive as strings and become numbers', () => {
    const rollup = toRollup({
      received: new Date(Date.UTC(2026, 0, 1, 5)),
      target: 'web',
      checks: '60',
      up: '59',
      latency_sum: 2490.5,
      latency_max: 120.25,
      maintenance: '3',
    });
    assert.deepEqual(rollup, {
      target: 'web',
      start: Date.UTC(2026, 0, 1, 5),
      checks: 60,
      up: 59,
      latencySum: 2490.5,
      latencyMax: 120.25,
      maintenance: 3,
    });
  });
});

describe('compareText orders like SQLite (UTF-8 bytes)', () => {
  const pairs = [
    ['a', 'b'],
    ['a', 'ab'],
    ['B', 'a'],
    ['Zz', 'Zürich'],
    ['\uFFFD', '😀'], // astral after U+FFFD in UTF-8; UTF-16 `<` says the opposite
    ['x😀', 'x😁'],
  ];
  for (const [lower, higher] of pairs) {
    test(`${JSON.stringify(lower)} < ${JSON.stringify(higher)}`, () => {
      assert.equal(
        Buffer.compare(Buffer.from(lower!), Buffer.from(higher!)),
        -1,
        'the pair is in UTF-8 order',
      );
      assert.ok(compareText(lower!, higher!) < 0);
      assert.ok(compareText(higher!, lower!) > 0);
    });
  }
  test('equal text is equal', () => assert.equal(compareText('Zürich ☃', 'Zürich ☃'), 0));
});

test('compareSignals: time, then target, then region', () => {
  const at = (received: number, target: string, region: string) =>
    ({ ...toSignal(row), received, target, region }) as Signal;
  const sorted = [at(2, 'a', 'eu'), at(1, 'b', 'us'), at(1, 'b', 'eu'), at(1, 'a', 'us')].sort(
    compareSignals,
  );
  assert.deepEqual(
    sorted.map((s) => `${s.received} ${s.target} ${s.region}`),
    ['1 a us', '1 b eu', '1 b us', '2 a eu'],
  );
});
