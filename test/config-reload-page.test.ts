/**
 * A reload adds and removes a maintenance window, an announcement and the page's public URL on a
 * running server: the next probes turn to maintenance, the page, /api/status and the feed follow,
 * and nothing asks for a restart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, spawnUpbeat, startTarget, writeConfigFile } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import type { SignalGroup, StatusResponse } from '../src/status/wire-types.ts';

test(
  'a reload adds a maintenance window, an announcement and the page link, and another removes them',
  { timeout: 90_000 },
  async (t) => {
    execFileSync(process.execPath, [join(repositoryRoot, 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
    const dir = mkdtempSync(join(tmpdir(), 'upbeat-reload-page-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const web = await startTarget();
    t.after(() => web.close());
    const file = join(dir, 'upbeat.yaml');
    const base = [
      'title: Reload page test',
      'targets:',
      '  - name: Web',
      `    url: ${web.url}`,
      '    interval: 1s',
    ];
    writeConfigFile(file, base.join('\n'));
    const upbeat = await spawnUpbeat({ env: { UPBEAT_DATA_DIR: join(dir, 'data'), UPBEAT_CONFIG: file } });
    t.after(() => upbeat.stop());
    const latestState = async () =>
      (JSON.parse(await upbeat.fetchText('/api/signals?target=Web&limit=1')) as SignalGroup[])[0]?.records[0]
        ?.state;
    const status = async () => JSON.parse(await upbeat.fetchText('/api/status')) as StatusResponse;
    await waitFor(async () => (await latestState()) === 'up', 'a probe before the window', {
      timeoutMs: 20_000,
      everyMs: 100,
    });

    const hour = 3_600_000;
    writeConfigFile(
      file,
      [
        ...base,
        'publicUrl: https://status.example/',
        'maintenance:',
        '  - title: Database upgrade',
        `    start: ${new Date(Date.now() - hour).toISOString()}`,
        `    end: ${new Date(Date.now() + hour).toISOString()}`,
        '    targets: [Web]',
        'announcements:',
        '  - title: Planned work tonight',
        '    severity: info',
        `    date: ${new Date().toISOString()}`,
      ].join('\n'),
    );
    await waitFor(async () => (await latestState()) === 'maintenance', 'a probe in the added window', {
      timeoutMs: 20_000,
      everyMs: 100,
    });
    const during = await status();
    assert.equal(during.targets[0]!.state, 'maintenance');
    assert.deepEqual(
      during.announcements.map(({ title }) => title),
      ['Planned work tonight'],
    );
    const page = await waitFor(async () => {
      const body = await upbeat.fetchText('/');
      return body.includes('Planned work tonight') ? body : undefined;
    }, 'the page with the announcement');
    assert.match(page, /Maintenance in progress.*<h3>Database upgrade<\/h3>.*Affects Web/);
    const feed = await upbeat.fetchText('/feed.atom');
    assert.match(feed, /<link rel="alternate" href="https:\/\/status\.example\/"/);
    assert.match(feed, /Database upgrade/);
    const reloaded = upbeat
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; settings?: string[] });
    assert.deepEqual(reloaded.find(({ msg }) => msg === 'config reloaded')?.settings, [
      'announcements',
      'pageUrl',
      'maintenance',
    ]);
    assert.ok(!reloaded.some(({ msg }) => msg.includes('need a restart')), 'nothing of it needs a restart');

    writeConfigFile(file, base.join('\n'));
    await waitFor(async () => (await latestState()) === 'up', 'a probe after the window was removed', {
      timeoutMs: 20_000,
      everyMs: 100,
    });
    await waitFor(async () => (await status()).announcements.length === 0, 'the announcement gone');
    const after = await waitFor(async () => {
      const body = await upbeat.fetchText('/');
      return body.includes('Planned work tonight') ? undefined : body;
    }, 'the page without the announcement');
    assert.doesNotMatch(after, /Maintenance in progress|Database upgrade/);
    assert.doesNotMatch(await upbeat.fetchText('/feed.atom'), /status\.example/);
  },
);
