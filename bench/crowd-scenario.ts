/**
 * The crowd at an outage (issue 14): 100 targets every 5 s, N open `/api/events` streams, and
 * `wrk -t2 -c100` on `/` and `/api/status` for 30 s, during which 10 targets go down. Measures
 * probe lateness from the targets' side (gaps between a target's arrivals), upbeat's RSS, and
 * how long after each state change the last open page saw it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEventCrowd, type CrowdReport } from './event-crowd.ts';
import { parsePrometheusText, readLatenessMs } from './prometheus-text.ts';
import { readMemoryMb } from './proc-stats.ts';
import { startTestbed } from './testbed.ts';

/** What to run. */
export interface CrowdScenario {
  readonly id: string;
  readonly streams: number;
  /** upbeat's `live.maxStreams`; undefined keeps its default. */
  readonly maxStreams?: number;
}

/** Everything one crowd run measured. */
export interface CrowdResult {
  readonly id: string;
  readonly streams: number;
  readonly crowd: CrowdReport;
  readonly openSeconds: number;
  /** Target-side lateness: |gap - interval| over every pair of consecutive arrivals, ms. */
  readonly gapLatenessMs: { p50: number; p99: number; max: number; count: number };
  /** upbeat's own schedule lateness (cumulative since start), ms. */
  readonly latenessMs: { p50: number; p99: number; max: number };
  readonly rssMb: { beforeStreams: number; streamsOpen: number; end: number; peak: number };
  /** (RSS with streams open, idle apart from updates - RSS before) / streams open, KB. */
  readonly kbPerStream: number;
  /** Per downed target: ms from its state change (the failing probe at the target) to the last page of the crowd seeing it. */
  readonly deliveryMs: Delivery;
  /** The same for the observer pages (their own process, reading promptly). */
  readonly observerDeliveryMs: Delivery;
  readonly observers: CrowdReport;
  readonly wrk: WrkResult;
}

interface Delivery {
  worst: number;
  targetsSeenByAll: number;
  targetsDowned: number;
}

interface WrkResult {
  requestsPerSecond: number;
  latency: Record<string, string>;
  non2xx3xx: number;
  socketErrors: string;
}

const targets = 100;
const intervalSeconds = 5;
const loadSeconds = 30;
const downed = Array.from({ length: 10 }, (_, index) => index); // targets 0..9 fail from 5 s into the load
const failuresBeforeDown = 2; // the config default: the second failing probe makes the state change
const openPerSecond = 1_000; // a crowd arriving within seconds, without flooding the accept queue
const pagePollMs = 15_000; // what the page does when refused (src/web/live-status.ts)
const observerStreams = 20;

/** Runs one crowd scenario from start to teardown. */
export async function runCrowdScenario(scenario: CrowdScenario): Promise<CrowdResult> {
  const bed = await startTestbed({
    targets,
    intervalSeconds,
    seed: true,
    settings: scenario.maxStreams === undefined ? {} : { live: { maxStreams: scenario.maxStreams } },
  });
  // a few pages in a process of their own, reading promptly: what one visitor's browser sees,
  // apart from the big crowd's process, which on 2 cores falls behind its own thousands of sockets
  const observers = await startEventCrowd();
  const crowd = await startEventCrowd();
  const scriptDir = mkdtempSync(join(tmpdir(), 'upbeat-wrk-'));
  try {
    const { upbeat } = bed;
    await sleep(Math.max(0, upbeat.startedAt + intervalSeconds * 1000 + 2_000 - Date.now()));
    const beforeStreams = readMemoryMb(upbeat.pid).rssMb;
    const openStart = Date.now();
    const open = { origin: upbeat.url, perSecond: openPerSecond, pollMs: pagePollMs };
    await observers.open({ ...open, streams: observerStreams });
    await crowd.open({ ...open, streams: scenario.streams - observerStreams });
    const openSeconds = (Date.now() - openStart) / 1000;
    await sleep(3_000); // let the opening settle (and GC) before reading memory
    const streamsOpen = readMemoryMb(upbeat.pid).rssMb;
    const opened = (await crowd.report()).opened + (await observers.report()).opened;

    const load = runWrk(upbeat.url, scriptDir);
    await sleep(5_000);
    await bed.targetServer.fail(downed);
    const wrk = await load;
    await sleep(2_000); // the last update in flight
    const crowdReport = await crowd.report();
    const observerReport = await observers.report();
    const report = await bed.targetServer.report();
    const metrics = parsePrometheusText(await upbeat.fetchText('/metrics'));
    const memory = readMemoryMb(upbeat.pid);

    const lateness = (quantile: string) => readLatenessMs(metrics, quantile);
    const delivery = (seenBy: CrowdReport): Delivery => {
      let worst = 0;
      let seenByAll = 0;
      for (const index of downed) {
        const changedAt = report.failedArrivals[index]?.[failuresBeforeDown - 1];
        const seen = seenBy.downSeen[`target ${index}`];
        if (changedAt === undefined || !seen) continue;
        worst = Math.max(worst, seen.lastMs - changedAt);
        if (seen.streams === seenBy.stillOpen) seenByAll += 1;
      }
      return { worst, targetsSeenByAll: seenByAll, targetsDowned: downed.length };
    };
    return {
      id: scenario.id,
      streams: scenario.streams,
      crowd: crowdReport,
      openSeconds,
      gapLatenessMs: summarize(report.gapsMs.map((gap) => Math.abs(gap - intervalSeconds * 1000))),
      latenessMs: { p50: lateness('0.5'), p99: lateness('0.99'), max: lateness('1') },
      rssMb: { beforeStreams, streamsOpen, end: memory.rssMb, peak: memory.peakRssMb },
      kbPerStream: opened > 0 ? ((streamsOpen - beforeStreams) * 1024) / opened : Number.NaN,
      deliveryMs: delivery(crowdReport),
      observerDeliveryMs: delivery(observerReport),
      observers: observerReport,
      wrk,
    };
  } catch (error) {
    const exit = bed.upbeat.describeExit();
    throw exit ? new Error(exit, { cause: error }) : error;
  } finally {
    await crowd.stop();
    await observers.stop();
    await bed.close();
    rmSync(scriptDir, { recursive: true, force: true });
  }
}

/** `wrk -t2 -c100 -d30s` alternating `/` and `/api/status`, as browsers asking for compression. */
function runWrk(origin: string, scriptDir: string): Promise<WrkResult> {
  const script = join(scriptDir, 'page-and-status.lua');
  writeFileSync(
    script,
    [
      'wrk.headers["Accept-Encoding"] = "gzip, deflate, br"',
      'local n = 0',
      'request = function()',
      '  n = n + 1',
      '  return wrk.format("GET", n % 2 == 0 and "/" or "/api/status")',
      'end',
    ].join('\n'),
  );
  const args = ['-t2', '-c100', `-d${loadSeconds}s`, '--latency', '-s', script, origin];
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`wrk exited with ${code}:\n${out}`));
      const latency: Record<string, string> = {};
      for (const match of out.matchAll(/^\s+(50|90|99)%\s+(\S+)/gm)) latency[`p${match[1]}`] = match[2]!;
      resolve({
        requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN),
        latency,
        non2xx3xx: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
        socketErrors: /Socket errors: (.*)/.exec(out)?.[1] ?? 'none',
      });
    });
  });
}

function summarize(values: number[]): { p50: number; p99: number; max: number; count: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? Number.NaN, count: sorted.length };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
