import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, createCachedRepresentation } from './cached-representation.ts';

test('cached representation: rebuilt only when the version moves, concurrent readers share one build', async () => {
  let version = 1;
  let builds = 0;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => `{"n":${++builds}}`,
    minAgeMs: 0,
  });
  const [first, second] = await Promise.all([read(), read()]);
  assert.equal(builds, 1);
  assert.equal(first, second);
  assert.equal(first.identity.toString(), '{"n":1}');
  assert.equal(gunzipSync(first.gzip).toString(), '{"n":1}');
  assert.equal(brotliDecompressSync(first.br).toString(), '{"n":1}');
  assert.equal(await read(), first, 'same version: same bytes');
  version = 2;
  const next = await read();
  assert.equal(next.identity.toString(), '{"n":2}');
  assert.notEqual(next.etag, first.etag);
});

test('cached representation: within minAgeMs newer data waits', async () => {
  let clock = 0;
  let version = 1;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => String(version),
    minAgeMs: 1000,
    now: () => clock,
  });
  assert.equal((await read()).identity.toString(), '1');
  version = 2;
  clock = 999;
  assert.equal((await read()).identity.toString(), '1');
  clock = 1000;
  assert.equal((await read()).identity.toString(), '2');
});

test('chooseEncoding prefers brotli, then gzip', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('deflate'), 'identity');
  assert.equal(chooseEncoding(undefined), 'identity');
});
