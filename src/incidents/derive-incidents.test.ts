import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveIncidents, type Incident } from './derive-incidents.ts';
import type { StateChange } from './state-change.ts';

const change = (
  received: number,
  from: StateChange['from'],
  to: StateChange['to'],
  extra: Partial<StateChange> = {},
): StateChange => ({
  received,
  target: 'web',
  region: 'eu',
  from,
  to,
  reason: to === 'up' ? null : to === 'down' ? 'timeout' : 'slow',
  httpStatus: to === 'down' ? -1 : 200,
  incidentStart: null,
  ...extra,
});
const incident = (start: number, end: number | null, extra: Partial<Incident> = {}): Incident => ({
  target: 'web',
  region: 'eu',
  start,
  end,
  worst: 'down',
  reason: 'timeout',
  httpStatus: -1,
  ...extra,
});

const cases: { name: string; changes: StateChange[]; expected: Incident[] }[] = [
  { name: 'nothing changed', changes: [], expected: [] },
  { name: 'a first up opens nothing', changes: [change(1, 'unknown', 'up')], expected: [] },
  {
    name: 'down then up is one closed major incident',
    changes: [change(1, 'unknown', 'up'), change(10, 'up', 'down'), change(25, 'down', 'up')],
    expected: [incident(10, 25)],
  },
  {
    name: 'degraded alone is a minor incident, still open',
    changes: [change(10, 'up', 'degraded')],
    expected: [incident(10, null, { worst: 'degraded', reason: 'slow', httpStatus: 200 })],
  },
  {
    name: 'degraded, down, degraded, up stays one incident: worst down, opened by the slowness',
    changes: [
      change(10, 'up', 'degraded'),
      change(20, 'degraded', 'down'),
      change(30, 'down', 'degraded'),
      change(40, 'degraded', 'up'),
    ],
    expected: [incident(10, 40, { reason: 'slow', httpStatus: 200 })],
  },
  {
    name: 'a restart (unknown -> down) inside an open incident keeps its start',
    changes: [
      change(10, 'up', 'down', { incidentStart: 10 }),
      change(50, 'unknown', 'down', { incidentStart: 10 }),
      change(60, 'down', 'up', { incidentStart: 10 }),
    ],
    expected: [incident(10, 60)],
  },
  {
    name: 'read from the middle: the start comes from the change, not the read window',
    changes: [change(50, 'degraded', 'down', { incidentStart: 5 })],
    expected: [incident(5, null)],
  },
  {
    name: 'targets and regions are separate',
    changes: [
      change(10, 'up', 'down'),
      change(11, 'up', 'down', { region: 'us' }),
      change(12, 'up', 'down', { target: 'api' }),
      change(20, 'down', 'up', { region: 'us' }),
    ],
    expected: [incident(11, 20, { region: 'us' }), incident(10, null), incident(12, null, { target: 'api' })],
  },
];

for (const { name, changes, expected } of cases) {
  test(`deriveIncidents: ${name}`, () => assert.deepEqual(deriveIncidents(changes), expected));
}
