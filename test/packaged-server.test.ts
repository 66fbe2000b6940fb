/**
 * The server as people run it, from a folder of its own: the single executable the Dockerfile
 * ships (alone, with no node on PATH), and the bundle with the files `node dist/upbeat.mjs` needs
 * beside it. Each is started against local targets, stopped with SIGTERM and started again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import {
  repositoryRoot,
  closedPort,
  executable,
  runUpbeat,
  spawnUpbeat,
  startTarget,
  type UpbeatProcess,
} from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import { healthCheckCommand, shippedPaths } from './dockerfile.ts';
import type { SignalGroup, StatusResponse } from '../src/status/wire-types.ts';

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  assert.equal(response.status, 200, `${url} answered ${response.status}`);
  return (await response.json()) as T;
}

function temporaryFolder(t: { after(fn: () => void): void }, name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `upbeat-${name}-`));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

interface Layout {
  readonly name: string;
  /** Paths relative to the repository, copied into the empty folder. */
  readonly files: readonly string[];
  /** How to start it from the folder `app`, and what its environment adds. */
  start(app: string, env: Record<string, string>): Promise<UpbeatProcess>;
}

const dockerfile = readFileSync(join(repositoryRoot, 'Dockerfile'), 'utf8');

const layouts: Layout[] = [
  {
    name: 'the single executable the Dockerfile ships, alone, with no node on PATH',
    files: shippedPaths(dockerfile),
    start: (app, env) =>
      spawnUpbeat({
        command: join(app, 'dist', 'upbeat'),
        cwd: app,
        // PATH holds the executable's own folder only; the addon cache is fresh
        env: { ...env, PATH: join(app, 'dist'), XDG_CACHE_HOME: join(app, 'cache') },
      }),
  },
  {
    name: 'the bundle run by node, with public/ and the SQLite addon package beside it',
    files: [
      'node_modules/better-sqlite3',
      'node_modules/bindings',
      'node_modules/file-uri-to-path',
      'dist/upbeat.mjs',
      'public',
    ],
    start: (app, env) => spawnUpbeat({ entry: join(app, 'dist', 'upbeat.mjs'), cwd: app, env }),
  },
];

for (const layout of layouts) {
  test(
    `${layout.name}: serves signals and the page, stops cleanly on SIGTERM, keeps history across a restart`,
    { timeout: 90_000 },
    async (t) => {
      const app = temporaryFolder(t, 'packaged');
      for (const path of layout.files) {
        mkdirSync(dirname(join(app, path)), { recursive: true });
        cpSync(join(repositoryRoot, path), join(app, path), { recursive: true });
      }
      const data = join(app, 'data');

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

      const first = await layout.start(app, env);
      t.after(() => first.stop('SIGKILL'));
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
      const manifest = JSON.parse(
        readFileSync(join(repositoryRoot, 'public', 'assets', 'manifest.json'), 'utf8'),
      ) as { script: string; style: string };
      const script = await fetch(`${first.url}${manifest.script}`, { headers: { 'Accept-Encoding': 'br' } });
      assert.equal(script.status, 200);
      assert.equal(script.headers.get('content-encoding'), 'br');
      assert.match(script.headers.get('cache-control') ?? '', /immutable/);
      const built = readFileSync(join(repositoryRoot, 'public', manifest.style), 'utf8');
      assert.equal(await (await fetch(`${first.url}${manifest.style}`)).text(), built);
      assert.equal((await fetch(`${first.url}/favicon.svg`)).status, 200);
      assert.equal((await fetch(`${first.url}/readyz`)).status, 200);

      const stopped = await first.stop('SIGTERM');
      assert.equal(stopped.code, 0, first.output());
      assert.ok(stopped.ms < 5_000, `exited in ${Math.round(stopped.ms)} ms`);
      const before = website.records[0]!.received;

      target.status.code = 503;
      const second = await layout.start(app, env);
      t.after(() => second.stop('SIGKILL'));
      const answer = await fetch(
        `${second.url}/api/signals?limit=10000&target=${encodeURIComponent('Website, main')}`,
      );
      // an ETag marks the answer from memory: warmed from the first run's file, not read per request
      assert.ok(answer.headers.get('etag'), 'answered from the recent signals in memory');
      const history = (await answer.json()) as SignalGroup[];
      assert.equal(history[0]!.records[0]!.received, before, 'the first run’s oldest signal is still there');
      const status = await getJson<StatusResponse>(`${second.url}/api/status`);
      const warmed = status.targets.find((entry) => entry.name === 'Website, main')!;
      assert.ok(warmed.hours.checks.at(-1)! >= 2, 'the summary was warmed from the stored history');
      const stoppedAgain = await second.stop('SIGINT');
      assert.equal(stoppedAgain.code, 0);
    },
  );
}

test(
  'executables starting at once share one cached SQLite addon; an unusable cache falls back to a temporary copy',
  { timeout: 60_000 },
  async (t) => {
    const dir = temporaryFolder(t, 'addon-cache');
    const cache = join(dir, 'cache');
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, '');
    const temp = join(dir, 'tmp');
    mkdirSync(temp);
    const target = await startTarget();
    t.after(() => target.close());
    const caches = [cache, cache, notADirectory];
    const running = await Promise.all(
      caches.map((xdgCache, index) =>
        spawnUpbeat({
          command: executable,
          env: {
            UPBEAT_URL: target.url,
            UPBEAT_DATA_DIR: join(dir, `data-${index}`),
            XDG_CACHE_HOME: xdgCache,
            TMPDIR: temp,
          },
        }),
      ),
    );
    for (const upbeat of running) t.after(() => upbeat.stop('SIGKILL'));

    const [entry, ...others] = readdirSync(join(cache, 'upbeat'));
    assert.deepEqual(others, [], 'one content-addressed folder');
    assert.match(entry!, /^[0-9a-f]{64}$/);
    assert.deepEqual(
      readdirSync(join(cache, 'upbeat', entry!)),
      ['better_sqlite3.node'],
      'no temporary files left',
    );
    assert.deepEqual(readdirSync(temp), [], 'the temporary copy is removed once loaded');
    const [healthCheck, ...healthCheckArgs] = healthCheckCommand(dockerfile);
    const checkHealth = (port: string) =>
      new Promise<number | null>((resolve) => {
        const child = execFile(
          healthCheck!,
          healthCheckArgs,
          { env: { PORT: port, PATH: '/usr/sbin:/usr/bin:/sbin:/bin' } },
          () => resolve(child.exitCode),
        );
      });
    assert.equal(await checkHealth(new URL(running[0]!.url).port), 0, 'the image’s health check passes');
    assert.notEqual(await checkHealth(String(await closedPort())), 0, 'and fails with nothing listening');
    for (const upbeat of running) {
      assert.equal((await fetch(`${upbeat.url}/readyz`)).status, 200);
      assert.equal((await upbeat.stop('SIGTERM')).code, 0, upbeat.output());
    }
  },
);

test('the single executable answers --version, --help and config errors like the bundle', async () => {
  const version = await runUpbeat(['--version'], {}, executable);
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^upbeat \d+\.\d+\.\d+\n$/);
  const help = await runUpbeat(['--help'], {}, executable);
  assert.match(help.stdout, /--check-config/);
  const bad = await runUpbeat(['--check-config'], { UPBEAT_URL: 'not-a-url' }, executable);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^upbeat: config error: UPBEAT_URL: /m);
});
