import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCacheDir, placeAddon } from './sqlite-addon.ts';

const bytes = new TextEncoder().encode('not really an ELF file');
const sha256 = createHash('sha256').update(bytes).digest('hex');

function scratch(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-addon-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('findCacheDir: XDG_CACHE_HOME when absolute, else ~/.cache', () => {
  const cases: [NodeJS.ProcessEnv, string][] = [
    [{ XDG_CACHE_HOME: '/var/cache/me' }, '/var/cache/me/upbeat'],
    [{}, '/home/me/.cache/upbeat'],
    [{ XDG_CACHE_HOME: '' }, '/home/me/.cache/upbeat'],
    [{ XDG_CACHE_HOME: 'relative/cache' }, '/home/me/.cache/upbeat'],
  ];
  for (const [env, expected] of cases)
    assert.equal(
      findCacheDir(env, () => '/home/me'),
      expected,
    );
});

test('placeAddon: writes <cache>/<sha256>/better_sqlite3.node once, leaving no temporary file', (t) => {
  const cache = join(scratch(t), 'cache');
  const first = placeAddon(bytes, { cacheDir: () => cache, tempRoot: '/nonexistent' });
  assert.equal(first.file, join(cache, sha256, 'better_sqlite3.node'));
  assert.deepEqual(readFileSync(first.file), Buffer.from(bytes));
  assert.deepEqual(readdirSync(join(cache, sha256)), ['better_sqlite3.node']);
  const inode = statSync(first.file).ino;

  const second = placeAddon(bytes, { cacheDir: () => cache, tempRoot: '/nonexistent' });
  second.release();
  assert.equal(second.file, first.file);
  assert.equal(statSync(second.file).ino, inode, 'an intact cached file is reused, not rewritten');
});

test('placeAddon: a cached file whose bytes do not match is replaced', (t) => {
  const cache = scratch(t);
  mkdirSync(join(cache, sha256));
  writeFileSync(join(cache, sha256, 'better_sqlite3.node'), 'truncat');
  const placed = placeAddon(bytes, { cacheDir: () => cache, tempRoot: '/nonexistent' });
  assert.deepEqual(readFileSync(placed.file), Buffer.from(bytes));
});

test('placeAddon: an unusable cache falls back to a temporary folder that release() removes', (t) => {
  const dir = scratch(t);
  const notADirectory = join(dir, 'file');
  writeFileSync(notADirectory, '');
  const temp = join(dir, 'tmp');
  mkdirSync(temp);
  const unusable: [string, () => string][] = [
    ['cache under a regular file', () => join(notADirectory, 'upbeat')],
    [
      'no home directory',
      () => {
        throw new Error('no home');
      },
    ],
  ];
  for (const [name, cacheDir] of unusable) {
    const placed = placeAddon(bytes, { cacheDir, tempRoot: temp });
    assert.ok(placed.file.startsWith(`${temp}/upbeat-addon-`), name);
    assert.deepEqual(readFileSync(placed.file), Buffer.from(bytes), name);
    placed.release();
    assert.deepEqual(readdirSync(temp), [], `${name}: nothing left behind`);
  }
});
