import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HTTPException } from 'hono/http-exception';
import { parseSignalsLimit } from './signals-query.ts';

const accepted: [string[] | undefined, number, number][] = [
  [undefined, 2, 60],
  [undefined, 500, 60],
  [undefined, 501, 59], // the default shrinks to fit the budget
  [undefined, 20_000, 1],
  [undefined, 0, 60],
  [['10000'], 3, 10_000],
  [['1'], 30_000, 1],
  [['300'], 100, 300],
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
    /^limit: 10000 x 100 targets is over the 30000-record budget .* pass target=NAME or a limit of at most 300$/,
  ],
  [['301'], 100, /at most 300$/],
  [['2'], 30_001, /over the 30000-record budget/],
];
for (const [values, targets, message] of refused) {
  test(`limit ${JSON.stringify(values)} over ${targets} targets is a 400`, () => {
    assert.throws(
      () => parseSignalsLimit(values, targets),
      (error) => error instanceof HTTPException && error.status === 400 && message.test(error.message),
    );
  });
}
