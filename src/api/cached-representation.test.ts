import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, createCachedRepresentation } from './cached-representation.ts';
import { waitFor } from '../wait-for.testkit.ts';

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

test('cached representation: within minAgeMs newer data waits, and past twice that readers wait for it', async () => {
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
  clock = 2000;
  assert.equal((await read()).identity.toString(), '2');
});

test('cached representation: past minAgeMs readers get the current copy while the next one is built', async () => {
  let clock = 0;
  let version = 1;
  let builds = 0;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => `${version}:${++builds}`,
    minAgeMs: 1000,
    now: () => clock,
  });
  assert.equal((await read()).identity.toString(), '1:1', 'the first reader waits: there is nothing yet');
  version = 2;
  clock = 1500;
  const [first, second] = await Promise.all([read(), read()]);
  assert.equal(first.identity.toString(), '1:1', 'no wait for the rebuild');
  assert.equal(second, first);
  // compression runs on the thread pool: the next readers get the new copy once it is done
  await waitFor(async () => (await read()).identity.toString() === '2:2', 'the rebuild that ran beside them');
  assert.equal(builds, 2, 'one rebuild for both readers');
  version = 3;
  clock = 5000; // after a quiet spell the copy is too old to hand out
  assert.equal((await read()).identity.toString(), '3:3');
});

test('chooseEncoding prefers brotli, then gzip', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('deflate'), 'identity');
  assert.equal(chooseEncoding(undefined), 'identity');
});
