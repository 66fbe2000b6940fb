import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventHub, type HubEvent } from './event-hub.ts';

const event = (n: number): HubEvent => ({ event: 'target', data: String(n) });

test('event hub: a subscriber gets what is published after it subscribed, in order', async () => {
  const hub = createEventHub();
  const abort = new AbortController();
  const events = hub.subscribe(abort.signal);
  hub.publish(event(1));
  hub.publish(event(2));
  assert.deepEqual((await events.next()).value, event(1));
  assert.deepEqual((await events.next()).value, event(2));
  abort.abort();
  assert.equal((await events.next()).done, true);
  assert.equal(hub.size, 0);
});

test('event hub: an aborted subscriber that never read is forgotten', () => {
  const hub = createEventHub();
  const abort = new AbortController();
  hub.subscribe(abort.signal);
  assert.equal(hub.size, 1);
  abort.abort();
  assert.equal(hub.size, 0);
});

test('event hub: a subscriber that falls too far behind is dropped, others go on', async () => {
  const hub = createEventHub({ maxQueued: 2 });
  const slow = hub.subscribe(new AbortController().signal);
  const fast = hub.subscribe(new AbortController().signal);
  hub.publish(event(1));
  assert.deepEqual((await fast.next()).value, event(1));
  hub.publish(event(2));
  assert.deepEqual((await fast.next()).value, event(2));
  hub.publish(event(3)); // slow now holds 1 and 2: dropped
  assert.equal(hub.size, 1);
  // its stream ends; the page's EventSource reconnects and reloads /api/status
  assert.equal((await slow.next()).done, true);
});

test('event hub: close ends every stream and refuses new ones', async () => {
  const hub = createEventHub();
  const events = hub.subscribe(new AbortController().signal);
  const pending = events.next();
  hub.close();
  assert.equal((await pending).done, true);
  assert.equal((await hub.subscribe(new AbortController().signal).next()).done, true);
});
