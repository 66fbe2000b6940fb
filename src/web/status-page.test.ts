import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderToString } from 'preact-render-to-string';
import { html } from 'htm/preact';
import { buildFixtureStatus, buildFixtureTarget } from './fixture-status.testkit.ts';
import { applyTargets, StatusPage } from './status-page.ts';
import { describeTargetUpdate } from '../status/target-update.ts';

const now = Date.UTC(2026, 10, 27, 14, 25);

test('applyTargets applies the updates, keeps the other targets as they were and recomputes the banner', () => {
  const status = buildFixtureStatus({ targets: 3, now }); // up, degraded, up
  assert.equal(status.overall, 'degraded');
  const recovered = buildFixtureTarget({ name: status.targets[1]!.name, state: 'up', now });
  const down = buildFixtureTarget({ name: status.targets[2]!.name, state: 'down', now });
  const next = applyTargets(status, [recovered, down].map(describeTargetUpdate));
  for (const [index, changed] of [
    [1, recovered],
    [2, down],
  ] as const) {
    const { hours, days, ...fields } = next.targets[index]!;
    assert.deepEqual(
      { ...fields, hours: undefined, days: undefined },
      { ...changed, hours: undefined, days: undefined },
    );
    assert.equal(hours.checks.at(-1), changed.hours.checks.at(-1), 'the current hour comes with the update');
    assert.equal(days.up.at(-1), changed.days.up.at(-1), 'and so does today');
  }
  assert.equal(
    next.targets[0],
    status.targets[0],
    'an unchanged row keeps its object, so it skips re-rendering',
  );
  assert.equal(next.overall, 'partial_outage');
  assert.equal(status.targets[2]!.state, 'up', 'the previous snapshot is left alone');
});

test('applyTargets leaves out an update for a target the page does not show', () => {
  const status = buildFixtureStatus({ targets: 1, now });
  const next = applyTargets(status, [
    describeTargetUpdate(buildFixtureTarget({ name: 'New', state: 'down', now })),
  ]);
  assert.deepEqual(next.targets, status.targets);
  assert.equal(next.overall, status.overall);
});

test('the page has landmarks, one h1, a heading per target and a list of targets', () => {
  const status = buildFixtureStatus({ targets: 4, now });
  const markup = renderToString(html`<${StatusPage} initial=${status} now=${() => now + 42_000} />`);
  for (const landmark of ['<header', '<main>', '<footer>']) assert.ok(markup.includes(landmark), landmark);
  assert.equal(markup.match(/<h1>/g)!.length, 1);
  assert.equal(markup.match(/<h3>/g)!.length, 4);
  assert.equal(markup.match(/<li class="target /g)!.length, 4);
  assert.ok(markup.includes('<legend>Uptime over</legend>'));
  assert.ok(
    markup.includes(
      'Updated <time datetime="2026-11-27T14:25:00.000Z" title="27 Nov 14:25:00 UTC">42 s ago</time>',
    ),
  );
  assert.ok(
    markup.includes('<p class="notice notice-live" role="status"></p>'),
    'the live region is there, empty, from the start',
  );
});
