import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRepresentationCache } from './representation-cache.ts';

/** A reader of a fixed body of `size` plain bytes (none compressed), counting its creations. */
function readerOf(size: number, created: string[], key: string) {
  created.push(key);
  const body = { etag: `"${key}"`, identity: Buffer.alloc(size), gzip: Buffer.alloc(0), br: Buffer.alloc(0) };
  return async () => body;
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
      for (const asking of asked) await cache(asking, () => readerOf(10, created, asking));
      const before = created.length;
      await cache(key, () => readerOf(10, created, key));
      assert.equal(created.length === before, kept.includes(key));
    });
  }
}
