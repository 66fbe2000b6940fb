import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { html } from 'htm/preact';
import type { RecentIncident } from '../status/recent-incident.ts';
import { describeIncidentReason, formatDuration, IncidentList } from './incident-list.ts';

const minute = 60_000;
const durations: [number, string][] = [
  [5_000, '1 min'],
  [3 * minute, '3 min'],
  [60 * minute, '1 h'],
  [125 * minute, '2 h 5 min'],
  [24 * 60 * minute, '1 d'],
  [28 * 60 * minute, '1 d 4 h'],
];
for (const [ms, text] of durations)
  test(`formatDuration(${ms}) is ${text}`, () => assert.equal(formatDuration(ms), text));

const incident = (overrides: Partial<RecentIncident> = {}): RecentIncident => ({
  target: 'Website',
  severity: 'major',
  start: '2026-11-27T11:00:00.000Z',
  end: '2026-11-27T11:15:00.000Z',
  reason: 'refused',
  http_status: -1,
  ...overrides,
});

test('the reason reads in words, an unexpected status as its code', () => {
  assert.equal(describeIncidentReason(incident()), 'connection refused');
  assert.equal(describeIncidentReason(incident({ reason: 'status', http_status: 503 })), 'HTTP 503');
  assert.equal(describeIncidentReason(incident({ reason: 'slow' })), 'slower than expected');
});

test('the list shows target, start, duration or ongoing, and reason; names are escaped', () => {
  const markup = renderToString(
    html`<${IncidentList}
      incidents=${[incident({ target: '<script>x</script>', end: null, severity: 'minor' }), incident()]}
    />`,
  );
  assert.ok(!markup.includes('<script>'));
  assert.match(
    markup,
    /class="incident minor"><strong>&lt;script>x&lt;\/script><\/strong><time datetime="2026-11-27T11:00:00.000Z">27 Nov 11:00 UTC<\/time><span class="duration">ongoing<\/span><span class="reason">connection refused<\/span>/,
  );
  assert.match(markup, /<span class="duration">15 min<\/span>/);
  assert.match(renderToString(html`<${IncidentList} incidents=${[]} />`), /No incidents in the last 14 days/);
});
