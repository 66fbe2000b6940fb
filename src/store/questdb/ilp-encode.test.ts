import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Reason, Signal } from '../../signal.ts';
import { buildFullSignal, buildSignal } from '../../signal-fixture.testkit.ts';
import { parseIlp, toSignal } from './ilp-decode.testkit.ts';
import { encodeSignalRow, escapeString, escapeSymbol, toIlpLine, toNanoseconds } from './ilp-encode.ts';
import { questDbColumns } from './questdb-schema.ts';

// An up signal with nothing but the latency measured (the fixture's: web, eu, 12.5 ms).
const plain: Signal = buildSignal({ url: 'https://a/x?a=1,b=2' });

/** Every phase measured, one of them integer-valued. */
const phases = { dnsMs: 1.25, connectMs: 0.5, tlsMs: 12, firstByteMs: 30.01 } as const;

/** Text that breaks a careless encoder: every separator, escape and line break, and non-ASCII. */
const nastyTexts = [
  'with space',
  'comma,inside',
  'equals=inside',
  'double "quotes"',
  "single 'quotes'",
  'back\\slash',
  'trailing backslash\\',
  'new\nline',
  'carriage\rreturn',
  'crlf\r\nend',
  'Zürich ☃ 東京 🚀',
  '  leading and trailing spaces  ',
  ' x=1,y="2" z\\=3\n',
  '\\"',
];

describe('escapeSymbol and escapeString', () => {
  const cases = [
    { input: 'a b,c=d', symbol: 'a\\ b\\,c\\=d', string: 'a b,c=d' },
    { input: 'back\\slash', symbol: 'back\\\\slash', string: 'back\\\\slash' },
    { input: 'say "hi"', symbol: 'say\\ "hi"', string: 'say \\"hi\\"' },
    { input: 'line\nbreak\rhere', symbol: 'line\\\nbreak\\\rhere', string: 'line\\\nbreak\\\rhere' },
    { input: 'Zürich ☃', symbol: 'Zürich\\ ☃', string: 'Zürich ☃' },
  ];
  for (const { input, symbol, string } of cases) {
    test(JSON.stringify(input), () => {
      assert.equal(escapeSymbol(input), symbol);
      assert.equal(escapeString(input), string);
    });
  }
});

describe('toNanoseconds', () => {
  const cases = [
    { ms: 1764217605123, ns: '1764217605123000000' },
    { ms: 1764217605000, ns: '1764217605000000000' },
    { ms: 1764217605001, ns: '1764217605001000000' },
    { ms: 7258118400001, ns: '7258118400001000000' },
    { ms: 0, ns: '0' },
  ];
  for (const { ms, ns } of cases) test(`${ms} ms`, () => assert.equal(toNanoseconds(ms), ns));
  // The value a double holds for 1764217605001 * 1e6 is 1764217605000999936: wrong by 64 ns.
  test('a double would have been off', () =>
    assert.notEqual(BigInt(1764217605001 * 1e6), 1764217605001000000n));
  test('rejects a fractional or unsafe epoch', () => {
    assert.throws(() => toNanoseconds(1.5), /integer epoch ms/);
    assert.throws(() => toNanoseconds(2 ** 60), /integer epoch ms/);
  });
});

describe('encodeSignalRow', () => {
  test('writes the line: symbols first (in column order), the timestamp last', () => {
    assert.equal(
      toIlpLine('signals', encodeSignalRow(plain)),
      'signals,target=web,region=eu,state=up url="https://a/x?a=1,b=2",http_status=200i,available=t,latency_ms=12.5 1764217605000000000\n',
    );
  });

  const typed: { name: string; signal: Partial<Signal>; contains: string[]; absent?: string[] }[] = [
    {
      name: 'null reason is omitted',
      signal: { reason: null },
      contains: ['latency_ms=12.5 '],
      absent: ['reason'],
    },
    { name: 'a reason is a string field', signal: { reason: 'timeout' }, contains: [',reason="timeout" '] },
    { name: '-1 status is an int', signal: { httpStatus: -1 }, contains: ['http_status=-1i,'] },
    {
      name: 'integer latency stays a double',
      signal: { latencyMs: 12 },
      contains: ['latency_ms=12 '],
      absent: ['12i'],
    },
    { name: 'zero latency stays a double', signal: { latencyMs: 0 }, contains: ['latency_ms=0 '] },
    {
      name: 'false is f',
      signal: { available: false, state: 'down' },
      contains: ['available=f', ',state=down '],
    },
    {
      name: 'non-finite latency is left null',
      signal: { latencyMs: NaN },
      contains: ['available=t 1764'],
      absent: ['latency_ms'],
    },
    {
      name: 'null phases are omitted',
      signal: { reason: 'refused' },
      contains: [',reason="refused" 1764'],
      absent: ['dns_ms', 'connect_ms', 'tls_ms', 'first_byte_ms'],
    },
    {
      name: 'measured phases are doubles after the reason, an integer-valued one too',
      signal: { ...phases, reason: 'slow' },
      contains: [',reason="slow",dns_ms=1.25,connect_ms=0.5,tls_ms=12,first_byte_ms=30.01 1764'],
      absent: ['12i'],
    },
    {
      name: 'a zero phase is written, not taken for null',
      signal: { dnsMs: 0 },
      contains: [',dns_ms=0 1764'],
      absent: ['connect_ms', 'tls_ms', 'first_byte_ms'],
    },
    {
      name: 'only the skipped phase is missing',
      signal: { ...phases, tlsMs: null },
      contains: ['latency_ms=12.5,dns_ms=1.25,connect_ms=0.5,first_byte_ms=30.01 1764'],
      absent: ['tls_ms'],
    },
    {
      name: 'a non-finite phase is left null',
      signal: { dnsMs: NaN, connectMs: Infinity },
      contains: ['latency_ms=12.5 1764'],
      absent: ['dns_ms', 'connect_ms'],
    },
    {
      name: 'a certificate expiry is a timestamp field in epoch microseconds',
      signal: { certificateExpiresAt: Date.UTC(2027, 0, 31) },
      contains: [',certificate_expires_at=1801353600000000t 1764'],
    },
    {
      // RFC 5280's "no well-defined expiration" date: past 2^53 microseconds, still exact.
      name: 'a certificate valid to 9999 keeps every digit',
      signal: { certificateExpiresAt: Date.UTC(9999, 11, 31, 23, 59, 59) },
      contains: [',certificate_expires_at=253402300799000000t 1764'],
    },
    {
      name: 'no certificate is omitted',
      signal: {},
      contains: ['latency_ms=12.5 1764'],
      absent: ['certificate'],
    },
  ];
  for (const { name, signal, contains, absent = [] } of typed) {
    test(name, () => {
      const line = toIlpLine('signals', encodeSignalRow({ ...plain, ...signal }));
      for (const part of contains) assert.ok(line.includes(part), `${JSON.stringify(line)} lacks ${part}`);
      for (const part of absent) assert.ok(!line.includes(part), `${JSON.stringify(line)} has ${part}`);
    });
  }

  test('every column gets the type the table declares', () => {
    const signal = buildFullSignal();
    const [row] = parseIlp(toIlpLine('signals', encodeSignalRow(signal))).rows;
    // Every column but the timestamp is written, with the ILP type its table type takes.
    const ilpTypes: Record<string, string> = {
      SYMBOL: 'symbol',
      VARCHAR: 'string',
      INT: 'int',
      BOOLEAN: 'boolean',
      DOUBLE: 'double',
      TIMESTAMP: 'timestamp',
    };
    for (const { name, type } of questDbColumns.filter((column) => column.name !== 'received')) {
      const written: string | undefined = name in row!.symbols ? 'symbol' : row!.fields[name]?.type;
      assert.equal(written, ilpTypes[type], `${name} is ${type}`);
    }
    assert.deepEqual(toSignal(row!), signal);
  });

  test('refuses values the server would reject', () => {
    assert.throws(() => encodeSignalRow({ ...plain, target: '' }), /target must not be empty/);
    assert.throws(() => encodeSignalRow({ ...plain, httpStatus: 200.5 }), /32-bit integer/);
    assert.throws(() => encodeSignalRow({ ...plain, httpStatus: 2 ** 31 }), /32-bit integer/);
    assert.throws(
      () => encodeSignalRow({ ...plain, certificateExpiresAt: 1.5 }),
      /certificate_expires_at must be an integer epoch ms/,
    );
  });
});

describe('nasty text round-trips exactly, one row and the same columns each', () => {
  const signals = nastyTexts.map((text, i): Signal => ({
    ...plain,
    received: plain.received + i,
    target: text,
    region: text,
    url: text,
    reason: text as Reason,
  }));
  for (const signal of signals) {
    test(JSON.stringify(signal.target), () => {
      const { rows, rest } = parseIlp(toIlpLine('signals', encodeSignalRow(signal)));
      assert.equal(rest, '');
      assert.equal(rows.length, 1);
      assert.deepEqual(Object.keys(rows[0]!.symbols), ['target', 'region', 'state']);
      assert.deepEqual(Object.keys(rows[0]!.fields), [
        'url',
        'http_status',
        'available',
        'latency_ms',
        'reason',
      ]);
      assert.deepEqual(toSignal(rows[0]!), signal);
    });
  }
  test('all of them in one payload', () => {
    const payload = signals.map((signal) => toIlpLine('signals', encodeSignalRow(signal))).join('');
    assert.deepEqual(parseIlp(payload).rows.map(toSignal), signals);
  });
});
