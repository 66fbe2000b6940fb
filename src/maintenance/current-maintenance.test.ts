import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCurrentMaintenance } from './current-maintenance.ts';

test('a replaced schedule answers from the new windows and counts a new version', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  const hour = 3_600_000;
  const current = createCurrentMaintenance([]);
  assert.equal(current.schedule().isInMaintenance('api', now), false);
  current.replace([{ kind: 'once', title: 'Upgrade', targets: ['api'], start: now - hour, end: now + hour }]);
  assert.equal(current.version(), 1);
  assert.equal(current.schedule().isInMaintenance('api', now), true);
  assert.equal(current.schedule().isInMaintenance('web', now), false);
  current.replace([]);
  assert.equal(current.version(), 2);
  assert.equal(current.schedule().isInMaintenance('api', now), false);
});
