import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AlertKind } from './alert-event.ts';
import { makeAlertEvent } from './alert-fixture.testkit.ts';
import { mergeResolvedDowns } from './merge-resolved-downs.ts';

const row = (id: number, target: string, kind: AlertKind) => ({
  id,
  channel: 'c',
  queuedAt: 0,
  event: makeAlertEvent({ id: `e${id}`, target, kind }),
});

const cases: {
  name: string;
  rows: ReturnType<typeof row>[];
  sent: number[];
  absorbed: [number, number[]][];
}[] = [
  {
    name: "a down resolved by its target's later up is folded into the up",
    rows: [row(1, 'A', 'down'), row(2, 'B', 'down'), row(3, 'A', 'up')],
    sent: [2, 3],
    absorbed: [[3, [1]]],
  },
  {
    name: 'reminders between them go too',
    rows: [row(1, 'A', 'down'), row(2, 'A', 'reminder'), row(3, 'A', 'up')],
    sent: [3],
    absorbed: [[3, [1, 2]]],
  },
  {
    name: 'a down after the up (a flap) is still sent',
    rows: [row(1, 'A', 'down'), row(2, 'A', 'up'), row(3, 'A', 'down')],
    sent: [2, 3],
    absorbed: [[2, [1]]],
  },
  {
    name: "another target's up resolves nothing",
    rows: [row(1, 'A', 'down'), row(2, 'B', 'up')],
    sent: [1, 2],
    absorbed: [],
  },
  {
    name: 'an up whose down was delivered earlier is sent as it is',
    rows: [row(1, 'A', 'up'), row(2, 'A', 'down')],
    sent: [1, 2],
    absorbed: [],
  },
  {
    name: 'degraded and recovered are left alone',
    rows: [row(1, 'A', 'degraded'), row(2, 'A', 'recovered')],
    sent: [1, 2],
    absorbed: [],
  },
];
for (const { name, rows, sent, absorbed } of cases) {
  test(`mergeResolvedDowns: ${name}`, () => {
    const merged = mergeResolvedDowns(rows);
    assert.deepEqual(
      merged.rows.map((r) => r.id),
      sent,
    );
    assert.deepEqual(
      [...merged.absorbed].map(([id, folded]) => [id, folded.map((r) => r.id)]),
      absorbed,
    );
  });
}
