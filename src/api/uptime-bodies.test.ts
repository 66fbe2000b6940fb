import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUptimeBodies } from './uptime-bodies.ts';

test('one computation per query and minAgeMs, shared by concurrent askers, then the newest asker’s', async () => {
  let clock = 1_000;
  const bodies = createUptimeBodies({ minAgeMs: 1_000, now: () => clock });
  const computed: string[] = [];
  const compute = (text: string) => async () => (computed.push(text), text);
  const first = await Promise.all([1, 2, 3].map((i) => bodies('q', compute(`a${i}`))));
  assert.deepEqual(computed, ['a1']);
  assert.deepEqual(
    first.map((body) => body.identity.toString()),
    ['a1', 'a1', 'a1'],
  );
  clock += 999;
  assert.equal((await bodies('q', compute('b'))).etag, first[0]!.etag);
  assert.equal((await bodies('other', compute('c'))).identity.toString(), 'c');
  clock += 1;
  const later = await bodies('q', compute('d'));
  assert.equal(later.identity.toString(), 'd');
  assert.notEqual(later.etag, first[0]!.etag);
  assert.deepEqual(computed, ['a1', 'c', 'd']);
});

test('a failed computation reaches every asker and is not kept', async () => {
  const bodies = createUptimeBodies({ minAgeMs: 1_000, now: () => 0 });
  const failing = async () => Promise.reject(new Error('store down'));
  await Promise.all([1, 2].map(() => assert.rejects(bodies('q', failing), /store down/)));
  assert.equal((await bodies('q', async () => 'ok')).identity.toString(), 'ok');
});
