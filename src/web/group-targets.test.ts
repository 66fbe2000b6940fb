import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TargetStatus } from '../status/wire-types.ts';
import { buildFixtureTarget } from './fixture-status.testkit.ts';
import { groupTargets } from './group-targets.ts';

const now = Date.UTC(2026, 10, 27, 14, 25);

function target(name: string, group: string | null, state: TargetStatus['state']): TargetStatus {
  return buildFixtureTarget({ name, group, state, now });
}

test('groups follow the order they first appear in; the ungrouped targets form one section', () => {
  const groups = groupTargets([
    target('a', 'Web', 'up'),
    target('b', null, 'up'),
    target('c', 'Data', 'up'),
    target('d', 'Web', 'up'),
    target('e', null, 'up'),
  ]);
  assert.deepEqual(
    groups.map((group) => [group.name, group.targets.map((each) => each.name)]),
    [
      ['Web', ['a', 'd']],
      [null, ['b', 'e']],
      ['Data', ['c']],
    ],
  );
});

test('a group shows its worst state', () => {
  const cases: [states: TargetStatus['state'][], worst: TargetStatus['state']][] = [
    [['up', 'up'], 'up'],
    [['up', 'unknown'], 'unknown'],
    [['unknown', 'degraded', 'up'], 'degraded'],
    [['degraded', 'down', 'unknown'], 'down'],
  ];
  for (const [states, worst] of cases) {
    const [group] = groupTargets(states.map((state, index) => target(`t${index}`, 'G', state)));
    assert.equal(group!.worst, worst, states.join(','));
  }
});

test("a group's uptime is the mean of its targets' uptimes that have data", () => {
  const a = target('a', 'G', 'up');
  const b = target('b', 'G', 'up');
  const empty = target('c', 'G', 'unknown');
  const [group] = groupTargets([
    { ...a, uptime: { ...a.uptime, '24h': 100 } },
    { ...b, uptime: { ...b.uptime, '24h': 99 } },
    empty,
  ]);
  assert.equal(group!.uptime['24h'], 99.5);
  assert.equal(groupTargets([empty])[0]!.uptime['90d'], null);
});
