import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createApp } from './app.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { readPublicFolder } from '../packaged/public-files.ts';
import { createStatusSummary } from '../summary/status-summary.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import type { Target } from '../config/config.ts';
import { createTarget } from '../config/read-target.ts';
import type { Signal } from '../signal.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';
import type { SignalGroup, StatusResponse } from '../status/wire-types.ts';

function target(name: string, url: string): Target {
  return createTarget({ name, url, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 });
}

const targets = [target('Website', 'https://example.com'), target('Mirror', 'https://example.com')];
const start = Date.now() - 10 * 60_000;

/** One a second from `start`; every fifth is a timeout that leaves the state up. */
function signal(name: string, i: number): Signal {
  return buildSignal({
    received: start + i * 1000,
    target: name,
    url: 'https://example.com',
    latencyMs: 40 + i,
    ...(i % 5 === 0 && { httpStatus: -1, available: false, reason: 'timeout' }),
  });
}

describe('HTTP app', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-app-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  const summary = createStatusSummary({ config: { title: 'Status <b>', targets, region: 'eu' } });
  const hub = createQuietEventHub();
  let ready = true;
  const app = checkedAgainstOpenApi(
    createApp({
      targets,
      store,
      summary,
      hub,
      publicFiles: readPublicFolder(dir),
      page: { render: (status) => `<h1>${status.targets.length} targets</h1>`, csp: "default-src 'none'" },
      readiness: () => (ready ? { ready: true } : { ready: false, detail: 'questdb: connection refused' }),
      metrics: () => 'upbeat_up 1\n',
      maxStaleMs: 0,
    }),
  );

  before(async () => {
    const signals = [...Array(100).keys()].flatMap((i) => [signal('Website', i), signal('Mirror', i)]);
    await store.append(signals);
    for (const s of signals) summary.record(s);
  });
  after(async () => {
    hub.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('GET /api/signals keeps the tutorial shape: a group per target, oldest first, 60 by default', async () => {
    const response = await app.request('/api/signals');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const groups = (await response.json()) as SignalGroup[];
    assert.deepEqual(
      groups.map((group) => [group.target, group.url, group.records.length]),
      [
        ['Mirror', 'https://example.com', 60],
        ['Website', 'https://example.com', 60],
      ],
    );
    const records = groups[1]!.records;
    assert.deepEqual(Object.keys(records[0]!).slice(0, 4), ['url', 'http_status', 'available', 'received']);
    assert.equal(records[0]!.received, new Date(start + 40_000).toISOString());
    assert.equal(records.at(-1)!.received, new Date(start + 99_000).toISOString());
    const failed = records.find((record) => !record.available)!;
    assert.equal(failed.http_status, -1);
    assert.equal(failed.reason, 'timeout');
  });

  test('GET /api/signals?limit=5&target=Mirror returns that target only', async () => {
    const groups = (await (await app.request('/api/signals?limit=5&target=Mirror')).json()) as SignalGroup[];
    assert.equal(groups.length, 1);
    assert.equal(groups[0]!.target, 'Mirror');
    assert.equal(groups[0]!.records.length, 5);
  });

  test('GET /api/signals for an unknown target is a JSON 404', async () => {
    const response = await app.request('/api/signals?target=nope');
    assert.equal(response.status, 404);
    assert.match(((await response.json()) as { error: string }).error, /no target named "nope"/);
  });

  for (const bad of [
    '0',
    '-1',
    '10001',
    'abc',
    '1.5',
    '',
    ' 5',
    '1e3',
    '0x10',
    '99999999999999999999',
    '5&limit=6',
    '%00',
  ]) {
    test(`GET /api/signals?limit=${bad} is a 400 naming limit`, async () => {
      const response = await app.request(`/api/signals?limit=${bad}`);
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      assert.match(
        ((await response.json()) as { error: string }).error,
        /^limit: must be an integer from 1 to 10000/,
      );
    });
  }

  test('limit=10000 and limit=1 are accepted', async () => {
    assert.equal((await app.request('/api/signals?limit=10000')).status, 200);
    assert.equal((await app.request('/api/signals?limit=1')).status, 200);
  });

  test("GET /signals (the tutorial client's path) is the same endpoint as /api/signals", async () => {
    const tutorial = await app.request('/signals?limit=60', {
      headers: { Origin: 'https://tutorial.example' },
    });
    assert.equal(tutorial.status, 200);
    assert.equal(tutorial.headers.get('access-control-allow-origin'), '*');
    assert.deepEqual(await tutorial.json(), await (await app.request('/api/signals?limit=60')).json());
    assert.equal((await app.request('/signals?limit=0')).status, 400);
  });

  test('/api/signals may be cached for a few seconds; its errors may not', async () => {
    assert.equal((await app.request('/api/signals')).headers.get('cache-control'), 'public, max-age=5');
    assert.equal((await app.request('/api/signals?limit=0')).headers.get('cache-control'), null);
  });

  for (const path of [
    '/',
    '/api/status',
    '/api/signals',
    '/api/nope',
    '/api/signals?limit=x',
    '/healthz',
    '/metrics',
    '/nope',
  ]) {
    test(`${path} is sent with nosniff and Referrer-Policy`, async () => {
      const response = await app.request(path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    });
  }

  test('GET /api/status answers from the summary, with ETag, 304 and compression', async () => {
    const response = await app.request('/api/status');
    assert.equal(response.status, 200);
    const etag = response.headers.get('etag');
    assert.ok(etag);
    const status = (await response.json()) as StatusResponse;
    assert.equal(status.title, 'Status <b>');
    assert.equal(status.targets.length, 2);
    assert.equal(status.targets[0]!.hours.checks.length, 24);
    assert.equal((await app.request('/api/status', { headers: { 'If-None-Match': etag } })).status, 304);

    const br = await app.request('/api/status', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers.get('content-encoding'), 'br');
    assert.deepEqual(
      JSON.parse(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()),
      status,
    );
    const gzip = await app.request('/api/status', { headers: { 'Accept-Encoding': 'gzip' } });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    assert.deepEqual(JSON.parse(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()), status);
  });

  test('a new signal changes the ETag', async () => {
    const before = (await app.request('/api/status')).headers.get('etag');
    summary.record(signal('Website', 200));
    const after = (await app.request('/api/status')).headers.get('etag');
    assert.notEqual(after, before);
  });

  test('GET / serves the page with a CSP', async () => {
    const response = await app.request('/');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-security-policy'), "default-src 'none'");
    assert.equal(await response.text(), '<h1>2 targets</h1>');
  });

  for (const path of ['/', '/api/status']) {
    test(`${path} tells shared caches they may keep it briefly, and browsers to revalidate`, async () => {
      const cached = createApp({
        targets,
        store,
        summary,
        hub,
        publicFiles: readPublicFolder(dir),
        page: { render: () => '<p>page</p>', csp: '' },
        readiness: () => ({ ready: true }),
        metrics: () => '',
        cache: { sharedMaxAgeSeconds: 2, staleWhileRevalidateSeconds: 30 },
      });
      const expected = 'public, max-age=0, s-maxage=2, stale-while-revalidate=30';
      const response = await cached.request(path);
      assert.equal(response.headers.get('cache-control'), expected);
      const etag = response.headers.get('etag');
      assert.match(etag ?? '', /^"[^"]+"$/);
      const revalidated = await cached.request(path, { headers: { 'If-None-Match': etag! } });
      assert.equal(revalidated.status, 304);
      assert.equal(revalidated.headers.get('cache-control'), expected);
      assert.equal(revalidated.headers.get('etag'), etag);
    });
  }

  test('unknown /api routes are JSON 404s; other unknown paths are plain 404s', async () => {
    const api = await app.request('/api/nope');
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), { error: 'no such endpoint: /api/nope' });
    assert.equal((await app.request('/nope')).status, 404);
  });

  test('health and readiness', async () => {
    assert.deepEqual(await (await app.request('/healthz')).json(), { status: 'ok' });
    assert.equal((await app.request('/readyz')).status, 200);
    ready = false;
    const notReady = await app.request('/readyz');
    assert.equal(notReady.status, 503);
    assert.deepEqual(await notReady.json(), { ready: false, detail: 'questdb: connection refused' });
    ready = true;
    assert.equal((await app.request('/healthz')).status, 200);
  });

  test('a store that cannot answer makes /api/signals a 503 with the reason, /api/status still answers', async () => {
    const failing = checkedAgainstOpenApi(
      createApp({
        targets,
        store: { ...store, readSignals: () => Promise.reject(new Error('questdb: connect ECONNREFUSED')) },
        summary,
        hub,
        publicFiles: readPublicFolder(dir),
        page: { render: () => '', csp: '' },
        readiness: () => ({ ready: false }),
        metrics: () => '',
      }),
    );
    const response = await failing.request('/api/signals');
    assert.equal(response.status, 503);
    assert.deepEqual(await response.json(), {
      error: 'history store unavailable: questdb: connect ECONNREFUSED',
    });
    assert.equal((await failing.request('/api/status')).status, 200);
  });

  test('limit x targets over the row budget is a 400 telling the client what to send instead', async () => {
    const many = [...Array(11).keys()].map((i) => target(`T${i}`, 'https://example.com'));
    const wide = checkedAgainstOpenApi(
      createApp({
        targets: many,
        store,
        summary,
        hub,
        publicFiles: readPublicFolder(dir),
        page: { render: () => '', csp: '' },
        readiness: () => ({ ready: true }),
        metrics: () => '',
      }),
    );
    const response = await wide.request('/api/signals?limit=10000');
    assert.equal(response.status, 400);
    assert.deepEqual(await response.json(), {
      error:
        'limit: 10000 x 11 targets is over the 30000-record budget of one response; pass target=NAME or a limit of at most 2727',
    });
    assert.equal((await wide.request('/api/signals?limit=2727')).status, 200);
    assert.equal((await wide.request('/api/signals?limit=10000&target=T1')).status, 200);
  });

  test('GET /api/openapi.json describes /api/signals', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as {
      paths: Record<string, unknown>;
    };
    assert.ok(document.paths['/api/signals']);
    assert.ok(document.paths['/api/status']);
  });
});

describe('HTTP app: the URLs it shows', () => {
  const secretUrl = 'http://admin:s3cretpw@127.0.0.1:9/health?token=tok123';
  const shown = createTarget({
    name: 'Shown',
    url: secretUrl,
    schedule: { kind: 'interval', everyMs: 60_000 },
    periodMs: 60_000,
  });
  const hidden = createTarget(
    { name: 'Hidden', url: secretUrl, schedule: { kind: 'interval', everyMs: 60_000 }, periodMs: 60_000 },
    { publicUrl: '' },
  );
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-app-urls-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  // rows as an upbeat from before redaction stored them: the URL as probed, secrets and all
  const rows = ['Shown', 'Hidden', 'Removed'].map((name) => buildSignal({ target: name, url: secretUrl }));
  function appFor(publicUrls: boolean) {
    const summary = createStatusSummary({
      config: { title: 'URLs', targets: [shown, hidden], region: 'eu' },
    });
    for (const row of rows) summary.record(row);
    return checkedAgainstOpenApi(
      createApp({
        targets: [shown, hidden],
        publicUrls,
        store,
        summary,
        hub: createQuietEventHub(),
        publicFiles: readPublicFolder(dir),
        page: { render: (status) => JSON.stringify(status), csp: "default-src 'none'" },
        readiness: () => ({ ready: true }),
        metrics: () => '',
        maxStaleMs: 0,
      }),
    );
  }

  before(() => store.append(rows));
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [publicUrls, removedUrl] of [
    [true, 'http://127.0.0.1:9/health?token=***'],
    [false, ''],
  ] as const) {
    test(`/api/signals, /api/status and the page with publicUrls: ${publicUrls}`, async () => {
      const app = appFor(publicUrls);
      const signals = (await (await app.request('/api/signals')).json()) as SignalGroup[];
      assert.deepEqual(
        signals.map((group) => [group.target, group.url, group.records.map((record) => record.url)]),
        [
          ['Hidden', '', ['']],
          ['Removed', removedUrl, [removedUrl]],
          ['Shown', 'http://127.0.0.1:9/health?token=***', ['http://127.0.0.1:9/health?token=***']],
        ],
      );
      const status = (await (await app.request('/api/status')).json()) as StatusResponse;
      assert.deepEqual(
        status.targets.map((entry) => [entry.name, entry.url, entry.last?.url]),
        [
          ['Shown', 'http://127.0.0.1:9/health?token=***', 'http://127.0.0.1:9/health?token=***'],
          ['Hidden', '', ''],
        ],
      );
      const page = await (await app.request('/')).text();
      assert.ok(!/s3cretpw|tok123/.test(page), page);
    });
  }
});
