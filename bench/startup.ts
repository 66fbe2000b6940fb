/**
 * Start-up cost of the bundle: from spawn to the first `/healthz` answer, and resident memory once
 * idle, for one target and a fresh data directory, and for 100 targets over 90 days of SQLite
 * history (what a long-running server restarts with). One run each; a shared machine is noisy.
 *
 *   node --import tsx bench/startup.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { readMemoryMb } from './proc-stats.ts';
import { startTestbed } from './testbed.ts';

const idleMs = 5_000; // past the first probes and the summary's warm-up

/** One start: ms from spawn to /healthz, and idle RSS in MB. */
async function measureStartup(options: { targets: number; seed: boolean }) {
  const bed = await startTestbed({ ...options, intervalSeconds: 60 });
  try {
    await bed.upbeat.fetchText('/healthz');
    const healthzAfterMs = performance.now() - bed.upbeat.spawnedAt;
    await sleep(idleMs);
    return {
      ...options,
      healthzAfterMs: Math.round(healthzAfterMs),
      idleRssMb: readMemoryMb(bed.upbeat.pid).rssMb,
    };
  } finally {
    await bed.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const options of [
    { targets: 1, seed: false },
    { targets: 100, seed: true },
  ]) {
    const result = await measureStartup(options);
    process.stdout.write(
      `${result.targets} target(s)${result.seed ? ', 90 days of history' : ''}: /healthz after ${result.healthzAfterMs} ms, idle RSS ${result.idleRssMb.toFixed(1)} MB\n`,
    );
  }
}
