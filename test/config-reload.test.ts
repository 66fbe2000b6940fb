/**
 * Issue 16's reload, as an operator does it: a running server, its config file edited in place the
 * way editors save (a new file renamed over the old), an invalid edit, and SIGHUP.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnUpbeat, startTarget, writeConfigFile } from './upbeat-process.ts';
import { waitFor } from '../src/wait-for.testkit.ts';

type Entry = { name: string; url: string; interval: string };

const yamlOf = (targets: readonly Entry[]) =>
  `title: Reload test\ntargets:\n${targets
    .map(({ name, url, interval }) => `  - name: ${name}\n    url: ${url}\n    interval: ${interval}\n`)
    .join('')}`;

/** The target names an /api/status body lists, in order. */
const namesIn = (body: string) =>
  (JSON.parse(body) as { targets: { name: string }[] }).targets.map(({ name }) => name);

/** Log lines (JSON), only those whose message is `msg` when it is given. */
function logEntries(output: string, msg?: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((entry) => msg === undefined || entry.msg === msg);
}

test('a running server follows its config file and SIGHUP; an invalid edit changes nothing', async (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'upbeat-reload-'));
  const [keep, drop, change, fresh, hup] = await Promise.all([
    startTarget(),
    startTarget(),
    startTarget(),
    startTarget(),
    startTarget(),
  ]);
  const file = join(folder, 'upbeat.yaml');
  const before: Entry[] = [
    { name: 'keep', url: keep.url, interval: '1s' },
    { name: 'drop', url: drop.url, interval: '1s' },
    { name: 'change', url: change.url, interval: '1s' },
  ];
  writeConfigFile(file, yamlOf(before));
  const upbeat = await spawnUpbeat({
    env: { UPBEAT_CONFIG: file, UPBEAT_DATA_DIR: join(folder, 'data') },
  });
  t.after(async () => {
    await upbeat.stop();
    await Promise.all([keep, drop, change, fresh, hup].map((target) => target.close()));
    rmSync(folder, { recursive: true, force: true });
  });
  await waitFor(() => drop.arrivals.length >= 2 && change.arrivals.length >= 2, 'first probes');

  // one added, one removed, one changed (1 s -> 2 s)
  const after: Entry[] = [
    { name: 'keep', url: keep.url, interval: '1s' },
    { name: 'change', url: change.url, interval: '2s' },
    { name: 'fresh', url: fresh.url, interval: '1s' },
  ];
  const editedAt = Date.now();
  writeConfigFile(file, yamlOf(after));
  const reloaded = await waitFor(() => logEntries(upbeat.output(), 'config reloaded')[0], 'the reload line');
  assert.deepEqual(
    {
      trigger: reloaded.trigger,
      added: reloaded.added,
      removed: reloaded.removed,
      changed: reloaded.changed,
    },
    { trigger: 'file changed', added: ['fresh'], removed: ['drop'], changed: ['change'] },
  );
  await waitFor(() => fresh.arrivals.length > 0, 'the added target probed');
  const firstProbeOfAddedMs = fresh.arrivals[0]! - editedAt;
  const droppedCount = drop.arrivals.length;
  const changedFrom = change.arrivals.length;
  await waitFor(() => change.arrivals.length >= changedFrom + 3, 'three probes on the new interval');
  assert.equal(drop.arrivals.length, droppedCount, 'the removed target is no longer probed');
  const gaps = change.arrivals
    .slice(changedFrom)
    .map((at, index, all) => (index === 0 ? 2_000 : at - all[index - 1]!));
  // a 2 s grid never runs early; 1.5 s leaves room for the probe's own connect time
  assert.ok(
    gaps.every((gap) => gap > 1_500),
    `the changed target follows 2 s: gaps ${gaps.join(', ')} ms`,
  );
  assert.match(await upbeat.fetchText('/metrics'), /^upbeat_config_last_reload_successful 1$/m);
  assert.deepEqual(namesIn(await upbeat.fetchText('/api/status')), ['keep', 'change', 'fresh']);

  // an invalid edit: the problem is logged as start-up prints it, and everything runs on
  writeConfigFile(file, yamlOf(after).replace('interval: 2s', 'interval: 2 seconds'));
  await waitFor(
    () => logEntries(upbeat.output(), 'config reload failed: still running the previous config')[0],
    'the failed reload',
  );
  const problems = logEntries(upbeat.output()).filter((entry) =>
    String(entry.msg).startsWith('config error: '),
  );
  assert.deepEqual(
    problems.map((entry) => entry.msg),
    ['config error: targets[1].interval: expected a duration like 30s, got "2 seconds"'],
  );
  assert.match(await upbeat.fetchText('/metrics'), /^upbeat_config_last_reload_successful 0$/m);
  const keepCount = keep.arrivals.length;
  await waitFor(() => keep.arrivals.length >= keepCount + 2, 'the kept target still probed');
  assert.deepEqual(namesIn(await upbeat.fetchText('/api/status')), ['keep', 'change', 'fresh']);

  // SIGHUP reloads too (before the folder watch settles on the same edit)
  writeConfigFile(file, yamlOf([...after, { name: 'hup', url: hup.url, interval: '1s' }]));
  upbeat.child.kill('SIGHUP');
  const byHup = await waitFor(
    () => logEntries(upbeat.output(), 'config reloaded').find((entry) => entry.trigger === 'SIGHUP'),
    'the SIGHUP reload line',
  );
  assert.deepEqual(byHup.added, ['hup']);
  await waitFor(() => hup.arrivals.length > 0, 'the target added by SIGHUP probed');
  assert.equal(upbeat.describeExit(), undefined, 'SIGHUP did not end the process');
  t.diagnostic(`first probe of the added target ${firstProbeOfAddedMs} ms after the edit`);
});
