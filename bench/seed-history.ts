/**
 * History for a data directory before upbeat starts, so `/api/status` carries what a server that has
 * run for months carries (24 filled hourly bars, 90 daily ones, latency percentiles) instead of the
 * near-empty arrays of a first start. Written with upbeat's own SQLite store.
 */
import { join } from 'node:path';
import type { Signal } from '../src/signal.ts';
import { buildSignal } from '../src/signal-fixture.testkit.ts';
import { createSqliteStore } from '../src/store/sqlite-store.ts';

const hourMs = 3_600_000;
const dayMs = 86_400_000;
const minuteMs = 60_000;
const perHour = 3; // a few per hourly bar: enough for percentiles, few enough to write in a second
const days = 90; // the page's daily bars
const downEvery = 53; // a prime, so failures land on different hours for different targets

/** Writes past signals for `targets` into `dataDir/upbeat.db` (the file upbeat opens there). */
export async function seedHistory(options: {
  dataDir: string;
  targets: readonly { name: string; url: string }[];
  now: number;
  /** Extra signals per target, one a minute up to now: enough rows for `/api/signals?limit=10000`. */
  recentPerTarget?: number;
}): Promise<number> {
  const store = createSqliteStore({ file: join(options.dataDir, 'upbeat.db') });
  const recent = options.recentPerTarget ?? 0;
  const recentFrom = options.now - recent * minuteMs; // the sparse history stops where the dense one starts
  const times: number[] = [];
  for (let day = days - 1; day >= 1; day--) times.push(options.now - day * dayMs);
  for (let step = 24 * perHour; step >= 1; step--) times.push(options.now - (step * hourMs) / perHour);
  for (let i = times.length - 1; i >= 0 && recent > 0; i--) if (times[i]! >= recentFrom) times.splice(i, 1);
  for (let step = recent; step >= 1; step--) times.push(options.now - step * minuteMs);
  let written = 0;
  try {
    for (const [index, target] of options.targets.entries()) {
      const signals = times.map((received, n): Signal => {
        const down = (index + n) % downEvery === 0;
        return buildSignal({
          received,
          target: target.name,
          region: 'local',
          url: target.url,
          httpStatus: down ? -1 : 200,
          available: !down,
          state: down ? 'down' : 'up',
          latencyMs: down ? 10_000 : 20 + ((index * 7 + n * 13) % 180),
          reason: down ? 'timeout' : null,
          // Plain http to a loopback address, as the testbed's targets are: no lookup, no TLS.
          connectMs: 0.25,
          firstByteMs: down ? null : 2.5,
        });
      });
      await store.append(signals);
      written += signals.length;
    }
  } finally {
    await store.close();
  }
  return written;
}
