import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRepresentationCache } from './representation-cache.ts';

/** A reader of a fixed body of `size` bytes, counting its creations. */
function readerOf(size: number, created: string[], key: string) {
  created.push(key);
  const answer = { etag: `"${key}"`, body: Buffer.alloc(size) };
  return async () => answer;
}

for (const { name, bounds, asked, kept } of [
  {
    name: 'bytes',
    bounds: { maxBytes: 25, maxEntries: 10 },
    asked: ['a', 'b', 'c', 'a'],
    kept: ['c', 'a'],
  },
  { name: 'keys', bounds: { maxBytes: 1_000, maxEntries: 2 }, asked: ['a', 'b', 'c', 'b'], kept: ['b', 'c'] },
  { name: 'nothing', bounds: { maxBytes: 1_000, maxEntries: 10 }, asked: ['a', 'b', 'a'], kept: ['a', 'b'] },
]) {
  for (const key of ['a', 'b', 'c']) {
    test(`past its ${name} bound it forgets the least recently asked: ${key} ${kept.includes(key) ? 'kept' : 'gone'}`, async () => {
      const cache = createRepresentationCache(bounds);
      const created: string[] = [];
      for (const asking of asked) await cache(asking, () => readerOf(10, created, asking), 'identity');
      const before = created.length;
      await cache(key, () => readerOf(10, created, key), 'identity');
      assert.equal(created.length === before, kept.includes(key));
    });
  }
}
