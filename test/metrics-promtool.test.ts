/**
 * The running server's /metrics as Prometheus' own linter sees it: `promtool check metrics` on the
 * real exposition after a probe (Debian's `prometheus` package; skipped, saying so, without it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnUpbeat, startTarget } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';

const promtool = '/usr/bin/promtool';
const missing = existsSync(promtool) ? false : `${promtool} is missing (apt-get install -y prometheus)`;

test('promtool check metrics accepts /metrics', { skip: missing, timeout: 60_000 }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-promtool-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const target = await startTarget();
  t.after(() => target.close());
  const upbeat = await spawnUpbeat({
    env: {
      UPBEAT_URL: target.url,
      UPBEAT_NAME: 'a "quoted" \\ name',
      UPBEAT_INTERVAL: '1s',
      UPBEAT_DATA_DIR: join(dir, 'data'),
    },
  });
  t.after(() => upbeat.stop('SIGKILL'));

  // after a probe, so the lateness summary and the per-target gauges hold samples
  const response = await waitFor(async () => {
    const metrics = await fetch(`${upbeat.url}/metrics`);
    const text = await metrics.text();
    return /^upbeat_probes_total [1-9]/m.test(text) ? { metrics, text } : undefined;
  });
  assert.equal(response.metrics.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const check = spawnSync(promtool, ['check', 'metrics'], { input: response.text, encoding: 'utf8' });
  assert.equal(check.status, 0, `promtool: ${check.stdout}${check.stderr}\n${response.text}`);
  assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'promtool has no lint warnings');
});
