/**
 * The server as the container runs it: only the files the Dockerfile ships, copied into a folder of
 * their own, started against local targets, then stopped with SIGTERM and started again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { repositoryRoot, closedPort, spawnUpbeat, startTarget } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import { shippedPaths } from './dockerfile.ts';
import type { SignalGroup, StatusResponse } from '../src/status/wire-types.ts';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return (await response.json()) as T;
}

test(
  'the shipped files alone serve signals, stop cleanly on SIGTERM and keep history across a restart',
  { timeout: 90_000 },
  async (t) => {
    const app = mkdtempSync(join(tmpdir(), 'upbeat-packaged-'));
    const data = join(app, 'data');
    t.after(() => rmSync(app, { recursive: true, force: true }));
    for (const path of shippedPaths(readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8'))) {
      mkdirSync(dirname(join(app, path)), { recursive: true });
      cpSync(join(repositoryRoot, path), join(app, path), { recursive: true });
    }

    const target = await startTarget();
    t.after(() => target.close());
    const config = join(app, 'upbeat.yaml');
    writeFileSync(
      config,
      [
        'title: Packaged',
        'targets:',
        '  - name: "Website, main"',
        `    url: ${target.url}`,
        '    interval: 1s',
        '  - name: Gone',
        `    url: http://127.0.0.1:${await closedPort()}/`,
        '    interval: 1s',
        '',
      ].join('\n'),
    );
    const env = { UPBEAT_CONFIG: config, UPBEAT_DATA_DIR: data };

    const first = await spawnUpbeat({ entry: join(app, 'dist', 'upbeat.mjs'), cwd: app, env });
    const groups = await waitFor(
      async () => {
        const body = await getJson<SignalGroup[]>(`${first.url}/api/signals?limit=60`);
        return body.length === 2 && body.every((group) => group.records.length >= 2) ? body : undefined;
      },
      'two signals of each target',
      { everyMs: 100 },
    );
    const website = groups.find((group) => group.target === 'Website, main')!;
    assert.equal(website.records[0]!.http_status, 200);
    assert.equal(website.records[0]!.available, true);
    const gone = groups.find((group) => group.target === 'Gone')!;
    assert.deepEqual(
      [gone.records[0]!.available, gone.records[0]!.http_status, gone.records[0]!.reason],
      [false, -1, 'refused'],
    );
    assert.equal(gone.records.at(-1)!.state, 'down', 'two refusals in a row take it down');

    const page = await fetch(`${first.url}/`);
    assert.match(await page.text(), /Website, main/);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const manifest = JSON.parse(readFileSync(join(app, 'public', 'assets', 'manifest.json'), 'utf8')) as {
      script: string;
    };
    const script = await fetch(`${first.url}${manifest.script}`, { headers: { 'Accept-Encoding': 'br' } });
    assert.equal(script.status, 200);
    assert.match(script.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(`${first.url}/readyz`)).status, 200);

    const stopped = await first.stop('SIGTERM');
    assert.equal(stopped.code, 0, first.logTail());
    assert.ok(stopped.ms < 5_000, `exited in ${Math.round(stopped.ms)} ms`);
    const before = website.records[0]!.received;

    target.status.code = 503;
    const second = await spawnUpbeat({ entry: join(app, 'dist', 'upbeat.mjs'), cwd: app, env });
    t.after(() => second.stop('SIGKILL'));
    const history = await getJson<SignalGroup[]>(
      `${second.url}/api/signals?limit=10000&target=${encodeURIComponent('Website, main')}`,
    );
    assert.equal(history[0]!.records[0]!.received, before, 'the first run’s oldest signal is still there');
    const status = await getJson<StatusResponse>(`${second.url}/api/status`);
    const warmed = status.targets.find((entry) => entry.name === 'Website, main')!;
    assert.ok(warmed.hours.checks.at(-1)! >= 2, 'the summary was warmed from the stored history');
    const stoppedAgain = await second.stop('SIGINT');
    assert.equal(stoppedAgain.code, 0);
  },
);
