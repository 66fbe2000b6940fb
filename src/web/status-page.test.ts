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

test('the page is a main landmark with a heading per target and a list of targets', () => {
  const status = buildFixtureStatus({ targets: 4, now });
  const markup = renderToString(html`<${StatusPage} initial=${status} now=${() => now + 42_000} />`);
  assert.ok(markup.startsWith('<main>'), 'header and footer are render-page.ts');
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

test('groups: one disclosure per group in config order, open only when a target in it is not up', () => {
  // targets 0-4: up, degraded, up, down, unknown; split 2/3 between the groups
  const status = buildFixtureStatus({ targets: 5, now, groups: ['Web', 'Data'] });
  status.targets[4] = { ...status.targets[4]!, group: null };
  status.targets[1] = { ...status.targets[1]!, state: 'up' };
  const markup = renderToString(html`<${StatusPage} initial=${status} now=${() => now} />`);
  const sections = [
    ...markup.matchAll(/<li class="group worst-(\w+)"><details( open)?>.*?<h3 class="group-name">([^<]*)</g),
  ];
  assert.deepEqual(
    sections.map(([, state, open, name]) => [name, state, Boolean(open)]),
    [
      ['Web', 'up', false],
      ['Data', 'down', true],
      ['Other', 'unknown', true],
    ],
  );
  assert.equal(markup.match(/<li class="target /g)!.length, 5, 'every target is still on the page');
});

test('without any group the targets form one plain list', () => {
  const markup = renderToString(html`<${StatusPage} initial=${buildFixtureStatus({ targets: 3, now })} />`);
  assert.ok(!markup.includes('<details open') && !markup.includes('class="group '));
});

test('from 20 targets each target is one compact row: name, state, uptime and the daily bars', () => {
  const compact = renderToString(html`<${StatusPage} initial=${buildFixtureStatus({ targets: 20, now })} />`);
  assert.equal(compact.match(/<li class="target compact /g)?.length, 20);
  assert.ok(!compact.includes('bars-24') && !compact.includes('class="recent"'));
  const cards = renderToString(html`<${StatusPage} initial=${buildFixtureStatus({ targets: 19, now })} />`);
  assert.equal(cards.match(/<li class="target compact /g), null);
});

test('the banner links to the targets that are down', () => {
  const status = buildFixtureStatus({ targets: 10, now, names: ['A b', 'B', 'C', 'D/e'] }); // 3 is down
  status.targets[0] = { ...status.targets[0]!, state: 'down' };
  const markup = renderToString(html`<${StatusPage} initial=${status} />`);
  assert.ok(markup.includes('<a href="#target-A%20b">A b</a></li><li><a href="#target-D%2Fe">D/e</a>'));
  assert.ok(markup.includes('id="target-A%20b"'), 'the link finds its row');
  assert.ok(!markup.includes('#target-B"'), 'a degraded target is not named while some are down');
});

test("from 200 targets a closed group's rows wait until it is opened, an open one shows 25 at a time", () => {
  // 200 targets in 4 groups of 50: the first holds the degraded and the down one, the last the unprobed one
  const status = buildFixtureStatus({ targets: 200, now, groups: ['A', 'B', 'C', 'D'] });
  const markup = renderToString(html`<${StatusPage} initial=${status} />`);
  assert.equal(markup.match(/<li class="target /g)!.length, 50, 'the first 25 rows of A and of D');
  assert.equal(markup.match(/Show 25 more \(25 not shown\)/g)!.length, 2);
  assert.equal(markup.match(/<li class="group /g)!.length, 4, 'every group is listed');
  const small = buildFixtureStatus({ targets: 199, now, groups: ['A', 'B', 'C', 'D'] });
  const complete = renderToString(html`<${StatusPage} initial=${small} />`);
  assert.equal(complete.match(/<li class="target /g)!.length, 199, 'below 200 no JavaScript is needed');
});
