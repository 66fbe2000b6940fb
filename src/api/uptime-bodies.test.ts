import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createUptimeBodies } from './uptime-bodies.ts';

test('one computation per query and minAgeMs, shared by concurrent askers, then the newest asker’s', async () => {
  let clock = 1_000;
  const bodies = createUptimeBodies({ minAgeMs: 1_000, now: () => clock });
  const computed: string[] = [];
  const compute = (text: string) => async () => (computed.push(text), text);
  const first = await Promise.all([1, 2, 3].map((i) => bodies('q', compute(`a${i}`))('identity')));
  assert.deepEqual(computed, ['a1']);
  assert.deepEqual(
    first.map((body) => body.body.toString()),
    ['a1', 'a1', 'a1'],
  );
  clock += 999;
  assert.equal((await bodies('q', compute('b'))('identity')).etag, first[0]!.etag);
  assert.equal((await bodies('other', compute('c'))('identity')).body.toString(), 'c');
  clock += 1;
  const later = await bodies('q', compute('d'))('identity');
  assert.equal(later.body.toString(), 'd');
  assert.notEqual(later.etag, first[0]!.etag);
  assert.deepEqual(computed, ['a1', 'c', 'd']);
});

test('a failed computation reaches every asker and is not kept', async () => {
  const bodies = createUptimeBodies({ minAgeMs: 1_000, now: () => 0 });
  const failing = async () => Promise.reject(new Error('store down'));
  await Promise.all([1, 2].map(() => assert.rejects(bodies('q', failing)('identity'), /store down/)));
  assert.equal((await bodies('q', async () => 'ok')('identity')).body.toString(), 'ok');
});
