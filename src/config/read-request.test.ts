import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Target } from './config.ts';
import { readTarget } from './read-target.ts';

function read(fields: Record<string, unknown>) {
  const errors: string[] = [];
  const target = readTarget(
    { name: 'API', url: 'https://api.example/health', ...fields },
    'targets[0]',
    errors,
  );
  return {
    request: target && { method: target.method, body: target.body, maxBodyBytes: target.maxBodyBytes },
    errors,
  };
}

const jsonCondition = { json: [{ pointer: '/status', equals: 'UP' }] };

describe('readRequest', () => {
  const cases: [
    name: string,
    fields: Record<string, unknown>,
    want: Pick<Target, 'method' | 'body' | 'maxBodyBytes'>,
  ][] = [
    ['nothing given: HEAD, 64 KiB read', {}, { method: 'HEAD', body: undefined, maxBodyBytes: 65_536 }],
    [
      'a body alone: POST as JSON',
      { body: '{"ping":1}' },
      { method: 'POST', body: { text: '{"ping":1}', contentType: 'application/json' }, maxBodyBytes: 65_536 },
    ],
    [
      'a body with its method and content type',
      { method: 'put', body: 'a=1', contentType: 'application/x-www-form-urlencoded' },
      {
        method: 'PUT',
        body: { text: 'a=1', contentType: 'application/x-www-form-urlencoded' },
        maxBodyBytes: 65_536,
      },
    ],
    [
      'body conditions switch the default to GET',
      { expect: jsonCondition },
      { method: 'GET', body: undefined, maxBodyBytes: 65_536 },
    ],
    [
      'a larger read',
      { maxBodyBytes: 1_048_576 },
      { method: 'HEAD', body: undefined, maxBodyBytes: 1_048_576 },
    ],
  ];
  for (const [name, fields, want] of cases) {
    test(name, () => assert.deepEqual(read(fields), { request: want, errors: [] }));
  }
});

describe('readRequest errors, named by path', () => {
  const cases: [name: string, fields: Record<string, unknown>, errors: string[]][] = [
    [
      'a body on GET',
      { method: 'GET', body: 'x' },
      ['targets[0].body: needs method POST, PUT, PATCH, DELETE, OPTIONS; got GET'],
    ],
    ['an empty body', { body: '' }, ['targets[0].body: expected non-empty text, got ""']],
    [
      'a content type without a body',
      { contentType: 'text/plain' },
      ['targets[0].contentType: only used with body; set body too'],
    ],
    [
      'body conditions on HEAD',
      { method: 'HEAD', expect: jsonCondition },
      ['targets[0].method: HEAD has no response body for expect.body or expect.json; use GET'],
    ],
    [
      'no bytes read',
      { maxBodyBytes: 0 },
      ['targets[0].maxBodyBytes: expected an integer 1..16777216, got 0'],
    ],
    [
      'more than 16 MiB',
      { maxBodyBytes: 16_777_217 },
      ['targets[0].maxBodyBytes: expected an integer 1..16777216, got 16777217'],
    ],
  ];
  for (const [name, fields, errors] of cases) {
    test(name, () => assert.deepEqual(read(fields), { request: undefined, errors }));
  }
});
