import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Grade } from './bar-items.ts';
import { drawBars } from './bar-paths.ts';

test('drawBars: one path per grade, one line per run, worse grades over a green base', () => {
  const cases: [name: string, grades: Grade[], slots: number | undefined, want: [Grade, string][]][] = [
    ['nothing', [], undefined, []],
    ['one run', ['g0', 'g0', 'g0'], undefined, [['g0', 'M0 .5h3']]],
    [
      'runs broken by other grades',
      ['g0', 'g0', 'g4', 'g0', 'g2', 'g2'],
      undefined,
      [
        ['g0', 'M0 .5h6'],
        ['g2', 'M4 .5h2'],
        ['g4', 'M2 .5h1'],
      ],
    ],
    [
      'gaps without data split the green base; one grade moves on relatively',
      ['g1', 'gn', 'g1', 'g0', 'g1'],
      undefined,
      [
        ['gn', 'M1 .75h1'],
        ['g0', 'M0 .5h1m1 0h3'],
        ['g1', 'M0 .5h1m1 0h1m1 0h1'],
      ],
    ],
    [
      'no data sits low',
      ['gn', 'gn', 'g0'],
      undefined,
      [
        ['gn', 'M0 .75h2'],
        ['g0', 'M2 .5h1'],
      ],
    ],
    [
      'fewer bars than slots end at the right',
      ['g0', 'g1'],
      5,
      [
        ['g0', 'M3 .5h2'],
        ['g1', 'M4 .5h1'],
      ],
    ],
  ];
  for (const [name, grades, slots, want] of cases) {
    assert.deepEqual(
      drawBars(grades, slots).map(({ grade, d }) => [grade, d]),
      want,
      name,
    );
  }
});
