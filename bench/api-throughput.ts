/**
 * `/api/status` throughput with 100 targets being probed: the same upbeat serves a closed-loop
 * keep-alive load once per encoding, and once as polling clients that revalidate with their ETag.
 * The CPU of upbeat, of the load generator and of the rest of the machine is read beside each run,
 * so a reader can tell whether the server, the client or a neighbour was the limit.
 */
import { startLoadGenerator, type LoadResult } from './load-generator.ts';
import { startCpuMeter, type CpuReading } from './cpu-meter.ts';
import { startTestbed } from './testbed.ts';

/** One way of asking for `/api/status`. */
export interface ApiVariant {
  readonly id: string;
  readonly label: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly revalidate: boolean;
}

/** One variant's figures. */
export interface ApiThroughputResult extends LoadResult {
  readonly id: string;
  readonly label: string;
  readonly connections: number;
  /** Every bench process's CPU over the run (warm-up included: the load is the same throughout). */
  readonly cpu: CpuReading;
}

/** The variants the issue asks for: plain, brotli, gzip, and ETag revalidation (mostly 304s). */
export const apiVariants: readonly ApiVariant[] = [
  { id: 'identity', label: 'no Accept-Encoding', headers: {}, revalidate: false },
  { id: 'br', label: 'Accept-Encoding: br', headers: { 'accept-encoding': 'br' }, revalidate: false },
  { id: 'gzip', label: 'Accept-Encoding: gzip', headers: { 'accept-encoding': 'gzip' }, revalidate: false },
  {
    id: 'revalidate',
    label: 'br + If-None-Match (304s)',
    headers: { 'accept-encoding': 'br' },
    revalidate: true,
  },
];

const settleMs = 3_000; // past start-up and the first probes' burst of state changes

/** Runs every variant in turn against one upbeat with `targets` targets and seeded history. */
export async function runApiThroughput(options: {
  targets: number;
  intervalSeconds: number;
  connections: number;
  warmupMs: number;
  durationMs: number;
  variants?: readonly ApiVariant[];
}): Promise<ApiThroughputResult[]> {
  const bed = await startTestbed({
    targets: options.targets,
    intervalSeconds: options.intervalSeconds,
    seed: true,
  });
  const load = await startLoadGenerator();
  try {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const results: ApiThroughputResult[] = [];
    for (const variant of options.variants ?? apiVariants) {
      const meter = startCpuMeter({
        upbeat: bed.upbeat.pid,
        loadGenerator: load.pid,
        targetServer: bed.targetServer.pid,
        driver: process.pid,
      });
      const result = await load.run({
        url: `${bed.upbeat.url}/api/status`,
        connections: options.connections,
        warmupMs: options.warmupMs,
        durationMs: options.durationMs,
        headers: variant.headers,
        revalidate: variant.revalidate,
      });
      results.push({
        ...result,
        id: variant.id,
        label: variant.label,
        connections: options.connections,
        cpu: meter.stop(),
      });
    }
    return results;
  } finally {
    await load.stop();
    await bed.close();
  }
}
