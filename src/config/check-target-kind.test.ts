import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readTarget } from './read-target.ts';

function read(fields: Record<string, unknown>) {
  const errors: string[] = [];
  const target = readTarget({ name: 'T', ...fields }, 'targets[0]', errors);
  return { target, errors };
}

test('a tcp target expects no HTTP status and may ask for TLS', () => {
  const { target, errors } = read({ url: 'tcp://db:5432', tls: true, insecure: true });
  assert.deepEqual(errors, []);
  assert.deepEqual([target?.expect.status, target?.tls, target?.insecure], [[], true, true]);
});

test('a dns target takes expect.answers, one text or a list', () => {
  const { target, errors } = read({
    url: 'dns:///example.com',
    expect: { answers: { contains: '192.0.2.1' } },
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(target?.expect.answers, { test: 'contains', values: ['192.0.2.1'] });
});

const cases: [name: string, fields: Record<string, unknown>, errors: string[]][] = [
  [
    'tls on an https target',
    { url: 'https://x.example', tls: true },
    ['targets[0].tls: only for tcp:// targets'],
  ],
  [
    'tls that is not true or false',
    { url: 'tcp://db:5432', tls: 'yes' },
    ['targets[0].tls: expected true or false, got "yes"'],
  ],
  [
    'answers on a tcp target',
    { url: 'tcp://db:5432', expect: { answers: { equals: ['x'] } } },
    ['targets[0].expect.answers: only for dns:// targets'],
  ],
  [
    'HTTP keys on a dns target',
    {
      url: 'dns:///example.com',
      method: 'GET',
      headers: { A: 'b' },
      insecure: true,
      expect: { status: 200 },
    },
    [
      'targets[0].method: only for http(s) targets',
      'targets[0].headers: only for http(s) targets',
      'targets[0].insecure: only for http(s) targets',
      'targets[0].expect.status: only for http(s) targets',
    ],
  ],
  [
    'response conditions on a tcp target',
    { url: 'tcp://db:5432', expect: { body: { contains: 'x' } } },
    ['targets[0].expect.body: only for http(s) targets'],
  ],
  [
    'answers with two tests',
    { url: 'dns:///example.com', expect: { answers: { contains: 'a', equals: 'b' } } },
    ['targets[0].expect.answers: expected exactly one of contains, equals, got contains and equals'],
  ],
  [
    'answers that are not text',
    { url: 'dns:///example.com', expect: { answers: { equals: [1] } } },
    ['targets[0].expect.answers.equals[0]: expected non-empty text or a list of texts, got 1'],
  ],
];
for (const [name, fields, errors] of cases) {
  test(`target kinds: ${name}`, () => assert.deepEqual(read(fields), { target: undefined, errors }));
}
