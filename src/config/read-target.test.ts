import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Target } from './config.ts';
import { readTarget } from './read-target.ts';
import { documentedDefaultTarget } from './documented-defaults.testkit.ts';

const required = { name: 'Site', url: 'https://example.com' };

function read(fields: Record<string, unknown>) {
  const errors: string[] = [];
  const target = readTarget({ ...required, ...fields }, 'targets[0]', errors);
  return { target, errors };
}

const defaultTarget = documentedDefaultTarget;
const { status, certificateMs } = defaultTarget.expect;
const day = 86_400_000;

describe('readTarget fields', () => {
  const cases: [name: string, fields: Record<string, unknown>, expected: Partial<Target>][] = [
    ['nothing but name and url', {}, {}],
    ['a name and url with spaces around', { name: ' Site ', url: ' https://example.com ' }, {}],
    [
      'an interval',
      { interval: '1m30s' },
      { schedule: { kind: 'interval', everyMs: 90_000 }, periodMs: 90_000 },
    ],
    [
      'a short interval, which halves the default timeout',
      { interval: '5s' },
      { schedule: { kind: 'interval', everyMs: 5000 }, periodMs: 5000, timeoutMs: 2500 },
    ],
    [
      'cron every 15 seconds',
      { cron: '*/15 * * * * *' },
      { schedule: { kind: 'cron', pattern: '*/15 * * * * *' }, periodMs: 15_000 },
    ],
    [
      'cron every 5 minutes, on the minute',
      { cron: '0 */5 * * * *' },
      { schedule: { kind: 'cron', pattern: '0 */5 * * * *' }, periodMs: 300_000 },
    ],
    [
      'cron with five fields',
      { cron: '* * * * *' },
      { schedule: { kind: 'cron', pattern: '* * * * *' }, periodMs: 60_000 },
    ],
    ['a method in any case', { method: 'get' }, { method: 'GET' }],
    [
      'a URL with credentials, shown redacted',
      { url: 'https://u:pw@example.com/?token=t' },
      { url: 'https://u:pw@example.com/?token=t', publicUrl: 'https://example.com/?token=***' },
    ],
    [
      'a publicUrl shown instead',
      { publicUrl: 'https://www.example.com' },
      { publicUrl: 'https://www.example.com' },
    ],
    ['publicUrl false: nothing shown', { publicUrl: false }, { publicUrl: '' }],
    [
      'a timeout',
      { interval: '30s', timeout: '5s' },
      { schedule: { kind: 'interval', everyMs: 30_000 }, periodMs: 30_000, timeoutMs: 5000 },
    ],
    [
      'one status code',
      { expect: { status: 204 } },
      { expect: { status: [{ from: 204, to: 204 }], certificateMs } },
    ],
    [
      'one status range',
      { expect: { status: '200-299' } },
      { expect: { status: [{ from: 200, to: 299 }], certificateMs } },
    ],
    [
      'a certificate window',
      { expect: { certificate: '30d' } },
      { expect: { status, certificateMs: 30 * day } },
    ],
    ['no certificate warning', { expect: { certificate: false } }, { expect: { status } }],
    [
      'codes and ranges, and a latency',
      { expect: { status: [200, '301-302', '404'], latency: '800ms' } },
      {
        expect: {
          status: [
            { from: 200, to: 200 },
            { from: 301, to: 302 },
            { from: 404, to: 404 },
          ],
          latencyMs: 800,
          certificateMs,
        },
      },
    ],
    [
      'headers, numbers as text',
      { headers: { Accept: 'application/json', 'X-Count': 3 } },
      { headers: { Accept: 'application/json', 'X-Count': '3' } },
    ],
    ['insecure', { insecure: true }, { insecure: true }],
    ['a group', { group: ' Payments ' }, { group: 'Payments' }],
    [
      'thresholds',
      { failuresBeforeDown: 3, successesBeforeUp: 2 },
      { failuresBeforeDown: 3, successesBeforeUp: 2 },
    ],
  ];
  for (const [name, fields, expected] of cases) {
    test(name, () => {
      assert.deepEqual(read(fields), { target: { ...defaultTarget, ...expected }, errors: [] });
    });
  }
});

describe('readTarget errors', () => {
  const statusProblem = 'expected a status code 100..599 or a range like "200-399"';
  const cases: [name: string, fields: Record<string, unknown>, errors: string[]][] = [
    [
      'missing name and url',
      { name: undefined, url: undefined },
      ['targets[0].name: required', 'targets[0].url: required'],
    ],
    ['a blank name', { name: '  ' }, ['targets[0].name: expected non-empty text, got "  "']],
    ['a number as name', { name: 2024 }, ['targets[0].name: expected non-empty text, got 2024']],
    ['a blank group', { group: '' }, ['targets[0].group: expected non-empty text, got ""']],
    [
      'not a URL',
      { url: 'not-a-url' },
      ['targets[0].url: must be an http(s), tcp or dns URL, got "not-a-url"'],
    ],
    [
      'a URL that does not parse, echoed without its password',
      { url: 'http://admin:s3cretpw@host:99999/?token=tok123' },
      ['targets[0].url: must be an http(s), tcp or dns URL, got "[unparseable URL]"'],
    ],
    [
      'not http(s), echoed redacted',
      { url: 'ftp://admin:s3cretpw@x.example/?token=tok123' },
      ['targets[0].url: must be an http(s), tcp or dns URL, got "ftp://x.example/?token=***"'],
    ],
    [
      'a publicUrl that is not a URL',
      { publicUrl: 'status page' },
      ['targets[0].publicUrl: must be an http(s) URL, got "status page"'],
    ],
    [
      'a publicUrl of the wrong type',
      { publicUrl: 1 },
      ['targets[0].publicUrl: expected an http(s) URL, true or false, got 1'],
    ],
    [
      'not http(s)',
      { url: 'ftp://x.example' },
      ['targets[0].url: must be an http(s), tcp or dns URL, got "ftp://x.example"'],
    ],
    [
      'an interval that is not a duration',
      { interval: 'soon' },
      ['targets[0].interval: expected a duration like 30s, got "soon"'],
    ],
    [
      'an interval without a unit',
      { interval: 30 },
      ['targets[0].interval: expected a duration like 30s, got 30'],
    ],
    [
      'an interval in part-seconds',
      { interval: '1500ms' },
      ['targets[0].interval: must be whole seconds, at least 1s, got "1500ms"'],
    ],
    [
      'a zero interval',
      { interval: '0s' },
      ['targets[0].interval: must be whole seconds, at least 1s, got "0s"'],
    ],
    [
      'interval and cron together',
      { interval: '30s', cron: '* * * * *' },
      ['targets[0]: has both interval and cron; keep one'],
    ],
    [
      'a cron value out of range',
      { cron: '61 * * * *' },
      ['targets[0].cron: invalid cron pattern "61 * * * *": Invalid value for minute: 61'],
    ],
    [
      'a cron pattern with too few fields',
      { cron: 'every minute' },
      [
        `targets[0].cron: invalid cron pattern "every minute": invalid configuration format ('every minute'), exactly five, six, or seven space separated parts are required`,
      ],
    ],
    [
      'a cron pattern that never repeats',
      { cron: '0 0 30 2 *' },
      ['targets[0].cron: cron pattern "0 0 30 2 *" does not run at least twice from now'],
    ],
    [
      'a cron that is not text',
      { cron: 5 },
      ['targets[0].cron: expected a cron pattern like "*/30 * * * * *", got 5'],
    ],
    [
      'an unknown method',
      { method: 'FETCH' },
      ['targets[0].method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"'],
    ],
    [
      'a timeout as long as the interval',
      { interval: '10s', timeout: '10s' },
      ['targets[0].timeout: must be less than the interval (10s), got "10s"'],
    ],
    ['a zero timeout', { timeout: '0s' }, ['targets[0].timeout: must be more than 0, got "0s"']],
    [
      'bad status entries, each at its index',
      { expect: { status: [99, '500-400', '2xx', 200.5] } },
      [
        `targets[0].expect.status[0]: ${statusProblem}, got 99`,
        `targets[0].expect.status[1]: ${statusProblem}, got "500-400"`,
        `targets[0].expect.status[2]: ${statusProblem}, got "2xx"`,
        `targets[0].expect.status[3]: ${statusProblem}, got 200.5`,
      ],
    ],
    [
      'a single bad status',
      { expect: { status: 600 } },
      [`targets[0].expect.status: ${statusProblem}, got 600`],
    ],
    [
      'an empty status list',
      { expect: { status: [] } },
      ['targets[0].expect.status: expected at least one status code or range'],
    ],
    ['expect not a mapping', { expect: 200 }, ['targets[0].expect: expected a mapping, got 200']],
    [
      'a latency that is not a duration',
      { expect: { latency: 'fast' } },
      ['targets[0].expect.latency: expected a duration like 30s, got "fast"'],
    ],
    [
      'a latency at the timeout',
      { expect: { latency: '10s' } },
      ['targets[0].expect.latency: must be more than 0 and less than the timeout (10s), got "10s"'],
    ],
    [
      'bad headers',
      { headers: { 'Bad Name': 'x', 'X-List': [1, 2], 'X-Smuggle': 'a\r\nHost: evil' } },
      [
        'targets[0].headers.Bad Name: not a valid header name',
        'targets[0].headers.X-List: expected text, got a list',
        'targets[0].headers.X-Smuggle: must not contain line breaks',
      ],
    ],
    [
      'headers as a list',
      { headers: ['Accept'] },
      ['targets[0].headers: expected a mapping of header names to values, got a list'],
    ],
    [
      'insecure not a boolean',
      { insecure: 'yes' },
      ['targets[0].insecure: expected true or false, got "yes"'],
    ],
    [
      'thresholds below one or fractional',
      { failuresBeforeDown: 0, successesBeforeUp: 1.5 },
      [
        'targets[0].failuresBeforeDown: expected an integer >= 1, got 0',
        'targets[0].successesBeforeUp: expected an integer >= 1, got 1.5',
      ],
    ],
    ['a misspelt key', { intreval: '30s' }, ['targets[0].intreval: unknown key (did you mean "interval"?)']],
    ['an unknown key', { color: 'red' }, ['targets[0].color: unknown key']],
    [
      'a misspelt expect key',
      { expect: { stauts: 200 } },
      ['targets[0].expect.stauts: unknown key (did you mean "status"?)'],
    ],
    [
      'a certificate window that is not a duration',
      { expect: { certificate: 14 } },
      ['targets[0].expect.certificate: expected a duration like 14d or false, got 14'],
    ],
    [
      'a certificate window of nothing',
      { expect: { certificate: '0s' } },
      ['targets[0].expect.certificate: must be more than 0 (false turns it off), got "0s"'],
    ],
  ];
  for (const [name, fields, errors] of cases) {
    test(name, () => {
      assert.deepEqual(read(fields), { target: undefined, errors });
    });
  }

  test('a target that is not a mapping', () => {
    const errors: string[] = [];
    assert.equal(readTarget('https://x.example', 'targets[0]', errors), undefined);
    assert.deepEqual(errors, ['targets[0]: expected a mapping, got "https://x.example"']);
  });
});
