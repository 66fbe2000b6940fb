import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMaintenanceSchedule } from './maintenance-schedule.ts';
import { describeMaintenance } from './page-maintenance.ts';

test('the page gets the windows under way and those of the coming 7 days, not later ones', () => {
  const now = Date.parse('2026-12-01T03:00:00Z');
  const schedule = createMaintenanceSchedule([
    { kind: 'once', title: 'Now', start: now - 1000, end: now + 1000 },
    { kind: 'once', title: 'Soon', start: now + 86_400_000, end: now + 2 * 86_400_000, targets: ['API'] },
    { kind: 'once', title: 'Later', start: now + 8 * 86_400_000, end: now + 9 * 86_400_000 },
    { kind: 'once', title: 'Past', start: now - 5000, end: now - 1000 },
  ]);
  assert.deepEqual(describeMaintenance(schedule, now), {
    ongoing: [{ title: 'Now', start: '2026-12-01T02:59:59.000Z', end: '2026-12-01T03:00:01.000Z' }],
    upcoming: [
      { title: 'Soon', targets: ['API'], start: '2026-12-02T03:00:00.000Z', end: '2026-12-03T03:00:00.000Z' },
    ],
  });
});
