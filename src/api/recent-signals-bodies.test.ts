import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createApp } from './app.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';
import { createQuietEventHub } from './quiet-event-hub.testkit.ts';
import { readPublicFolder } from '../packaged/public-files.ts';
import { createStatusSummary } from '../summary/status-summary.ts';
import { createSqliteStore } from '../store/sqlite-store.ts';
import { createRecentSignals } from '../store/recent-signals.ts';
import { createTarget } from '../config/read-target.ts';
import { buildSignal, fixtureReceived } from '../signal-fixture.testkit.ts';
import type { Signal } from '../signal.ts';

const secretUrl = 'http://admin:s3cretpw@127.0.0.1:9/health?token=tok123';
const schedule = { kind: 'interval', everyMs: 60_000 } as const;
const targets = [
  createTarget({ name: 'Web', url: 'https://example.com/', schedule, periodMs: 60_000 }),
  createTarget({ name: 'Hidden', url: secretUrl, schedule, periodMs: 60_000 }, { publicUrl: '' }),
  createTarget({ name: 'Idle', url: 'https://idle.example/', schedule, periodMs: 60_000 }),
];

/** `count` signals a second apart; every third down. Rows of `Removed` predate redaction. */
function signalsOf(target: string, count: number, offset = 0): Signal[] {
  return [...Array(count).keys()].map((i) =>
    buildSignal({
      target,
      received: fixtureReceived + (offset + i) * 1000,
      url: target === 'Web' ? 'https://example.com/' : secretUrl,
      latencyMs: i + 0.25,
      ...(i % 3 === 0 && { httpStatus: -1, available: false, state: 'down', reason: 'timeout' }),
    }),
  );
}

describe('/api/signals from memory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-recent-bodies-'));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  // 3 targets with history, 40 records of budget: 13 each, so limit 20 is past what memory keeps
  const recent = createRecentSignals({ budget: 40, expectedTargets: targets.length });
  function appWith(recentSignals?: typeof recent) {
    return checkedAgainstOpenApi(
      createApp({
        targets,
        publicUrls: false,
        store,
        ...(recentSignals ? { recentSignals } : {}),
        summary: createStatusSummary({ config: { title: 'recent', targets, region: 'eu' } }),
        hub: createQuietEventHub(),
        publicFiles: readPublicFolder(dir),
        page: { render: () => '', csp: "default-src 'none'" },
        readiness: () => ({ ready: true }),
        metrics: () => '',
        maxStaleMs: 0,
      }),
    );
  }
  const fromMemory = appWith(recent);
  const fromStore = appWith();

  before(async () => {
    await store.append([...signalsOf('Web', 30), ...signalsOf('Hidden', 5), ...signalsOf('Removed', 20)]);
    // as after a restart: what it knows comes from the store
    await recent.warm(store);
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const queries: { path: string; accept?: string; memory: boolean }[] = [
    // the default 60 a target is past the 13 memory keeps
    { path: '/api/signals', memory: false },
    { path: '/signals?limit=1', memory: true },
    { path: '/api/signals?limit=13', memory: true },
    { path: '/api/signals?limit=5&target=Web', memory: true },
    { path: '/api/signals?limit=10&target=Hidden', memory: true },
    { path: '/api/signals?limit=10&target=Removed', memory: true },
    { path: '/api/signals?target=Idle', memory: true },
    { path: '/api/signals?limit=4&format=csv', memory: true },
    { path: '/api/signals?limit=4', accept: 'text/csv', memory: true },
    { path: '/api/signals?target=nope', memory: false },
    { path: '/api/signals?limit=0', memory: false },
    // more than memory keeps of Web: the store answers
    { path: '/api/signals?limit=20&target=Web', memory: false },
    { path: '/api/signals?limit=14', memory: false },
    // fewer stored than memory keeps: memory holds all of them
    { path: '/api/signals?limit=9000&target=Hidden', memory: true },
    { path: `/api/signals?from=${fixtureReceived}&limit=7`, memory: false },
  ];
  for (const { path, accept, memory } of queries) {
    test(`${path}${accept ? ` (Accept: ${accept})` : ''}: the same answer as the store's`, async () => {
      const init = accept ? { headers: { Accept: accept } } : {};
      const [mine, theirs] = await Promise.all([
        fromMemory.request(path, init),
        fromStore.request(path, init),
      ]);
      assert.equal(mine.status, theirs.status);
      assert.equal(mine.headers.get('content-type'), theirs.headers.get('content-type'));
      assert.equal(mine.headers.get('cache-control'), theirs.headers.get('cache-control'));
      if (mine.ok) assert.equal(mine.headers.get('vary'), 'Accept, Accept-Encoding');
      assert.equal(mine.headers.get('vary'), theirs.headers.get('vary'));
      const body = await mine.text();
      assert.equal(body, await theirs.text());
      assert.ok(!/s3cretpw|tok123/.test(body));
      // only a body from memory carries an ETag: this shows which path answered
      assert.equal(mine.headers.get('etag') !== null, memory);
    });
  }

  test('new signals show up, and an unchanged body is a 304 or the same compressed bytes', async () => {
    const first = await fromMemory.request('/api/signals?limit=3');
    const etag = first.headers.get('etag')!;
    const again = await fromMemory.request('/api/signals?limit=3', { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
    const newer = signalsOf('Web', 2, 100);
    await store.append(newer);
    for (const signal of newer) recent.add(signal);
    const changed = await fromMemory.request('/api/signals?limit=3', {
      headers: { 'If-None-Match': etag, 'Accept-Encoding': 'gzip' },
    });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.equal(changed.headers.get('content-encoding'), 'gzip');
    const body = gunzipSync(Buffer.from(await changed.arrayBuffer())).toString();
    assert.equal(body, await (await fromStore.request('/api/signals?limit=3')).text());
  });
});
