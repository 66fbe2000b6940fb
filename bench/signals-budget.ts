/**
 * What the largest `/api/signals` requests cost: 100 targets with 10,000 stored signals each, then
 * the issue's `limit=10000` over all targets (now refused by the row budget), the largest request
 * the budget allows over all targets, and `limit=10000` for one target, with upbeat's RSS read
 * from /proc before and after each.
 */
import { readMemoryMb } from './proc-stats.ts';
import { startTestbed } from './testbed.ts';

/** One request's figures. */
export interface SignalsBudgetResult {
  readonly path: string;
  readonly status: number;
  readonly bytes: number;
  readonly ms: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  /** VmHWM after the request: the peak since upbeat started. */
  readonly peakRssMb: number;
  /** The `error` of a 4xx, which tells the client what to send instead. */
  readonly error?: string;
}

const targets = 100;
const perTarget = 10_000; // the largest `limit`: each target can fill it
const largestAllowedLimit = 300; // the row budget (30,000) over 100 targets
const settleMs = 3_000; // past start-up and the first probes

/** Requests each path once, in order, against one upbeat whose store holds 100 x 10,000 signals. */
export async function runSignalsBudget(): Promise<SignalsBudgetResult[]> {
  const bed = await startTestbed({ targets, intervalSeconds: 20, seed: true, recentPerTarget: perTarget });
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const results: SignalsBudgetResult[] = [];
    for (const path of [
      '/api/signals?limit=10000',
      `/api/signals?limit=${largestAllowedLimit}`,
      `/api/signals?limit=10000&target=${encodeURIComponent('target 0')}`,
    ]) {
      const rssBeforeMb = readMemoryMb(bed.upbeat.pid).rssMb;
      const started = performance.now();
      const response = await fetch(`${bed.upbeat.url}${path}`);
      const body = await response.text();
      const ms = performance.now() - started;
      const memory = readMemoryMb(bed.upbeat.pid);
      results.push({
        path,
        status: response.status,
        bytes: Buffer.byteLength(body),
        ms,
        rssBeforeMb,
        rssAfterMb: memory.rssMb,
        peakRssMb: memory.peakRssMb,
        ...(response.status >= 400 && { error: (JSON.parse(body) as { error: string }).error }),
      });
    }
    return results;
  } finally {
    await bed.close();
  }
}

/** One row per request, with how to read it. */
export function formatSignalsBudgetTable(results: readonly SignalsBudgetResult[]): string[] {
  const lines = results.map(
    (r) =>
      `${r.path}: ${r.status}, ${(r.bytes / 1e6).toFixed(2)} MB in ${r.ms.toFixed(0)} ms, ` +
      `RSS ${r.rssBeforeMb.toFixed(0)} -> ${r.rssAfterMb.toFixed(0)} MB (peak so far ${r.peakRssMb.toFixed(0)} MB)` +
      (r.error ? `\n    ${r.error}` : ''),
  );
  return [
    `/api/signals, ${targets} targets x ${perTarget.toLocaleString('en')} stored signals (SQLite), one request each:`,
    ...lines.map((line) => `  ${line}`),
  ];
}
