import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createApp } from './app.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';
import { readPublicFolder } from '../packaged/public-files.ts';
import { createStatusSummary } from '../summary/status-summary.ts';
import { createTarget } from '../config/read-target.ts';
import { openTempStore } from '../incidents/incidents.testkit.ts';
import type { StateChange } from '../incidents/state-change.ts';
import { openApiDocument } from './openapi.ts';

const now = Date.UTC(2026, 10, 27, 12, 0, 0);
const minute = 60_000;
const targets = ['Website', 'API'].map((name) =>
  createTarget({
    name,
    url: 'https://user:secret@example.com/',
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  }),
);
const change = (
  target: string,
  received: number,
  to: StateChange['to'],
  incidentStart: number,
): StateChange => ({
  received,
  target,
  region: 'eu',
  from: to === 'up' ? 'down' : 'up',
  to,
  reason: to === 'up' ? null : 'refused',
  httpStatus: to === 'up' ? 200 : -1,
  incidentStart,
});

async function makeApp(t: Parameters<typeof openTempStore>[0]) {
  const store = await openTempStore(t);
  await store.appendStateChanges([
    change('Website', now - 60 * minute, 'down', now - 60 * minute),
    change('Website', now - 45 * minute, 'up', now - 60 * minute),
    change('API', now - 10 * minute, 'degraded', now - 10 * minute),
  ]);
  const hub = createQuietEventHub();
  t.after(() => hub.close());
  return checkedAgainstOpenApi(
    createApp({
      targets,
      store,
      summary: createStatusSummary({ config: { title: 'Status', targets, region: 'eu' } }),
      hub,
      publicFiles: readPublicFolder('public'),
      page: { render: () => '', csp: '' },
      readiness: () => ({ ready: true }),
      metrics: () => '',
      now: () => now,
      feed: () => feedBody,
    }),
  );
}

let feedBody = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>';

test('GET /api/incidents: newest first, ongoing included, durations and reasons in words', async (t) => {
  const app = await makeApp(t);
  const response = await app.request('/api/incidents');
  assert.equal(response.status, 200);
  assert.deepEqual(await response.json(), {
    incidents: [
      {
        target: 'API',
        region: 'eu',
        severity: 'minor',
        worst_state: 'degraded',
        start: '2026-11-27T11:50:00.000Z',
        end: null,
        ongoing: true,
        duration_ms: 10 * minute,
        reason: 'refused',
        reason_text: 'connection refused',
        http_status: -1,
        failed_probes: 0,
      },
      {
        target: 'Website',
        region: 'eu',
        severity: 'major',
        worst_state: 'down',
        start: '2026-11-27T11:00:00.000Z',
        end: '2026-11-27T11:15:00.000Z',
        ongoing: false,
        duration_ms: 15 * minute,
        reason: 'refused',
        reason_text: 'connection refused',
        http_status: -1,
        failed_probes: 0,
      },
    ],
  });
});

const filters: { query: string; targets: string[] }[] = [
  { query: 'target=Website', targets: ['Website'] },
  { query: 'limit=1', targets: ['API'] },
  { query: `from=${encodeURIComponent('2026-11-27T11:20:00+00:00')}`, targets: ['API'] },
  { query: `to=${now - 50 * minute}`, targets: ['Website'] },
  { query: 'target=API&to=2026-11-27T11:30:00Z', targets: [] },
  // The forms /api/uptime and /api/signals take (parse-instant.ts): no zone means UTC, a date its midnight.
  { query: 'from=2026-11-27T11:20', targets: ['API'] },
  { query: 'from=2026-11-27T11:20:00.000', targets: ['API'] },
  { query: `from=${encodeURIComponent('2026-11-27T12:20:00+0100')}`, targets: ['API'] },
  { query: 'from=2026-11-27', targets: ['API', 'Website'] },
  { query: 'to=2026-11-27', targets: [] },
];
for (const { query, targets: expected } of filters) {
  test(`GET /api/incidents?${query}`, async (t) => {
    const app = await makeApp(t);
    const body = (await (await app.request(`/api/incidents?${query}`)).json()) as {
      incidents: { target: string }[];
    };
    assert.deepEqual(
      body.incidents.map((incident) => incident.target),
      expected,
    );
  });
}

const bad: { query: string; status: number; error: RegExp }[] = [
  { query: 'limit=0', status: 400, error: /^limit: must be an integer from 1 to 500/ },
  { query: 'limit=abc', status: 400, error: /^limit:/ },
  { query: 'limit=1&limit=2', status: 400, error: /^limit: give it once/ },
  { query: 'from=yesterday', status: 400, error: /^from: expected ISO 8601 .* or epoch milliseconds/ },
  { query: 'from=2026-11-27 10:00:00', status: 400, error: /^from:/ },
  { query: 'to=2026-13-45T10:00:00Z', status: 400, error: /^to:/ },
  { query: 'to=1&to=2', status: 400, error: /^to: give it once/ },
  {
    query: 'from=2026-11-27T12:00:00Z&to=2026-11-27T11:00:00Z',
    status: 400,
    error: /^from: must be before to/,
  },
  { query: 'target=nobody', status: 404, error: /^target: no target named "nobody"/ },
];
for (const { query, status, error } of bad) {
  test(`GET /api/incidents?${query} is a ${status} with a reason`, async (t) => {
    const app = await makeApp(t);
    const response = await app.request(`/api/incidents?${query}`);
    assert.equal(response.status, status);
    assert.match(((await response.json()) as { error: string }).error, error);
  });
}

test('the OpenAPI document describes /api/incidents with a required field per record field', async (t) => {
  const app = await makeApp(t);
  const body = (await (await app.request('/api/incidents')).json()) as {
    incidents: Record<string, unknown>[];
  };
  const schema = openApiDocument.components.schemas.Incident;
  assert.deepEqual(Object.keys(body.incidents[0]!).sort(), [...schema.required].sort());
  assert.deepEqual(Object.keys(schema.properties).sort(), [...schema.required].sort());
  assert.ok(openApiDocument.paths['/api/incidents'].get.responses[400]);
});

test('GET /feed.atom: Atom content type, an ETag, 304 while unchanged, a new ETag once it changes', async (t) => {
  const app = await makeApp(t);
  const first = await app.request('/feed.atom');
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('content-type'), 'application/atom+xml; charset=utf-8');
  assert.equal(await first.text(), feedBody);
  const etag = first.headers.get('etag')!;
  assert.match(etag, /^"[\w-]{22}"$/);
  const again = await app.request('/feed.atom', { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  feedBody = feedBody.replace('</feed>', '<title>changed</title></feed>');
  const changed = await app.request('/feed.atom', { headers: { 'If-None-Match': etag } });
  assert.equal(changed.status, 200);
  assert.notEqual(changed.headers.get('etag'), etag);
});
