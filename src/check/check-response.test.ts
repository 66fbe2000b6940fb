import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Expectations } from '../config/config.ts';
import type { Observation } from '../probe/observation.ts';
import { checkResponse, type ConditionFailure } from './check-response.ts';

const status: Expectations['status'] = [{ from: 200, to: 299 }];
const base: Observation = {
  startedAt: 0,
  httpStatus: 200,
  latencyMs: 1,
  timings: {},
  method: 'GET',
  redirects: 0,
};
const health =
  '{"status":"UP","queue":{"depth":12},"role":"primary","big":12345678901234567890,"huge":1e400}';

const body = (contains: string[] = [], notContains: string[] = [], matches: string[] = []) => ({
  contains,
  notContains,
  matches,
});

const scenarios: {
  name: string;
  body?: string | Buffer;
  headers?: Record<string, string>;
  patternOutcomes?: Observation['patternOutcomes'];
  answers?: string[];
  expect: Omit<Expectations, 'status'>;
  want: ConditionFailure | undefined;
}[] = [
  { name: 'contains: present', body: 'all good', expect: { body: body(['good']) }, want: undefined },
  {
    name: 'contains: absent, with what was seen',
    body: 'maintenance',
    expect: { body: body(['good']) },
    want: { reason: 'body', detail: 'body does not contain "good"; saw "maintenance"' },
  },
  {
    name: 'contains: an empty body',
    expect: { body: body(['good']) },
    want: { reason: 'body', detail: 'body does not contain "good"; saw ""' },
  },
  {
    name: 'notContains: present, with the text around it',
    body: 'We are down for maintenance until 10:00',
    expect: { body: body([], ['maintenance']) },
    want: {
      reason: 'body',
      detail: 'body contains "maintenance": "We are down for maintenance until 10:00"',
    },
  },
  {
    name: 'what was seen is cut to 80 characters',
    body: 'x'.repeat(5000),
    expect: { body: body(['ok']) },
    want: { reason: 'body', detail: `body does not contain "ok"; saw "${'x'.repeat(80)}"...` },
  },
  {
    name: 'bytes that are not UTF-8 read as U+FFFD and the rest still matches',
    body: Buffer.from([0xff, 0xfe, 0x6f, 0x6b]),
    expect: { body: body(['ok']) },
    want: undefined,
  },
  {
    name: 'bytes that are not UTF-8 show as U+FFFD in the detail',
    body: Buffer.from([0xc3, 0x28]),
    expect: { body: body(['ok']) },
    want: { reason: 'body', detail: 'body does not contain "ok"; saw "\uFFFD("' },
  },
  {
    name: 'matches: the probe saw a match',
    body: 'v2.1',
    patternOutcomes: [true],
    expect: { body: body([], [], ['^v2\\.']) },
    want: undefined,
  },
  {
    name: 'matches: no match',
    body: 'v1.9',
    patternOutcomes: [false],
    expect: { body: body([], [], ['^v2\\.']) },
    want: { reason: 'body', detail: 'body does not match /^v2\\./; saw "v1.9"' },
  },
  {
    name: 'matches: the pattern ran out of time',
    body: 'aaaa',
    patternOutcomes: ['timeout'],
    expect: { body: body([], [], ['(a+)+$']) },
    want: { reason: 'body', detail: 'body pattern /(a+)+$/ did not finish within the timeout' },
  },
  {
    name: 'json: every kind of condition holds',
    body: health,
    expect: {
      json: [
        { pointer: '/status', test: 'equals', value: 'UP' },
        { pointer: '/status', test: 'notEquals', value: 'DOWN' },
        { pointer: '/queue/depth', test: 'lessThan', value: 100 },
        { pointer: '/queue/depth', test: 'greaterThan', value: 0 },
        { pointer: '/queue', test: 'equals', value: { depth: 12 } },
        { pointer: '/role', test: 'in', value: ['primary', 'replica'] },
        { pointer: '/error', test: 'exists', value: false },
        { pointer: '/queue/depth', test: 'exists', value: true },
      ],
    },
    want: undefined,
  },
  {
    name: 'json: equals fails with the value seen',
    body: '{"status":"DOWN"}',
    expect: { json: [{ pointer: '/status', test: 'equals', value: 'UP' }] },
    want: { reason: 'body', detail: 'json /status: expected "UP", saw "DOWN"' },
  },
  {
    name: 'json: a number is not the same as its text',
    body: '{"version":2}',
    expect: { json: [{ pointer: '/version', test: 'equals', value: '2' }] },
    want: { reason: 'body', detail: 'json /version: expected "2", saw 2' },
  },
  {
    name: 'json: notEquals fails',
    body: '{"status":"DOWN"}',
    expect: { json: [{ pointer: '/status', test: 'notEquals', value: 'DOWN' }] },
    want: { reason: 'body', detail: 'json /status: expected not "DOWN", saw "DOWN"' },
  },
  {
    name: 'json: lessThan on text is a failure, not a coercion',
    body: '{"depth":"12"}',
    expect: { json: [{ pointer: '/depth', test: 'lessThan', value: 100 }] },
    want: { reason: 'body', detail: 'json /depth: expected a number less than 100, saw "12"' },
  },
  {
    name: 'json: greaterThan fails',
    body: '{"free":3}',
    expect: { json: [{ pointer: '/free', test: 'greaterThan', value: 10 }] },
    want: { reason: 'body', detail: 'json /free: expected a number greater than 10, saw 3' },
  },
  {
    name: 'json: a number past 2^53 compares as the double it parses to',
    body: health,
    expect: { json: [{ pointer: '/big', test: 'equals', value: 12345678901234567000 }] },
    want: undefined,
  },
  {
    name: 'json: 1e400 parses to Infinity, greater than any bound',
    body: health,
    expect: { json: [{ pointer: '/huge', test: 'greaterThan', value: Number.MAX_VALUE }] },
    want: undefined,
  },
  {
    name: 'json: in fails',
    body: '{"role":"standby"}',
    expect: { json: [{ pointer: '/role', test: 'in', value: ['primary', 'replica'] }] },
    want: {
      reason: 'body',
      detail: 'json /role: expected one of ["primary","replica"], saw "standby"',
    },
  },
  {
    name: 'json: a missing pointer fails every test but exists: false',
    body: '{}',
    expect: { json: [{ pointer: '/status', test: 'notEquals', value: 'DOWN' }] },
    want: { reason: 'body', detail: 'json /status: missing' },
  },
  {
    name: 'json: exists fails',
    body: '{"error":"disk full"}',
    expect: { json: [{ pointer: '/error', test: 'exists', value: false }] },
    want: { reason: 'body', detail: 'json /error: expected absent' },
  },
  {
    name: 'json: malformed',
    body: '{"status": UP}',
    expect: { json: [{ pointer: '/status', test: 'equals', value: 'UP' }] },
    want: { reason: 'body', detail: 'body is not JSON: "{\\"status\\": UP}"' },
  },
  {
    name: 'json: cut off at the body cap reads as malformed',
    body: '{"status":"UP","padding":"xxx',
    expect: { json: [{ pointer: '', test: 'exists', value: true }] },
    want: { reason: 'body', detail: 'body is not JSON: "{\\"status\\":\\"UP\\",\\"padding\\":\\"xxx"' },
  },
  {
    name: 'json: the whole body by the empty pointer',
    body: '"ok"',
    expect: { json: [{ pointer: '', test: 'equals', value: 'ok' }] },
    want: undefined,
  },
  {
    name: 'headers: every kind holds',
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-version': '2' },
    patternOutcomes: [true],
    expect: {
      headers: [
        { name: 'content-type', test: 'matches', value: '^application/json' },
        { name: 'x-version', test: 'equals', value: '2' },
        { name: 'x-version', test: 'present', value: true },
        { name: 'x-debug', test: 'present', value: false },
      ],
    },
    want: undefined,
  },
  {
    name: 'headers: missing',
    headers: {},
    expect: { headers: [{ name: 'x-version', test: 'equals', value: '2' }] },
    want: { reason: 'header', detail: 'header x-version: missing' },
  },
  {
    name: 'headers: equals fails',
    headers: { 'x-version': '1' },
    expect: { headers: [{ name: 'x-version', test: 'equals', value: '2' }] },
    want: { reason: 'header', detail: 'header x-version: expected "2", saw "1"' },
  },
  {
    name: 'headers: matches fails',
    headers: { 'content-type': 'text/html' },
    patternOutcomes: [false],
    expect: { headers: [{ name: 'content-type', test: 'matches', value: '^application/json' }] },
    want: {
      reason: 'header',
      detail: 'header content-type: does not match /^application/json/; saw "text/html"',
    },
  },
  {
    name: 'headers: a credential header never shows its value',
    headers: { 'set-cookie': 'session=secret' },
    expect: { headers: [{ name: 'set-cookie', test: 'present', value: false }] },
    want: { reason: 'header', detail: 'header set-cookie: expected absent, saw (value hidden)' },
  },
  {
    name: 'header conditions are judged before the body',
    headers: {},
    body: 'maintenance',
    expect: { body: body(['ok']), headers: [{ name: 'etag', test: 'present', value: true }] },
    want: { reason: 'header', detail: 'header etag: missing' },
  },
  {
    name: 'body and header patterns keep their own outcomes',
    body: 'v1',
    headers: { server: 'nginx' },
    patternOutcomes: [true, false],
    expect: { body: body([], [], ['v1']), headers: [{ name: 'server', test: 'matches', value: 'caddy' }] },
    want: { reason: 'header', detail: 'header server: does not match /caddy/; saw "nginx"' },
  },
  {
    name: 'answers: contains holds whatever else is there',
    answers: ['192.0.2.1', '192.0.2.2'],
    expect: { answers: { test: 'contains', values: ['192.0.2.2'] } },
    want: undefined,
  },
  {
    name: 'answers: equals holds in any order',
    answers: ['192.0.2.2', '192.0.2.1'],
    expect: { answers: { test: 'equals', values: ['192.0.2.1', '192.0.2.2'] } },
    want: undefined,
  },
  {
    name: 'answers: equals fails on an extra answer',
    answers: ['192.0.2.1', '203.0.113.9'],
    expect: { answers: { test: 'equals', values: ['192.0.2.1'] } },
    want: {
      reason: 'body',
      detail: 'answers: expected exactly ["192.0.2.1"], saw ["192.0.2.1","203.0.113.9"]',
    },
  },
  {
    name: 'answers: contains fails on a missing answer',
    answers: [],
    expect: { answers: { test: 'contains', values: ['10 mail.example.com'] } },
    want: { reason: 'body', detail: 'answers: expected to contain ["10 mail.example.com"], saw []' },
  },
];

for (const scenario of scenarios) {
  test(`checkResponse: ${scenario.name}`, () => {
    const observation: Observation = {
      ...base,
      ...(scenario.body !== undefined && { body: Buffer.from(scenario.body) }),
      ...(scenario.headers && { headers: scenario.headers }),
      ...(scenario.patternOutcomes && { patternOutcomes: scenario.patternOutcomes }),
      ...(scenario.answers && { answers: scenario.answers }),
    };
    assert.deepEqual(checkResponse(observation, { status, ...scenario.expect }), scenario.want);
  });
}
