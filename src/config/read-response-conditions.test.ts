import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Expectations } from './config.ts';
import { readExpect } from './read-expect.ts';

function read(expect: unknown) {
  const errors: string[] = [];
  return { expect: readExpect(expect, 'targets[0].expect', 10_000, errors), errors };
}

const { status, certificateMs } = read(undefined).expect!;

describe('response conditions', () => {
  const cases: [name: string, given: Record<string, unknown>, want: Partial<Expectations>][] = [
    [
      'body texts, one or a list',
      { body: { contains: 'ok', notContains: ['maintenance', 'error'], matches: '^v\\d+' } },
      { body: { contains: ['ok'], notContains: ['maintenance', 'error'], matches: ['^v\\d+'] } },
    ],
    [
      'json, one condition of each kind',
      {
        json: [
          { pointer: '/status', equals: 'UP' },
          { pointer: '/status', notEquals: null },
          { pointer: '/queue/depth', lessThan: 100 },
          { pointer: '/free', greaterThan: 0.5 },
          { pointer: '/error', exists: false },
          { pointer: '/role', in: ['primary', 'replica'] },
          { pointer: '', exists: true },
        ],
      },
      {
        json: [
          { pointer: '/status', test: 'equals', value: 'UP' },
          { pointer: '/status', test: 'notEquals', value: null },
          { pointer: '/queue/depth', test: 'lessThan', value: 100 },
          { pointer: '/free', test: 'greaterThan', value: 0.5 },
          { pointer: '/error', test: 'exists', value: false },
          { pointer: '/role', test: 'in', value: ['primary', 'replica'] },
          { pointer: '', test: 'exists', value: true },
        ],
      },
    ],
    [
      'headers, names lower-cased',
      {
        headers: {
          'Content-Type': { matches: '^application/json' },
          'X-Version': { equals: 2 },
          ETag: { present: true },
        },
      },
      {
        headers: [
          { name: 'content-type', test: 'matches', value: '^application/json' },
          { name: 'x-version', test: 'equals', value: '2' },
          { name: 'etag', test: 'present', value: true },
        ],
      },
    ],
  ];
  for (const [name, given, want] of cases) {
    test(name, () => {
      assert.deepEqual(read(given), { expect: { status, certificateMs, ...want }, errors: [] });
    });
  }
});

describe('response condition errors, named by path', () => {
  const at = 'targets[0].expect';
  const cases: [name: string, given: Record<string, unknown>, errors: string[]][] = [
    ['body not a mapping', { body: 'ok' }, [`${at}.body: expected a mapping, got "ok"`]],
    [
      'body with no condition',
      { body: {} },
      [`${at}.body: expected at least one of contains, notContains, matches`],
    ],
    [
      'a misspelt body key',
      { body: { contain: 'ok' } },
      [`${at}.body.contain: unknown key (did you mean "contains"?)`],
    ],
    [
      'an empty text',
      { body: { contains: '' } },
      [`${at}.body.contains: expected non-empty text or a list of texts, got ""`],
    ],
    [
      'a bad entry in a list',
      { body: { notContains: ['a', 3] } },
      [`${at}.body.notContains[1]: expected non-empty text or a list of texts, got 3`],
    ],
    [
      'a pattern RE2 cannot run',
      { body: { matches: ['ok', '(?=look)ahead'] } },
      [`${at}.body.matches[1]: not an RE2 pattern (invalid or unsupported Perl syntax: \`(?=\`)`],
    ],
    [
      'a pattern that does not parse',
      { body: { matches: '(open' } },
      [`${at}.body.matches: not an RE2 pattern (missing closing ): \`(open\`)`],
    ],
    [
      'json not a list',
      { json: { pointer: '/a', equals: 1 } },
      [`${at}.json: expected a list of conditions like { pointer: /status, equals: UP }, got a mapping`],
    ],
    [
      'a pointer without its slash',
      { json: [{ pointer: 'status', equals: 'UP' }] },
      [`${at}.json[0].pointer: expected a JSON Pointer like /status or "" for the whole body, got "status"`],
    ],
    [
      'a pointer with a bad escape',
      { json: [{ pointer: '/a~2b', exists: true }] },
      [`${at}.json[0].pointer: expected a JSON Pointer like /status or "" for the whole body, got "/a~2b"`],
    ],
    [
      'no test',
      { json: [{ pointer: '/a' }] },
      [
        `${at}.json[0]: expected exactly one of equals, notEquals, lessThan, greaterThan, exists, in, got none`,
      ],
    ],
    [
      'two tests',
      { json: [{ pointer: '/a', equals: 1, lessThan: 2 }] },
      [
        `${at}.json[0]: expected exactly one of equals, notEquals, lessThan, greaterThan, exists, in, got equals and lessThan`,
      ],
    ],
    [
      'a bound that is not a number',
      { json: [{ pointer: '/a', lessThan: '5' }] },
      [`${at}.json[0].lessThan: expected a number, got "5"`],
    ],
    [
      'exists that is not true or false',
      { json: [{ pointer: '/a', exists: 'yes' }] },
      [`${at}.json[0].exists: expected true or false, got "yes"`],
    ],
    [
      'in that is not a list',
      { json: [{ pointer: '/a', in: 'UP' }] },
      [`${at}.json[0].in: expected a list of values, got "UP"`],
    ],
    [
      'a misspelt test',
      { json: [{ pointer: '/a', equal: 1 }] },
      [
        `${at}.json[0].equal: unknown key (did you mean "equals"?)`,
        `${at}.json[0]: expected exactly one of equals, notEquals, lessThan, greaterThan, exists, in, got none`,
      ],
    ],
    [
      'headers not a mapping',
      { headers: ['etag'] },
      [`${at}.headers: expected a mapping of header names to conditions, got a list`],
    ],
    [
      'a bad header name',
      { headers: { 'bad name': { present: true } } },
      [`${at}.headers.bad name: not a valid header name`],
    ],
    [
      'a header condition that is text',
      { headers: { etag: 'x' } },
      [`${at}.headers.etag: expected a mapping, got "x"`],
    ],
    [
      'present that is not true or false',
      { headers: { etag: { present: 1 } } },
      [`${at}.headers.etag.present: expected true or false, got 1`],
    ],
    [
      'equals that is not text',
      { headers: { etag: { equals: ['x'] } } },
      [`${at}.headers.etag.equals: expected text, got a list`],
    ],
    [
      'a header pattern RE2 cannot run',
      { headers: { server: { matches: '(a)\\1' } } },
      [`${at}.headers.server.matches: not an RE2 pattern (invalid escape sequence: \`\\1\`)`],
    ],
  ];
  for (const [name, given, errors] of cases) {
    test(name, () => {
      assert.deepEqual(read(given), { expect: undefined, errors });
    });
  }
});
