import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { HTTPException } from 'hono/http-exception';
import { instantSchema, parseInstant, readInstantParameter, singleParameter } from './parse-instant.ts';

const accepted: [string, number][] = [
  ['0', 0],
  ['1764217605000', 1_764_217_605_000],
  ['2026-07-01', Date.UTC(2026, 6, 1)],
  ['2026-07-01T10:30', Date.UTC(2026, 6, 1, 10, 30)],
  ['2026-07-01T10:30:15.250Z', Date.UTC(2026, 6, 1, 10, 30, 15, 250)],
  ['2026-07-01T12:30:15+02:00', Date.UTC(2026, 6, 1, 10, 30, 15)],
];
// The form is right, the date is not: the documented pattern lets it through, the parser does not.
const impossible = '2026-13-01';
const refused = [
  '',
  'yesterday',
  '-5',
  '1e12',
  impossible,
  '2026-07-01 10:30',
  'July 1, 2026',
  '12345678901234567',
];

describe('parseInstant', () => {
  for (const [raw, at] of accepted) test(`accepts ${raw}`, () => assert.equal(parseInstant('from', raw), at));
  for (const raw of refused) {
    test(`refuses ${JSON.stringify(raw)} with a 400 naming the parameter`, () =>
      assert.throws(
        () => parseInstant('from', raw),
        (error: unknown) =>
          error instanceof HTTPException && error.status === 400 && /^from: /.test(error.message),
      ));
  }
});

test('the OpenAPI pattern of an instant matches the forms parseInstant accepts', () => {
  const pattern = new RegExp(instantSchema.pattern);
  for (const [raw] of accepted) assert.ok(pattern.test(raw), raw);
  for (const raw of refused.filter((raw) => raw !== impossible)) assert.ok(!pattern.test(raw), raw);
});

test('readInstantParameter: absent, parsed, or a 400 naming the parameter', () => {
  assert.equal(readInstantParameter({}, 'to'), undefined);
  assert.equal(readInstantParameter({ to: ['2026-07-01'] }, 'to'), Date.UTC(2026, 6, 1));
  const badRequest = (message: RegExp) => (error: unknown) =>
    error instanceof HTTPException && error.status === 400 && message.test(error.message);
  assert.throws(() => readInstantParameter({ to: ['5', '6'] }, 'to'), badRequest(/^to: give it once/));
  assert.throws(() => readInstantParameter({ to: ['soon'] }, 'to'), badRequest(/^to: expected ISO 8601/));
});

test('singleParameter: absent, once, or a 400 when repeated', () => {
  assert.equal(singleParameter({}, 'to'), undefined);
  assert.equal(singleParameter({ to: ['5'] }, 'to'), '5');
  assert.throws(() => singleParameter({ to: ['5', '6'] }, 'to'), /to: give it once/);
});
