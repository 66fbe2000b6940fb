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
  /** The transition each result reports, as "from>to", or "" when the state held. */
  transitions: string[];
}[] = [
  {
    name: 'first result sets the state',
    thresholds: [2, 1],
    results: [down],
    states: ['down'],
    transitions: ['unknown>down'],
  },
  {
    name: 'one failure is not enough',
    thresholds: [2, 1],
    results: [up, down, up],
    states: ['up', 'up', 'up'],
    transitions: ['unknown>up', '', ''],
  },
  {
    name: 'two failures in a row go down',
    thresholds: [2, 1],
    results: [up, down, down],
    states: ['up', 'up', 'down'],
    transitions: ['unknown>up', '', 'up>down'],
  },
  {
    name: 'a success resets the failure count',
    thresholds: [2, 1],
    results: [up, down, up, down],
    states: ['up', 'up', 'up', 'up'],
    transitions: ['unknown>up', '', '', ''],
  },
  {
    name: 'recovery needs successesBeforeUp',
    thresholds: [1, 3],
    results: [down, up, up, up],
    states: ['down', 'down', 'down', 'up'],
    transitions: ['unknown>down', '', '', 'down>up'],
  },
  {
    name: 'degraded counts as success for recovery',
    thresholds: [1, 2],
    results: [down, slow, slow],
    states: ['down', 'down', 'degraded'],
    transitions: ['unknown>down', '', 'down>degraded'],
  },
  {
    name: 'up and degraded switch at once',
    thresholds: [2, 3],
    results: [up, slow, up],
    states: ['up', 'degraded', 'up'],
    transitions: ['unknown>up', 'up>degraded', 'degraded>up'],
  },
];

for (const scenario of scenarios) {
  test(`target state: ${scenario.name}`, () => {
    const [failuresBeforeDown, successesBeforeUp] = scenario.thresholds;
    const tracker = createTargetState({ failuresBeforeDown, successesBeforeUp });
    const applied = scenario.results.map((result) => tracker.apply(result));
    assert.deepEqual(
      applied.map(({ state }) => state),
      scenario.states,
    );
    assert.deepEqual(
      applied.map(({ transition }) => (transition ? `${transition.from}>${transition.to}` : '')),
      scenario.transitions,
    );
  });
}

test('target state: starts from a stored state after a restart', () => {
  const tracker = createTargetState({ failuresBeforeDown: 2, successesBeforeUp: 1 }, 'down');
  assert.equal(tracker.current, 'down');
  assert.deepEqual(tracker.apply(up), { state: 'up', transition: { from: 'down', to: 'up' } });
});
