import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RecentIncident } from '../status/recent-incident.ts';
import { describeBarIncidents, loadingIncidents } from './bar-incidents.ts';

const hour = 3_600_000;
const at = (time: string) => Date.parse(`2026-11-27T${time}:00.000Z`);
const incident = (
  start: string,
  end: string | null,
  fields: Partial<RecentIncident> = {},
): RecentIncident => ({
  target: 'API',
  severity: 'major',
  start: new Date(at(start)).toISOString(),
  end: end === null ? null : new Date(at(end)).toISOString(),
  reason: 'status',
  http_status: 503,
  ...fields,
});

const cases: [name: string, incidents: RecentIncident[], from: number, want: string][] = [
  [
    'inside the bar: clock times and duration',
    [incident('14:02', '14:19')],
    at('14:00'),
    'Incident: 14:02\u201314:19, 17 min, HTTP 503',
  ],
  [
    'ongoing',
    [incident('14:02', null, { reason: 'timeout' })],
    at('15:00'),
    'Incident: 27 Nov 14:02\u2013ongoing, timed out',
  ],
  [
    'started before the bar: its start has its day',
    [incident('13:50', '14:10')],
    at('14:00'),
    'Incident: 27 Nov 13:50\u201314:10, 20 min, HTTP 503',
  ],
  ['ended at the bar start: did not touch it', [incident('13:00', '14:00')], at('14:00'), ''],
  ['starts at the bar end: does not touch it', [incident('15:00', '15:10')], at('14:00'), ''],
  ['another target: not listed', [incident('14:02', '14:19', { target: 'Website' })], at('14:00'), ''],
  [
    'two, in the order given (newest first), one sentence each',
    [incident('14:40', '14:45'), incident('14:02', '14:19')],
    at('14:00'),
    'Incident: 14:40\u201314:45, 5 min, HTTP 503; Incident: 14:02\u201314:19, 17 min, HTTP 503',
  ],
];

for (const [name, incidents, from, want] of cases)
  test(`describeBarIncidents: ${name}`, () =>
    assert.equal(describeBarIncidents('API', incidents, from, from + hour), want));

test('describeBarIncidents passes words that stand for a list on (loading, a failure)', () => {
  assert.equal(describeBarIncidents('API', loadingIncidents, at('14:00'), at('15:00')), loadingIncidents);
});
