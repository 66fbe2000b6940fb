/**
 * `/api/status` tail latency with many targets: after the first interval, one client polls once a
 * second as the page does (brotli, revalidating with its ETag), alone and then beside `wrk -t2 -c50`.
 * Latency is the time to the whole (still compressed) body; the load average is read beside each
 * phase, since the machine is shared and a neighbour's build shows up in every figure.
 */
import { execFile } from 'node:child_process';
import { request, Agent } from 'node:http';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parsePrometheusText, readLatenessMs } from './prometheus-text.ts';
import { startTestbed } from './testbed.ts';
import { formatTextTable } from './text-table.ts';

const execFileAsync = promisify(execFile);

/** What to run. */
export interface StatusPollerScenario {
  readonly id: string;
  readonly targets: number;
  readonly intervalSeconds: number;
  readonly pollSeconds: number;
  readonly wrkSeconds: number;
}

/** Latency figures in ms. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** One phase's figures. */
export interface StatusPollerPhase {
  readonly label: string;
  readonly poller: LatencySummary & { readonly statuses: Record<string, number>; readonly bodyBytes: number };
  readonly wrk?: LatencySummary & { readonly requestsPerSecond: number; readonly errors: string };
  /** Cumulative since upbeat started, read at the phase's end. */
  readonly lateness: { readonly p50: number; readonly p99: number; readonly max: number };
  /** 1-minute load average at the phase's start and end. */
  readonly loadAverage: readonly [number, number];
}

/** Everything measured. */
export interface StatusPollerResult {
  readonly id: string;
  readonly targets: number;
  readonly intervalSeconds: number;
  /** The first request after the first interval, not counted in the phases: it waits for the first build and whatever start-up work is still queued. */
  readonly firstAnswerMs: number;
  readonly phases: readonly StatusPollerPhase[];
}

const settleAfterFirstIntervalMs = 2_000; // every target probed once, the first burst of changes past
const wrkConnections = 50; // the wrk -t2 -c50
const wrkTimeoutSeconds = 30; // wrk's default 2 s drops slow answers from its figures instead of counting them

/** Starts upbeat with `targets` targets, waits out the first interval, then runs both phases. */
export async function runStatusPoller(
  scenario: StatusPollerScenario,
  nodeArgs: readonly string[] = [],
): Promise<StatusPollerResult> {
  const bed = await startTestbed({
    targets: scenario.targets,
    intervalSeconds: scenario.intervalSeconds,
    seed: false,
    nodeArgs,
  });
  try {
    const { upbeat } = bed;
    const firstRound = upbeat.startedAt + scenario.intervalSeconds * 1000 + settleAfterFirstIntervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstRound - Date.now())));
    const url = `${upbeat.url}/api/status`;
    const readLateness = async () => {
      const samples = parsePrometheusText(await upbeat.fetchText('/metrics'));
      return {
        p50: readLatenessMs(samples, '0.5'),
        p99: readLatenessMs(samples, '0.99'),
        max: readLatenessMs(samples, '1'),
      };
    };

    const firstAnswerMs = (await pollOncePerSecond(url, 0.001)).max;
    const phases: StatusPollerPhase[] = [];
    const startLoad = loadavg()[0]!;
    const alone = await pollOncePerSecond(url, scenario.pollSeconds);
    phases.push({
      label: 'poller alone',
      poller: alone,
      lateness: await readLateness(),
      loadAverage: [startLoad, loadavg()[0]!],
    });

    const wrkLoad = loadavg()[0]!;
    const [wrk, beside] = await Promise.all([
      runWrk(url, scenario.wrkSeconds),
      pollOncePerSecond(url, scenario.wrkSeconds),
    ]);
    phases.push({
      label: `poller + wrk -t2 -c${wrkConnections}`,
      poller: beside,
      wrk,
      lateness: await readLateness(),
      loadAverage: [wrkLoad, loadavg()[0]!],
    });
    const { id, targets, intervalSeconds } = scenario;
    return { id, targets, intervalSeconds, firstAnswerMs, phases };
  } catch (error) {
    const exit = bed.upbeat.describeExit();
    throw exit ? new Error(exit, { cause: error }) : error;
  } finally {
    await bed.close();
  }
}

/** One keep-alive client, one GET a second (ticks a slow answer overran are skipped), `If-None-Match` from the last 200. */
async function pollOncePerSecond(url: string, seconds: number) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let etag: string | undefined;
  let bodyBytes = 0;
  const end = Date.now() + seconds * 1000;
  try {
    // a burst of catch-up requests after a slow one would only measure the same copy again
    for (
      let next = Date.now();
      next < end;
      next += Math.max(1, Math.ceil((Date.now() - next) / 1000)) * 1000
    ) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - Date.now())));
      const startedAt = performance.now();
      const answer = await get(url, agent, {
        'accept-encoding': 'br',
        ...(etag && { 'if-none-match': etag }),
      });
      latencies.push(performance.now() - startedAt);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      if (answer.status === 200) {
        etag = answer.etag;
        bodyBytes = Math.max(bodyBytes, answer.bytes);
      }
    }
  } finally {
    agent.destroy();
  }
  return { ...summarize(latencies), statuses, bodyBytes };
}

/** A GET whose body is read in full but not decompressed (node:http leaves Content-Encoding alone). */
function get(url: string, agent: Agent, headers: Record<string, string>) {
  return new Promise<{ status: number; etag: string | undefined; bytes: number }>((resolve, reject) => {
    const req = request(url, { agent, headers }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, etag: res.headers.etag, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** `wrk -t2 -c50` with brotli, as a crowd of browsers without an ETag would ask. */
async function runWrk(url: string, seconds: number) {
  const { stdout } = await execFileAsync(
    'wrk',
    [
      '-t2',
      `-c${wrkConnections}`,
      `-d${seconds}s`,
      `--timeout=${wrkTimeoutSeconds}s`,
      '--latency',
      '-H',
      'Accept-Encoding: br',
      url,
    ],
    { timeout: (seconds + wrkTimeoutSeconds + 10) * 1000 },
  );
  return parseWrk(stdout);
}

/** The figures out of wrk's text report (its units vary: us, ms, s). */
export function parseWrk(text: string) {
  const toMs = (value: string, unit: string) =>
    Number(value) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[unit]!;
  const quantile = (label: string) => {
    const match = new RegExp(`^\\s*${label}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    if (!match) throw new Error(`wrk: no ${label}% line in ${JSON.stringify(text)}`);
    return toMs(match[1]!, match[2]!);
  };
  const latencyLine = /^\s*Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)/m.exec(text);
  const requests = /^\s*(\d+) requests in/m.exec(text);
  const rate = /^Requests\/sec:\s+([\d.]+)/m.exec(text);
  if (!latencyLine || !requests || !rate) throw new Error(`wrk: cannot read ${JSON.stringify(text)}`);
  return {
    count: Number(requests[1]),
    p50: quantile('50'),
    p99: quantile('99'),
    max: toMs(latencyLine[1]!, latencyLine[2]!),
    requestsPerSecond: Number(rate[1]),
    errors: /^\s*(Socket errors:.*|Non-2xx.*)$/m.exec(text)?.[1] ?? 'none',
  };
}

function summarize(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN);
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), max: Math.round(sorted.at(-1) ?? Number.NaN) };
}

/** One row per phase. */
export function formatStatusPoller(result: StatusPollerResult): string[] {
  const header = [
    'phase',
    'poller ms p50/p99/max (n)',
    'poller 200/304',
    'wrk ms p50/p99/max',
    'wrk req/s',
    'lateness ms p50/p99/max',
    'load avg start/end',
  ];
  const rows = result.phases.map((phase) => [
    phase.label,
    `${phase.poller.p50} / ${phase.poller.p99} / ${phase.poller.max} (${phase.poller.count})`,
    `${phase.poller.statuses['200'] ?? 0} / ${phase.poller.statuses['304'] ?? 0}`,
    phase.wrk
      ? `${phase.wrk.p50.toFixed(1)} / ${phase.wrk.p99.toFixed(1)} / ${phase.wrk.max.toFixed(1)}`
      : '-',
    phase.wrk ? phase.wrk.requestsPerSecond.toFixed(0) : '-',
    `${phase.lateness.p50} / ${phase.lateness.p99} / ${phase.lateness.max}`,
    `${phase.loadAverage[0].toFixed(2)} / ${phase.loadAverage[1].toFixed(2)}`,
  ]);
  const bodyBytes = Math.max(...result.phases.map((phase) => phase.poller.bodyBytes));
  return [
    `/api/status at ${result.targets.toLocaleString('en')} targets @ ${result.intervalSeconds}s, after the first interval (br body ${bodyBytes.toLocaleString('en')} B; the first answer, not counted below: ${result.firstAnswerMs} ms)`,
    ...formatTextTable(header, rows),
    '  poller: one keep-alive client, br + If-None-Match, one GET a second, time to the whole compressed body;',
    `  wrk: br without ETag, --timeout ${wrkTimeoutSeconds}s; lateness: /metrics at the phase end, cumulative since start; load avg: 1-minute.`,
  ];
}
