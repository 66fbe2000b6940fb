import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readAlertBody, startAlertReceiver } from './alert-receiver.ts';

const cases = [
  {
    name: 'a webhook body is one event',
    body: { version: 1, id: 'a', event: 'down', target: 'target 7' },
    read: { kind: 'down', count: 1, target: 'target 7', id: 'a' },
  },
  {
    name: 'a grouped Slack message',
    body: { text: '*1000 targets are down*\n…' },
    read: { kind: 'down', count: 1000 },
  },
  {
    name: 'a single Slack message',
    body: { text: '*target 7 is up again*\n…' },
    read: { kind: 'up', count: 1 },
  },
  {
    name: 'a grouped Discord embed',
    body: { embeds: [{ title: '14 targets are up again', description: '…' }] },
    read: { kind: 'up', count: 14 },
  },
  { name: 'anything else', body: { text: '*target 7 is degraded*' }, read: { kind: 'other', count: 1 } },
];
for (const { name, body, read } of cases) {
  test(`alert receiver reads ${name}`, () => assert.deepEqual(readAlertBody(JSON.stringify(body)), read));
}

test('alert receiver counts duplicates and targets whose events came out of order', async (t) => {
  const receiver = await startAlertReceiver({ delayMs: 0 });
  t.after(() => receiver.close());
  const post = (event: string, target: string, id: string) =>
    fetch(receiver.url, { method: 'POST', body: JSON.stringify({ event, target, id }) });
  for (const [event, target, id] of [
    ['down', 'a', '1'],
    ['up', 'a', '2'],
    ['up', 'b', '3'],
    ['up', 'b', '3'],
  ] as const) {
    assert.equal((await post(event, target, id)).status, 200);
  }
  const report = receiver.report();
  assert.deepEqual(
    {
      requests: report.requests,
      down: report.down,
      up: report.up,
      duplicates: report.duplicates,
      outOfOrder: report.outOfOrder,
    },
    { requests: 4, down: 1, up: 3, duplicates: 1, outOfOrder: 1 },
  );
});
