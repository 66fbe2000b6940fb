import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixtureTarget } from '../web/fixture-status.testkit.ts';
import type { TargetStatus } from '../status/wire-types.ts';
import { describeBadge, parseBadgePath } from './badge-faces.ts';

function statusWith(overrides: Partial<TargetStatus>): TargetStatus {
  return { ...buildFixtureTarget({ name: 'API', state: 'up', now: Date.UTC(2026, 10, 29) }), ...overrides };
}
const uptime = (value: number | null) => ({ '24h': value, '7d': value, '30d': value, '90d': value });
const latency = (p50: number | null) => ({ p50_ms: p50, p95_ms: p50 });

const cases: [string, TargetStatus, Parameters<typeof describeBadge>[1], ReturnType<typeof describeBadge>][] =
  [
    [
      'up',
      statusWith({ state: 'up' }),
      { kind: 'status' },
      { label: 'API', message: 'up', color: 'brightgreen' },
    ],
    [
      'degraded',
      statusWith({ state: 'degraded' }),
      { kind: 'status' },
      { label: 'API', message: 'degraded', color: 'yellow' },
    ],
    [
      'down',
      statusWith({ state: 'down' }),
      { kind: 'status' },
      { label: 'API', message: 'down', color: 'red' },
    ],
    [
      'unknown',
      statusWith({ state: 'unknown' }),
      { kind: 'status' },
      { label: 'API', message: 'unknown', color: 'lightgrey' },
    ],
    [
      '100 %',
      statusWith({ uptime: uptime(100) }),
      { kind: 'uptime', window: '7d' },
      { label: 'uptime 7d', message: '100%', color: 'brightgreen' },
    ],
    [
      '99.999 % is not rounded up',
      statusWith({ uptime: uptime(99.999) }),
      { kind: 'uptime', window: '24h' },
      { label: 'uptime 24h', message: '99.99%', color: 'brightgreen' },
    ],
    [
      '99.5 %',
      statusWith({ uptime: uptime(99.5) }),
      { kind: 'uptime', window: '30d' },
      { label: 'uptime 30d', message: '99.5%', color: 'green' },
    ],
    [
      '97 %',
      statusWith({ uptime: uptime(97) }),
      { kind: 'uptime', window: '90d' },
      { label: 'uptime 90d', message: '97%', color: 'yellowgreen' },
    ],
    [
      '95.2 %',
      statusWith({ uptime: uptime(95.2) }),
      { kind: 'uptime', window: '90d' },
      { label: 'uptime 90d', message: '95.2%', color: 'yellow' },
    ],
    [
      '91 %',
      statusWith({ uptime: uptime(91) }),
      { kind: 'uptime', window: '90d' },
      { label: 'uptime 90d', message: '91%', color: 'orange' },
    ],
    [
      '50 %',
      statusWith({ uptime: uptime(50) }),
      { kind: 'uptime', window: '90d' },
      { label: 'uptime 90d', message: '50%', color: 'red' },
    ],
    [
      'no uptime yet',
      statusWith({ uptime: uptime(null) }),
      { kind: 'uptime', window: '24h' },
      { label: 'uptime 24h', message: 'no data', color: 'lightgrey' },
    ],
    [
      'fast',
      statusWith({ latency: latency(38.4) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: '38 ms', color: 'brightgreen' },
    ],
    [
      'fair',
      statusWith({ latency: latency(480) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: '480 ms', color: 'green' },
    ],
    [
      'slow',
      statusWith({ latency: latency(999) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: '999 ms', color: 'yellow' },
    ],
    [
      'slower',
      statusWith({ latency: latency(1500) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: '1500 ms', color: 'orange' },
    ],
    [
      'very slow',
      statusWith({ latency: latency(2500) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: '2500 ms', color: 'red' },
    ],
    [
      'no latency yet',
      statusWith({ latency: latency(null) }),
      { kind: 'latency' },
      { label: 'latency p50 24h', message: 'no data', color: 'lightgrey' },
    ],
  ];
for (const [name, status, badge, expected] of cases) {
  test(`describeBadge: ${name}`, () => assert.deepEqual(describeBadge(status, badge), expected));
}

const paths: [string, ReturnType<typeof parseBadgePath>][] = [
  ['status.svg', { badge: { kind: 'status' }, format: 'svg' }],
  ['status.json', { badge: { kind: 'status' }, format: 'json' }],
  ['latency.svg', { badge: { kind: 'latency' }, format: 'svg' }],
  ['uptime/30d.json', { badge: { kind: 'uptime', window: '30d' }, format: 'json' }],
  ['uptime/1y.svg', undefined],
  ['uptime.svg', undefined],
  ['status.png', undefined],
  ['status.svg/x', undefined],
  ['', undefined],
];
for (const [path, expected] of paths) {
  test(`parseBadgePath(${JSON.stringify(path)})`, () => assert.deepEqual(parseBadgePath(path), expected));
}
