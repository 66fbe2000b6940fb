/**
 * The issue's aims, judged against the measured figures, with Uptime Kuma 1.23's figures from the
 * same machine beside them. An aim whose scenario did not run is left out, not passed.
 */
import type { ApiThroughputResult } from './api-throughput.ts';
import type { ProbeScenarioResult } from './probe-scenario.ts';

/** One aim and how the run did against it. */
export interface AimResult {
  readonly aim: string;
  readonly measured: string;
  /** Null when the figure is informative only (no aim for it). */
  readonly met: boolean | null;
  readonly uptimeKuma: string;
}

const rssAimMb = 70;
const latenessAimMs = 50;
const spreadAim = 2; // busiest second over the mean
const apiAimRequestsPerSecond = 10_000;

/** Judges every aim that the given results can answer. */
export function judgeAims(
  scenarios: readonly ProbeScenarioResult[],
  api: readonly ApiThroughputResult[],
): AimResult[] {
  const aims: AimResult[] = [];
  const quiet = scenarios.find((s) => s.targets === 100 && !s.apiLoad);
  const loaded = scenarios.find((s) => s.targets === 100 && s.apiLoad);
  const largest = scenarios.find((s) => s.targets === 20_000);

  for (const scenario of [quiet, loaded]) {
    if (!scenario) continue;
    aims.push({
      aim: `peak RSS at most ${rssAimMb} MB (${scenario.label})`,
      measured: `${scenario.peakRssMb.toFixed(1)} MB`,
      met: scenario.peakRssMb <= rssAimMb,
      uptimeKuma: scenario === quiet ? '161 MB' : '',
    });
  }
  for (const scenario of scenarios) {
    aims.push({
      aim: `lateness p99 under ${latenessAimMs} ms (${scenario.label})`,
      measured: `${scenario.lateness.p99} ms (max ${scenario.lateness.max} ms)`,
      met: scenario.lateness.p99 < latenessAimMs,
      uptimeKuma: scenario === quiet ? '222 ms' : scenario === loaded ? 'over 1,000 ms' : '',
    });
  }
  for (const scenario of scenarios) {
    aims.push({
      aim: `no second above ${spreadAim}x the mean (${scenario.label})`,
      measured: `${scenario.spread.busiest} in one second at a mean of ${formatMean(scenario.spread.mean)} (${scenario.spread.busiestOverMean.toFixed(2)}x)`,
      met: scenario.spread.busiestOverMean <= spreadAim,
      uptimeKuma: scenario === quiet ? '75 in one second at a mean of 5 (15x)' : '',
    });
  }
  for (const scenario of scenarios) {
    const first = scenario.firstArrivals;
    aims.push({
      aim: `every target probed within its first interval (${scenario.label})`,
      measured: `${(first.targets - first.late).toLocaleString('en-US')} of ${first.targets.toLocaleString('en-US')}; latest ${(first.maxDelayMs / 1000).toFixed(3)} s of ${first.intervalMs / 1000} s`,
      met: first.late === 0,
      uptimeKuma: '',
    });
  }
  if (largest) {
    aims.push({
      aim: `${largest.label} in under one core`,
      measured: `${largest.cpu.percentOfCore.toFixed(1)} % of one core`,
      met: largest.cpu.percentOfCore < 100,
      uptimeKuma: '',
    });
  }
  if (quiet) {
    aims.push({
      aim: `CPU per probe (${quiet.label})`,
      measured: `${quiet.cpu.msPerProbe.toFixed(2)} ms`,
      met: null,
      uptimeKuma: '16 ms',
    });
  }
  const best = [...api]
    .filter((run) => !run.id.startsWith('revalidate'))
    .sort((a, b) => b.requestsPerSecond - a.requestsPerSecond)[0];
  if (best) {
    aims.push({
      aim: `/api/status well over ${apiAimRequestsPerSecond.toLocaleString('en-US')} req/s (100 targets, 200s)`,
      measured: `${Math.round(best.requestsPerSecond).toLocaleString('en-US')} req/s (${best.label})`,
      met: best.requestsPerSecond > apiAimRequestsPerSecond,
      uptimeKuma: '~3,200 req/s',
    });
  }
  return aims;
}

function formatMean(mean: number): string {
  return mean >= 10 ? mean.toFixed(0) : mean.toFixed(1);
}
