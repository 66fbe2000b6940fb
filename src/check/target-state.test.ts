import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTargetState } from './target-state.ts';
import type { CheckResult } from './evaluate-check.ts';

const up: CheckResult = { verdict: 'up', reason: null };
const slow: CheckResult = { verdict: 'degraded', reason: 'slow' };
const down: CheckResult = { verdict: 'down', reason: 'timeout' };

const scenarios: {
  name: string;
  thresholds: [failuresBeforeDown: number, successesBeforeUp: number];
  results: CheckResult[];
  states: string[];
}[] = [
  { name: 'first result sets the state', thresholds: [2, 1], results: [down], states: ['down'] },
  {
    name: 'one failure is not enough',
    thresholds: [2, 1],
    results: [up, down, up],
    states: ['up', 'up', 'up'],
  },
  {
    name: 'two failures in a row go down',
    thresholds: [2, 1],
    results: [up, down, down],
    states: ['up', 'up', 'down'],
  },
  {
    name: 'a success resets the failure count',
    thresholds: [2, 1],
    results: [up, down, up, down],
    states: ['up', 'up', 'up', 'up'],
  },
  {
    name: 'recovery needs successesBeforeUp',
    thresholds: [1, 3],
    results: [down, up, up, up],
    states: ['down', 'down', 'down', 'up'],
  },
  {
    name: 'degraded counts as success for recovery',
    thresholds: [1, 2],
    results: [down, slow, slow],
    states: ['down', 'down', 'degraded'],
  },
  {
    name: 'up and degraded switch at once',
    thresholds: [2, 3],
    results: [up, slow, up],
    states: ['up', 'degraded', 'up'],
  },
];

for (const scenario of scenarios) {
  test(`target state: ${scenario.name}`, () => {
    const [failuresBeforeDown, successesBeforeUp] = scenario.thresholds;
    const tracker = createTargetState({ failuresBeforeDown, successesBeforeUp });
    assert.deepEqual(
      scenario.results.map((result) => tracker.apply(result).state),
      scenario.states,
    );
  });
}

test('target state: reports each transition once', () => {
  const tracker = createTargetState({ failuresBeforeDown: 2, successesBeforeUp: 1 });
  const transitions = [up, down, down, down, up, up].map((result) => tracker.apply(result).transition);
  assert.deepEqual(transitions, [
    { from: 'unknown', to: 'up' },
    undefined,
    { from: 'up', to: 'down' },
    undefined,
    { from: 'down', to: 'up' },
    undefined,
  ]);
});

test('target state: starts from a stored state after a restart', () => {
  const tracker = createTargetState({ failuresBeforeDown: 2, successesBeforeUp: 1 }, 'down');
  assert.equal(tracker.current, 'down');
  assert.deepEqual(tracker.apply(up), { state: 'up', transition: { from: 'down', to: 'up' } });
});
