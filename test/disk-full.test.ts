/**
 * Issue 16's full disk, as an operator met it: upbeat's data folder on a 600 kB tmpfs that fills
 * up while 20 targets are probed every second. /readyz must say so, the log must hold a handful of
 * lines rather than one per signal, and everything must recover when space comes back.
 * Mounting needs root; elsewhere the test is skipped, saying so (track-writes.test.ts covers the
 * same with a store that throws).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnUpbeat, startTarget } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';

const targetCount = 20;

/** Writes `file` until the file system has no room left. */
function fillUp(file: string): void {
  const descriptor = openSync(file, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(descriptor, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(descriptor);
  }
}

/** Mounts a small tmpfs at `dir`; false when this process may not (not root, no mount). */
function mountSmallTmpfs(dir: string): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=600k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('a full disk: not ready with the reason, a handful of log lines, and recovery', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'upbeat-disk-full-'));
  const dataDir = join(folder, 'data');
  mkdirSync(dataDir);
  if (!mountSmallTmpfs(dataDir)) {
    rmSync(folder, { recursive: true, force: true });
    t.skip('needs root to mount a small tmpfs');
    return;
  }
  const target = await startTarget();
  let upbeat: Awaited<ReturnType<typeof spawnUpbeat>> | undefined;
  // one hook, in order: the process must be gone before its folder can be unmounted
  t.after(async () => {
    try {
      await upbeat?.stop();
      await target.close();
    } finally {
      execFileSync('umount', [dataDir]);
      rmSync(folder, { recursive: true, force: true });
    }
  });
  const file = join(folder, 'upbeat.yaml');
  writeFileSync(
    file,
    `targets:\n${Array.from({ length: targetCount }, (_, index) => `  - { name: t${index}, url: '${target.url}', interval: 1s }\n`).join('')}`,
  );
  upbeat = await spawnUpbeat({ env: { UPBEAT_CONFIG: file, UPBEAT_DATA_DIR: dataDir } });
  const running = upbeat;
  const readyz = async () => {
    const response = await fetch(`${running.url}/readyz`);
    return {
      status: response.status,
      body: (await response.json()) as { ready: boolean; detail: string | null },
    };
  };
  assert.equal((await readyz()).status, 200);

  const filler = join(dataDir, 'filler');
  fillUp(filler);
  const notReady = await waitFor(async () => {
    const answer = await readyz();
    return answer.status === 503 && answer;
  }, '/readyz to say not ready');
  assert.match(String(notReady.body.detail), /history is not being recorded: .*full/);
  const recording = (body: string) => (JSON.parse(body) as { recording: boolean }).recording;
  await waitFor(async () => !recording(await running.fetchText('/api/status')), 'recording: false');
  // let a good many signals be refused
  const refusedCount = async () =>
    Number(/^upbeat_store_errors_total (\d+)$/m.exec(await running.fetchText('/metrics'))![1]);
  await waitFor(async () => (await refusedCount()) >= 3 * targetCount, 'three seconds of refused signals');

  rmSync(filler);
  await waitFor(async () => (await readyz()).status === 200, '/readyz ready again');
  await waitFor(async () => recording(await running.fetchText('/api/status')), 'recording: true');
  const refused = await refusedCount();
  const storeLines = upbeat
    .output()
    .split('\n')
    .filter((line) => /stor/.test(line) && /"level":(40|50)/.test(line));
  assert.ok(
    storeLines.length <= 3,
    `${refused} refused signals, ${storeLines.length} lines:\n${storeLines.join('\n')}`,
  );
  assert.ok(
    storeLines.every((line) => !line.includes('"stack"')),
    'no stack trace',
  );
  assert.ok(running.output().includes('"msg":"storing signals again after '), running.output());
  t.diagnostic(`${refused} signals refused, ${storeLines.length} warning/error lines about it`);
});
