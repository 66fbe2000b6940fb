import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildLatencyPath, chartWidth } from './latency-chart.ts';

const scenarios: { name: string; values: (number | null)[]; want: string }[] = [
  { name: 'nothing to draw', values: [], want: '' },
  { name: 'only empty hours', values: [null, null], want: '' },
  // the peak gets 10 % headroom: 100 of 110 is y 4 in a 40-high box
  { name: 'a line with relative steps', values: [100, 50, 100], want: 'M0 4l10 18l10 -18' },
  { name: 'an empty hour lifts the pen', values: [100, null, 50, 100], want: 'M0 4h0M20 22l10 -18' },
  { name: 'a lone point is drawn as a dot', values: [null, 100, null], want: 'M10 4h0' },
];
for (const { name, values, want } of scenarios) {
  test(`buildLatencyPath: ${name}`, () => assert.equal(buildLatencyPath(values), want));
}

test('chartWidth gives every value the same step', () => {
  assert.equal(chartWidth(24), 230);
  assert.equal(chartWidth(1), 10);
});
