import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMaintenanceSchedule } from './maintenance-schedule.ts';

const hour = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const schedule = createMaintenanceSchedule([
  {
    kind: 'once',
    title: 'DB upgrade',
    start: at('2026-12-01T02:00:00Z'),
    end: at('2026-12-01T04:00:00Z'),
    targets: ['db'],
  },
  // Sundays 03:00 in Berlin (UTC+1 in winter) for one hour, all targets
  { kind: 'recurring', title: 'Weekly', cron: '0 3 * * 0', durationMs: hour, timezone: 'Europe/Berlin' },
]);

const cases: [string, string, boolean][] = [
  ['db', '2026-12-01T01:59:59.999Z', false],
  ['db', '2026-12-01T02:00:00Z', true],
  ['db', '2026-12-01T03:59:59.999Z', true],
  ['db', '2026-12-01T04:00:00Z', false], // the end is not inside
  ['web', '2026-12-01T03:00:00Z', false], // not a listed target
  ['web', '2026-12-06T02:00:00Z', true], // Sunday 03:00 Berlin
  ['db', '2026-12-06T02:59:59Z', true],
  ['web', '2026-12-06T03:00:00Z', false],
  ['web', '2026-12-06T01:59:59Z', false],
];
for (const [target, iso, expected] of cases) {
  test(`isInMaintenance(${target}, ${iso}) is ${expected}`, () =>
    assert.equal(schedule.isInMaintenance(target, at(iso)), expected));
}

test('periodsBetween lists each occurrence overlapping the range, by start, with its window', () => {
  const periods = schedule.periodsBetween(at('2026-11-30T00:00:00Z'), at('2026-12-14T00:00:00Z'));
  assert.deepEqual(
    periods.map(({ title, start, end }) => [
      title,
      new Date(start).toISOString(),
      new Date(end).toISOString(),
    ]),
    [
      ['DB upgrade', '2026-12-01T02:00:00.000Z', '2026-12-01T04:00:00.000Z'],
      ['Weekly', '2026-12-06T02:00:00.000Z', '2026-12-06T03:00:00.000Z'],
      ['Weekly', '2026-12-13T02:00:00.000Z', '2026-12-13T03:00:00.000Z'],
    ],
  );
  // one already under way at `from` is included
  assert.deepEqual(
    schedule.periodsBetween(at('2026-12-06T02:30:00Z'), at('2026-12-06T02:31:00Z')).map((p) => p.title),
    ['Weekly'],
  );
  assert.deepEqual(
    schedule.periodsBetween(at('2026-12-01T02:00:00Z'), at('2026-12-01T03:00:00Z'), 'web'),
    [],
  );
});
