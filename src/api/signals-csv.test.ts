import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildFullSignal, buildSignal } from '../signal-fixture.testkit.ts';
import { signalColumnList } from '../signal-columns.ts';
import { formatSignalsCsv, wantsCsv } from './signals-csv.ts';

test('formatSignalsCsv: a header of field names, ISO times, empty nulls, quoted awkward text', () => {
  const awkward = buildSignal({ target: 'a, "b"\nc', received: Date.UTC(2026, 0, 2, 3, 4, 5, 6) });
  const csv = formatSignalsCsv([awkward]);
  const [header, line, end] = csv.split('\r\n');
  assert.equal(header, signalColumnList.map(({ name }) => name).join(','));
  // The line break inside the quotes stays (a bare LF), every null is an empty field.
  assert.equal(line, 'https://example.com/,200,true,2026-01-02T03:04:05.006Z,"a, ""b""\nc",eu,12.5,up,,,,,,');
  assert.equal(end, '');
  assert.equal(csv.endsWith('\r\n'), true);
});

test('formatSignalsCsv: every column of a full signal appears, in column order', () => {
  const full = buildFullSignal();
  const [, line] = formatSignalsCsv([full]).split('\r\n');
  assert.equal(line!.split(',').length, signalColumnList.length);
  assert.equal(
    line!.split(',').at(-1),
    new Date(full.certificateExpiresAt!).toISOString(),
    'every time is ISO',
  );
  assert.equal(formatSignalsCsv([]), `${signalColumnList.map(({ name }) => name).join(',')}\r\n`);
});

test('wantsCsv: format wins; otherwise an Accept naming text/csv', () => {
  const cases: [string | undefined, string | undefined, boolean][] = [
    ['csv', undefined, true],
    ['json', 'text/csv', false],
    [undefined, 'text/csv', true],
    [undefined, 'application/json, text/csv;q=0.5', true],
    [undefined, 'application/json', false],
    [undefined, '*/*', false],
    [undefined, undefined, false],
  ];
  for (const [format, accept, expected] of cases)
    assert.equal(wantsCsv(format, accept), expected, `${format} ${accept}`);
});
