/** The bench's printed tables: one row per probing scenario, one per API run, one per aim. */
import type { AimResult } from './aims.ts';
import type { ApiThroughputResult } from './api-throughput.ts';
import type { ProbeScenarioResult } from './probe-scenario.ts';
import { formatTextTable } from './text-table.ts';

/** One row per probing scenario, with the notes that say how to read it. */
export function formatProbeTable(results: readonly ProbeScenarioResult[]): string[] {
  const header = [
    'scenario',
    'probes/s (plan)',
    'lateness ms p50/p99/max',
    'busiest s / mean',
    '1st probe: latest / interval',
    'CPU % core',
    'CPU ms/probe',
    'RSS MB peak / end',
    'API req/s',
    'other load % core',
  ];
  const rows = results.map((r) => [
    r.label,
    `${r.probesPerSecond.toFixed(1)} (${r.plannedProbesPerSecond.toFixed(1)})`,
    `${r.lateness.p50} / ${r.lateness.p99} / ${r.lateness.max}`,
    `${r.spread.busiest} / ${r.spread.mean.toFixed(1)} = ${r.spread.busiestOverMean.toFixed(2)}x`,
    `${(r.firstArrivals.maxDelayMs / 1000).toFixed(2)} s / ${r.intervalSeconds} s${r.firstArrivals.late ? ` (${r.firstArrivals.late} late)` : ''}`,
    r.cpu.percentOfCore.toFixed(1),
    // with the API hammered, CPU per probe would mostly be the API's
    r.apiLoad ? 'n/a (API load)' : r.cpu.msPerProbe.toFixed(2),
    `${r.peakRssMb.toFixed(1)} / ${r.rssMb.windowEnd.toFixed(1)}`,
    r.apiLoad ? formatCount(r.apiLoad.requestsPerSecond) : '-',
    r.cpuDetail.otherPercentOfCore.toFixed(0),
  ]);
  const notes = [
    'probes/s: upbeat_probes_total delta over the window; lateness: /metrics at the window end, cumulative since start;',
    'busiest s, 1st probe: counted by the target server (outside upbeat) per wall-clock second / per target path, the',
    '  first probe from the "listening" log line (written right after the scheduler starts); API req/s: the load alongside;',
    "CPU, RSS peak (VmHWM) and at the window end (VmRSS): /proc of the upbeat process; other load: the machine's busy time outside the bench processes.",
  ];
  const seeded = results.filter((r) => r.seededSignals > 0);
  if (seeded.length > 0) {
    notes.push(
      `${seeded.map((r) => r.label).join('; ')}: started on ${formatCount(seeded[0]!.seededSignals)} stored signals ` +
        '(90 days of history), as a restarted server does.',
    );
  }
  const crossChecks = results.flatMap(checkScenario);
  return [
    ...formatTextTable(header, rows),
    ...notes.map((note) => `  ${note}`),
    ...crossChecks.map((line) => `  ! ${line}`),
  ];
}

/** Disagreements between the independent sources, and other signs that a figure should not be trusted. */
function checkScenario(r: ProbeScenarioResult): string[] {
  const problems: string[] = [];
  const gap = Math.abs(r.probesPerSecond - r.arrivalsPerSecond) / r.plannedProbesPerSecond;
  if (gap > 0.05) {
    problems.push(
      `${r.label}: upbeat counted ${r.probesPerSecond.toFixed(1)} probes/s, the target server ${r.arrivalsPerSecond.toFixed(1)}/s`,
    );
  }
  if (r.targetsNotUp > 0)
    problems.push(
      `${r.label}: ${r.targetsNotUp} targets not up at the end (probe failures: ports? timeouts?)`,
    );
  if (r.strayRequests > 0) problems.push(`${r.label}: ${r.strayRequests} requests to unknown paths`);
  if (r.skippedTotal > 0)
    problems.push(`${r.label}: ${r.skippedTotal} runs skipped (previous probe unfinished)`);
  if (r.apiLoad && r.apiLoad.errors > 0)
    problems.push(`${r.label}: ${r.apiLoad.errors} load-generator socket errors`);
  if (r.cpuDetail.otherPercentOfCore > 20) {
    // a neighbour holding a core skews CPU-bound figures on a small machine
    problems.push(
      `${r.label}: other processes used ${r.cpuDetail.otherPercentOfCore.toFixed(0)} % of a core during the window`,
    );
  }
  return problems;
}

/** One row per way of asking for `/api/status`. */
export function formatApiTable(results: readonly ApiThroughputResult[]): string[] {
  const header = [
    '/api/status, 100 targets',
    'req/s',
    'p50 ms',
    'p99 ms',
    'max ms',
    'statuses',
    'bytes/200',
    'upbeat CPU %',
    'load gen CPU %',
    'other load %',
  ];
  const rows = results.map((r) => [
    r.label,
    formatCount(r.requestsPerSecond),
    r.latencyMs.p50.toFixed(2),
    r.latencyMs.p99.toFixed(2),
    r.latencyMs.max.toFixed(1),
    Object.entries(r.statuses)
      .map(([status, count]) => `${status}: ${formatCount(count)}`)
      .join(', '),
    formatCount(r.bytesPer200),
    (r.cpu.percentOfCore.upbeat ?? 0).toFixed(0),
    (r.cpu.percentOfCore.loadGenerator ?? 0).toFixed(0),
    r.cpu.otherPercentOfCore.toFixed(0),
  ]);
  const first = results[0];
  const notes = first
    ? [
        `${first.connections} keep-alive connections, closed loop, ${first.seconds} s measured after a warm-up; 100 targets probed at 20 s meanwhile;`,
        `${first.cpu.cores} cores on this machine: upbeat, the load generator and the target server share them.`,
      ]
    : [];
  const problems = results.flatMap((r) => [
    ...(r.errors > 0 ? [`${r.label}: ${r.errors} socket errors`] : []),
    // a single-threaded server that is the bottleneck sits near 100 % of a core
    ...((r.cpu.percentOfCore.upbeat ?? 0) < 90
      ? [
          `${r.label}: upbeat used ${(r.cpu.percentOfCore.upbeat ?? 0).toFixed(0)} % of a core, so the client or the machine was the limit: a lower bound`,
        ]
      : []),
  ]);
  return [
    ...formatTextTable(header, rows),
    ...notes.map((note) => `  ${note}`),
    ...problems.map((line) => `  ! ${line}`),
  ];
}

/** The aims, each with the measured figure, met or not, and Uptime Kuma's figure. */
export function formatAimsTable(aims: readonly AimResult[]): string[] {
  return formatTextTable(
    ['aim', 'measured', 'met', 'Uptime Kuma 1.23 (this machine)'],
    aims.map((a) => [a.aim, a.measured, a.met === null ? '-' : a.met ? 'yes' : 'NO', a.uptimeKuma]),
  );
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
