import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { readEmbeddedPublicFiles, readPublicFolder, type PublicFiles } from './public-files.ts';

const files: Record<string, string> = {
  'robots.txt': 'User-agent: *\n',
  'assets/app.js': 'console.log(1)',
  'assets/app.js.br': 'brotli bytes',
  'assets/manifest.json': '{"script":"/assets/app.js"}',
};

/** The same files as SEA assets (keys under "public/"), read the way node:sea does: throw when absent. */
function embedded(): PublicFiles {
  return readEmbeddedPublicFiles((key) => {
    const text = files[key.slice('public/'.length)];
    if (key.startsWith('public/') && text !== undefined) return new TextEncoder().encode(text).buffer;
    throw new Error(`No matching asset found for key ${key}`);
  });
}

function folder(t: { after(fn: () => void): void }): PublicFiles {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-public-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
  return readPublicFolder(dir);
}

for (const [source, open] of [
  ['the public/ folder', folder],
  ['the executable’s assets', embedded],
] as const) {
  test(`public files from ${source}: read and served alike`, async (t) => {
    const publicFiles = open(t);
    assert.equal(
      Buffer.from(publicFiles.read('assets/manifest.json')!).toString(),
      files['assets/manifest.json'],
    );
    assert.equal(publicFiles.read('assets/missing.json'), undefined);

    const app = new Hono();
    app.use(
      '/assets/*',
      publicFiles.serve({ precompressed: true, onFound: (_path, c) => c.header('X-Found', '1') }),
    );
    app.use('/*', publicFiles.serve({ onFound() {} }));
    const cases: [string, Record<string, string>, number, string | undefined, string | null][] = [
      ['/robots.txt', {}, 200, files['robots.txt'], null],
      ['/assets/app.js', {}, 200, files['assets/app.js'], null],
      ['/assets/app.js', { 'Accept-Encoding': 'br' }, 200, files['assets/app.js.br'], 'br'],
      ['/assets/nope.js', {}, 404, undefined, null],
      ['/assets/../robots.txt', {}, 200, files['robots.txt'], null], // URL-normalised before routing
      ['/assets/..%2Frobots.txt', {}, 404, undefined, null],
    ];
    for (const [path, headers, status, body, encoding] of cases) {
      const response = await app.request(path, { headers });
      assert.equal(response.status, status, path);
      if (body !== undefined) assert.equal(await response.text(), body, path);
      assert.equal(response.headers.get('content-encoding'), encoding, path);
    }
  });
}
