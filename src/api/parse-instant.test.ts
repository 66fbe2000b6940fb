import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTPException } from 'hono/http-exception';
import { parseInstant, singleParameter } from './parse-instant.ts';

describe('parseInstant', () => {
  const accepted: [string, number][] = [
    ['0', 0],
    ['1764217605000', 1_764_217_605_000],
    ['2026-07-01', Date.UTC(2026, 6, 1)],
    ['2026-07-01T10:30', Date.UTC(2026, 6, 1, 10, 30)],
    ['2026-07-01T10:30:15.250Z', Date.UTC(2026, 6, 1, 10, 30, 15, 250)],
    ['2026-07-01T12:30:15+02:00', Date.UTC(2026, 6, 1, 10, 30, 15)],
  ];
  for (const [raw, at] of accepted) test(`accepts ${raw}`, () => assert.equal(parseInstant('from', raw), at));
  for (const raw of [
    '',
    'yesterday',
    '-5',
    '1e12',
    '2026-13-01',
    '2026-07-01 10:30',
    'July 1, 2026',
    '12345678901234567',
  ]) {
    test(`refuses ${JSON.stringify(raw)} with a 400 naming the parameter`, () =>
      assert.throws(
        () => parseInstant('from', raw),
        (error: unknown) =>
          error instanceof HTTPException && error.status === 400 && /^from: /.test(error.message),
      ));
  }
});

test('singleParameter: absent, once, or a 400 when repeated', () => {
  assert.equal(singleParameter({}, 'to'), undefined);
  assert.equal(singleParameter({ to: ['5'] }, 'to'), '5');
  assert.throws(() => singleParameter({ to: ['5', '6'] }, 'to'), /to: give it once/);
});
