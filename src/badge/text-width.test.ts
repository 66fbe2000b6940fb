import { test } from 'node:test';
import assert from 'node:assert/strict';
import { measureVerdana11 } from './text-width.ts';

// Widths from the table, not from the number of characters: "iiii" and "WWWW" differ.
const cases: [string, number][] = [
  ['', 0],
  ['i', 3.02],
  ['W', 10.88],
  ['up', 13.81],
  ['99.93%', 43.8],
  ['\u0007', 0],
];
for (const [text, expected] of cases) {
  test(`"${text}" is ${expected} px in 11px Verdana`, () => {
    assert.ok(Math.abs(measureVerdana11(text) - expected) < 0.01, `${measureVerdana11(text)}`);
  });
}

test('narrow and wide letters of the same count differ in width', () => {
  assert.ok(measureVerdana11('WWWW') > 3 * measureVerdana11('iiii'));
});

test('a code point the table lacks counts as an "m"', () => {
  assert.equal(measureVerdana11('\u{1F600}'), measureVerdana11('m'));
});
