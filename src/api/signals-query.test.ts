import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPException } from 'hono/http-exception';
import { parseSignalsLimit } from './signals-query.ts';

const accepted: [string[] | undefined, number, number][] = [
  [undefined, 2, 60],
  [undefined, 1_666, 60],
  [undefined, 20_000, 5], // the default shrinks to fit the budget
  [undefined, 0, 60],
  [['10000'], 10, 10_000],
  [['1'], 100_000, 1],
  [['1000'], 100, 1_000],
];
for (const [values, targets, expected] of accepted) {
  test(`limit ${JSON.stringify(values)} over ${targets} targets is ${expected}`, () => {
    assert.equal(parseSignalsLimit(values, targets), expected);
  });
}

const refused: [string[], number, RegExp][] = [
  [['10001'], 1, /^limit: must be an integer from 1 to 10000, got "10001"$/],
  [['5', '6'], 1, /^limit: must be an integer from 1 to 10000, got "5,6"$/],
  [
    ['10000'],
    100,
    /^limit: 10000 x 100 targets is over the 100000-record budget .* pass target=NAME or a limit of at most 1000$/,
  ],
  [['1001'], 100, /at most 1000$/],
  [['2'], 100_001, /over the 100000-record budget/],
];
for (const [values, targets, message] of refused) {
  test(`limit ${JSON.stringify(values)} over ${targets} targets is a 400`, () => {
    assert.throws(
      () => parseSignalsLimit(values, targets),
      (error) => error instanceof HTTPException && error.status === 400 && message.test(error.message),
    );
  });
}
