/**
 * Alerts as a user meets them: the built bundle probes a local target that flips down and up, and a
 * local webhook receiver records what arrives, across a SIGKILL while the receiver is failing.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { startReceiver, type ReceivedRequest } from '../src/alerts/receiver.testkit.ts';
import { spawnUpbeat, startTarget, type UpbeatProcess } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';

const dir = mkdtempSync(join(tmpdir(), 'upbeat-alerts-e2e-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A config with one target probed every second (down after one failure) and one webhook channel. */
function writeConfig(name: string, targetUrl: string, hookUrl: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    [
      'targets:',
      `  - { name: Site, url: "${targetUrl}", interval: 1s, failuresBeforeDown: 1 }`,
      'notifications:',
      `  - { name: hook, type: webhook, url: "${hookUrl}/hook?token=SECRET-QUERY", group: 0s }`,
    ].join('\n'),
  );
  return file;
}

async function stateOf(upbeat: UpbeatProcess, wanted: string): Promise<true | undefined> {
  const status = (await (await fetch(`${upbeat.url}/api/status`)).json()) as { targets: { state: string }[] };
  return status.targets[0]?.state === wanted ? true : undefined;
}

const eventsOf = (requests: readonly ReceivedRequest[]) =>
  requests.map((request) => JSON.parse(request.body).event);

test('a target that goes down and comes back: the webhook gets one down, then one up', async () => {
  const target = await startTarget();
  const hook = await startReceiver();
  const dataDir = join(dir, 'flip');
  const upbeat = await spawnUpbeat({
    env: { UPBEAT_CONFIG: writeConfig('flip', target.url, hook.url), UPBEAT_DATA_DIR: dataDir },
  });
  try {
    await waitFor(() => stateOf(upbeat, 'up'));
    target.status.code = 500;
    await hook.waitForRequests(1);
    target.status.code = 200;
    await waitFor(() => eventsOf(hook.requests).includes('up'), 'the up alert');
    // delivered means counted: the dispatcher records the outcome once the 2xx is read
    await waitFor(async () =>
      /upbeat_alerts_queued\{channel="hook"\} 0\n/.test(await (await fetch(`${upbeat.url}/metrics`)).text())
        ? true
        : undefined,
    );
    const metrics = await (await fetch(`${upbeat.url}/metrics`)).text();
    assert.match(metrics, /upbeat_alerts_sent_total\{channel="hook"\} 2/);
    assert.deepEqual(eventsOf(hook.requests), ['down', 'up']);
    const up = JSON.parse(hook.requests[1]!.body);
    assert.equal(up.previous, 'down');
    assert.ok(up.down_since <= up.at);
    assert.ok(!upbeat.output().includes('SECRET-QUERY'), 'the webhook URL is in no log line');
    assert.ok(!metrics.includes('SECRET-QUERY'));
  } finally {
    await upbeat.stop();
    await Promise.all([target.close(), hook.close()]);
  }
});

test('SIGKILL while the channel fails: after a restart the pending alert is delivered exactly once', async () => {
  const target = await startTarget();
  const failing = { now: true };
  const hook = await startReceiver(() => (failing.now ? { status: 503 } : { status: 200 }));
  const env = {
    UPBEAT_CONFIG: writeConfig('kill', target.url, hook.url),
    UPBEAT_DATA_DIR: join(dir, 'kill'),
  };
  const first = await spawnUpbeat({ env });
  try {
    await waitFor(() => stateOf(first, 'up'));
    target.status.code = 500;
    await hook.waitForRequests(1);
  } finally {
    await first.stop('SIGKILL');
  }
  failing.now = false;
  const attemptsBeforeRestart = hook.requests.length;
  const second = await spawnUpbeat({ env });
  try {
    await hook.waitForRequests(attemptsBeforeRestart + 1);
    target.status.code = 200;
    await hook.waitForRequests(attemptsBeforeRestart + 2);
    const delivered = hook.requests.slice(attemptsBeforeRestart);
    assert.deepEqual(eventsOf(delivered), ['down', 'up']);
    assert.equal(
      JSON.parse(delivered[0]!.body).id,
      JSON.parse(hook.requests[0]!.body).id,
      'the same event, by its key',
    );
  } finally {
    await second.stop();
    await Promise.all([target.close(), hook.close()]);
  }
});
