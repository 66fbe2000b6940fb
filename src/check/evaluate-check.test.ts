import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCheck, type CheckResult } from './evaluate-check.ts';
import type { Observation } from '../probe/observation.ts';
import type { Target } from '../config/config.ts';

const base: Observation = {
  startedAt: 0,
  httpStatus: 200,
  latencyMs: 40,
  timings: {},
  method: 'HEAD',
  redirects: 0,
};
const defaults: Target['expect'] = { status: [{ from: 200, to: 399 }] };
const day = 86_400_000;

const scenarios: {
  name: string;
  observation: Partial<Observation>;
  expect?: Target['expect'];
  want: CheckResult;
}[] = [
  { name: '200 is up', observation: {}, want: { verdict: 'up', reason: null } },
  {
    name: '399 is the top of the default range',
    observation: { httpStatus: 399 },
    want: { verdict: 'up', reason: null },
  },
  {
    name: '404 is down for status',
    observation: { httpStatus: 404 },
    want: { verdict: 'down', reason: 'status' },
  },
  {
    name: '503 is down for status',
    observation: { httpStatus: 503 },
    want: { verdict: 'down', reason: 'status' },
  },
  {
    name: 'probe error wins over a matching status',
    observation: { httpStatus: 200, error: 'reset' },
    want: { verdict: 'down', reason: 'reset' },
  },
  {
    name: 'no response is down with the probe reason',
    observation: { httpStatus: -1, error: 'timeout' },
    want: { verdict: 'down', reason: 'timeout' },
  },
  {
    name: 'expected 404 is up',
    observation: { httpStatus: 404 },
    expect: { status: [{ from: 404, to: 404 }] },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'several ranges',
    observation: { httpStatus: 418 },
    expect: {
      status: [
        { from: 200, to: 299 },
        { from: 418, to: 418 },
      ],
    },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'over the latency bound is degraded',
    observation: { latencyMs: 501 },
    expect: { status: defaults.status, latencyMs: 500 },
    want: { verdict: 'degraded', reason: 'slow' },
  },
  {
    name: 'exactly the latency bound is up',
    observation: { latencyMs: 500 },
    expect: { status: defaults.status, latencyMs: 500 },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'a slow wrong status is down, not degraded',
    observation: { httpStatus: 500, latencyMs: 900 },
    expect: { status: defaults.status, latencyMs: 500 },
    want: { verdict: 'down', reason: 'status' },
  },
  {
    name: 'a certificate with 3 days left, 14 expected, is degraded with the days in the detail',
    observation: {
      startedAt: Date.parse('2026-11-27T00:00:00Z'),
      certificateExpiresAt: Date.parse('2026-11-30T00:00:00Z'),
    },
    expect: { status: defaults.status, certificateMs: 14 * day },
    want: {
      verdict: 'degraded',
      reason: 'certificate',
      detail: 'certificate expires in 3.0 days (2026-11-30T00:00:00.000Z)',
    },
  },
  {
    name: 'a certificate with exactly the window left is up',
    observation: { startedAt: 0, certificateExpiresAt: 14 * day },
    expect: { status: defaults.status, certificateMs: 14 * day },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'a near certificate is not judged when the warning is off',
    observation: { startedAt: 0, certificateExpiresAt: day },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'no certificate seen (http) is up whatever the window',
    observation: {},
    expect: { status: defaults.status, certificateMs: 14 * day },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'a tcp or dns target expects no status: -1 without an error is up',
    observation: { httpStatus: -1 },
    expect: { status: [] },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'an expired certificate (seen only when insecure) is down for tls',
    observation: { startedAt: 2 * day, certificateExpiresAt: day },
    expect: { status: defaults.status, certificateMs: 14 * day },
    want: { verdict: 'down', reason: 'tls', detail: 'certificate expired at 1970-01-02T00:00:00.000Z' },
  },
  {
    name: 'a near certificate outranks slowness',
    observation: { startedAt: 0, certificateExpiresAt: day, latencyMs: 900 },
    expect: { status: defaults.status, certificateMs: 2 * day, latencyMs: 500 },
    want: {
      verdict: 'degraded',
      reason: 'certificate',
      detail: 'certificate expires in 1.0 days (1970-01-02T00:00:00.000Z)',
    },
  },
];

for (const scenario of scenarios) {
  test(`evaluateCheck: ${scenario.name}`, () => {
    assert.deepEqual(
      evaluateCheck({ ...base, ...scenario.observation }, scenario.expect ?? defaults),
      scenario.want,
    );
  });
}
