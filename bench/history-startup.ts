/**
 * Start-up to full history at scale (issue 12): seeds an SQLite file with 100 targets x 90 days x one
 * probe a minute (12.96 M signals, written once and kept), then times what upbeat does before its
 * page shows history: opening the store and warming the status summary (24 h of raw signals for
 * the percentiles, 90 days of daily sums from the hourly rollups). Then times /api/uptime's read
 * for 90 and 365 days.
 *
 *   node --import tsx bench/history-startup.ts [file]   default bench/results/history-13m.db
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Signal } from '../src/signal.ts';
import { buildSignal } from '../src/signal-fixture.testkit.ts';
import { createSqliteStore } from '../src/store/sqlite-store.ts';
import { readExactRollups } from '../src/store/read-exact-rollups.ts';
import { createStatusSummary } from '../src/summary/status-summary.ts';
import type { Target } from '../src/config/config.ts';

const minuteMs = 60_000;
const dayMs = 86_400_000;
const targetCount = 100;
const days = 90;
const batchRows = 50_000; // one transaction each: large enough that commits do not dominate

const root = fileURLToPath(new URL('..', import.meta.url));
const file = process.argv[2] ?? join(root, 'bench', 'results', 'history-13m.db');
const names = Array.from({ length: targetCount }, (_, i) => `target-${String(i).padStart(3, '0')}`);

/** Writes the history ending now, minute by minute, round-robin over the targets. */
async function seed(now: number): Promise<void> {
  mkdirSync(dirname(file), { recursive: true });
  const store = createSqliteStore({ file });
  const start = Math.floor((now - days * dayMs) / minuteMs) * minuteMs;
  const started = performance.now();
  let batch: Signal[] = [];
  let written = 0;
  for (let at = start; at < now; at += minuteMs) {
    for (const [index, target] of names.entries()) {
      const down = (at / minuteMs + index) % 997 === 0; // a prime: failures spread over hours
      batch.push(
        buildSignal({
          received: at + index * 100, // staggered like the scheduler does
          target,
          region: 'local',
          available: !down,
          state: down ? 'down' : 'up',
          httpStatus: down ? -1 : 200,
          reason: down ? 'timeout' : null,
          latencyMs: 20 + ((at / minuteMs + index * 7) % 180),
        }),
      );
      if (batch.length === batchRows) {
        await store.append(batch);
        written += batch.length;
        batch = [];
      }
    }
  }
  await store.append(batch);
  written += batch.length;
  await store.close();
  console.log(`seeded ${written} signals in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const now = Date.now();
if (!existsSync(file)) await seed(now);

const startedAt = Date.now();
const t0 = performance.now();
const store = createSqliteStore({ file });
const targets = names.map((name) => ({ name, publicUrl: '' }) as unknown as Target);
const summary = createStatusSummary({
  config: { title: 'bench', targets, region: 'local' },
});
await summary.warm(store, startedAt);
const warmMs = performance.now() - t0;
const days90 = summary.snapshot().targets[0]!.days.checks.filter((checks) => checks > 0).length;
console.log(`start-up to full history (open + warm): ${warmMs.toFixed(0)} ms; days with checks: ${days90}`);

for (const span of [90, 365]) {
  const timings: number[] = [];
  for (let i = 0; i < 21; i++) {
    const target = names[i % names.length]!;
    const began = performance.now();
    // An edge in the middle of an hour at each end, as a user's range would have.
    await readExactRollups(store, { from: now - span * dayMs + 1234, to: now, step: 'day', target });
    timings.push(performance.now() - began);
  }
  timings.sort((a, b) => a - b);
  console.log(
    `uptime read, ${span} days, one target, daily steps: p50 ${timings[10]!.toFixed(1)} ms, max ${timings[20]!.toFixed(1)} ms`,
  );
}
await store.close();
