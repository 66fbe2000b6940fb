import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTextTable } from './text-table.ts';

test('pads text left-aligned and figures right-aligned, with a rule under the header', () => {
  assert.deepEqual(
    formatTextTable(
      ['name', 'req/s'],
      [
        ['identity', '4,402'],
        ['br', '12,911'],
      ],
    ),
    ['name      req/s', '--------  ------', 'identity   4,402', 'br        12,911'],
  );
});

test('a missing cell is blank', () => {
  assert.deepEqual(formatTextTable(['a', 'b'], [['x']]), ['a  b', '-  -', 'x']);
});

test('the first column is labels, left-aligned even when they start with a digit', () => {
  assert.deepEqual(
    formatTextTable(
      ['scenario', 'MB'],
      [
        ['1,000 @ 10s', '9'],
        ['100 @ 20s, loaded', '10'],
      ],
    ),
    ['scenario           MB', '-----------------  --', '1,000 @ 10s         9', '100 @ 20s, loaded  10'],
  );
});
