import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixtureStatus, fixtureGroups } from './fixture-status.testkit.ts';
import { renderToString } from 'preact-render-to-string';
import { html } from 'htm/preact';
import { describeBuckets } from './bar-items.ts';
import {
  decodeRuns,
  encodeRuns,
  isPartial,
  packLatency,
  packSnapshot,
  unpackLatency,
  unpackSnapshot,
} from './page-snapshot.ts';
import { embedJson, roundForPage } from './render-page.ts';
import { applyTargets, StatusPage } from './status-page.ts';
import { describeTargetUpdate } from '../status/target-update.ts';

test('runs: encoded and decoded back', () => {
  const cases: [values: number[], runs: number[]][] = [
    [[], []],
    [[7], [7, 1]],
    [
      [5, 5, 5, 2],
      [5, 3, 2, 1],
    ],
    [
      [0, 1, 0, 0],
      [0, 1, 1, 1, 0, 2],
    ],
  ];
  for (const [values, runs] of cases) {
    assert.deepEqual(encodeRuns(values), runs);
    assert.deepEqual(decodeRuns(runs), values);
  }
});

test('latencies: in tens when all are, each the change from the one before, and back', () => {
  const cases: [values: (number | null)[], packed: (number | null)[]][] = [
    [
      [130, 120, null, 140],
      [10, 13, -1, null, 2],
    ],
    [
      [1200, 990, 1300],
      [10, 120, -21, 31],
    ],
    [
      [41, 45, 230],
      [1, 41, 4, 185],
    ], // one value under 100 ms: whole milliseconds
    [
      [null, null],
      [10, null, null],
    ],
    [[], [10]],
  ];
  for (const [values, packed] of cases) {
    assert.deepEqual(packLatency(values), packed);
    assert.deepEqual(unpackLatency(packed), values);
  }
});

test('the page snapshot unpacks to exactly the snapshot the markup was rendered from', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 30, groups: fixtureGroups }));
  // a record whose URL is not the target's (a redirect target, say) keeps its own; the page keeps
  // only the records that say why a target is not up
  const failing = status.targets.findIndex((target) => target.last !== null);
  status.targets[failing] = {
    ...status.targets[failing]!,
    last: { ...status.targets[failing]!.last!, url: 'https://elsewhere.example' },
  };
  const embedded = JSON.parse(embedJson(packSnapshot(status)));
  assert.deepEqual(unpackSnapshot(embedded), status);
});

test('the packed snapshot is about half the size', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 100 }));
  const ratio = embedJson(packSnapshot(status)).length / embedJson(status).length;
  assert.ok(ratio < 0.6, `${ratio.toFixed(2)} of the size`);
});

test('a first screen draws exactly the compact rows the whole snapshot draws, and says it is partial', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 30, groups: fixtureGroups }));
  const embedded = JSON.parse(embedJson(packSnapshot(status, { firstScreen: true })));
  const unpacked = unpackSnapshot(embedded);
  const draw = (initial: typeof status) => renderToString(html`<${StatusPage} initial=${initial} />`);
  assert.equal(draw(unpacked), draw(status), 'hydrating the first screen changes nothing');
  assert.ok(isPartial(unpacked));
  assert.ok(!isPartial(unpackSnapshot(JSON.parse(embedJson(packSnapshot(status))))));
  const degraded = unpacked.targets[1]!;
  const bars = describeBuckets(degraded.days);
  const whole = describeBuckets(status.targets[1]!.days);
  assert.deepEqual(bars.grades, whole.grades);
  assert.equal(bars.describe(89), whole.describe(89), 'the newest day is whole');
  const oldest = bars.describe(0);
  assert.match(oldest, /: (no probe failed|under 2% failed|no data)$/, oldest);
  assert.deepEqual(degraded.last, status.targets[1]!.last, 'a record with a reason comes along');
});

test("a live update to a first screen's target writes today and keeps the older days unknown", () => {
  const status = roundForPage(buildFixtureStatus({ targets: 30 }));
  const first = unpackSnapshot(JSON.parse(embedJson(packSnapshot(status, { firstScreen: true }))));
  const update = describeTargetUpdate({ ...status.targets[0]!, state: 'down' });
  const updated = applyTargets(first, [{ ...update, day: { ...update.day, checks: 7, up: 3 } }]);
  const days = updated.targets[0]!.days;
  assert.deepEqual([days.checks.at(-1), days.up.at(-1)], [7, 3]);
  assert.ok(isPartial(updated), 'the older days still hold grades only');
  assert.match(describeBuckets(days).describe(0), /: (no probe failed|under 2% failed|no data)$/);
});

test('a first screen is a fraction of the whole packed snapshot', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 100, groups: fixtureGroups }));
  const ratio =
    embedJson(packSnapshot(status, { firstScreen: true })).length / embedJson(packSnapshot(status)).length;
  assert.ok(ratio < 0.5, `${ratio.toFixed(2)} of the size`);
});
