import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from './app.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { readPublicFolder } from '../packaged/public-files.ts';
import { createStatusSummary } from '../summary/status-summary.ts';
import { createTarget } from '../config/read-target.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import type { Store } from '../store/store.ts';

const hostile = '<script>alert(1)</script> & "co"';
const targets = ['API', hostile, 'Idle'].map((name) =>
  createTarget({
    name,
    url: 'https://example.com',
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  }),
);

describe('HTTP app: badges', () => {
  const summary = createStatusSummary({ config: { title: 'Badges', targets, region: 'eu' } });
  const now = Date.now();
  for (let i = 0; i < 10; i++) {
    // 9 of 10 up: 90 % uptime; the newest is up
    summary.record(
      buildSignal({
        target: 'API',
        received: now - (10 - i) * 1000,
        latencyMs: 120,
        ...(i === 0 && { available: false, httpStatus: 500, reason: 'status' }),
      }),
    );
  }
  summary.record(buildSignal({ target: hostile, received: now - 1000, state: 'down', available: false }));
  // every store method throws: a badge must come from the in-memory summary alone
  const store = new Proxy({} as Store, {
    get: () => () => {
      throw new Error('a badge read the store');
    },
  });
  const app = checkedAgainstOpenApi(
    createApp({
      targets,
      store,
      summary,
      hub: createQuietEventHub(),
      publicFiles: readPublicFolder('/nonexistent'),
      page: { render: () => '', csp: '' },
      readiness: () => ({ ready: true }),
      metrics: () => '',
    }),
  );

  const svgCases: [string, RegExp[]][] = [
    ['/badge/API/status.svg', [/<title>API: up<\/title>/, /fill="#4c1"/]],
    ['/badge/API/uptime/24h.svg', [/<title>uptime 24h: 90%<\/title>/, /fill="#fe7d37"/]],
    ['/badge/API/uptime/90d.svg', [/<title>uptime 90d: 90%<\/title>/]],
    ['/badge/API/latency.svg', [/<title>latency p50 24h: 120 ms<\/title>/, /fill="#4c1"/]],
    ['/badge/Idle/status.svg', [/<title>Idle: unknown<\/title>/, /fill="#9f9f9f"/]],
    ['/badge/Idle/uptime/7d.svg', [/<title>uptime 7d: no data<\/title>/]],
  ];
  for (const [path, patterns] of svgCases) {
    test(`GET ${path} is a flat SVG badge`, async () => {
      const response = await app.request(path);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/svg+xml; charset=utf-8');
      assert.equal(response.headers.get('cache-control'), 'public, max-age=60');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      const svg = await response.text();
      assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="\d+" height="20"/);
      for (const pattern of patterns) assert.match(svg, pattern);
    });
  }

  test('the endpoint JSON is what shields.io reads', async () => {
    const response = await app.request('/badge/API/uptime/30d.json');
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {
      schemaVersion: 1,
      label: 'uptime 30d',
      message: '90%',
      color: 'orange',
    });
    assert.deepEqual(await (await app.request('/badge/API/status.json')).json(), {
      schemaVersion: 1,
      label: 'API',
      message: 'up',
      color: 'brightgreen',
    });
  });

  test('an ETag that still matches is a 304', async () => {
    const first = await app.request('/badge/API/status.svg');
    const etag = first.headers.get('etag');
    assert.ok(etag);
    const again = await app.request('/badge/API/status.svg', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const json = await app.request('/badge/API/status.json');
    assert.notEqual(json.headers.get('etag'), etag);
  });

  test('a hostile target name is escaped in the SVG', async () => {
    const response = await app.request(`/badge/${encodeURIComponent(hostile)}/status.svg`);
    assert.equal(response.status, 200);
    const svg = await response.text();
    assert.ok(!svg.includes('<script>'), svg);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(svg), `an unescaped & in ${svg}`);
    assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; &quot;co&quot;: down/);
    assert.match(svg, /fill="#e05d44"/);
  });

  const notFound: [string, RegExp][] = [
    ['/badge/nope/status.svg', /^target: no target named "nope"$/],
    ['/badge/API/uptime/1y.svg', /^badge: no badge "uptime\/1y.svg"/],
    ['/badge/API/status.png', /^badge: no badge "status.png"/],
    ['/badge/%E0%A4%A/status.svg', /^target: no target named "%E0%A4%A"$/],
    ['/badge/%00/status.json', /^target: no target named "\\u0000"$/],
  ];
  for (const [path, message] of notFound) {
    test(`GET ${path} is a JSON 404 with the reason`, async () => {
      const response = await app.request(path);
      assert.equal(response.status, 404);
      assert.match(((await response.json()) as { error: string }).error, message);
    });
  }
});
