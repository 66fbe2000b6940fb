/**
 * A maintenance window over "now", end to end: the built server probes a failing target, stores
 * its probes as `maintenance`, opens no incident, counts no uptime, and the page shows it in blue.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repositoryRoot, spawnUpbeat, startTarget } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';
import type { SignalGroup, StatusResponse } from '../src/status/wire-types.ts';
import type { UptimeReport } from '../src/api/uptime-report.ts';

test(
  'a window covering now turns a failing target to maintenance with no incident and no uptime',
  { timeout: 90_000 },
  async (t) => {
    execFileSync(process.execPath, [join(repositoryRoot, 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
    const dir = mkdtempSync(join(tmpdir(), 'upbeat-maintenance-'));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    const failing = await startTarget();
    const healthy = await startTarget();
    t.after(() => Promise.all([failing.close(), healthy.close()]));
    failing.status.code = 503;
    const hour = 3_600_000;
    const config = join(dir, 'upbeat.yaml');
    writeFileSync(
      config,
      [
        'targets:',
        ...[
          ['Failing', failing.url],
          ['Healthy', healthy.url],
        ].flatMap(([name, url]) => [
          `  - name: ${name}`,
          `    url: ${url}`,
          '    interval: 1s',
          '    failuresBeforeDown: 1',
        ]),
        'maintenance:',
        '  - title: "Database <upgrade>"',
        `    start: ${new Date(Date.now() - hour).toISOString()}`,
        `    end: ${new Date(Date.now() + hour).toISOString()}`,
        '    targets: [Failing]',
      ].join('\n'),
    );
    const upbeat = await spawnUpbeat({ env: { UPBEAT_DATA_DIR: join(dir, 'data'), UPBEAT_CONFIG: config } });
    t.after(() => upbeat.stop());

    await waitFor(
      async () => {
        const groups = JSON.parse(
          await upbeat.fetchText('/api/signals?target=Failing&limit=3'),
        ) as SignalGroup[];
        return (groups[0]?.records.length ?? 0) >= 3;
      },
      'three probes of the failing target stored',
      { timeoutMs: 20_000, everyMs: 100 },
    );
    const [failingGroup] = JSON.parse(
      await upbeat.fetchText('/api/signals?target=Failing&limit=3'),
    ) as SignalGroup[];
    assert.deepEqual(
      failingGroup!.records.map((record) => [record.state, record.available, record.http_status]),
      [
        ['maintenance', false, 503],
        ['maintenance', false, 503],
        ['maintenance', false, 503],
      ],
      'probed and stored as they were, in state maintenance',
    );
    const status = JSON.parse(await upbeat.fetchText('/api/status')) as StatusResponse;
    const target = status.targets.find((each) => each.name === 'Failing')!;
    assert.equal(target.state, 'maintenance');
    assert.deepEqual(
      target.uptime,
      { '24h': null, '7d': null, '30d': null, '90d': null },
      'counted neither up nor down',
    );
    // The rollups behind /api/uptime leave them out too, and say how many there were.
    const uptime = JSON.parse(await upbeat.fetchText('/api/uptime?target=Failing')) as UptimeReport;
    const { checks, uptime_percent, downtime_ms, maintenance_checks } = uptime.targets[0]!.total;
    assert.deepEqual(
      { checks, uptime_percent, downtime_ms },
      { checks: 0, uptime_percent: null, downtime_ms: 0 },
    );
    assert.ok(maintenance_checks >= 3, `${maintenance_checks} probes in maintenance reported`);
    assert.deepEqual(JSON.parse(await upbeat.fetchText('/api/incidents')), { incidents: [] });
    const page = await upbeat.fetchText('/');
    assert.match(page, /<li class="target state-maintenance" id="target-Failing">/);
    assert.match(page, /Maintenance in progress.*<h3>Database &lt;upgrade><\/h3>.*Affects Failing/);
  },
);
