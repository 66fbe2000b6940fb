/**
 * Issue 17's check, as a user would make it: a running server probing targets whose URLs carry a
 * password and a token, and whose headers carry an API key, must authenticate with them and show
 * none of them in any public output, in its log, or in its history file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, runUpbeat, spawnUpbeat } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import { startReceiver } from '../src/alerts/receiver.testkit.ts';
import type { StatusResponse } from '../src/status/wire-types.ts';

const password = 's3cretpw';
const token = 'tok123';
const headerSecret = 'hdr-k3y-789';
const secrets = [password, token, headerSecret];

/** A target that answers 200 only to the right basic auth, token and API key, and counts who got in. */
async function startGuardedTarget() {
  const seen = { authorized: 0, refused: 0 };
  const isAuthorized = (request: IncomingMessage) =>
    request.headers.authorization === `Basic ${Buffer.from(`admin:${password}`).toString('base64')}` &&
    new URL(request.url ?? '/', 'http://x').searchParams.get('token') === token &&
    request.headers['x-api-key'] === headerSecret;
  const server = createServer((request, response) => {
    const ok = isAuthorized(request);
    seen[ok ? 'authorized' : 'refused'] += 1;
    response.writeHead(ok ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function assertNoSecrets(where: string, text: string): void {
  for (const secret of secrets) assert.ok(!text.includes(secret), `${where} contains ${secret}:\n${text}`);
}

/** Reads `/api/events` until its first `targets` event and returns the text so far. */
async function readFirstTargetEvent(baseUrl: string): Promise<string> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events`, { signal: controller.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!/event: targets\ndata: .*\n\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  controller.abort();
  return text;
}

test(
  'no password, token or header value reaches any output, log line or the store',
  { timeout: 60_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'upbeat-secrets-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const target = await startGuardedTarget();
    t.after(() => target.close());
    const refusedPort = await closedPort();
    const hook = await startReceiver();
    t.after(() => hook.close());
    const config = join(dir, 'upbeat.yaml');
    writeFileSync(
      config,
      [
        `notifications: [{ name: hook, type: webhook, url: "${hook.url}/hook", group: 0s }]`,
        'targets:',
        '  - name: Guarded',
        `    url: http://admin:${password}@127.0.0.1:${target.port}/health?token=${token}`,
        '    method: GET',
        '    interval: 1s',
        `    headers: { X-Api-Key: ${headerSecret} }`,
        // refused: its transition to down is logged with the URL and the error detail
        '  - name: Refused',
        `    url: http://admin:${password}@127.0.0.1:${refusedPort}/?access_token=${token}#code=${token}`,
        '    interval: 1s',
        '',
      ].join('\n'),
    );
    const upbeat = await spawnUpbeat({
      env: { UPBEAT_CONFIG: config, UPBEAT_DATA_DIR: join(dir, 'data'), UPBEAT_LOG_LEVEL: 'debug' },
    });
    t.after(() => upbeat.stop('SIGKILL'));

    const event = await readFirstTargetEvent(upbeat.url);
    assert.match(event, /event: targets/);
    const status = await waitFor(
      async () => {
        const body = (await (await fetch(`${upbeat.url}/api/status`)).json()) as StatusResponse;
        const states = body.targets.map((entry) => entry.state);
        return states.join() === 'up,down' ? body : undefined;
      },
      'one target up and one down',
      { everyMs: 100 },
    );
    assert.equal(status.targets[0]!.url, `http://127.0.0.1:${target.port}/health?token=***`);
    assert.ok(target.seen.authorized > 0, 'the probe sent the basic auth, the token and the header');
    assert.equal(target.seen.refused, 0);

    assertNoSecrets('/api/events', event);
    // the down alert of the refused target: its payload is public to whoever runs the channel
    const [alert] = await hook.waitForRequests(1);
    assertNoSecrets('the alert payload', `${JSON.stringify(alert!.headers)}\n${alert!.body}`);
    for (const path of [
      '/',
      '/api/status',
      '/api/signals?limit=10000',
      '/api/signals?from=0&format=csv',
      '/api/uptime?step=hour',
      '/api/incidents',
      '/feed.atom',
      '/badge/Refused/status.svg',
      '/badge/Guarded/uptime/24h.json',
      '/metrics',
      '/readyz',
    ]) {
      const response = await fetch(`${upbeat.url}${path}`);
      assert.equal(response.status, 200, path);
      assertNoSecrets(path, await response.text());
    }
    const stopped = await upbeat.stop('SIGTERM');
    assert.equal(stopped.code, 0);
    const log = upbeat.output();
    assert.match(log, /target is down/, 'the transition that names the URL was logged');
    assertNoSecrets('the log', log);
    for (const file of readdirSync(join(dir, 'data'))) {
      assertNoSecrets(`data/${file}`, readFileSync(join(dir, 'data', file), 'latin1'));
    }
  },
);

test('a config error that echoes a URL does not echo its secrets', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-secrets-config-'));
  try {
    const config = join(dir, 'upbeat.yaml');
    writeFileSync(
      config,
      `targets:\n  - { name: A, url: "ftp://admin:${password}@example.com/?token=${token}" }\n`,
    );
    const result = await runUpbeat(['--check-config'], { UPBEAT_CONFIG: config });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /targets\[0\]\.url: must be an http\(s\), tcp or dns URL, got "ftp:\/\/example\.com\/\?token=\*\*\*"/,
    );
    assertNoSecrets('the config error', result.stdout + result.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
