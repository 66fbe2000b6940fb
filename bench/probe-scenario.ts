/**
 * One probing scenario: upbeat probes N loopback targets at a fixed interval (optionally while a
 * load generator hammers `/api/status`), and the figures of one measured window are collected from
 * three independent places: upbeat's /metrics, the target server's arrival counts, and /proc.
 */
import { startLoadGenerator, type LoadResult } from './load-generator.ts';
import { countByValue, parsePrometheusText, readSample, readLatenessMs } from './prometheus-text.ts';
import { countTimeWait, readMemoryMb } from './proc-stats.ts';
import { startCpuMeter, type CpuReading } from './cpu-meter.ts';
import {
  summarizeArrivalSpread,
  summarizeFirstArrivals,
  type ArrivalSpread,
  type FirstArrivals,
} from './arrival-stats.ts';
import { startTestbed } from './testbed.ts';
import type { UpbeatProcess } from '../test/upbeat-process.ts';

/** What to run. */
export interface ProbeScenario {
  readonly id: string;
  readonly label: string;
  readonly targets: number;
  readonly intervalSeconds: number;
  readonly windowSeconds: number;
  /** Keep-alive load on `path` (default `/api/status`) from upbeat's start to the window's end. */
  readonly apiLoad?: {
    readonly connections: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly path?: string;
  };
  /** Months of history in the store first (a realistic `/api/status` body). */
  readonly seed: boolean;
  /** One more target, every second, with a body pattern that costs RE2 about 300 ms (see testbed.ts). */
  readonly regexTarget?: boolean;
}

/** Everything measured in one scenario. */
export interface ProbeScenarioResult {
  readonly id: string;
  readonly label: string;
  readonly targets: number;
  readonly intervalSeconds: number;
  readonly loopbackHosts: number;
  /** Signals in the store when upbeat started (history of a long-running server), or 0. */
  readonly seededSignals: number;
  readonly windowSeconds: number;
  readonly plannedProbesPerSecond: number;
  /** From the upbeat_probes_total delta over the window. */
  readonly probesPerSecond: number;
  /** Probe arrivals per second at the target server over the same window (a cross-check). */
  readonly arrivalsPerSecond: number;
  /** From /metrics at the window's end: cumulative since upbeat started, not the window alone. */
  readonly lateness: {
    readonly p50: number;
    readonly p99: number;
    readonly max: number;
    readonly count: number;
  };
  readonly spread: ArrivalSpread;
  readonly firstArrivals: FirstArrivals & { readonly intervalMs: number };
  readonly cpu: { readonly percentOfCore: number; readonly msPerProbe: number };
  /** Every bench process's CPU over the window, and the machine's other load. */
  readonly cpuDetail: CpuReading;
  /** VmHWM at the window's end: the peak since upbeat started. */
  readonly peakRssMb: number;
  /** VmRSS at the window's start and end: growth between them would hint at a leak. */
  readonly rssMb: { readonly windowStart: number; readonly windowEnd: number };
  readonly skippedTotal: number;
  readonly queuedForCapTotal: number;
  /** Targets whose state was not up at the end (all targets answer 200, so this should be 0). */
  readonly targetsNotUp: number;
  readonly strayRequests: number;
  readonly timeWaitSocketsAtEnd: number;
  readonly apiLoad?: LoadResult;
}

// Past the first interval, so every target is in its steady cycle and its first probe has been seen.
const settleAfterFirstIntervalMs = 2_000;
const upState = 1; // upbeat_target_state value for up

/** Runs one scenario from start to teardown. `nodeArgs` go to upbeat's node (e.g. `--cpu-prof`). */
export async function runProbeScenario(
  scenario: ProbeScenario,
  nodeArgs: readonly string[] = [],
): Promise<ProbeScenarioResult> {
  const intervalMs = scenario.intervalSeconds * 1000;
  const windowMs = scenario.windowSeconds * 1000;
  const bed = await startTestbed({
    targets: scenario.targets,
    intervalSeconds: scenario.intervalSeconds,
    seed: scenario.seed,
    nodeArgs,
    regexTarget: scenario.regexTarget,
  });
  const load = scenario.apiLoad ? await startLoadGenerator() : undefined;
  try {
    const { upbeat } = bed;
    // whole seconds, so the target server's per-second buckets fall entirely inside or outside
    const windowStart = Math.ceil((upbeat.startedAt + intervalMs + settleAfterFirstIntervalMs) / 1000) * 1000;
    const windowEnd = windowStart + windowMs;
    const loadRun = load?.run({
      url: `${upbeat.url}${scenario.apiLoad!.path ?? '/api/status'}`,
      connections: scenario.apiLoad!.connections,
      warmupMs: Math.max(0, windowStart - Date.now()),
      durationMs: windowMs,
      headers: scenario.apiLoad!.headers,
      revalidate: false,
    });
    // awaited below; until then a failure elsewhere must not surface as an unhandled rejection
    loadRun?.catch(() => undefined);

    await sleepUntil(windowStart);
    const before = await scrapeMetrics(upbeat);
    const memoryBefore = readMemoryMb(upbeat.pid);
    const meter = startCpuMeter({
      upbeat: upbeat.pid,
      targetServer: bed.targetServer.pid,
      driver: process.pid,
      ...(load ? { loadGenerator: load.pid } : {}),
    });
    await sleepUntil(windowEnd);
    const cpuDetail = meter.stop();
    const after = await scrapeMetrics(upbeat);
    const memoryAfter = readMemoryMb(upbeat.pid);
    const timeWaitSocketsAtEnd = countTimeWait();
    const apiLoad = await loadRun;
    const report = await bed.targetServer.report();

    const probes = after.probes - before.probes;
    const spread = summarizeArrivalSpread(report.perSecond, windowStart / 1000, windowEnd / 1000);
    const cpuMs = cpuDetail.cpuMs.upbeat!;
    return {
      id: scenario.id,
      label: scenario.label,
      targets: scenario.targets,
      intervalSeconds: scenario.intervalSeconds,
      loopbackHosts: bed.hosts.length,
      seededSignals: bed.seededSignals,
      windowSeconds: scenario.windowSeconds,
      plannedProbesPerSecond: scenario.targets / scenario.intervalSeconds,
      probesPerSecond: probes / ((after.at - before.at) / 1000),
      arrivalsPerSecond: spread.mean,
      lateness: after.lateness,
      spread,
      firstArrivals: {
        ...summarizeFirstArrivals(report.firstArrivals, upbeat.startedAt, intervalMs),
        intervalMs,
      },
      cpu: {
        percentOfCore: cpuDetail.percentOfCore.upbeat!,
        msPerProbe: probes > 0 ? cpuMs / probes : Number.NaN,
      },
      cpuDetail,
      peakRssMb: memoryAfter.peakRssMb,
      rssMb: { windowStart: memoryBefore.rssMb, windowEnd: memoryAfter.rssMb },
      skippedTotal: after.skipped,
      queuedForCapTotal: after.queuedForCap,
      targetsNotUp:
        scenario.targets + (scenario.regexTarget ? 1 : 0) - (after.targetStates.get(upState) ?? 0),
      strayRequests: report.strays,
      timeWaitSocketsAtEnd,
      ...(apiLoad ? { apiLoad } : {}),
    };
  } catch (error) {
    // a /proc read or scrape that failed because upbeat died says less than upbeat's last words
    const exit = bed.upbeat.describeExit();
    throw exit ? new Error(exit, { cause: error }) : error;
  } finally {
    await load?.stop();
    await bed.close();
  }
}

/** The counters the scenario reads from upbeat's /metrics, with when the answer came. */
async function scrapeMetrics(upbeat: UpbeatProcess) {
  const samples = parsePrometheusText(await upbeat.fetchText('/metrics'));
  const lateness = (quantile: string) => readLatenessMs(samples, quantile);
  return {
    at: Date.now(),
    probes: readSample(samples, 'upbeat_probes_total'),
    skipped: readSample(samples, 'upbeat_probes_skipped_total'),
    queuedForCap: readSample(samples, 'upbeat_probes_queued_total'),
    lateness: {
      p50: lateness('0.5'),
      p99: lateness('0.99'),
      max: lateness('1'),
      count: readSample(samples, 'upbeat_schedule_lateness_seconds_count'),
    },
    targetStates: countByValue(samples, 'upbeat_target_state'),
  };
}

function sleepUntil(epochMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, epochMs - Date.now())));
}
