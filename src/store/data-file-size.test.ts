import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { measureDataFiles } from './data-file-size.ts';

test('measureDataFiles: the file and its WAL when there, nothing for what is not', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'upbeat-size-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'upbeat.db');
  assert.deepEqual(measureDataFiles(file), []);
  writeFileSync(file, Buffer.alloc(8192));
  assert.deepEqual(measureDataFiles(file), [{ name: 'upbeat.db', bytes: 8192 }]);
  writeFileSync(`${file}-wal`, Buffer.alloc(100));
  assert.deepEqual(measureDataFiles(file), [
    { name: 'upbeat.db', bytes: 8192 },
    { name: 'upbeat.db-wal', bytes: 100 },
  ]);
});
