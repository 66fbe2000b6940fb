import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateCheck, type CheckResult } from '../check/evaluate-check.ts';
import type { Expectations } from '../config/config.ts';
import { createTarget } from '../config/read-target.ts';
import { listenDns } from './dns-server.testkit.ts';
import { probeDns } from './probe-dns.ts';

const records = {
  'app.example.test/A': ['192.0.2.1', '192.0.2.2'],
  'app.example.test/AAAA': ['2001:db8::1'],
  'www.example.test/CNAME': ['app.example.test'],
  'example.test/MX': ['10 mail.example.test'],
  'example.test/TXT': ['v=spf1 -all'],
  'example.test/NS': ['ns1.example.test'],
};
let dns: Awaited<ReturnType<typeof listenDns>>;
before(async () => (dns = await listenDns(records)));
after(() => dns.close());

const noStatus: Expectations = { status: [] };

const scenarios: {
  name: string;
  query: string;
  timeoutMs?: number;
  answers?: Expectations['answers'];
  seen?: string[];
  want: CheckResult;
}[] = [
  {
    name: 'A',
    query: 'app.example.test?type=A',
    seen: ['192.0.2.1', '192.0.2.2'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'A is the default type',
    query: 'app.example.test',
    seen: ['192.0.2.1', '192.0.2.2'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'AAAA',
    query: 'app.example.test?type=AAAA',
    seen: ['2001:db8::1'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'CNAME',
    query: 'www.example.test?type=CNAME',
    seen: ['app.example.test'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'MX',
    query: 'example.test?type=mx',
    seen: ['10 mail.example.test'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'TXT',
    query: 'example.test?type=TXT',
    seen: ['v=spf1 -all'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'NS',
    query: 'example.test?type=NS',
    seen: ['ns1.example.test'],
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'answers equal, in any order',
    query: 'app.example.test?type=A',
    answers: { test: 'equals', values: ['192.0.2.2', '192.0.2.1'] },
    want: { verdict: 'up', reason: null },
  },
  {
    name: 'an answer that changed is down',
    query: 'app.example.test?type=A',
    answers: { test: 'contains', values: ['198.51.100.7'] },
    want: {
      verdict: 'down',
      reason: 'body',
      detail: 'answers: expected to contain ["198.51.100.7"], saw ["192.0.2.1","192.0.2.2"]',
    },
  },
  {
    name: 'an unknown name is down for dns, with the code',
    query: 'nope.example.test',
    want: { verdict: 'down', reason: 'dns' },
  },
  {
    name: 'no answer in time is a timeout',
    query: 'silent.example.test',
    timeoutMs: 300,
    want: { verdict: 'down', reason: 'timeout' },
  },
];

for (const scenario of scenarios) {
  test(`probeDns: ${scenario.name}`, async () => {
    const url = `dns://${dns.server}/${scenario.query}`;
    const target = createTarget(
      { name: scenario.name, url, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 },
      {
        timeoutMs: scenario.timeoutMs ?? 10_000,
        expect: scenario.answers ? { ...noStatus, answers: scenario.answers } : noStatus,
      },
    );
    const observation = await probeDns(target, Date.now);
    assert.equal(observation.httpStatus, -1);
    if (scenario.seen) assert.deepEqual(observation.answers, scenario.seen);
    if (scenario.want.reason === 'dns') assert.equal(observation.detail, 'ENOTFOUND');
    assert.deepEqual(evaluateCheck(observation, target.expect), scenario.want);
  });
}
