/**
 * The alert storm (issue 9's measured part): 1,000 targets at 10 s all go down, then all come back,
 * while three channels are configured — a webhook (one request per event), a Discord and a Slack
 * channel (grouped messages), the Slack one answering after 2 s — each pointed at a receiver on
 * 127.0.0.1 that counts what arrives. Reports schedule lateness, RSS growth and delivery counts.
 */
import { availableParallelism } from 'node:os';
import { startAlertReceiver, type ReceivedAlerts } from './alert-receiver.ts';
import { parsePrometheusText, readSample, readLatenessMs } from './prometheus-text.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { readMemoryMb } from './proc-stats.ts';
import { startTestbed } from './testbed.ts';

const targets = 1_000;
const intervalSeconds = 10;
const slowAnswerMs = 2_000; // a provider having a bad day, still inside the 10 s request timeout
// Two failed probes (failuresBeforeDown's default) and at most a 3 s grouping window, then a
// 500-event webhook drain: a phase far past this means something is stuck.
const phaseDeadlineMs = 120_000;
const pollMs = 250;

const channels = [
  { name: 'hook', type: 'webhook', delayMs: 0 },
  { name: 'chat', type: 'discord', delayMs: 0 },
  { name: 'slow-chat', type: 'slack', delayMs: slowAnswerMs },
] as const;

/** One channel's deliveries. */
export interface ChannelDeliveries extends ReceivedAlerts {
  readonly name: string;
  readonly type: string;
  readonly delayMs: number;
}

/** Everything the storm measured. */
export interface AlertStormResult {
  readonly targets: number;
  readonly intervalSeconds: number;
  readonly channels: readonly ChannelDeliveries[];
  /** From the flip to the last event of that kind at the slowest receiver (NaN: not all arrived). */
  readonly downPhaseMs: number;
  readonly upPhaseMs: number;
  /** upbeat's /metrics at the end, cumulative since start. */
  readonly latenessMs: { readonly p50: number; readonly p99: number; readonly max: number };
  /** |gap - interval| between two probes of one target, seen by the target server. */
  readonly gapLatenessMs: { readonly p99: number; readonly max: number; readonly count: number };
  /**
   * VmRSS before the first flip, once every down was delivered, and at the end; VmHWM at the end.
   * The first alert is also the process's first `fetch`, which loads undici: growth that stays in
   * the down phase and does not repeat in the up phase is a one-time cost, not a leak.
   */
  readonly rssMb: {
    readonly before: number;
    readonly afterDown: number;
    readonly end: number;
    readonly peak: number;
  };
  /** From the first flip to the end: upbeat's CPU and the machine's other load (it is shared). */
  readonly cpu: { readonly upbeatPercentOfCore: number; readonly otherPercentOfCore: number };
  /** upbeat_alerts_* summed over the channels at the end. */
  readonly queuedAtEnd: number;
  readonly failedDeliveries: number;
}

/** Runs the storm from start to teardown (about two minutes). */
export async function runAlertStorm(): Promise<AlertStormResult> {
  const receivers = await Promise.all(channels.map((channel) => startAlertReceiver(channel)));
  const notifications = channels.map(({ name, type }, index) => ({ name, type, url: receivers[index]!.url }));
  const bed = await startTestbed({ targets, intervalSeconds, seed: false, settings: { notifications } });
  const all = Array.from({ length: targets }, (_, index) => index);
  const reports = () => receivers.map((receiver) => receiver.report());
  try {
    const { upbeat } = bed;
    // every target probed up once, so the flip is a change from up
    await sleep(Math.max(0, upbeat.startedAt + intervalSeconds * 1000 + 2_000 - Date.now()));
    const before = readMemoryMb(upbeat.pid).rssMb;
    const meter = startCpuMeter({
      upbeat: upbeat.pid,
      targetServer: bed.targetServer.pid,
      driver: process.pid,
    });

    const downFrom = Date.now();
    await bed.targetServer.fail(all);
    await waitFor(() => reports().every((report) => report.down >= targets));
    const downPhaseMs = phaseLength(reports(), 'down', downFrom);
    const afterDown = readMemoryMb(upbeat.pid).rssMb;

    const upFrom = Date.now();
    await bed.targetServer.recover(all);
    await waitFor(() => reports().every((report) => report.up >= targets));
    const upPhaseMs = phaseLength(reports(), 'up', upFrom);
    await sleep(intervalSeconds * 1000); // one quiet cycle after the storm: what stays in memory

    const cpu = meter.stop();
    const metrics = parsePrometheusText(await upbeat.fetchText('/metrics'));
    const memory = readMemoryMb(upbeat.pid);
    const lateness = (quantile: string) => readLatenessMs(metrics, quantile);
    const perChannel = (metric: string) =>
      channels.reduce((sum, { name }) => sum + readSample(metrics, metric, `channel="${name}"`), 0);
    const gaps = (await bed.targetServer.report()).gapsMs
      .map((gap) => Math.abs(gap - intervalSeconds * 1000))
      .sort((a, b) => a - b);
    return {
      targets,
      intervalSeconds,
      channels: reports().map((report, index) => ({ ...channels[index]!, ...report })),
      downPhaseMs,
      upPhaseMs,
      latenessMs: { p50: lateness('0.5'), p99: lateness('0.99'), max: lateness('1') },
      gapLatenessMs: {
        p99: gaps[Math.min(gaps.length - 1, Math.floor(0.99 * gaps.length))] ?? Number.NaN,
        max: gaps.at(-1) ?? Number.NaN,
        count: gaps.length,
      },
      rssMb: { before, afterDown, end: memory.rssMb, peak: memory.peakRssMb },
      cpu: { upbeatPercentOfCore: cpu.percentOfCore.upbeat!, otherPercentOfCore: cpu.otherPercentOfCore },
      queuedAtEnd: perChannel('upbeat_alerts_queued'),
      failedDeliveries: perChannel('upbeat_alerts_failed_total'),
    };
  } catch (error) {
    const exit = bed.upbeat.describeExit();
    throw exit ? new Error(exit, { cause: error }) : error;
  } finally {
    await bed.close();
    await Promise.all(receivers.map((receiver) => receiver.close()));
  }
}

/** The storm's figures as lines for the terminal, against the issue's aims. */
export function formatAlertStorm(result: AlertStormResult): string[] {
  const { latenessMs: late, gapLatenessMs: gap, rssMb } = result;
  const seconds = (ms: number) => (Number.isNaN(ms) ? 'not all arrived' : `${(ms / 1000).toFixed(1)} s`);
  return [
    `Alert storm: ${result.targets.toLocaleString('en-US')} targets @ ${result.intervalSeconds}s all down, then all up; three channels on 127.0.0.1`,
    ...result.channels.map(
      (c) =>
        `  ${c.name} (${c.type}${c.delayMs ? `, answers after ${c.delayMs} ms` : ''}): ${c.down} down + ${c.up} up events ` +
        `in ${c.requests} requests, ${c.duplicates} duplicates, ${c.outOfOrder} targets out of order`,
    ),
    `  every event delivered: ${result.channels.every((c) => c.down === result.targets && c.up === result.targets) ? 'yes' : 'NO'} ` +
      `(last down ${seconds(result.downPhaseMs)} after the targets failed, last up ${seconds(result.upPhaseMs)} after they recovered; ` +
      `${result.queuedAtEnd} still queued, ${result.failedDeliveries} failed attempts)`,
    `  probe lateness in upbeat (since start): p50 ${late.p50} ms, p99 ${late.p99} ms, max ${late.max} ms (aim: p99 < 50 ms)`,
    `  probe lateness at the targets (|gap - ${result.intervalSeconds} s|): p99 ${gap.p99} ms, max ${gap.max} ms over ${gap.count} gaps`,
    `  RSS: ${rssMb.before.toFixed(1)} MB before the storm, ${rssMb.afterDown.toFixed(1)} MB once the downs were delivered, ` +
      `${rssMb.end.toFixed(1)} MB after the ups and a quiet cycle (+${(rssMb.end - rssMb.before).toFixed(1)} MB; aim: < 20 MB), peak ${rssMb.peak.toFixed(1)} MB`,
    `  CPU from the first flip to the end: upbeat ${result.cpu.upbeatPercentOfCore.toFixed(1)} % of a core; ` +
      `other load on the machine ${result.cpu.otherPercentOfCore.toFixed(0)} % of a core (of ${availableParallelism() * 100} %)`,
  ];
}

/** From `from` to the slowest receiver's last event of `kind`; NaN when one never got them all. */
function phaseLength(reports: readonly ReceivedAlerts[], kind: 'down' | 'up', from: number): number {
  if (reports.some((report) => report[kind] < targets)) return Number.NaN;
  const lastAt = kind === 'down' ? 'lastDownAt' : 'lastUpAt';
  return Math.max(...reports.map((report) => report[lastAt])) - from;
}

/** Polls `done` until it holds or the phase deadline passes (the result then shows what is missing). */
async function waitFor(done: () => boolean): Promise<void> {
  const deadline = Date.now() + phaseDeadlineMs;
  while (!done() && Date.now() < deadline) await sleep(pollMs);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
