import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFixtureStatus, fixtureGroups } from './fixture-status.testkit.ts';
import { decodeRuns, encodeRuns, packSnapshot, unpackSnapshot } from './page-snapshot.ts';
import { embedJson, roundForPage } from './render-page.ts';

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

test('the page snapshot unpacks to exactly the snapshot the markup was rendered from', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 30, groups: fixtureGroups }));
  // a record whose URL is not the target's (a redirect target, say) keeps its own
  status.targets[2] = {
    ...status.targets[2]!,
    last: { ...status.targets[2]!.last!, url: 'https://elsewhere.example' },
  };
  const embedded = JSON.parse(embedJson(packSnapshot(status)));
  assert.deepEqual(unpackSnapshot(embedded), status);
});

test('the packed snapshot is about half the size', () => {
  const status = roundForPage(buildFixtureStatus({ targets: 100 }));
  const ratio = embedJson(packSnapshot(status)).length / embedJson(status).length;
  assert.ok(ratio < 0.6, `${ratio.toFixed(2)} of the size`);
});
