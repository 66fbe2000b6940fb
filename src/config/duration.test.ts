import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatDuration, parseDuration } from './duration.ts';

describe('parseDuration', () => {
  const valid: [text: string, milliseconds: number][] = [
    ['500ms', 500],
    ['30s', 30_000],
    ['1m', 60_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['400d', 400 * 86_400_000],
    ['1m30s', 90_000],
    ['1h30m', 5_400_000],
    ['1d2h3m4s5ms', 93_784_005],
    ['0s', 0],
    [' 30s ', 30_000],
  ];
  for (const [text, milliseconds] of valid) {
    test(`reads ${JSON.stringify(text)} as ${milliseconds} ms`, () => {
      assert.equal(parseDuration(text), milliseconds);
    });
  }

  const invalid = [
    '',
    'soon',
    '30',
    's',
    '1.5s',
    '-1s',
    '30 s',
    '30S',
    '1w',
    '30s1m',
    '1m1m',
    '1ms30s',
    '5mss',
    '99999999999999999d',
  ];
  for (const text of invalid) {
    test(`rejects ${JSON.stringify(text)}`, () => {
      assert.equal(parseDuration(text), undefined);
    });
  }
});

describe('formatDuration', () => {
  const cases: [milliseconds: number, text: string][] = [
    [0, '0s'],
    [500, '500ms'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [93_784_005, '1d2h3m4s5ms'],
  ];
  for (const [milliseconds, text] of cases) {
    test(`writes ${milliseconds} ms as ${text}, which reads back the same`, () => {
      assert.equal(formatDuration(milliseconds), text);
      assert.equal(parseDuration(text), milliseconds);
    });
  }
});
