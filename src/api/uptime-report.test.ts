import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildSignal } from '../signal-fixture.testkit.ts';
import { openHistoryApp } from './history-app.testkit.ts';
import type { UptimeReport } from './uptime-report.ts';

const minute = 60_000;
const hour = 3_600_000;
// Three whole UTC hours ago, so rollups and raw edges both take part.
const base = Math.floor(Date.now() / hour) * hour - 4 * hour;
/** `target` probed once a minute from `base` for `count` minutes, `special` ones in `state`. */
function probeEveryMinute(
  target: string,
  count: number,
  special: [number, number],
  state: 'down' | 'maintenance',
) {
  return Array.from({ length: count }, (_, i) => {
    const odd = i >= special[0] && i < special[1];
    return buildSignal({
      target,
      received: base + i * minute,
      available: !odd,
      state: odd ? state : 'up',
      latencyMs: odd ? 100 : 10,
    });
  });
}
/** Web: one probe a minute for 3 hours; minutes 30..39 of the second hour down (latency 100). */
const signals = probeEveryMinute('Web', 180, [90, 100], 'down');
/** Planned: one probe a minute for 2 hours, minutes 20..39 in a maintenance window (and failing). */
const planned = probeEveryMinute('Planned', 120, [20, 40], 'maintenance');

describe('GET /api/uptime', () => {
  let opened: Awaited<ReturnType<typeof openHistoryApp>>;
  before(
    async () =>
      (opened = await openHistoryApp({
        targets: ['Web', 'Idle', 'Planned'],
        signals: [...signals, ...planned],
      })),
  );
  after(() => opened.close());
  const get = async (query: string) => {
    const response = await opened.app.request(`/api/uptime?${query}`);
    return { status: response.status, body: (await response.json()) as UptimeReport & { error?: string } };
  };

  test('exact over a range with partial hours at both edges', async () => {
    // 00:45 .. 02:35 of the probed hours: 15 + 60 + 35 = 110 checks, the 10 down ones inside.
    const from = base + 45 * minute;
    const to = base + 2 * hour + 35 * minute;
    const { status, body } = await get(`target=Web&from=${from}&to=${new Date(to).toISOString()}`);
    assert.equal(status, 200);
    assert.deepEqual(body.targets, [
      {
        target: 'Web',
        total: {
          checks: 110,
          up: 100,
          uptime_percent: 90.909,
          downtime_ms: Math.round(((to - from) * 10) / 110),
          latency_mean_ms: Math.round(((100 * 10 + 10 * 100) / 110) * 100) / 100,
          latency_max_ms: 100,
          maintenance_checks: 0,
          maintenance_ms: 0,
        },
        steps: [
          {
            start: new Date(from).toISOString(),
            end: new Date(to).toISOString(),
            checks: 110,
            up: 100,
            uptime_percent: 90.909,
            downtime_ms: Math.round(((to - from) * 10) / 110),
            latency_mean_ms: 18.18,
            latency_max_ms: 100,
            maintenance_checks: 0,
            maintenance_ms: 0,
          },
        ],
      },
    ]);
  });

  test('hourly steps list every hour, clipped to the range, empty ones with no figures', async () => {
    const { body } = await get(`target=Web&from=${base + 30 * minute}&to=${base + 4 * hour}&step=hour`);
    const steps = body.targets[0]!.steps;
    assert.deepEqual(
      steps.map((step) => [step.start, step.checks, step.up, step.downtime_ms]),
      [
        [new Date(base + 30 * minute).toISOString(), 30, 30, 0],
        [new Date(base + hour).toISOString(), 60, 50, 10 * minute],
        [new Date(base + 2 * hour).toISOString(), 60, 60, 0],
        [new Date(base + 3 * hour).toISOString(), 0, 0, null],
      ],
    );
    assert.equal(steps[3]!.uptime_percent, null);
  });

  test('without a target, every configured target, one without probes at null', async () => {
    const { body } = await get(`from=${base}&to=${base + 3 * hour}&step=day`);
    assert.deepEqual(
      body.targets.map(({ target, total }) => [target, total.checks, total.uptime_percent]),
      [
        ['Web', 180, 94.444],
        ['Idle', 0, null],
        ['Planned', 100, 100],
      ],
    );
  });

  test('probes in maintenance count neither up nor down, and the report says how much', async () => {
    // Whole hours from the rollups.
    const whole = (await get(`target=Planned&from=${base}&to=${base + 2 * hour}`)).body.targets[0]!.total;
    assert.deepEqual(whole, {
      checks: 100,
      up: 100,
      uptime_percent: 100,
      downtime_ms: 0,
      latency_mean_ms: 10,
      latency_max_ms: 10,
      maintenance_checks: 20,
      maintenance_ms: 20 * minute,
    });
    // A raw edge [00:30, 01:00) holding 10 of the window's probes, the whole hour after it rolled up.
    const { body } = await get(`target=Planned&from=${base + 30 * minute}&to=${base + 2 * hour}&step=hour`);
    assert.deepEqual(
      body.targets[0]!.steps.map((step) => [
        step.checks,
        step.up,
        step.maintenance_checks,
        step.maintenance_ms,
      ]),
      [
        [20, 20, 10, 10 * minute],
        [60, 60, 0, 0],
      ],
    );
    // Only maintenance: no uptime, no latency, all of the span in maintenance.
    const only = (await get(`target=Planned&from=${base + 20 * minute}&to=${base + 40 * minute}`)).body;
    assert.deepEqual(only.targets[0]!.total, {
      checks: 0,
      up: 0,
      uptime_percent: null,
      downtime_ms: 0,
      latency_mean_ms: null,
      latency_max_ms: null,
      maintenance_checks: 20,
      maintenance_ms: 20 * minute,
    });
  });

  test('an unknown target is a 404, bad input a 400 with the reason', async () => {
    assert.equal((await get('target=nobody')).status, 404);
    const bad = await get('step=minute');
    assert.equal(bad.status, 400);
    assert.match(bad.body.error!, /^step: /);
  });
});
