import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, createCachedRepresentation } from './cached-representation.ts';
import { waitFor } from '../wait-for.testkit.ts';

const text = async (read: ReturnType<typeof createCachedRepresentation>) =>
  (await read('identity')).body.toString();

test('cached representation: rebuilt only when the version moves, concurrent readers share one build', async () => {
  let version = 1;
  let builds = 0;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => `{"n":${++builds}}`,
    minAgeMs: 0,
  });
  const [first, second, br] = await Promise.all([read('identity'), read('gzip'), read('br')]);
  assert.equal(builds, 1);
  assert.equal(first.body.toString(), '{"n":1}');
  assert.equal(gunzipSync(second.body).toString(), '{"n":1}');
  assert.equal(brotliDecompressSync(br.body).toString(), '{"n":1}');
  assert.equal(second.etag, first.etag, 'one version, one ETag in every encoding');
  assert.equal((await read('identity')).body, first.body, 'same version: same bytes');
  version = 2;
  const next = await read('br');
  assert.equal(brotliDecompressSync(next.body).toString(), '{"n":2}');
  assert.notEqual(next.etag, first.etag);
});

test('cached representation: a Buffer from build is the body as it is', async () => {
  const bytes = Buffer.from('{"bytes":true}');
  const read = createCachedRepresentation({ version: () => 1, build: () => bytes, minAgeMs: 0 });
  assert.equal((await read('identity')).body, bytes);
  assert.equal(gunzipSync((await read('gzip')).body).toString(), '{"bytes":true}');
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
  assert.equal(await text(read), '1');
  version = 2;
  clock = 999;
  assert.equal(await text(read), '1');
  version = 3;
  clock = 5000;
  assert.equal(await text(read), '3');
});

test('cached representation: readers get the current copy while the next one is built after them', async () => {
  let clock = 0;
  let version = 1;
  let builds = 0;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => `${version}:${++builds}`,
    minAgeMs: 1000,
    now: () => clock,
  });
  assert.equal(await text(read), '1:1', 'the first reader waits: there is nothing yet');
  version = 2;
  clock = 1500;
  const [first, second] = await Promise.all([text(read), text(read)]);
  assert.equal(first, '1:1', 'no wait for the rebuild');
  assert.equal(second, first);
  assert.equal(builds, 1, 'the rebuild runs after the answers, not inside them');
  await waitFor(async () => (await text(read)) === '2:2', 'the rebuild that ran after them');
  assert.equal(builds, 2, 'one rebuild for both readers');
  version = 3;
  clock = 5000; // after a quiet spell the copy is too old to hand out
  assert.equal(await text(read), '3:3');
});

test('cached representation: a new copy carries the encodings asked for, so their readers do not wait', async () => {
  let clock = 0;
  let version = 1;
  const read = createCachedRepresentation({
    version: () => version,
    build: () => `v${version}`,
    minAgeMs: 1000,
    now: () => clock,
  });
  assert.equal(brotliDecompressSync((await read('br')).body).toString(), 'v1');
  version = 2;
  clock = 1000;
  await read('br');
  // the warm copy is published only with its brotli form ready: once it is current, br is too
  const etag = await waitFor(async () => {
    const { etag, body } = await read('identity');
    return body.toString() === 'v2' && etag;
  }, 'the warm copy');
  const br = await read('br');
  assert.equal(br.etag, etag);
  assert.equal(brotliDecompressSync(br.body).toString(), 'v2');
});

test('cached representation: readers with nothing to hand out share the rebuild under way, however the version moves', async () => {
  let version = 0;
  let builds = 0;
  const read = createCachedRepresentation({
    version: () => ++version, // newer data at every look, as 20,000 targets' probes make it
    build: () => String(++builds),
    minAgeMs: 1000,
  });
  const answers = await Promise.all([read('br'), read('br'), read('identity')]);
  assert.equal(builds, 1);
  assert.equal(new Set(answers.map((answer) => answer.etag)).size, 1);
});

test('chooseEncoding prefers brotli, then gzip', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('deflate'), 'identity');
  assert.equal(chooseEncoding(undefined), 'identity');
});
