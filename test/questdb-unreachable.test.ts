/**
 * upbeat pointed at a QuestDB that is not there (compose starts both at once): it must still open
 * its port, serve the page and status from memory, say what it waits for, and stop cleanly. Run
 * for the bundle and for the single executable, whose QuestDB client, PG-wire client and SQLite
 * outbox are bundled differently.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort, executable, spawnUpbeat, startTarget, waitFor } from './upbeat-process.ts';
import type { StatusResponse } from '../src/status/wire-types.ts';

for (const [name, command] of [
  ['the bundle', undefined],
  ['the single executable', executable],
] as const) {
  test(
    `${name}: with QuestDB unreachable upbeat serves from memory, reports not ready and stops cleanly`,
    { timeout: 60_000 },
    async (t) => {
      const dir = mkdtempSync(join(tmpdir(), 'upbeat-noqdb-'));
      t.after(() => rmSync(dir, { recursive: true, force: true }));
      const target = await startTarget();
      t.after(() => target.close());
      const upbeat = await spawnUpbeat({
        command,
        env: {
          UPBEAT_URL: target.url,
          UPBEAT_INTERVAL: '1s',
          UPBEAT_DATA_DIR: dir,
          XDG_CACHE_HOME: dir, // the executable's addon cache: not the real home's
          UPBEAT_QUESTDB_ILP: `tcp::addr=127.0.0.1:${await closedPort()};`,
          UPBEAT_QUESTDB_PG: `postgres://admin:quest@127.0.0.1:${await closedPort()}/qdb`,
        },
      });
      t.after(() => upbeat.stop('SIGKILL'));

      assert.equal((await fetch(`${upbeat.url}/healthz`)).status, 200);
      const readiness = await fetch(`${upbeat.url}/readyz`);
      assert.equal(readiness.status, 503);
      assert.match(((await readiness.json()) as { detail: string }).detail, /questdb/);
      const status = await waitFor(async () => {
        const body = (await (await fetch(`${upbeat.url}/api/status`)).json()) as StatusResponse;
        return body.targets[0]!.state === 'up' ? body : undefined;
      });
      assert.equal(status.overall, 'operational');
      const signals = await fetch(`${upbeat.url}/api/signals`);
      assert.equal(signals.status, 503);
      assert.match(((await signals.json()) as { error: string }).error, /^history store unavailable: /);

      const stopped = await upbeat.stop('SIGTERM');
      assert.equal(stopped.code, 0, upbeat.output());
      assert.ok(stopped.ms < 5_000, `exited in ${Math.round(stopped.ms)} ms`);
    },
  );
}
