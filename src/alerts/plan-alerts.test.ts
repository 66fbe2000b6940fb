import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createTarget } from '../config/read-target.ts';
import type { State } from '../signal.ts';
import { makeChannel } from './alert-fixture.testkit.ts';
import type { ProbeEvent } from './alert-event.ts';
import { createAlertPlanner } from './plan-alerts.ts';
import { describeAlerts } from './describe-alerts.ts';
import { buildSignal } from '../signal-fixture.testkit.ts';

const target = createTarget(
  {
    name: 'Site',
    url: 'https://user:pw@example.com/',
    schedule: { kind: 'interval', everyMs: 10_000 },
    periodMs: 10_000,
  },
  { failuresBeforeDown: 2 },
);

/**
 * Feeds verdicts (u = up, g = degraded, d = down result) through the target's thresholds and the
 * planner; probes at the indexes in `maintenance` are inside a window (state maintenance).
 */
function run(
  verdicts: string,
  options: {
    initial?: State | 'unknown';
    degraded?: boolean;
    repeatMs?: number;
    maintenance?: readonly number[];
  } = {},
): string[] {
  const channel = makeChannel(
    'slack',
    { url: 'https://hooks.example/' },
    { degraded: options.degraded ?? false, ...(options.repeatMs ? { repeatMs: options.repeatMs } : {}) },
  );
  const planner = createAlertPlanner({
    targets: [target],
    channels: [channel],
  });
  let state: State | 'unknown' = options.initial ?? 'unknown';
  let announced = state;
  let failures = 0;
  const planned: string[] = [];
  [...verdicts].forEach((verdict, index) => {
    // the state machine of check/target-state.ts: the first result sets the state directly
    failures = verdict === 'd' ? failures + 1 : 0;
    const result: State = verdict === 'd' ? 'down' : verdict === 'g' ? 'degraded' : 'up';
    const next: State =
      result === 'down' ? (state === 'unknown' || failures >= 2 ? 'down' : (state as State)) : result;
    // run-probe.ts: the thresholds keep counting inside a window, the state shown is maintenance
    const shown: State = options.maintenance?.includes(index) ? 'maintenance' : next;
    const signal = buildSignal({
      received: index * 10_000,
      target: 'Site',
      region: 'local',
      url: target.url,
      httpStatus: verdict === 'd' ? 503 : 200,
      available: verdict !== 'd',
      state: shown,
      reason: verdict === 'd' ? 'status' : verdict === 'g' ? 'slow' : null,
    });
    const event: ProbeEvent = {
      signal,
      detail: null,
      transition: shown === announced ? null : { from: announced, to: shown },
    };
    state = next;
    announced = shown;
    for (const due of planner.plan(event)) {
      const { kind, downSince, url } = due.event;
      assert.equal(url, 'https://example.com/', 'user info is stripped');
      planned.push(`${index}:${kind}${downSince === undefined ? '' : `@${downSince / 10_000}`}`);
    }
  });
  return planned;
}

describe('createAlertPlanner', () => {
  const cases: [string, string, Parameters<typeof run>[1], string[]][] = [
    ['one failure after a fresh start pages nobody', 'du', {}, []],
    ['unknown -> down alerts once the threshold is met', 'ddu', {}, ['1:down', '2:up@0']],
    ['up -> down -> up: one down, one up with the outage start', 'udddu', {}, ['2:down', '4:up@1']],
    ['a blip below the threshold is silent', 'udu', {}, []],
    ['a restart with a stored down state does not re-alert', 'ddu', { initial: 'down' }, ['2:up']],
    [
      'a restart that finds it down and then probes up announces the recovery',
      'u',
      { initial: 'down' },
      ['0:up'],
    ],
    ['degraded is off by default', 'ugu', {}, []],
    [
      'degraded and its recovery when the channel asks',
      'ugu',
      { degraded: true },
      ['1:degraded', '2:recovered'],
    ],
    [
      'a reminder every repeat while down',
      'udddddu',
      { repeatMs: 20_000 },
      ['2:down', '4:reminder@1', '6:up@1'],
    ],
    ['down -> degraded counts as the recovery', 'uddg', {}, ['2:down', '3:up@1']],
    ['failures inside a maintenance window page nobody', 'udddu', { maintenance: [1, 2, 3] }, []],
    [
      'down before and after a window is one outage, announced once',
      'uddddddu',
      { maintenance: [3, 4] },
      ['2:down', '7:up@1'],
    ],
    [
      'a window with no reminders in it',
      'udddddu',
      { repeatMs: 20_000, maintenance: [3, 4] },
      ['2:down', '5:reminder@1', '6:up@1'],
    ],
  ];
  for (const [name, verdicts, options, expected] of cases) {
    test(name, () => assert.deepEqual(run(verdicts, options), expected));
  }

  test('notify: [] silences a target; notify names pick channels', () => {
    const channels = [
      makeChannel('slack', { url: 'https://a/' }),
      makeChannel('discord', { url: 'https://b/' }),
    ];
    const only = (notify: string[]) =>
      createAlertPlanner({ targets: [{ ...target, notify }], channels })
        .plan({
          signal: buildSignal({
            received: 0,
            target: 'Site',
            region: 'r',
            url: 'https://x/',
            httpStatus: -1,
            available: false,
            state: 'down',
            reason: 'timeout',
          }),
          detail: null,
          transition: { from: 'up', to: 'down' },
        })
        .map((due) => due.channel);
    assert.deepEqual(only([]), []);
    assert.deepEqual(only(['discord']), []); // one failure of two: not down yet for alerts
  });

  test('a target added by a config reload alerts from its next probe', () => {
    const channel = makeChannel('slack', { url: 'https://hooks.example/' });
    const planner = createAlertPlanner({ targets: [], channels: [channel] });
    const down: ProbeEvent = {
      signal: buildSignal({ target: 'Site', state: 'down', available: false, reason: 'timeout' }),
      detail: null,
      transition: { from: 'up', to: 'down' },
    };
    assert.deepEqual(planner.plan(down), [], 'unknown to the planner: no alert');
    planner.followTargets([{ ...target, failuresBeforeDown: 1 }]);
    assert.deepEqual(
      planner.plan(down).map((due) => `${due.channel}:${due.event.kind}`),
      [`${channel.name}:down`],
    );
  });

  test("an alert carries what failed (the check's detail) and the status page's link", () => {
    const channel = makeChannel('slack', { url: 'https://hooks.example/' });
    const planner = createAlertPlanner({
      targets: [{ ...target, failuresBeforeDown: 1 }],
      channels: [channel],
      pageUrl: 'https://status.example/',
    });
    const [due] = planner.plan({
      signal: buildSignal({ target: 'Site', state: 'down', available: false, reason: 'body' }),
      detail: 'body does not contain "ok"; saw "maintenance"',
      transition: { from: 'up', to: 'down' },
    });
    assert.equal(due?.event.detail, 'body does not contain "ok"; saw "maintenance"');
    assert.equal(due?.event.page, 'https://status.example/');
    assert.match(describeAlerts([due!.event]).text, /\nStatus page: https:\/\/status\.example\/$/);
  });

  test('a reloaded page link is the one later alerts carry; removed, they carry none', () => {
    const planner = createAlertPlanner({
      targets: [{ ...target, failuresBeforeDown: 1 }],
      channels: [makeChannel('slack', { url: 'https://hooks.example/' })],
      pageUrl: 'https://status.example/',
    });
    const planned = (state: 'up' | 'down', from: 'up' | 'down') => {
      const [due] = planner.plan({
        signal: buildSignal({ target: 'Site', state, available: state === 'up' }),
        detail: null,
        transition: { from, to: state },
      });
      return { kind: due?.event.kind, page: due?.event.page };
    };
    planner.followPageUrl('https://status.example.org/');
    assert.deepEqual(planned('down', 'up'), { kind: 'down', page: 'https://status.example.org/' });
    planner.followPageUrl(undefined);
    assert.deepEqual(planned('up', 'down'), { kind: 'up', page: undefined });
  });
});
